import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { BoxInfo } from '../../../electron/shared/schemas/box';
import type { PairingWatchProgress } from '../../../electron/shared/schemas/pairing';
import type { WatchPhase } from '../wizard/connect-watch-state';
import { RestartProgress } from './restart-progress';
import { FailureNotice } from './failure-notice';

/*
 * The box pairing itself, watched: its pairing code in large characters with the clicks in
 * Odoo (or, for "Let Odoo find it", the one click), what the box shows now, how often it is
 * read, and — when the code cannot be used — why, with the next action.
 */

export type ConnectWatchActions = {
  readonly onNewCode: () => void;
  readonly onUseToken: () => void;
  readonly onRetry: () => void;
  /** Already connected meanwhile: go on with the database the box reports. */
  readonly onUseAsIs: (serverUrl: string) => void;
};

/** The code, large and spaced for reading aloud or typing, with a copy button. */
function PairingCode({ code }: { code: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const copy = (): void => {
    void navigator.clipboard.writeText(code).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <div className="pairing-code">
      <dl className="pairing-code-shown">
        <dt className="visually-hidden">{t('connect.code.label')}</dt>
        <dd className="pairing-code-value">{code}</dd>
      </dl>
      <button type="button" onClick={copy}>
        {t('connect.code.copy')}
      </button>
      <p aria-live="polite" className="live-region">
        {copied ? t('connect.code.copied') : ''}
      </p>
    </div>
  );
}

/** The clicks in Odoo's IoT app, with Odoo's own labels. */
function CodeSteps() {
  const { t } = useTranslation();
  return (
    <>
      <p>{t('connect.code.stepsTitle')}</p>
      <ol className="pairing-steps">
        <li>{t('connect.code.step1')}</li>
        <li>{t('connect.code.step2')}</li>
        <li>{t('connect.code.step3')}</li>
      </ol>
      <p className="muted">
        {t('connect.code.validity')} {t('connect.code.olderNote')}
      </p>
    </>
  );
}

/** How often the box is read, so a quiet screen never looks stuck. */
function Checks({ progress }: { progress: PairingWatchProgress | null }) {
  const { t } = useTranslation();
  return (
    <p className="muted pairing-checks">
      {progress === null
        ? t('connect.watch.starting')
        : t('connect.watch.checks', {
            count: progress.polls,
            seconds: Math.round(progress.elapsedMs / 1000),
          })}
    </p>
  );
}

type ViewProps<P extends WatchPhase> = {
  box: BoxInfo;
  method: 'code' | 'find';
  phase: P;
  actions: ConnectWatchActions;
};

function Watching({
  box,
  method,
  phase,
  actions,
}: ViewProps<Extract<WatchPhase, { kind: 'watching' }>>) {
  const { t } = useTranslation();
  const { progress } = phase;
  const code = progress?.pairingCode ?? box.pairingCode;
  const state = progress?.state ?? (code === null ? 'waiting' : 'code');
  if (state === 'connected') {
    return (
      <div className="pairing-watch">
        <p className="connect-ok" role="status">
          {t('connect.watch.connected', { server: progress?.serverUrl ?? '' })}
        </p>
        {phase.restart !== null && <RestartProgress progress={phase.restart} />}
      </div>
    );
  }
  return (
    <div className="pairing-watch">
      {method === 'find' ? (
        <>
          <ol className="pairing-steps">
            <li>{t('connect.find.step1')}</li>
            <li>{t('connect.find.step2', { identifier: box.identifier ?? '—' })}</li>
          </ol>
          {code !== null && <p>{t('connect.find.fallback', { code })}</p>}
        </>
      ) : (
        code !== null &&
        state === 'code' && (
          <>
            <PairingCode code={code} />
            <CodeSteps />
          </>
        )
      )}
      <div aria-live="polite" className="live-region" role="status">
        {state === 'waiting' && <p>{t('connect.watch.waiting')}</p>}
        {state === 'code' && <p>{t('connect.watch.waitingOdoo')}</p>}
      </div>
      {state === 'no-code' && (
        <>
          <FailureNotice failure={{ code: 'pairing-no-code' }} />
          <div className="actions">
            <button type="button" onClick={actions.onUseToken}>
              {t('connect.watch.useToken')}
            </button>
            <button type="button" onClick={actions.onNewCode}>
              {t('connect.watch.newCode')}
            </button>
          </div>
        </>
      )}
      <Checks progress={progress} />
    </div>
  );
}

function Failed({
  phase,
  actions,
}: {
  phase: Extract<WatchPhase, { kind: 'watch-failed' }>;
  actions: ConnectWatchActions;
}) {
  const { t } = useTranslation();
  const { error } = phase;
  const connectedTo = error.code === 'pairing-already-connected' ? (error.detail ?? '') : null;
  return (
    <div className="pairing-watch">
      <FailureNotice failure={error} />
      {connectedTo !== null && <p>{t('connect.watch.connectedTo', { server: connectedTo })}</p>}
      <div className="actions">
        {error.code === 'pairing-code-expired' && (
          <button type="button" className="primary" onClick={actions.onNewCode}>
            {t('connect.watch.newCode')}
          </button>
        )}
        {connectedTo !== null ? (
          <button type="button" className="primary" onClick={() => actions.onUseAsIs(connectedTo)}>
            {t('connect.watch.useAsIs')}
          </button>
        ) : (
          error.code !== 'pairing-access-point' && (
            <>
              {error.code !== 'pairing-code-expired' && (
                <button type="button" onClick={actions.onRetry}>
                  {t('connect.watch.retry')}
                </button>
              )}
              <button type="button" onClick={actions.onUseToken}>
                {t('connect.watch.useToken')}
              </button>
            </>
          )
        )}
      </div>
    </div>
  );
}

export function ConnectWatch({ box, method, phase, actions }: ViewProps<WatchPhase>) {
  const { t } = useTranslation();
  switch (phase.kind) {
    case 'watching':
      return <Watching box={box} method={method} phase={phase} actions={actions} />;
    case 'renewing':
      return (
        <div className="pairing-watch">
          <p>{t('connect.watch.renewing')}</p>
          <RestartProgress progress={phase.progress} />
        </div>
      );
    case 'watch-failed':
      return <Failed phase={phase} actions={actions} />;
  }
}

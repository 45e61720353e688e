import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';

import type { BoxInfo } from '../../../../electron/shared/schemas/box';
import { ConnectBoxStatus } from '../../components/connect-box-status';
import { ConnectMethodChoice } from '../../components/connect-method-choice';
import { RestartProgress } from '../../components/restart-progress';
import { ConnectSignInForm } from '../../components/connect-sign-in-form';
import { ConnectSummary } from '../../components/connect-summary';
import { ConnectTokenForm } from '../../components/connect-token-form';
import { ConnectWatch } from '../../components/connect-watch';
import { FailureNotice } from '../../components/failure-notice';
import { RememberedDatabases } from '../../components/remembered-databases';
import { ReportActions } from '../../components/report-actions';
import { StepHeading } from '../../components/step-heading';
import { BackAndCancel, StepActions } from '../../components/step-actions';
import {
  boxAddress,
  canSend,
  connectBusy,
  isWatchMethod,
  signInReady,
  tokenReady,
  type ConnectPairing,
  type ConnectPhase,
} from '../connect-state';
import type { ConnectPairingApi } from '../use-connect-pairing';
import { formatBoxAddress } from '../../../../electron/shared/box-address';
import { useBoxName } from '../../messages/use-box-name';

const VIEW_TITLES = {
  connected: 'connect.status.already',
  editing: 'connect.methodLegend',
  reading: 'connect.methodLegend',
  watching: 'connect.methodLegend',
  renewing: 'connect.methodLegend',
  'watch-failed': 'connect.methodLegend',
  review: 'connect.summary.title',
  sending: 'connect.progress.title',
  done: 'connect.status.done',
  failed: 'connect.failedTitle',
} as const satisfies Record<ConnectPhase['kind'], string>;

/**
 * "Connect to your database": the ways, best first — the box's pairing code, Odoo finding the
 * box, a token from the IoT app, signing in to the database. The first two are watched until the
 * box reports a database; the others show a masked summary of what will be sent, the box's
 * restart, and its new status.
 */
export function ConnectStep({
  box,
  pairing,
  actions,
  onContinue,
  onBack,
  onCancel,
}: {
  box: BoxInfo;
  pairing: ConnectPairing;
  actions: ConnectPairingApi;
  onContinue: (box: BoxInfo) => void;
  onBack: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const nameOf = useBoxName();
  const { phase, draft } = pairing;
  const busy = connectBusy(phase);
  const headingId = useId();
  const formId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const title = VIEW_TITLES[phase.kind];
  const shownTitle = useRef(title);

  // The button that was pressed disappears with its view: move focus to the new view's heading.
  // Choosing a way, signing in or watching stays in one view (focus stays on the choice or the
  // form, and live regions speak).
  useEffect(() => {
    if (shownTitle.current !== title) {
      shownTitle.current = title;
      heading.current?.focus();
    }
  }, [title]);

  const remember = draft.remember && actions.canRemember;
  const send = (plan: Parameters<ConnectPairingApi['send']>[1]): void =>
    actions.send(box, plan, plan.method === 'sign-in' && remember);

  return (
    <section className="step">
      <StepHeading>{t('steps.connect')}</StepHeading>
      <p>{t('connect.intro')}</p>
      <p className="muted">
        {t('connect.box', {
          name: nameOf(box),
          address: formatBoxAddress(box.address),
        })}
      </p>
      <h3 id={headingId} ref={heading} tabIndex={-1} className="connect-view-heading">
        {t(title)}
      </h3>

      {phase.kind === 'connected' && (
        <>
          <ConnectBoxStatus box={box} />
          <p>{t('connect.status.disconnect')}</p>
        </>
      )}

      {(phase.kind === 'watching' ||
        phase.kind === 'renewing' ||
        phase.kind === 'watch-failed') && (
        <>
          <ConnectMethodChoice
            value={draft.method}
            labelledBy={headingId}
            disabled={busy}
            onChange={(method) => actions.editDraft({ method })}
          />
          {isWatchMethod(draft.method) && (
            <ConnectWatch
              box={box}
              method={draft.method}
              phase={phase}
              actions={{
                onNewCode: () => actions.renewCode(box),
                onUseToken: () => actions.editDraft({ method: 'token' }),
                onRetry: actions.retryWatch,
                onUseAsIs: (serverUrl) => actions.keepConnection(box, serverUrl),
              }}
            />
          )}
        </>
      )}

      {(phase.kind === 'editing' || phase.kind === 'reading') && (
        <>
          {phase.kind === 'editing' && (
            <RememberedDatabases
              entries={actions.remembered}
              onUse={actions.recallRemembered}
              onForget={actions.forgetRemembered}
            />
          )}
          <ConnectMethodChoice
            value={draft.method}
            labelledBy={headingId}
            disabled={phase.kind === 'reading'}
            onChange={(method) => actions.editDraft({ method })}
          />
          {draft.method === 'token' ? (
            <ConnectTokenForm
              id={formId}
              token={draft.token}
              check={pairing.tokenCheck}
              onChange={(token) => actions.editDraft({ token })}
              onReview={actions.reviewToken}
            />
          ) : (
            <ConnectSignInForm
              id={formId}
              draft={draft}
              reading={phase.kind === 'reading'}
              problem={phase.kind === 'editing' ? phase.problem : null}
              onChange={actions.editDraft}
              onSubmit={(options) => actions.readCredentials(draft, options)}
            />
          )}
        </>
      )}

      {(phase.kind === 'review' || phase.kind === 'failed') && (
        <ConnectSummary
          box={box}
          plan={phase.plan}
          remember={draft.remember}
          canRemember={actions.canRemember}
          onRememberChange={actions.setRemember}
        />
      )}
      {phase.kind === 'failed' && (
        <>
          <div aria-live="polite" className="live-region">
            <FailureNotice failure={phase.error} />
          </div>
          <ReportActions target={boxAddress(box)} />
        </>
      )}

      {phase.kind === 'sending' && <RestartProgress progress={phase.progress} />}

      {phase.kind === 'done' && (
        <div aria-live="polite" className="live-region">
          {phase.outcome.before.api !== phase.outcome.box.api && (
            <p>
              {t('connect.status.updatedVersion', { api: phase.outcome.box.api.toUpperCase() })}
            </p>
          )}
          <ConnectBoxStatus box={phase.outcome.box} />
        </div>
      )}

      <StepActions>
        <BackAndCancel busy={busy} onBack={onBack} onCancel={onCancel} />
        {(phase.kind === 'editing' || phase.kind === 'reading') && draft.method === 'token' && (
          <button
            type="submit"
            form={formId}
            className="primary"
            disabled={!tokenReady(pairing.tokenCheck)}
          >
            {t('connect.token.review')}
          </button>
        )}
        {(phase.kind === 'editing' || phase.kind === 'reading') && draft.method === 'sign-in' && (
          <button
            type="submit"
            form={formId}
            className="primary"
            disabled={!signInReady(draft, phase.kind === 'reading')}
          >
            {t('connect.signIn.submit')}
          </button>
        )}
        {phase.kind === 'connected' && (
          <>
            <button type="button" onClick={actions.reconfigure}>
              {t('connect.reconfigure')}
            </button>
            <button type="button" className="primary" onClick={() => onContinue(box)}>
              {t('connect.skip')}
            </button>
          </>
        )}
        {(phase.kind === 'review' || phase.kind === 'failed') && (
          <>
            <button type="button" onClick={actions.editPlan}>
              {t('connect.summary.change')}
            </button>
            <button
              type="button"
              className="primary"
              disabled={!canSend(phase.plan)}
              onClick={() => send(phase.plan)}
            >
              {phase.kind === 'failed' ? t('connect.retry') : t('connect.summary.send')}
            </button>
          </>
        )}
        {phase.kind === 'done' && (
          <button type="button" className="primary" onClick={() => onContinue(phase.outcome.box)}>
            {t('connect.continue')}
          </button>
        )}
      </StepActions>
    </section>
  );
}

import { useId, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

import type { BoxInfo } from '../../../../electron/shared/schemas/box';
import { FailureNotice } from '../../components/failure-notice';
import { StepHeading } from '../../components/step-heading';
import { BackAndCancel, StepActions } from '../../components/step-actions';
import { canSendWifi, type WifiDraft, type WifiView } from '../wifi-state';
import { formatBoxAddress } from '../../../../electron/shared/box-address';

/** The phases after sending, where the form gives way to what to do next. */
const AFTER_SENDING: ReadonlySet<WifiView['phase']['kind']> = new Set([
  'sent',
  'searching',
  'joined',
  'not-found',
]);

/**
 * "Wi-Fi": a box in access-point mode learns the shop's network. The box closes its own network
 * before it can answer, so the step then asks the user to rejoin the shop network and finds the
 * same box there: only that says whether it joined.
 */
export function WifiStep({
  box,
  wifi,
  onEdit,
  onSend,
  onSkip,
  onFindAgain,
  onContinue,
  onBack,
  onCancel,
}: {
  box: BoxInfo;
  wifi: WifiView;
  onEdit: (patch: Partial<WifiDraft>) => void;
  onSend: (box: BoxInfo, draft: WifiDraft) => void;
  onSkip: () => void;
  onFindAgain: (original: BoxInfo) => void;
  onContinue: () => void;
  onBack: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const essidId = useId();
  const passwordId = useId();
  const { draft, phase } = wifi;
  const busy = phase.kind === 'sending' || phase.kind === 'searching';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!busy && canSendWifi(draft)) {
      onSend(box, draft);
    }
  };
  return (
    <section className="step">
      <StepHeading>{t('wifi.title')}</StepHeading>
      <p>{t('wifi.intro')}</p>
      {!AFTER_SENDING.has(phase.kind) && (
        <form className="wifi-form" onSubmit={submit}>
          <div className="field">
            <label htmlFor={essidId}>{t('wifi.essid')}</label>
            <input
              id={essidId}
              value={draft.essid}
              disabled={busy}
              autoComplete="off"
              spellCheck={false}
              onChange={(event) => onEdit({ essid: event.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor={passwordId}>{t('wifi.password')}</label>
            <input
              id={passwordId}
              type="password"
              value={draft.password}
              disabled={busy}
              autoComplete="off"
              onChange={(event) => onEdit({ password: event.target.value })}
            />
          </div>
          <button type="submit" className="primary" disabled={busy || !canSendWifi(draft)}>
            {t('wifi.send')}
          </button>
        </form>
      )}
      <div aria-live="polite" className="live-region">
        {phase.kind === 'sending' && <p role="status">{t('wifi.sending')}</p>}
        {phase.kind === 'editing' && phase.problem !== null && (
          <FailureNotice failure={phase.problem} />
        )}
        {phase.kind === 'sent' && (
          <div className="notice notice-ok">
            <p className="notice-title">{t('wifi.sentTitle', { essid: phase.essid })}</p>
            {!phase.replied && <p>{t('wifi.sentNoReply')}</p>}
            <p>{t('wifi.sentNext', { essid: phase.essid })}</p>
          </div>
        )}
        {phase.kind === 'searching' && (
          <p role="status">{t('wifi.searching', { essid: phase.essid })}</p>
        )}
        {phase.kind === 'joined' && (
          <div className="notice notice-ok">
            <p className="notice-title">{t('wifi.joinedTitle', { essid: phase.essid })}</p>
            <p>{t('wifi.joinedText', { address: formatBoxAddress(phase.box.address) })}</p>
          </div>
        )}
        {phase.kind === 'not-joined' && (
          <div className="notice notice-problem" role="alert">
            <p className="notice-title">{t('wifi.notJoinedTitle', { essid: phase.essid })}</p>
            <p>{t('wifi.notJoinedText')}</p>
          </div>
        )}
        {phase.kind === 'not-found' && (
          <div className="notice notice-problem" role="alert">
            <p className="notice-title">{t('wifi.notFoundTitle')}</p>
            <p>{t('wifi.notFoundText', { essid: phase.essid })}</p>
          </div>
        )}
      </div>
      <StepActions>
        <BackAndCancel busy={busy} onBack={onBack} onCancel={onCancel} />
        {phase.kind === 'editing' && (
          <button type="button" onClick={onSkip}>
            {t('wifi.skip')}
          </button>
        )}
        {phase.kind === 'sent' && (
          <button type="button" className="primary" onClick={() => onFindAgain(box)}>
            {t('wifi.findAgain')}
          </button>
        )}
        {phase.kind === 'not-found' && (
          <button type="button" className="primary" onClick={() => onFindAgain(box)}>
            {t('wifi.searchAgain')}
          </button>
        )}
        {phase.kind === 'joined' && (
          <button type="button" className="primary" onClick={onContinue}>
            {t('steps.continue')}
          </button>
        )}
      </StepActions>
    </section>
  );
}

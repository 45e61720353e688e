import { useId, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

import type { BoxInfo } from '../../../../electron/shared/schemas/box';
import { FailureNotice } from '../../components/failure-notice';
import { StepHeading } from '../../components/step-heading';
import { canSendWifi, type WifiDraft, type WifiView } from '../wifi-state';

/** "Wi-Fi": a box in access-point mode learns the shop's network, then is found again there. */
export function WifiStep({
  box,
  wifi,
  onEdit,
  onSend,
  onSkip,
  onFindAgain,
  onBack,
  onCancel,
}: {
  box: BoxInfo;
  wifi: WifiView;
  onEdit: (patch: Partial<WifiDraft>) => void;
  onSend: (box: BoxInfo, draft: WifiDraft) => void;
  onSkip: () => void;
  onFindAgain: () => void;
  onBack: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const essidId = useId();
  const passwordId = useId();
  const { draft, phase } = wifi;
  const sending = phase.kind === 'sending';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!sending && canSendWifi(draft)) {
      onSend(box, draft);
    }
  };
  return (
    <section className="step">
      <StepHeading>{t('wifi.title')}</StepHeading>
      <p>{t('wifi.intro')}</p>
      {phase.kind !== 'sent' && (
        <form className="wifi-form" onSubmit={submit}>
          <div className="field">
            <label htmlFor={essidId}>{t('wifi.essid')}</label>
            <input
              id={essidId}
              value={draft.essid}
              disabled={sending}
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
              disabled={sending}
              autoComplete="off"
              onChange={(event) => onEdit({ password: event.target.value })}
            />
          </div>
          <button type="submit" className="primary" disabled={sending || !canSendWifi(draft)}>
            {t('wifi.send')}
          </button>
        </form>
      )}
      <div aria-live="polite" className="live-region">
        {sending && <p role="status">{t('wifi.sending')}</p>}
        {phase.kind === 'editing' && phase.problem !== null && (
          <FailureNotice failure={phase.problem} />
        )}
        {phase.kind === 'sent' && (
          <div className="notice notice-ok">
            <p className="notice-title">{t('wifi.sentTitle', { essid: phase.essid })}</p>
            <p>{t('wifi.sentNext')}</p>
          </div>
        )}
      </div>
      <div className="actions">
        <button type="button" onClick={onBack} disabled={sending}>
          {t('steps.back')}
        </button>
        <button type="button" onClick={onCancel} disabled={sending}>
          {t('steps.cancel')}
        </button>
        {phase.kind === 'editing' && (
          <button type="button" onClick={onSkip}>
            {t('wifi.skip')}
          </button>
        )}
        {phase.kind === 'sent' && (
          <button type="button" className="primary" onClick={onFindAgain}>
            {t('wifi.findAgain')}
          </button>
        )}
      </div>
    </section>
  );
}

import { useTranslation } from 'react-i18next';

import { formatDate } from '../format';
import { DnsRestoreResults, PromptWaiting } from './dns-change-panel';
import { DnsForget } from './dns-forget';
import { FailureNotice } from './failure-notice';
import { useDnsUndo } from './use-dns-undo';

/** The DNS undo in Settings: "Restore what the assistant changed", or Forget when it cannot. */
export function SettingsDnsUndo() {
  const { t, i18n } = useTranslation();
  const {
    journal,
    problem,
    restorable: open,
    forgettable,
    promptWaiting,
    view,
    restore,
    forget,
  } = useDnsUndo();
  return (
    <div className="field settings-dns">
      <h3>{t('settings.dnsUndo.title')}</h3>
      <p className="muted">
        {open && journal
          ? t('settings.dnsUndo.open', { date: formatDate(journal.createdAt, i18n.language) })
          : t('settings.dnsUndo.none')}
      </p>
      <button type="button" onClick={restore} disabled={!open || view.status === 'restoring'}>
        {t('settings.dnsUndo.restore')}
      </button>
      <div aria-live="polite" className="live-region">
        {view.status === 'restoring' && <p>{t('settings.dnsUndo.restoring')}</p>}
        {view.status === 'restoring' && promptWaiting && <PromptWaiting />}
        {view.status === 'restored' && (
          <div className="notice notice-ok">
            <p>{t('settings.dnsUndo.restored')}</p>
            <DnsRestoreResults summary={view.summary} />
          </div>
        )}
        {view.status === 'forgotten' && (
          <p className="notice notice-ok">{t('settings.dnsUndo.forgotten')}</p>
        )}
        {view.status === 'failed' && <FailureNotice failure={view.error} />}
        {view.status === 'idle' && problem && <FailureNotice failure={problem} />}
        {view.status === 'failed' && journal && <DnsRestoreResults summary={journal} />}
        {forgettable && <DnsForget journal={journal} onForget={forget} />}
      </div>
    </div>
  );
}

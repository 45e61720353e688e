import { useTranslation } from 'react-i18next';

import { formatDate } from '../format';
import { FailureNotice } from './failure-notice';
import { useDnsUndo } from './use-dns-undo';

/** The DNS undo in Settings: "Restore what the assistant changed", when there is something. */
export function SettingsDnsUndo() {
  const { t, i18n } = useTranslation();
  const { journal, restorable: open, view, restore } = useDnsUndo();
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
        {view.status === 'restored' && (
          <p className="notice notice-ok">{t('settings.dnsUndo.restored')}</p>
        )}
        {view.status === 'failed' && <FailureNotice failure={view.error} />}
      </div>
    </div>
  );
}

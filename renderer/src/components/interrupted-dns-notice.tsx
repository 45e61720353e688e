import { useTranslation } from 'react-i18next';

import { formatDate } from '../format';
import { FailureNotice } from './failure-notice';
import { useDnsUndo } from './use-dns-undo';

/**
 * Shown at start when the assistant was closed in the middle of changing this computer's DNS
 * (the change journal is still open): one click puts the saved settings back exactly.
 */
export function InterruptedDnsNotice() {
  const { t, i18n } = useTranslation();
  const { journal, interrupted, view, restore } = useDnsUndo();
  if (!(interrupted && journal) && view.status === 'idle') {
    return null;
  }
  return (
    <div
      className="notice notice-problem interrupted-dns"
      role="region"
      aria-live="polite"
      aria-label={t('welcome.interruptedDns.title')}
    >
      {view.status === 'restored' ? (
        <p className="notice-title">{t('settings.dnsUndo.restored')}</p>
      ) : (
        <>
          <p className="notice-title">{t('welcome.interruptedDns.title')}</p>
          <p>
            {t('welcome.interruptedDns.description', {
              date: journal ? formatDate(journal.createdAt, i18n.language) : '',
            })}
          </p>
          <button
            type="button"
            className="primary"
            onClick={restore}
            disabled={view.status === 'restoring'}
          >
            {t('settings.dnsUndo.restore')}
          </button>
          {view.status === 'restoring' && <p>{t('settings.dnsUndo.restoring')}</p>}
          {view.status === 'failed' && <FailureNotice failure={view.error} />}
        </>
      )}
    </div>
  );
}

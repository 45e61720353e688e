import { useTranslation } from 'react-i18next';

import { formatDate } from '../format';
import { DnsRestoreResults, PromptWaiting } from './dns-change-panel';
import { DnsForget } from './dns-forget';
import { FailureNotice } from './failure-notice';
import { useDnsUndo } from './use-dns-undo';

/**
 * Shown at start when the assistant was closed in the middle of changing this computer's DNS
 * (the change journal is still open): one click puts the saved settings back exactly.
 */
export function InterruptedDnsNotice() {
  const { t, i18n } = useTranslation();
  const { journal, problem, interrupted, forgettable, promptWaiting, view, restore, forget } =
    useDnsUndo();
  if (view.status === 'idle' && problem && forgettable) {
    // The saved record was changed outside the assistant (or cannot be read): say so at start.
    return (
      <div className="interrupted-dns" role="region" aria-label={t('welcome.interruptedDns.title')}>
        <FailureNotice failure={problem} />
        <DnsForget journal={journal} onForget={forget} />
      </div>
    );
  }
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
      {view.status === 'restored' || view.status === 'forgotten' ? (
        <>
          <p className="notice-title">
            {t(
              view.status === 'restored'
                ? 'settings.dnsUndo.restored'
                : 'settings.dnsUndo.forgotten',
            )}
          </p>
          {view.status === 'restored' && <DnsRestoreResults summary={view.summary} />}
        </>
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
          {view.status === 'restoring' && promptWaiting && <PromptWaiting />}
          {view.status === 'failed' && <FailureNotice failure={view.error} />}
          {view.status === 'failed' && journal && <DnsRestoreResults summary={journal} />}
          {forgettable && <DnsForget journal={journal} onForget={forget} />}
        </>
      )}
    </div>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { DnsFamilyConfig, DnsJournalSummary } from '../../../electron/shared/schemas/dns';

/**
 * "Forget this change", for a record that can no longer be restored: a clear warning first, with
 * what was saved (so the user can set it back by hand), then an explicit confirmation.
 */
export function DnsForget({
  journal,
  onForget,
}: {
  journal: DnsJournalSummary | null;
  onForget: () => void;
}) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const family = (config: DnsFamilyConfig | null) =>
    config === null
      ? '-'
      : config.mode === 'automatic'
        ? t('settings.dnsUndo.automatic')
        : config.servers.join(', ') || '-';
  if (!asking) {
    return (
      <button type="button" onClick={() => setAsking(true)}>
        {t('settings.dnsUndo.forget')}
      </button>
    );
  }
  return (
    <div className="notice notice-warning dns-forget" role="alert">
      <p>{t('settings.dnsUndo.forgetWarning')}</p>
      {journal && journal.adapters.length > 0 && (
        <>
          <p>{t('settings.dnsUndo.saved')}</p>
          <ul>
            {journal.adapters.map((adapter) => (
              <li key={adapter.label}>
                {adapter.label}: IPv4 {family(adapter.ipv4)}; IPv6 {family(adapter.ipv6)}
              </li>
            ))}
          </ul>
        </>
      )}
      <div className="actions">
        <button type="button" className="primary" onClick={onForget}>
          {t('settings.dnsUndo.forgetConfirm')}
        </button>
        <button type="button" onClick={() => setAsking(false)}>
          {t('dns.change.cancel')}
        </button>
      </div>
    </div>
  );
}

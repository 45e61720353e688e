import { useTranslation } from 'react-i18next';

import type { DnsReport } from '../../../electron/shared/schemas/dns';

/** What each resolver answered: collapsed by default, for technicians and support. */
export function DnsEvidence({ report }: { report: DnsReport }) {
  const { t } = useTranslation();
  return (
    <details className="dns-evidence">
      <summary>{t('dns.evidence.summary')}</summary>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('dns.evidence.asked')}</th>
            <th scope="col">{t('dns.evidence.address')}</th>
            <th scope="col">{t('dns.evidence.answer')}</th>
            <th scope="col">{t('dns.evidence.time')}</th>
          </tr>
        </thead>
        <tbody>
          {report.probes.map((probe) => (
            <tr key={`${probe.roles.join('+')}-${probe.address}`}>
              <td>{probe.roles.map((role) => t(`dns.evidence.role.${role}`)).join(' / ')}</td>
              <td>
                <code>{probe.address}</code>
              </td>
              <td>
                {t(`dns.evidence.outcome.${probe.outcome}`, {
                  addresses: probe.addresses.join(', '),
                  error: probe.error ?? '',
                })}
              </td>
              <td>{t('dns.evidence.ms', { ms: probe.ms })}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">
        {t('dns.evidence.router', { family: t(`dns.family.${report.router.family}`) })}
      </p>
    </details>
  );
}

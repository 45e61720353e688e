import { useTranslation } from 'react-i18next';

import type { DnsFixPlan, DnsReport } from '../../../electron/shared/schemas/dns';
import { DeviceCheckEntry } from './device-check-dialog';

/** Odoo's port on every box; the DNS report names the box by address only. */
const BOX_PORT = 8069;

const GUIDES = ['windows', 'macos', 'ios', 'android', 'chromeos'] as const;

/** The fixes, simplest first, each with why it helps; "this computer" can be applied here. */
export function DnsPlanList({
  report,
  plans,
  busy,
  onApply,
}: {
  report: DnsReport;
  plans: readonly DnsFixPlan[];
  busy: boolean;
  onApply: () => void;
}) {
  const { t } = useTranslation();
  if (plans.length === 0) {
    return null;
  }
  return (
    <section className="dns-plans" aria-labelledby="dns-plans-title">
      <h3 id="dns-plans-title">{t('dns.plans.title')}</h3>
      <ol>
        {plans.map((plan) => (
          <li key={plan.kind} className="dns-plan">
            <h4>{t(`dns.plans.${plan.kind}.title`)}</h4>
            <p>{t(`dns.plans.${plan.kind}.why`)}</p>
            {plan.kind === 'router-exception' && (
              <p>
                {t(`dns.router.${plan.routerFamily ?? 'unknown'}`, {
                  setting: plan.setting ?? '',
                  router: report.router.address ?? '192.168.1.1',
                })}
              </p>
            )}
            {plan.kind === 'router-dhcp-google' && (
              <>
                <p>
                  {t('dns.plans.router-dhcp-google.steps', { servers: plan.servers.join(', ') })}
                </p>
                <p className="notice notice-warning">{t('dns.plans.router-dhcp-google.warning')}</p>
              </>
            )}
            {plan.kind === 'this-device' &&
              (plan.automatic ? (
                <>
                  <p className="muted">{t('dns.plans.this-device.prompt')}</p>
                  <button type="button" className="primary" onClick={onApply} disabled={busy}>
                    {t('dns.plans.this-device.apply')}
                  </button>
                </>
              ) : (
                <p>{t('dns.plans.this-device.manual')}</p>
              ))}
            {plan.kind === 'other-devices' && (
              <>
                <dl className="dns-guides">
                  {GUIDES.map((guide) => (
                    <div key={guide}>
                      <dt>{t(`dns.guides.${guide}.title`)}</dt>
                      <dd>{t(`dns.guides.${guide}.steps`)}</dd>
                    </div>
                  ))}
                </dl>
                <button type="button" onClick={() => window.print()}>
                  {t('dns.plans.other-devices.print')}
                </button>
                <p className="muted">{t('deviceCheck.onlyThese')}</p>
                <DeviceCheckEntry
                  box={{ ip: report.expectedIp, port: BOX_PORT, name: report.name }}
                  thisComputer={report.verdict === 'ok' ? 'ok' : 'problem'}
                />
              </>
            )}
            {plan.kind === 'hosts-file' && (
              <>
                <p>{t('dns.plans.hosts-file.steps')}</p>
                <pre>
                  <code>{plan.hostsLine}</code>
                </pre>
              </>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

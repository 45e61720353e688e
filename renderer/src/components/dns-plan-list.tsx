import { useTranslation } from 'react-i18next';

import { DEVICE_GUIDES, planGuide, type GuideText } from '../../../electron/shared/dns-guidance';
import type { DnsFixKind, DnsFixPlan, DnsReport } from '../../../electron/shared/schemas/dns';
import { DeviceCheckEntry } from './device-check-dialog';

/** Odoo's port on every box; the DNS report names the box by address only. */
const BOX_PORT = 8069;

/**
 * The fixes, in the order that works on this router, each with why it helps, the router's own
 * menu path and a "check again" once done; "this computer" can be applied here. The first is
 * open; the others are one click away, so the page shows one way at a time rather than all.
 */
export function DnsPlanList({
  report,
  plans,
  busy,
  checking,
  onApply,
  onTried,
}: {
  report: DnsReport;
  plans: readonly DnsFixPlan[];
  busy: boolean;
  checking: boolean;
  onApply: () => void;
  /** The user made this change: check again and say whether it fixed it. */
  onTried: (kind: DnsFixKind) => void;
}) {
  const { t } = useTranslation();
  const say = (text: GuideText) => t(text.key, text.values ?? {});
  if (plans.length === 0) {
    return null;
  }
  return (
    <section className="dns-plans" aria-labelledby="dns-plans-title">
      <h3 id="dns-plans-title">{t('dns.plans.title')}</h3>
      <ol>
        {plans.map((plan, index) => {
          const guide = planGuide(plan, report);
          return (
            <li key={plan.kind} className="dns-plan">
              <details open={index === 0}>
                <summary>
                  <h4>{say(guide.title)}</h4>
                </summary>
                {guide.steps.map((step) => (
                  <p key={step.key}>{say(step)}</p>
                ))}
                {guide.notes.map((note) => (
                  <p key={note.key} className="muted">
                    {say(note)}
                  </p>
                ))}
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
                      {DEVICE_GUIDES.map((device) => (
                        <div key={device}>
                          <dt>{t(`dns.guides.${device}.title`)}</dt>
                          <dd>{t(`dns.guides.${device}.steps`)}</dd>
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
                  <pre>
                    <code>{plan.hostsLine}</code>
                  </pre>
                )}
                {plan.routerFamily !== null && plan.kind !== 'dhcp-reservation' && (
                  <button type="button" onClick={() => onTried(plan.kind)} disabled={checking}>
                    {t('dns.plans.tried')}
                  </button>
                )}
              </details>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

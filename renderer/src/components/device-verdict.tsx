import { useTranslation } from 'react-i18next';

import { deviceFixes, type DeviceFix } from '../../../electron/shared/device-fix';
import type { DeviceInfo, DeviceReport } from '../../../electron/shared/schemas/device-check';
import { LnaGuidance } from './lna-guidance';

/** How this computer itself fared with the box's name, to spot a device that resolves otherwise. */
export type ThisComputer = 'ok' | 'problem' | 'unknown';

export function useDeviceLabel(): (device: DeviceInfo) => string {
  const { t } = useTranslation();
  return (device) =>
    t('deviceCheck.device', {
      browser: t(`deviceCheck.browser.${device.browser}`),
      os: t(`deviceCheck.os.${device.os}`),
    });
}

function FixItem({ fix }: { fix: DeviceFix }) {
  const { t } = useTranslation();
  switch (fix.kind) {
    case 'verdict':
      return <li>{t(`deviceCheck.fix.${fix.verdict}`)}</li>;
    case 'secure-dns':
      return (
        <li>
          {t('deviceCheck.fix.secureDns', { browser: t(`deviceCheck.browser.${fix.browser}`) })}
        </li>
      );
    case 'guide':
      return (
        <li>
          <strong>{t(`dns.guides.${fix.guide}.title`)}:</strong>{' '}
          {t(`dns.guides.${fix.guide}.steps`)}
        </li>
      );
    case 'lna':
      return (
        <li>
          <LnaGuidance />
        </li>
      );
  }
}

/** The verdict for the checked device: what it saw, why, and what to do on that device. */
export function DeviceVerdict({
  report,
  thisComputer,
}: {
  report: DeviceReport;
  thisComputer: ThisComputer;
}) {
  const { t } = useTranslation();
  const label = useDeviceLabel();
  const ok = report.verdict === 'ok';
  const differs =
    thisComputer === 'ok' && !ok
      ? 'deviceCheck.differs.thisOnly'
      : thisComputer === 'problem' && ok
        ? 'deviceCheck.differs.deviceOnly'
        : null;
  return (
    <div className="device-verdict">
      <p className="muted">{t('deviceCheck.resultFor', { device: label(report.device) })}</p>
      <div className={`notice ${ok ? 'notice-ok' : 'notice-problem'}`} role="status">
        <p className="notice-title">{t(`deviceCheck.verdict.${report.verdict}.title`)}</p>
        <p>
          {t(`deviceCheck.verdict.${report.verdict}.description`, {
            name: report.box.name,
            ip: report.box.ip,
          })}
        </p>
      </div>
      <ul className="status-list">
        {(['http', 'name', 'https'] as const).map((key) => {
          const check = report.checks[key];
          return (
            <li key={key} className={check.ok ? 'status-ok' : 'status-missing'}>
              <span className="status-mark" aria-hidden="true">
                {check.ok ? '✓' : '✗'}
              </span>
              {t(`deviceCheck.check.${key}`)}:{' '}
              {t(`deviceCheck.detail.${check.detail}`, {
                ms: check.ms,
                seconds: Math.round(check.ms / 1000),
              })}
            </li>
          );
        })}
      </ul>
      {differs !== null && <p className="notice notice-note">{t(differs)}</p>}
      <h3>{t('deviceCheck.fix.title')}</h3>
      <ul className="device-fixes">
        {deviceFixes(report).map((fix) => (
          <FixItem key={fix.kind} fix={fix} />
        ))}
      </ul>
      <p className="muted">{t('deviceCheck.onlyThese')}</p>
    </div>
  );
}

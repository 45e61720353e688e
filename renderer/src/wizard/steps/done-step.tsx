import { useTranslation } from 'react-i18next';

import type { BoxInfo } from '../../../../electron/shared/schemas/box';
import type { CertificateReport } from '../../../../electron/shared/schemas/certificate';
import type { DnsReport } from '../../../../electron/shared/schemas/dns';
import { DeviceCheckEntry } from '../../components/device-check-dialog';
import { LnaGuidance } from '../../components/lna-guidance';
import { ReportActions } from '../../components/report-actions';
import { StepHeading } from '../../components/step-heading';
import { StepActions } from '../../components/step-actions';
import { formatDate } from '../../format';
import { useBoxName } from '../../messages/use-box-name';
import { boxAddress } from '../connect-state';
import type { Flow } from '../flow';

/** "Done": what is now true of the box, its HTTPS address to open, and the report for records. */
export function DoneStep({
  flow,
  box,
  certificate,
  dns,
  onBack,
  onFinish,
}: {
  flow: Flow;
  box: BoxInfo;
  certificate: CertificateReport;
  dns: DnsReport;
  onBack: () => void;
  onFinish: () => void;
}) {
  const { t, i18n } = useTranslation();
  const nameOf = useBoxName();
  const address = `https://${dns.name}/`;
  const notAfter = certificate.verify?.notAfter ?? null;
  return (
    <section className="step">
      <StepHeading>{t('done.title')}</StepHeading>
      <div className="done-hero">
        <img src="./illustrations/padlock.svg" alt="" width="64" height="64" />
        <p>{flow === 'setup' ? t('done.introSetup') : t('done.introCheck')}</p>
      </div>
      <ul className="status-list" aria-label={t('done.summaryLabel')}>
        <li className="status-ok">
          <span className="status-mark" aria-hidden="true">
            ✓
          </span>
          {t('done.box', { name: nameOf(box), address: boxAddress(box) })}
        </li>
        <li className={box.serverUrl === null ? 'status-missing' : 'status-ok'}>
          <span className="status-mark" aria-hidden="true">
            {box.serverUrl === null ? '•' : '✓'}
          </span>
          {box.serverUrl === null
            ? t('overview.noServer')
            : t('overview.server', { url: box.serverUrl })}
        </li>
        <li className="status-ok">
          <span className="status-mark" aria-hidden="true">
            ✓
          </span>
          {notAfter === null
            ? t('done.certificate')
            : t('done.certificateUntil', { date: formatDate(notAfter, i18n.language) })}
        </li>
        <li className="status-ok">
          <span className="status-mark" aria-hidden="true">
            ✓
          </span>
          {t('done.webAddress', { name: dns.name })}
        </li>
      </ul>
      <p>
        <a className="button primary" href={address} target="_blank" rel="noreferrer">
          {t('done.open')}
        </a>{' '}
        <code>{address}</code>
      </p>
      <DeviceCheckEntry
        box={{ ip: box.address.host, port: box.address.port, name: dns.name }}
        thisComputer="ok"
        hint
      />
      <LnaGuidance />
      <ReportActions target={boxAddress(box)} />
      <StepActions>
        <button type="button" onClick={onBack}>
          {t('steps.back')}
        </button>
        <button type="button" onClick={onFinish}>
          {t('done.finish')}
        </button>
      </StepActions>
    </section>
  );
}

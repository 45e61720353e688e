import { useTranslation } from 'react-i18next';

import type { BoxInfo } from '../../../../electron/shared/schemas/box';
import { DeviceCheckEntry } from '../../components/device-check-dialog';
import { StepHeading } from '../../components/step-heading';
import { formatDate } from '../../format';
import type { Flow } from '../wizard-state';
import { formatBoxAddress, reportsOtherAddress } from '../../../../electron/shared/box-address';

type Fact = { readonly id: string; readonly ok: boolean; readonly text: string };

/** The box at a glance: what is already in place (shown as done) and what the next steps add. */
export function OverviewStep({
  box,
  flow,
  onContinue,
  onBack,
  onCancel,
}: {
  box: BoxInfo;
  flow: Flow;
  onContinue: () => void;
  onBack: () => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const certificate = box.certificate;
  const facts: Fact[] = [
    ...(box.accessPoint
      ? [
          {
            id: 'wifi',
            ok: false,
            text:
              box.accessPointSsid === null
                ? t('overview.accessPoint')
                : t('overview.accessPointSsid', { ssid: box.accessPointSsid }),
          },
        ]
      : []),
    box.serverUrl === null
      ? { id: 'server', ok: false, text: t('overview.noServer') }
      : { id: 'server', ok: true, text: t('overview.server', { url: box.serverUrl }) },
    // Only the database UUID is needed for a certificate; some boxes show nothing until connected.
    ...(box.dbUuidSet === null
      ? []
      : [
          {
            id: 'credentials',
            ok: box.dbUuidSet,
            text: box.dbUuidSet ? t('overview.credentials') : t('overview.noCredentials'),
          },
        ]),
    certificate.state === 'ok'
      ? {
          id: 'certificate',
          ok: true,
          text:
            certificate.notAfter === null
              ? t('overview.certificate')
              : t('overview.certificateUntil', {
                  date: formatDate(certificate.notAfter, i18n.language),
                }),
        }
      : { id: 'certificate', ok: false, text: t(`overview.certificateState.${certificate.state}`) },
  ];
  const missing = facts.filter((fact) => !fact.ok).length;
  return (
    <section className="step">
      <StepHeading>{t('overview.title')}</StepHeading>
      <div className="overview-box">
        <img src="./illustrations/box.svg" alt="" width="64" height="64" />
        <dl className="overview-identity">
          <dt>{t('overview.name')}</dt>
          <dd>{box.name ?? t('findBox.unnamed')}</dd>
          <dt>{t('overview.address')}</dt>
          <dd>
            <code>{formatBoxAddress(box.address)}</code>
            {reportsOtherAddress(box) && (
              <span className="muted"> {t('overview.reportsAddress', { ip: box.ip })}</span>
            )}
          </dd>
          <dt>{t('overview.version')}</dt>
          <dd>
            {t('overview.versionText', {
              version: box.version ?? '?',
              api: box.api.toUpperCase(),
              system: box.system ?? '?',
            })}
          </dd>
        </dl>
      </div>
      <ul className="status-list" aria-label={t('overview.statusLabel')}>
        {facts.map((fact) => (
          <li key={fact.id} className={fact.ok ? 'status-ok' : 'status-missing'}>
            <span className="status-mark" aria-hidden="true">
              {fact.ok ? '✓' : '•'}
            </span>
            <span className="visually-hidden">
              {fact.ok ? t('overview.done') : t('overview.todo')}:{' '}
            </span>
            {fact.text}
          </li>
        ))}
      </ul>
      <p>
        {flow === 'check'
          ? t('overview.checkNext')
          : missing === 0
            ? t('overview.allSet')
            : t('overview.setupNext', { count: missing })}
      </p>
      {flow === 'check' && box.certificate.state === 'ok' && (
        // The name comes from the certificate the box serves (read by the core).
        <DeviceCheckEntry
          box={{ ip: box.address.host, port: box.address.port, name: null }}
          thisComputer="unknown"
          hint
        />
      )}
      <div className="actions">
        <button type="button" onClick={onBack}>
          {t('steps.back')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('steps.cancel')}
        </button>
        <button type="button" className="primary" onClick={onContinue}>
          {flow === 'check' ? t('overview.checkContinue') : t('overview.continue')}
        </button>
      </div>
    </section>
  );
}

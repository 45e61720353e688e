import { useTranslation } from 'react-i18next';

import { boxMarks } from '../../../../electron/shared/box-identity';
import { certificateViews } from '../../../../electron/shared/certificate-views';
import type { BoxInfo } from '../../../../electron/shared/schemas/box';
import type { CertificateReport } from '../../../../electron/shared/schemas/certificate';
import { BoxRename, type RenameActions } from '../../components/box-rename';
import { CertificateFacts } from '../../components/certificate-facts';
import { DeviceCheckEntry } from '../../components/device-check-dialog';
import { StepHeading } from '../../components/step-heading';
import { BackAndCancel, StepActions } from '../../components/step-actions';
import { formatDate } from '../../format';
import { renameBusy, renameOffer, type RenameView } from '../rename-state';
import type { Flow } from '../flow';
import { formatBoxAddress, reportsOtherAddress } from '../../../../electron/shared/box-address';
import { useBoxName } from '../../messages/use-box-name';

type Fact = { readonly id: string; readonly ok: boolean; readonly text: string };

/**
 * The certificate as the box reports it, said as the box's view ("the box says…"): never a
 * plain "valid" for a date already past here, nor for a certificate this computer saw expired.
 */
function useCertificateFact(box: BoxInfo, checked: CertificateReport | null): Fact {
  const { t, i18n } = useTranslation();
  // The box's latest word: what it said during this computer's check, when that ran.
  const status = checked?.status ?? box.certificate;
  if (status.state !== 'ok') {
    return { id: 'certificate', ok: false, text: t(`overview.certificateState.${status.state}`) };
  }
  if (status.notAfter === null) {
    return { id: 'certificate', ok: true, text: t('overview.certificate') };
  }
  const date = formatDate(status.notAfter, i18n.language);
  const now = checked === null ? new Date() : new Date(checked.checkedAt);
  if (Date.parse(status.notAfter) <= now.getTime()) {
    return {
      id: 'certificate',
      ok: false,
      text: t('overview.certificatePast', {
        date,
        today: formatDate(now.toISOString(), i18n.language),
      }),
    };
  }
  const seen = checked === null ? null : certificateViews(checked).computer;
  return {
    id: 'certificate',
    ok: seen?.valid !== false,
    text: t('overview.certificateUntil', { date }),
  };
}

/** The box at a glance: what is already in place (shown as done) and what the next steps add. */
export function OverviewStep({
  box,
  flow,
  certificate: checked,
  rename,
  renameActions,
  onContinue,
  onBack,
  onCancel,
}: {
  box: BoxInfo;
  flow: Flow;
  /** This computer's certificate check, when it ran already: its view is shown beside the box's. */
  certificate: CertificateReport | null;
  rename: RenameView;
  renameActions: RenameActions;
  onContinue: () => void;
  onBack: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const nameOf = useBoxName();
  const certificateFact = useCertificateFact(box, checked);
  const marks = boxMarks(box).map((mark) => t(mark.key, mark.values ?? {}));
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
    certificateFact,
  ];
  const missing = facts.filter((fact) => !fact.ok).length;
  // While the box reboots under its new name, the wizard waits with it.
  const busy = renameBusy(rename);
  return (
    <section className="step">
      <StepHeading>{t('overview.title')}</StepHeading>
      <div className="overview-box">
        <img src="./illustrations/box.svg" alt="" width="64" height="64" />
        <dl className="overview-identity">
          <dt>{t('overview.name')}</dt>
          <dd>
            {nameOf(box)}
            {marks.length > 0 && <span className="muted"> · {marks.join(' · ')}</span>}
          </dd>
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
      <BoxRename box={box} offer={renameOffer(flow, box)} view={rename} actions={renameActions} />
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
      {checked !== null && certificateViews(checked).differences.length > 0 && (
        <CertificateFacts report={checked} />
      )}
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
      <StepActions>
        <BackAndCancel busy={busy} onBack={onBack} onCancel={onCancel} />
        <button type="button" className="primary" onClick={onContinue} disabled={busy}>
          {flow === 'check' ? t('overview.checkContinue') : t('overview.continue')}
        </button>
      </StepActions>
    </section>
  );
}

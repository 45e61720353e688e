import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { BoxInfo, CertificateProgress } from '../../../../electron/shared/contract';
import { CertificateOutcome } from '../../components/certificate-outcome';
import { CertificateSecureResult } from '../../components/certificate-secure-result';
import { FailureNotice } from '../../components/failure-notice';
import { StepHeading } from '../../components/step-heading';
import type { CertificateCheck } from '../wizard-state';

function ProgressText({ progress }: { progress: CertificateProgress | null }) {
  const { t } = useTranslation();
  if (progress === null) {
    return <p>{t('certificate.checking')}</p>;
  }
  switch (progress.phase) {
    case 'checking':
      return <p>{t('certificate.checking')}</p>;
    case 'requesting':
      return <p>{t('certificate.requesting')}</p>;
    case 'restarting':
      return <p>{t('certificate.restarting')}</p>;
    case 'waiting':
      return (
        <p>
          {t('certificate.waiting', {
            seconds: Math.round((progress.nextCheckInMs ?? 0) / 1000),
            attempt: progress.attempt + 1,
            max: progress.maxAttempts,
          })}
        </p>
      );
    case 'verifying':
      return <p>{t('certificate.verifying')}</p>;
    default:
      return progress.phase satisfies never;
  }
}

/**
 * "Secure connection": guides the box to its certificate with visible progress, explains the
 * outcome with its actions, and on success shows the padlock result with the box's address.
 */
export function SecureStep({
  box,
  check = { status: 'idle' },
  onCheck,
  onBack,
  onRepairDns,
}: {
  box: BoxInfo | null;
  check?: CertificateCheck | undefined;
  onCheck: (target: string) => void;
  onBack: () => void;
  onRepairDns: () => void;
}) {
  const { t } = useTranslation();
  const addressId = useId();
  const [address, setAddress] = useState('');
  const known = box === null ? null : `${box.ip}:${box.port}`;
  const target = known ?? address.trim();
  const running = check.status === 'running';

  // A box coming from the connect step is checked at once: that is why the user is here.
  useEffect(() => {
    if (known !== null && check.status === 'idle') {
      onCheck(known);
    }
  }, [known, check.status, onCheck]);

  const retry = (): void => {
    if (check.status !== 'idle' && check.status !== 'running') {
      onCheck(check.target);
    }
  };
  const report = check.status === 'done' ? check.report : null;
  const secure =
    report !== null &&
    report.verify?.ok === true &&
    (report.explanation.outcome === 'valid' || report.explanation.outcome === 'expiring-soon');

  return (
    <section className="step">
      <StepHeading>{t('steps.secure')}</StepHeading>
      <p>{t('certificate.intro')}</p>
      {box === null ? (
        <form
          className="field"
          onSubmit={(event) => {
            event.preventDefault();
            if (target !== '' && !running) {
              onCheck(target);
            }
          }}
        >
          <label htmlFor={addressId}>{t('certificate.boxAddress')}</label>
          <input
            id={addressId}
            value={address}
            onChange={(event) => setAddress(event.target.value)}
            placeholder="192.168.1.143"
            autoComplete="off"
            spellCheck={false}
          />
          <button type="submit" className="primary" disabled={running || target === ''}>
            {t('certificate.start')}
          </button>
        </form>
      ) : (
        <p className="muted">{box.ip}</p>
      )}
      <div aria-live="polite" className="live-region">
        {running && (
          <div role="status">
            <ProgressText progress={check.progress} />
            <p className="muted">{t('certificate.busy')}</p>
          </div>
        )}
        {check.status === 'failed' && <FailureNotice failure={check.error} />}
        {report !== null && secure && report.verify !== null && (
          <CertificateSecureResult verify={report.verify} />
        )}
        {report !== null && secure && report.explanation.outcome === 'expiring-soon' && (
          <CertificateOutcome report={report} handlers={{ onBack, onRepairDns }} />
        )}
        {report !== null && !secure && (
          <CertificateOutcome report={report} handlers={{ onBack, onRepairDns }} />
        )}
      </div>
      <div className="actions">
        <button type="button" onClick={onBack}>
          {t('steps.back')}
        </button>
        {(check.status === 'done' || check.status === 'failed') && (
          <button type="button" onClick={retry}>
            {t('certificate.again')}
          </button>
        )}
      </div>
    </section>
  );
}

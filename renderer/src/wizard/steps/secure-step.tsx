import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

import type { BoxInfo } from '../../../../electron/shared/schemas/box';
import type { CertificateProgress } from '../../../../electron/shared/schemas/certificate';
import { CertificateOutcome } from '../../components/certificate-outcome';
import { CertificateSecureResult } from '../../components/certificate-secure-result';
import { FailureNotice } from '../../components/failure-notice';
import { ReportActions } from '../../components/report-actions';
import { StepHeading } from '../../components/step-heading';
import { boxAddress } from '../connect-state';
import { isSecure, type CertificateCheck } from '../wizard-state';
import { formatBoxAddress } from '../../../../electron/shared/box-address';

function ProgressText({ progress }: { progress: CertificateProgress | null }) {
  const { t } = useTranslation();
  if (progress === null) {
    return <p>{t('certificate.checking')}</p>;
  }
  // The box's own attempts say more than ours: it retries odoo.com for minutes by itself.
  if (
    progress.boxAttempt !== null &&
    progress.boxMaxAttempts !== null &&
    progress.boxAttemptSeconds !== null &&
    (progress.phase === 'waiting' || progress.phase === 'checking')
  ) {
    return (
      <p>
        {t('certificate.boxAttempt', {
          attempt: progress.boxAttempt,
          max: progress.boxMaxAttempts,
          seconds: progress.boxAttemptSeconds,
        })}
      </p>
    );
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
  onStopWaiting,
  onContinue,
  onBack,
  onCancel,
  onRepairDns,
}: {
  box: BoxInfo;
  check?: CertificateCheck | undefined;
  onCheck: (target: string) => void;
  onStopWaiting: () => void;
  onContinue: () => void;
  onBack: () => void;
  onCancel: () => void;
  onRepairDns: () => void;
}) {
  const { t } = useTranslation();
  const target = boxAddress(box);
  const running = check.status === 'running';

  // The box is checked at once: that is why the user is here (not again when coming Back).
  useEffect(() => {
    if (check.status === 'idle') {
      onCheck(target);
    }
  }, [target, check.status, onCheck]);

  const report = check.status === 'done' ? check.report : null;
  const secure = report !== null && isSecure(report);
  const problem = check.status === 'failed' || (report !== null && !secure);

  return (
    <section className="step">
      <StepHeading>{t('steps.secure')}</StepHeading>
      <p>{t('certificate.intro')}</p>
      <p className="muted">{formatBoxAddress(box.address)}</p>
      <div aria-live="polite" className="live-region live-region-reserved">
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
      {problem && <ReportActions target={target} />}
      <div className="actions">
        <button type="button" onClick={onBack} disabled={running}>
          {t('steps.back')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('steps.cancel')}
        </button>
        {running && (
          <button type="button" onClick={onStopWaiting}>
            {t('certificate.stopWaiting')}
          </button>
        )}
        {(check.status === 'done' || check.status === 'failed') && (
          <button type="button" onClick={() => onCheck(target)}>
            {t('certificate.again')}
          </button>
        )}
        {secure && (
          <button type="button" className="primary" onClick={onContinue}>
            {t('steps.continue')}
          </button>
        )}
      </div>
    </section>
  );
}

import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

import type { BoxInfo } from '../../../../electron/shared/schemas/box';
import type {
  CertificateProgress,
  CertificateReport,
} from '../../../../electron/shared/schemas/certificate';
import type { DnsReport } from '../../../../electron/shared/schemas/dns';
import type { Loadable } from '../../../../electron/shared/result';
import { CertificateFacts } from '../../components/certificate-facts';
import { CertificateOutcome } from '../../components/certificate-outcome';
import { CertificateSecureResult } from '../../components/certificate-secure-result';
import { FailureNotice } from '../../components/failure-notice';
import { ReportActions } from '../../components/report-actions';
import { StepHeading } from '../../components/step-heading';
import { StepActions } from '../../components/step-actions';
import { boxAddress } from '../connect-state';
import {
  canLeaveSecure,
  isNameProblemOnly,
  isSecure,
  type CertificateCheck,
} from '../wizard-state';
import { reachedIpv4 } from '../../../../electron/shared/box-address';

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

/** The certificate is fine; only the box's web address is not found yet (the next step's job). */
function NameProblemOnly({
  report,
  webAddress,
}: {
  report: CertificateReport;
  webAddress: Loadable<DnsReport> | undefined;
}) {
  const { t } = useTranslation();
  return (
    <>
      <div className="notice notice-ok">
        <h3 className="notice-title">{t('certificate.fine')}</h3>
        <CertificateFacts report={report} />
      </div>
      <div className="notice notice-note">
        <p className="notice-title">{t('certificate.nameProblem.title')}</p>
        <p>{t('certificate.nameProblem.text')}</p>
        {webAddress?.status === 'loading' && (
          <p className="muted">{t('certificate.nameProblem.checking')}</p>
        )}
        {(webAddress?.status === 'loaded' || webAddress?.status === 'failed') && (
          <p className="muted">{t('certificate.nameProblem.checked')}</p>
        )}
      </div>
    </>
  );
}

/**
 * "Secure connection": guides the box to its certificate with visible progress, explains the
 * outcome with its actions, and on success shows the padlock result with the box's address.
 * A certificate that is fine while this computer does not find the box's name is said as such,
 * with its facts, and the user moves on to the Web address step, which owns that repair (its
 * check already started here).
 */
export function SecureStep({
  box,
  check = { status: 'idle' },
  webAddress,
  onCheck,
  onStopWaiting,
  onContinue,
  onBack,
  onCancel,
}: {
  box: BoxInfo;
  check?: CertificateCheck | undefined;
  webAddress?: Loadable<DnsReport> | undefined;
  /** Checks the certificate at `target`; the web address check that follows expects `ip`. */
  onCheck: (target: string, ip: string | undefined) => void;
  onStopWaiting: () => void;
  onContinue: () => void;
  onBack: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const target = boxAddress(box);
  const reached = reachedIpv4(box);
  const running = check.status === 'running';

  // The box is checked at once: that is why the user is here (not again when coming Back).
  useEffect(() => {
    if (check.status === 'idle') {
      onCheck(target, reached);
    }
  }, [target, reached, check.status, onCheck]);

  const report = check.status === 'done' ? check.report : null;
  const secure = report !== null && isSecure(report);
  const nameOnly = report !== null && isNameProblemOnly(report);
  const problem = check.status === 'failed' || (report !== null && !secure && !nameOnly);

  return (
    <section className="step">
      <StepHeading>{t('steps.secure')}</StepHeading>
      <p>
        {t('certificate.intro')} <span className="muted">({target})</span>
      </p>
      <div aria-live="polite" className="live-region live-region-reserved">
        {running && (
          <div role="status">
            <ProgressText progress={check.progress} />
            <p className="muted">{t('certificate.busy')}</p>
          </div>
        )}
        {check.status === 'failed' && <FailureNotice failure={check.error} />}
        {report !== null && secure && <CertificateSecureResult report={report} />}
        {report !== null && secure && report.explanation.outcome === 'expiring-soon' && (
          <CertificateOutcome report={report} handlers={{ onBack }} />
        )}
        {report !== null && nameOnly && <NameProblemOnly report={report} webAddress={webAddress} />}
        {report !== null && problem && <CertificateOutcome report={report} handlers={{ onBack }} />}
      </div>
      {problem && <ReportActions target={target} />}
      <StepActions>
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
          <button type="button" onClick={() => onCheck(target, reached)}>
            {t('certificate.again')}
          </button>
        )}
        {report !== null && canLeaveSecure(report) && (
          <button type="button" className="primary" onClick={onContinue}>
            {nameOnly ? t('certificate.nameProblem.continue') : t('steps.continue')}
          </button>
        )}
      </StepActions>
    </section>
  );
}

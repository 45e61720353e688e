import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import type {
  CertificateAction,
  CertificateReport,
} from '../../../electron/shared/schemas/certificate';
import { formatDate } from '../format';
import { CertificateFacts } from './certificate-facts';

/** Odoo publishes translated documentation under `/documentation/<version>/<lang>/…`. */
export function localizedDocUrl(url: string, language: string): string {
  if (language === 'en') {
    return url;
  }
  return url.replace(/(\/documentation\/[^/]+)\//, `$1/${language}/`);
}

/** Actions that move the wizard rather than describe something the user does elsewhere. */
export type CertificateStepActions = {
  readonly onBack: () => void;
};

function ActionButton({
  action,
  handlers,
}: {
  action: CertificateAction;
  handlers: CertificateStepActions;
}) {
  const { t } = useTranslation();
  // Only these move the wizard; every other action is something the user does elsewhere (a
  // web address problem is not one of them: the Web address step owns its repair).
  if (action === 'go-to-connect' || action === 'go-to-credentials') {
    return (
      <button type="button" onClick={handlers.onBack}>
        {t('steps.connect')}
      </button>
    );
  }
  return null;
}

/** What "check this computer's date" rests on: the date here and the certificate's dates. */
function ClockBasis({ report }: { report: CertificateReport }) {
  const { t, i18n } = useTranslation();
  const verify = report.verify;
  if (verify === null || verify.notBefore === null || verify.notAfter === null) {
    return null;
  }
  return (
    <p className="muted">
      {t('certificate.clockBasis', {
        today: formatDate(report.checkedAt, i18n.language),
        from: formatDate(verify.notBefore, i18n.language),
        until: formatDate(verify.notAfter, i18n.language),
      })}
    </p>
  );
}

/** The knowledge-base entry for a report: what happened, what to do in order, where to read more. */
export function CertificateOutcome({
  report,
  handlers,
}: {
  report: CertificateReport;
  handlers: CertificateStepActions;
}) {
  const { t, i18n } = useTranslation();
  const [copied, setCopied] = useState(false);
  const { explanation } = report;
  const key = `certificate.outcome.${explanation.outcome}`;
  const values = { status: explanation.httpStatus ?? '' };
  const supportText =
    explanation.outcome === 'request-status' && explanation.httpStatus !== null
      ? t('certificate.supportText', {
          ip: report.ip,
          api: report.api.toUpperCase(),
          version: report.version ?? '?',
          code: explanation.boxCode ?? `HTTP ${explanation.httpStatus}`,
          status: explanation.httpStatus,
        })
      : null;
  const copy = (): void => {
    if (supportText !== null) {
      void navigator.clipboard.writeText(supportText).then(
        () => setCopied(true),
        () => setCopied(false),
      );
    }
  };

  return (
    <div className="notice notice-problem certificate-outcome">
      <h3 className="notice-title">{t(`${key}.title`, values)}</h3>
      <p>{t(`${key}.description`, values)}</p>
      {explanation.boxCode !== null && (
        <p className="muted">{t('certificate.boxCode', { code: explanation.boxCode })}</p>
      )}
      {explanation.odooComReachable !== null && (
        <p>
          {explanation.odooComReachable
            ? t('certificate.odooComReachable')
            : t('certificate.odooComUnreachable')}
        </p>
      )}
      {explanation.exception !== null && (
        <details>
          <summary>{t('certificate.exception')}</summary>
          <pre className="certificate-exception">{explanation.exception}</pre>
        </details>
      )}
      <CertificateFacts report={report} />
      {report.verify?.nameResolved === false && (
        <p className="muted">{t('certificate.alsoName')}</p>
      )}
      <h4>{t('certificate.whatToDo')}</h4>
      <ol className="certificate-actions">
        {explanation.actions.map((action) => (
          <li key={action}>
            <p>{t(`certificate.action.${action}`)}</p>
            {action === 'check-computer-clock' && <ClockBasis report={report} />}
            {action === 'check-eligibility' && (
              <div>
                <p>{t('certificate.eligibility.intro')}</p>
                <ul>
                  <li>{t('certificate.eligibility.production')}</li>
                  <li>{t('certificate.eligibility.subscription')}</li>
                  <li>{t('certificate.eligibility.code')}</li>
                  <li>{t('certificate.eligibility.iotLine')}</li>
                </ul>
                {explanation.subscriptionsUrl !== null && (
                  <p>
                    {t('certificate.eligibility.portal')}{' '}
                    <a href={explanation.subscriptionsUrl} target="_blank" rel="noreferrer">
                      {t('certificate.eligibility.portalLink')}
                    </a>
                  </p>
                )}
                <p>{t('certificate.eligibility.dispute')}</p>
                <p className="muted">{t('certificate.eligibility.refresh')}</p>
              </div>
            )}
            <ActionButton action={action} handlers={handlers} />
          </li>
        ))}
      </ol>
      {supportText !== null && (
        <div className="certificate-support">
          <label htmlFor="certificate-support-text">{t('certificate.supportHeading')}</label>
          <textarea id="certificate-support-text" readOnly rows={4} value={supportText} />
          <button type="button" onClick={copy}>
            {copied ? t('certificate.copied') : t('certificate.copySupport')}
          </button>
        </div>
      )}
      <p>
        <a
          href={localizedDocUrl(explanation.docUrl, i18n.language)}
          target="_blank"
          rel="noreferrer"
        >
          {t('certificate.docLink')}
        </a>
      </p>
    </div>
  );
}

import { useId } from 'react';
import { useTranslation } from 'react-i18next';

import {
  certificateViews,
  type BoxView,
  type ComputerView,
} from '../../../electron/shared/certificate-views';
import type {
  CertificateReport,
  HttpsVerification,
} from '../../../electron/shared/schemas/certificate';
import { formatDate } from '../format';

/** The validity this computer sees: from–until, and days left or since when it has ended. */
function ValidityText({ view }: { view: ComputerView }) {
  const { t, i18n } = useTranslation();
  if (view.notAfter === null) {
    return null;
  }
  const values = {
    from: view.notBefore === null ? '?' : formatDate(view.notBefore, i18n.language),
    until: formatDate(view.notAfter, i18n.language),
    days: Math.abs(view.daysLeft ?? 0),
  };
  return (
    <>
      {view.valid === false
        ? t('certificate.facts.ended', values)
        : t('certificate.facts.running', values)}
    </>
  );
}

function ComputerFacts({ view, verify }: { view: ComputerView; verify: HttpsVerification }) {
  const { t } = useTranslation();
  const yesNo = (value: boolean | null) =>
    value === true ? t('certificate.yes') : t('certificate.no');
  return (
    <>
      <dl className="certificate-facts">
        {view.issuer !== null && (
          <>
            <dt>{t('certificate.issuer')}</dt>
            <dd>{view.issuer}</dd>
          </>
        )}
        <dt>{t('certificate.facts.validity')}</dt>
        <dd>
          <ValidityText view={view} />
        </dd>
        <dt>{t('certificate.trusted')}</dt>
        <dd>{yesNo(verify.trusted)}</dd>
        <dt>{t('certificate.nameMatches')}</dt>
        <dd>{yesNo(verify.nameMatches)}</dd>
      </dl>
      {/* What only technicians read stays one click away, so the page does not grow. */}
      <details className="certificate-more">
        <summary>{t('certificate.facts.more')}</summary>
        <dl className="certificate-facts">
          {view.names.length > 0 && (
            <>
              <dt>{t('certificate.names')}</dt>
              <dd>{view.names.join(', ')}</dd>
            </>
          )}
          {verify.fingerprint256 !== null && (
            <>
              <dt>{t('certificate.fingerprint')}</dt>
              <dd>
                <code className="certificate-fingerprint">{verify.fingerprint256}</code>
              </dd>
            </>
          )}
        </dl>
      </details>
    </>
  );
}

function BoxFacts({ view }: { view: BoxView }) {
  const { t, i18n } = useTranslation();
  return (
    <dl className="certificate-facts">
      {view.subject !== null && (
        <>
          <dt>{t('certificate.facts.for')}</dt>
          <dd>{view.subject}</dd>
        </>
      )}
      <dt>{t('certificate.facts.validity')}</dt>
      <dd>
        {view.notAfter === null
          ? t('certificate.yes')
          : t('certificate.facts.boxValidUntil', {
              date: formatDate(view.notAfter, i18n.language),
            })}
      </dd>
    </dl>
  );
}

/**
 * The certificate's facts, whenever this computer learnt them (issuer, dates, days left, trust).
 * Where the box's own view differs — its dates, whether it is valid, which certificate — both
 * are shown side by side, labelled, with this computer's date, which "expired" is judged by.
 */
export function CertificateFacts({ report }: { report: CertificateReport }) {
  const { t, i18n } = useTranslation();
  const boxId = useId();
  const computerId = useId();
  const views = certificateViews(report);
  const { computer } = views;
  if (computer === null || report.verify === null) {
    return null;
  }
  const today = (
    <p className="certificate-today">
      {t('certificate.facts.today', { date: formatDate(computer.checkedAt, i18n.language) })}
    </p>
  );
  if (views.box === null || views.differences.length === 0) {
    return (
      <>
        <ComputerFacts view={computer} verify={report.verify} />
        {computer.valid === false && today}
      </>
    );
  }
  return (
    <div className="certificate-views">
      <div className="certificate-views-pair">
        <section aria-labelledby={boxId}>
          <h4 id={boxId}>{t('certificate.facts.boxSays')}</h4>
          <BoxFacts view={views.box} />
        </section>
        <section aria-labelledby={computerId}>
          <h4 id={computerId}>{t('certificate.facts.computerSees')}</h4>
          <ComputerFacts view={computer} verify={report.verify} />
        </section>
      </div>
      {today}
      {views.differences.map((difference) => (
        <p key={difference}>{t(`certificate.facts.differs.${difference}`)}</p>
      ))}
    </div>
  );
}

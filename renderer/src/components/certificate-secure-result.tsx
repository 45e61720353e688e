import { useTranslation } from 'react-i18next';

import type { CertificateReport } from '../../../electron/shared/schemas/certificate';
import { CertificateFacts } from './certificate-facts';

/** The padlock result: the box's HTTPS address, proven from this computer, and how to open it. */
export function CertificateSecureResult({ report }: { report: CertificateReport }) {
  const { t } = useTranslation();
  const hostname = report.verify?.hostname ?? null;
  const address = hostname === null ? null : `https://${hostname}/`;
  return (
    <div className="notice certificate-secure">
      <h3 className="notice-title">
        <svg
          className="certificate-padlock"
          aria-hidden="true"
          viewBox="0 0 24 24"
          width="22"
          height="22"
        >
          <path
            fill="currentColor"
            d="M12 2a5 5 0 0 0-5 5v3H6a2 2 0 0 0-2 2v8a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-8a2 2 0 0 0-2-2h-1V7a5 5 0 0 0-5-5Zm-3 8V7a3 3 0 0 1 6 0v3H9Z"
          />
        </svg>
        {t('certificate.secureTitle')}
      </h3>
      {address !== null && (
        <p>
          {t('certificate.address')}: <code>{address}</code>
        </p>
      )}
      <CertificateFacts report={report} />
      {address !== null && (
        <p>
          <a className="button primary" href={address} target="_blank" rel="noreferrer">
            {t('certificate.openBox')}
          </a>
        </p>
      )}
    </div>
  );
}

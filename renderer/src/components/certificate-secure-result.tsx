import { useTranslation } from 'react-i18next';

import type { HttpsVerification } from '../../../electron/shared/schemas/certificate';
import { formatDate } from '../format';

/** The padlock result: the box's HTTPS address, proven from this computer, and how to open it. */
export function CertificateSecureResult({ verify }: { verify: HttpsVerification }) {
  const { t, i18n } = useTranslation();
  const address = verify.hostname === null ? null : `https://${verify.hostname}/`;
  const yesNo = (value: boolean | null) =>
    value === true ? t('certificate.yes') : t('certificate.no');
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
      <dl className="certificate-facts">
        {address !== null && (
          <>
            <dt>{t('certificate.address')}</dt>
            <dd>
              <code>{address}</code>
            </dd>
          </>
        )}
        {verify.issuer !== null && (
          <>
            <dt>{t('certificate.issuer')}</dt>
            <dd>{verify.issuer}</dd>
          </>
        )}
        {verify.notAfter !== null && verify.daysLeft !== null && (
          <>
            <dt>{t('certificate.notExpired')}</dt>
            <dd>
              {t('certificate.validUntil', {
                date: formatDate(verify.notAfter, i18n.language),
                days: verify.daysLeft,
              })}
            </dd>
          </>
        )}
        <dt>{t('certificate.trusted')}</dt>
        <dd>{yesNo(verify.trusted)}</dd>
        <dt>{t('certificate.nameMatches')}</dt>
        <dd>{yesNo(verify.nameMatches)}</dd>
        {verify.san.length > 0 && (
          <>
            <dt>{t('certificate.names')}</dt>
            <dd>{verify.san.join(', ')}</dd>
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

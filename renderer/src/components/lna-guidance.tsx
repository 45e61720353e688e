import { useTranslation } from 'react-i18next';

/**
 * Chrome's and Edge's local network access permission: what the prompt looks like, Allow, and
 * where to re-allow it for the Odoo database (Chrome 142+; Odoo docs, pos_lna).
 */
export function LnaGuidance() {
  const { t } = useTranslation();
  return (
    <details className="lna-guidance">
      <summary>{t('deviceCheck.lna.title')}</summary>
      <p>{t('deviceCheck.lna.prompt')}</p>
      <p>{t('deviceCheck.lna.allow')}</p>
      <p>{t('deviceCheck.lna.reallow')}</p>
    </details>
  );
}

import { useTranslation } from 'react-i18next';

import { StepHeading } from '../../components/step-heading';

export function WelcomeStep({
  onStart,
  onCheckCertificate,
  onRepairDns,
}: {
  onStart: () => void;
  /** Certificate: check a box paired earlier, straight from the welcome screen. */
  onCheckCertificate?: () => void;
  /** DNS repair: fix the box's web address on its own, without pairing first. */
  onRepairDns?: () => void;
}) {
  const { t } = useTranslation();
  return (
    <section className="step" aria-labelledby="welcome-heading">
      <StepHeading>{t('welcome.title')}</StepHeading>
      <p>{t('welcome.intro')}</p>
      <div className="actions">
        <button type="button" className="primary" onClick={onStart}>
          {t('welcome.start')}
        </button>
        {onCheckCertificate && (
          <button type="button" onClick={onCheckCertificate}>
            {t('certificate.checkExisting')}
          </button>
        )}
        {onRepairDns && (
          <button type="button" onClick={onRepairDns}>
            {t('welcome.repairDns')}
          </button>
        )}
      </div>
      <p className="muted">{t('welcome.privacy')}</p>
    </section>
  );
}

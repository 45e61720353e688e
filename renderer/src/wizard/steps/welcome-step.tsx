import { useTranslation } from 'react-i18next';

import { StepHeading } from '../../components/step-heading';

export function WelcomeStep({ onStart }: { onStart: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="step" aria-labelledby="welcome-heading">
      <StepHeading>{t('welcome.title')}</StepHeading>
      <p>{t('welcome.intro')}</p>
      <div className="actions">
        <button type="button" className="primary" onClick={onStart}>
          {t('welcome.start')}
        </button>
      </div>
      <p className="muted">{t('welcome.privacy')}</p>
    </section>
  );
}

import { useTranslation } from 'react-i18next';

import type { BoxInfo } from '../../../../electron/shared/contract';
import { StepHeading } from '../../components/step-heading';

// Placeholder until its capability lands; owned by that capability's work.
export function SecureStep({ box, onBack }: { box: BoxInfo | null; onBack: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="step">
      <StepHeading>{t('steps.secure')}</StepHeading>
      {box && <p className="muted">{box.ip}</p>}
      <div className="actions">
        <button type="button" onClick={onBack}>
          {t('steps.back')}
        </button>
      </div>
    </section>
  );
}

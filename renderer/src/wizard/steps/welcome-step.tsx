import { useTranslation } from 'react-i18next';

import { InterruptedDnsNotice } from '../../components/interrupted-dns-notice';
import { StepHeading } from '../../components/step-heading';
import type { Flow } from '../flow';

/** The three ways in: set up a new box, check one (nothing is changed), or repair DNS alone. */
export function WelcomeStep({
  onStart,
  onRepairDns,
}: {
  onStart: (flow: Flow) => void;
  onRepairDns: () => void;
}) {
  const { t } = useTranslation();
  const choices = [
    { id: 'setup', title: 'welcome.start', image: 'box', onClick: () => onStart('setup') },
    { id: 'check', title: 'welcome.check', image: 'padlock', onClick: () => onStart('check') },
    { id: 'repairDns', title: 'welcome.repairDns', image: 'network', onClick: onRepairDns },
  ] as const;
  return (
    <section className="step">
      <StepHeading>{t('welcome.title')}</StepHeading>
      <InterruptedDnsNotice />
      <p>{t('welcome.intro')}</p>
      <ul className="choices">
        {choices.map((choice) => (
          <li key={choice.id}>
            <button
              type="button"
              className={`choice${choice.id === 'setup' ? ' primary' : ''}`}
              aria-describedby={`welcome-${choice.id}-hint`}
              onClick={choice.onClick}
            >
              <img src={`./illustrations/${choice.image}.svg`} alt="" width="56" height="56" />
              <span className="choice-title">{t(choice.title)}</span>
            </button>
            <p id={`welcome-${choice.id}-hint`} className="muted choice-hint">
              {t(`welcome.hints.${choice.id}`)}
            </p>
          </li>
        ))}
      </ul>
      <p className="muted">{t('welcome.privacy')}</p>
    </section>
  );
}

import { useTranslation } from 'react-i18next';

import type { FlowStep } from '../wizard/wizard-state';

const LABELS = {
  'find-box': 'steps.findBox',
  overview: 'steps.overview',
  wifi: 'steps.wifi',
  connect: 'steps.connect',
  secure: 'steps.secure',
  'web-address': 'steps.webAddress',
  done: 'steps.done',
} as const satisfies Record<FlowStep, string>;

/** The flow's steps, the current one marked for screen readers too (aria-current="step"). */
export function StepProgress({ steps, current }: { steps: readonly FlowStep[]; current: number }) {
  const { t } = useTranslation();
  return (
    <nav className="step-progress" aria-label={t('steps.label')}>
      <p className="visually-hidden">
        {t('steps.progress', { current: current + 1, total: steps.length })}
      </p>
      <ol>
        {steps.map((step, index) => (
          <li
            key={step}
            className={index < current ? 'step-done' : index === current ? 'step-current' : ''}
            aria-current={index === current ? 'step' : undefined}
          >
            <span className="step-number" aria-hidden="true">
              {index < current ? '✓' : index + 1}
            </span>
            <span className="step-name">{t(LABELS[step])}</span>
          </li>
        ))}
      </ol>
    </nav>
  );
}

import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A step's way on: Back, Cancel and its primary action, last in the step. The bar stays in view
 * at the bottom of the window however long the step is (position: sticky), so the way on never
 * scrolls out of reach; controls that take focus are kept clear of it by scroll-padding.
 */
export function StepActions({ children }: { children: ReactNode }) {
  return <div className="actions step-actions">{children}</div>;
}

/**
 * Back and Cancel of a step that changes the box: both held while it works, since leaving then
 * would leave the box half-changed.
 */
export function BackAndCancel({
  busy,
  onBack,
  onCancel,
}: {
  busy: boolean;
  onBack: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <button type="button" onClick={onBack} disabled={busy}>
        {t('steps.back')}
      </button>
      <button type="button" onClick={onCancel} disabled={busy}>
        {t('steps.cancel')}
      </button>
    </>
  );
}

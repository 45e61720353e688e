import type { ReactNode } from 'react';

/**
 * A step's way on: Back, Cancel and its primary action, last in the step. The bar stays in view
 * at the bottom of the window however long the step is (position: sticky), so the way on never
 * scrolls out of reach; controls that take focus are kept clear of it by scroll-padding.
 */
export function StepActions({ children }: { children: ReactNode }) {
  return <div className="actions step-actions">{children}</div>;
}

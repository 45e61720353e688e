import { useCallback, useReducer } from 'react';

import { assistant } from '../api';
import { initialWizardState, wizardReducer, type WizardState } from './wizard-state';

/** The wizard's state plus the side effects its steps trigger (calls to the assistant API). */
export function useWizard(): {
  state: WizardState;
  start: () => void;
  back: () => void;
  searchNetwork: () => void;
} {
  const [state, dispatch] = useReducer(wizardReducer, initialWizardState);

  const searchNetwork = useCallback(() => {
    dispatch({ type: 'scan-started' });
    void assistant()
      .startDiscovery({})
      .then((result) => {
        dispatch(
          result.ok
            ? { type: 'scan-finished', report: result.value }
            : { type: 'scan-failed', error: result.error },
        );
      });
  }, []);

  return {
    state,
    start: useCallback(() => dispatch({ type: 'start' }), []),
    back: useCallback(() => dispatch({ type: 'back' }), []),
    searchNetwork,
  };
}

import { useCallback, useReducer } from 'react';

import type { BoxInfo } from '../../../electron/shared/contract';
import { assistant } from '../api';
import { initialWizardState, wizardReducer, type WizardState } from './wizard-state';

/** The wizard's state plus the side effects its steps trigger (calls to the assistant API). */
export function useWizard() {
  const [state, dispatch] = useReducer(wizardReducer, initialWizardState);

  // ── find-box (discovery) ──
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
  const chooseBox = useCallback((box: BoxInfo) => dispatch({ type: 'box-chosen', box }), []);

  // ── connect (pairing) ──
  const boxConnected = useCallback((box: BoxInfo) => dispatch({ type: 'box-connected', box }), []);

  // ── fix-dns (DNS repair) ──
  const repairDns = useCallback(() => dispatch({ type: 'repair-dns' }), []);

  return {
    state: state satisfies WizardState,
    start: useCallback(() => dispatch({ type: 'start' }), []),
    back: useCallback(() => dispatch({ type: 'back' }), []),
    searchNetwork,
    chooseBox,
    boxConnected,
    repairDns,
  };
}

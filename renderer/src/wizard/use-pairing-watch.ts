import { useCallback, useEffect, type Dispatch } from 'react';

import type { BoxInfo } from '../../../electron/shared/schemas/box';
import { assistant } from '../api';
import { activeWatch, boxAddress } from './connect-state';
import { pairingOf, type WizardAction, type WizardState } from './wizard-state';

/**
 * The watched ways' side effects: one core watch per run while the connect step watches (the
 * box is read every 2–3 s until it reports a database and is back from restarting), stopped as
 * soon as the user leaves the step or chooses another way; "Get a new code" restarts the box's
 * Odoo service and watches again. A finished pairing moves straight on to the certificate.
 */
export function usePairingWatch(state: WizardState, dispatch: Dispatch<WizardAction>) {
  const box = state.step === 'connect' ? boxAddress(state.box) : null;
  const run = state.step === 'connect' ? activeWatch(pairingOf(state).phase) : null;

  useEffect(() => {
    if (box === null || run === null) {
      return undefined;
    }
    const api = assistant();
    let active = true;
    const offProgress = api.onBoxPairingProgress((progress) => {
      if (active) {
        dispatch({ type: 'pairing-watch-progressed', progress });
      }
    });
    const offRestart = api.onBoxRestartProgress((progress) => {
      if (active) {
        dispatch({ type: 'pairing-watch-restarting', progress });
      }
    });
    const stop = (): void => {
      active = false;
      offProgress();
      offRestart();
    };
    void api.watchBoxPairing(box, {}).then((result) => {
      if (!active) {
        return;
      }
      stop();
      if (result.ok) {
        dispatch({ type: 'pairing-watch-finished', outcome: result.value });
        dispatch({ type: 'box-connected', box: result.value.box });
      } else {
        dispatch({ type: 'pairing-watch-failed', error: result.error });
      }
    });
    return () => {
      if (active) {
        stop();
        void api.stopBoxPairingWatch();
      }
    };
  }, [box, run, dispatch]);

  const renewCode = useCallback(
    (target: BoxInfo) => {
      dispatch({ type: 'pairing-renew-started' });
      const api = assistant();
      const off = api.onBoxRestartProgress((progress) =>
        dispatch({ type: 'pairing-renew-progressed', progress }),
      );
      void api.restartBox(boxAddress(target)).then((result) => {
        off();
        dispatch(
          result.ok
            ? { type: 'pairing-renew-finished' }
            : { type: 'pairing-renew-failed', error: result.error },
        );
      });
    },
    [dispatch],
  );

  const retryWatch = useCallback(() => dispatch({ type: 'pairing-watch-retry' }), [dispatch]);

  /** Connected meanwhile (Odoo found it first): go on with the database it reports. */
  const keepConnection = useCallback(
    (target: BoxInfo, serverUrl: string) => {
      void assistant()
        .getBoxInfo(boxAddress(target))
        .then((result) =>
          dispatch({
            type: 'box-connected',
            box: result.ok ? result.value : { ...target, serverUrl },
          }),
        );
    },
    [dispatch],
  );

  return { renewCode, retryWatch, keepConnection };
}

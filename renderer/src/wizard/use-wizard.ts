import { useCallback, useReducer } from 'react';

import type { BoxInfo } from '../../../electron/shared/contract';
import { assistant } from '../api';
import { useConnectPairing } from './use-connect-pairing';
import { initialWizardSession, wizardSessionReducer, type WizardState } from './wizard-state';

/** The wizard's state plus the side effects its steps trigger (calls to the assistant API). */
export function useWizard() {
  // The session also remembers what was typed on the connect step across Back (pairing).
  const [{ state }, dispatch] = useReducer(wizardSessionReducer, initialWizardSession);

  // ── find-box (discovery) ──
  const searchNetwork = useCallback(() => {
    dispatch({ type: 'scan-started' });
    const api = assistant();
    // Boxes appear in the list the moment each is confirmed, not when the whole scan ends.
    const stops = [
      api.onBoxFound((box) => dispatch({ type: 'box-streamed', box })),
      api.onBoxUpdated((box) => dispatch({ type: 'box-streamed', box })),
      api.onDiscoveryProgress((progress) => dispatch({ type: 'scan-progressed', progress })),
    ];
    void api.startDiscovery({}).then((result) => {
      stops.forEach((stop) => stop());
      dispatch(
        result.ok
          ? { type: 'scan-finished', report: result.value }
          : { type: 'scan-failed', error: result.error },
      );
    });
  }, []);
  const stopSearch = useCallback(() => {
    void assistant().cancelDiscovery();
  }, []);
  const checkAddress = useCallback((address: string) => {
    dispatch({ type: 'manual-check-started', address });
    void assistant()
      .checkBoxAddress(address)
      .then((result) => {
        dispatch(
          result.ok
            ? { type: 'manual-check-finished', box: result.value }
            : { type: 'manual-check-failed', error: result.error },
        );
      });
  }, []);
  const chooseBox = useCallback((box: BoxInfo) => dispatch({ type: 'box-chosen', box }), []);

  // ── connect (pairing) ──
  const boxConnected = useCallback((box: BoxInfo) => dispatch({ type: 'box-connected', box }), []);
  const connect = useConnectPairing(state, dispatch);

  // ── secure (certificate) ──
  const openCertificateCheck = useCallback(() => dispatch({ type: 'check-certificate' }), []);
  const checkCertificate = useCallback((target: string) => {
    dispatch({ type: 'certificate-started', target });
    const api = assistant();
    const stopListening = api.onCertificateProgress((progress) =>
      dispatch({ type: 'certificate-progressed', progress }),
    );
    void api.acquireCertificate(target, {}).then((result) => {
      stopListening();
      dispatch(
        result.ok
          ? { type: 'certificate-finished', report: result.value }
          : { type: 'certificate-failed', error: result.error },
      );
    });
  }, []);

  // ── fix-dns (DNS repair) ──
  const repairDns = useCallback(() => dispatch({ type: 'repair-dns' }), []);

  return {
    state: state satisfies WizardState,
    start: useCallback(() => dispatch({ type: 'start' }), []),
    back: useCallback(() => dispatch({ type: 'back' }), []),
    searchNetwork,
    stopSearch,
    checkAddress,
    chooseBox,
    boxConnected,
    connect,
    openCertificateCheck,
    checkCertificate,
    repairDns,
  };
}

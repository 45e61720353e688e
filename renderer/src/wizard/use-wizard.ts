import { useCallback, useEffect, useReducer } from 'react';

import type { BoxInfo } from '../../../electron/shared/schemas/box';
import { assistant } from '../api';
import { boxAddress } from './connect-state';
import { useConnectPairing } from './use-connect-pairing';
import type { WifiDraft } from './wifi-state';
import {
  canLeaveSecure,
  initialWizardSession,
  wizardSessionReducer,
  type WizardState,
} from './wizard-state';
import type { Flow } from './flow';

/** The wizard's state plus the side effects its steps trigger (calls to the assistant API). */
export function useWizard(rememberEnterpriseCode: boolean) {
  // The session also remembers what was typed on the connect step across Back (pairing).
  const [{ state }, dispatch] = useReducer(wizardSessionReducer, initialWizardSession);

  useEffect(() => {
    dispatch({ type: 'remember-default-changed', remember: rememberEnterpriseCode });
  }, [rememberEnterpriseCode]);

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
    const api = assistant();
    // A typed address gets a patient check: its waiting is shown as it goes.
    const stop = api.onAddressCheckProgress((progress) =>
      dispatch({ type: 'manual-check-progressed', progress }),
    );
    void api.checkBoxAddress(address).then((result) => {
      stop();
      dispatch(
        result.ok
          ? { type: 'manual-check-finished', box: result.value }
          : { type: 'manual-check-failed', error: result.error },
      );
    });
  }, []);
  const chooseBox = useCallback((box: BoxInfo) => dispatch({ type: 'box-chosen', box }), []);

  // ── overview ──
  const continueFromOverview = useCallback(() => dispatch({ type: 'overview-continue' }), []);
  const rename = {
    open: useCallback(() => dispatch({ type: 'rename-open' }), []),
    close: useCallback(() => dispatch({ type: 'rename-close' }), []),
    edit: useCallback((draft: string) => dispatch({ type: 'rename-draft-changed', draft }), []),
    // The box reboots under its new name; the core waits for it and checks the name.
    send: useCallback((box: BoxInfo, name: string) => {
      dispatch({ type: 'rename-started' });
      const api = assistant();
      const stopListening = api.onBoxRestartProgress((progress) =>
        dispatch({ type: 'rename-progressed', progress }),
      );
      void api.renameBox({ box: boxAddress(box), name: name.trim() }).then((result) => {
        stopListening();
        dispatch(
          result.ok
            ? { type: 'rename-finished', outcome: result.value }
            : { type: 'rename-failed', error: result.error },
        );
      });
    }, []),
  };

  // ── wifi ──
  const editWifi = useCallback(
    (patch: Partial<WifiDraft>) => dispatch({ type: 'wifi-draft-changed', patch }),
    [],
  );
  const sendWifi = useCallback((box: BoxInfo, draft: WifiDraft) => {
    dispatch({ type: 'wifi-started' });
    void assistant()
      .setBoxWifi({ box: boxAddress(box), essid: draft.essid, password: draft.password })
      .then((result) =>
        dispatch(
          result.ok
            ? { type: 'wifi-sent', essid: result.value.essid, replied: result.value.replied }
            : { type: 'wifi-failed', error: result.error },
        ),
      );
  }, []);
  const skipWifi = useCallback(() => dispatch({ type: 'wifi-skip' }), []);
  // The same box, looked for on the network this computer is on now (the shop's).
  const findAgain = useCallback((original: BoxInfo) => {
    dispatch({ type: 'wifi-search-started' });
    void assistant()
      .startDiscovery({})
      .then((result) =>
        dispatch(
          result.ok
            ? { type: 'wifi-search-finished', original, boxes: result.value.boxes }
            : { type: 'wifi-search-failed', error: result.error },
        ),
      );
  }, []);
  const continueWithJoinedBox = useCallback(() => dispatch({ type: 'wifi-joined-continue' }), []);

  // ── connect (pairing) ──
  const boxConnected = useCallback((box: BoxInfo) => dispatch({ type: 'box-connected', box }), []);
  const connect = useConnectPairing(state, dispatch);

  // ── web-address (DNS check of the box's name, against the address the box answered at) ──
  const checkWebAddress = useCallback((name: string, expectedIp: string | undefined) => {
    dispatch({ type: 'dns-check-started' });
    void assistant()
      .diagnoseDns(expectedIp === undefined ? { target: name } : { target: name, expectedIp })
      .then((result) =>
        dispatch(
          result.ok
            ? { type: 'dns-check-finished', report: result.value }
            : { type: 'dns-check-failed', error: result.error },
        ),
      );
  }, []);

  // ── secure (certificate) ──
  const checkCertificate = useCallback(
    (target: string, expectedIp: string | undefined) => {
      dispatch({ type: 'certificate-started', target });
      const api = assistant();
      const stopListening = api.onCertificateProgress((progress) =>
        dispatch({ type: 'certificate-progressed', progress }),
      );
      void api.acquireCertificate(target, {}).then((result) => {
        stopListening();
        if (!result.ok) {
          dispatch({ type: 'certificate-failed', error: result.error });
          return;
        }
        dispatch({ type: 'certificate-finished', report: result.value });
        // The web address is checked while the user reads the result: no second wait after.
        const name = result.value.verify?.hostname ?? null;
        if (name !== null && canLeaveSecure(result.value)) {
          checkWebAddress(name, expectedIp);
        }
      });
    },
    [checkWebAddress],
  );

  // The box keeps trying on its own; this only ends our wait (the step then offers Check again).
  const stopCertificateWait = useCallback(() => {
    void assistant().cancelCertificate();
  }, []);
  const acceptCertificate = useCallback(() => dispatch({ type: 'certificate-accepted' }), []);

  const acceptWebAddress = useCallback(() => dispatch({ type: 'web-address-accepted' }), []);

  // ── fix-dns (DNS repair) ──
  const repairDns = useCallback(() => dispatch({ type: 'repair-dns' }), []);

  return {
    state: state satisfies WizardState,
    start: useCallback((flow: Flow) => dispatch({ type: 'start', flow }), []),
    back: useCallback(() => dispatch({ type: 'back' }), []),
    cancel: useCallback(() => dispatch({ type: 'cancel' }), []),
    searchNetwork,
    stopSearch,
    checkAddress,
    chooseBox,
    continueFromOverview,
    rename,
    editWifi,
    sendWifi,
    skipWifi,
    findAgain,
    continueWithJoinedBox,
    boxConnected,
    connect,
    checkCertificate,
    stopCertificateWait,
    acceptCertificate,
    checkWebAddress,
    acceptWebAddress,
    repairDns,
  };
}

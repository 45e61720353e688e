import { useCallback, useEffect, useReducer, useRef } from 'react';

import type { DeviceCheckStart } from '../../../electron/shared/schemas/device-check';
import { assistant } from '../api';
import { deviceCheckReducer, initialDeviceCheck, openCheckId } from './device-check-state';

/**
 * Opens the page server while the dialog is mounted and closes it when the dialog goes away:
 * the page exists only as long as someone is looking at its QR code. A start that answers after
 * the dialog closed (or after a newer start) is closed at once instead of shown.
 */
export function useDeviceCheck(box: DeviceCheckStart) {
  const [view, dispatch] = useReducer(deviceCheckReducer, initialDeviceCheck);
  const openId = useRef<string | null>(null);
  const attempt = useRef(0);
  useEffect(() => {
    openId.current = openCheckId(view);
  }, [view]);
  const { ip, port, name } = box;

  const start = useCallback(() => {
    const mine = ++attempt.current;
    const previous = openId.current;
    if (previous !== null) {
      openId.current = null;
      void assistant().stopDeviceCheck({ id: previous });
    }
    dispatch({ type: 'start' });
    void assistant()
      .startDeviceCheck({ ip, port, name })
      .then((result) => {
        if (mine !== attempt.current) {
          if (result.ok) {
            void assistant().stopDeviceCheck({ id: result.value.id });
          }
          return;
        }
        dispatch(
          result.ok
            ? { type: 'started', session: result.value }
            : { type: 'start-failed', error: result.error },
        );
      });
  }, [ip, port, name]);

  useEffect(() => {
    const api = assistant();
    const stops = [
      api.onDeviceCheckOpened((event) => dispatch({ type: 'opened', event })),
      api.onDeviceCheckEnded((event) => dispatch({ type: 'ended', event })),
    ];
    start();
    return () => {
      attempt.current += 1;
      stops.forEach((stop) => stop());
      const id = openId.current;
      openId.current = null;
      if (id !== null) {
        void api.stopDeviceCheck({ id });
      }
    };
  }, [start]);

  return { view, restart: start };
}

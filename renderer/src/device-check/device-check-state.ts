import type { Failure } from '../../../electron/shared/result';
import type {
  DeviceCheckEnded,
  DeviceCheckOpened,
  DeviceCheckSession,
  DeviceInfo,
  DeviceReport,
} from '../../../electron/shared/schemas/device-check';

/*
 * The "Check another device" dialog: opening the page, waiting for the device, its result.
 * Events of an earlier check (a stale id) never change a newer one.
 */

export type DeviceCheckView =
  | { readonly phase: 'starting' }
  | { readonly phase: 'failed'; readonly error: Failure }
  | {
      readonly phase: 'waiting';
      readonly session: DeviceCheckSession;
      /** Set once the device opened the page. */
      readonly device: DeviceInfo | null;
    }
  | { readonly phase: 'expired'; readonly session: DeviceCheckSession }
  | {
      readonly phase: 'result';
      readonly session: DeviceCheckSession;
      readonly report: DeviceReport;
    };

export type DeviceCheckAction =
  | { readonly type: 'start' }
  | { readonly type: 'started'; readonly session: DeviceCheckSession }
  | { readonly type: 'start-failed'; readonly error: Failure }
  | { readonly type: 'opened'; readonly event: DeviceCheckOpened }
  | { readonly type: 'ended'; readonly event: DeviceCheckEnded };

export const initialDeviceCheck: DeviceCheckView = { phase: 'starting' };

export function deviceCheckReducer(
  view: DeviceCheckView,
  action: DeviceCheckAction,
): DeviceCheckView {
  switch (action.type) {
    case 'start':
      return { phase: 'starting' };
    case 'started':
      return view.phase === 'starting'
        ? { phase: 'waiting', session: action.session, device: null }
        : view;
    case 'start-failed':
      return view.phase === 'starting' ? { phase: 'failed', error: action.error } : view;
    case 'opened':
      return view.phase === 'waiting' && view.session.id === action.event.id
        ? { ...view, device: action.event.device }
        : view;
    case 'ended': {
      if (view.phase !== 'waiting' || view.session.id !== action.event.id) {
        return view;
      }
      const { report } = action.event;
      if (action.event.reason === 'result' && report !== null) {
        return { phase: 'result', session: view.session, report };
      }
      return action.event.reason === 'expired' ? { phase: 'expired', session: view.session } : view;
    }
  }
}

/** The id of the page server this view keeps open (to close it when the dialog closes). */
export function openCheckId(view: DeviceCheckView): string | null {
  return view.phase === 'waiting' ? view.session.id : null;
}

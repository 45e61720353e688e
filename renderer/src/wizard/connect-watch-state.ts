import type {
  BoxRestartProgress,
  PairingOutcome,
  PairingWatchProgress,
} from '../../../electron/shared/schemas/pairing';
import { assertNever, type Failure } from '../../../electron/shared/result';
import type { ConnectPairing, ConnectPhase } from './connect-state';
import { actionGroup, type ActionTypes } from './action-group';

/*
 * The ways where the box pairs itself — its pairing code typed in Odoo, or Odoo finding it on the
 * network — and the assistant only watches: the box is read every 2–3 s until it reports a
 * database, then followed through its restart. An expired code is renewed by restarting the
 * box's Odoo service. Each watch has a run number: the side effect starts one watch per run.
 */

export type WatchPhase =
  | {
      readonly kind: 'watching';
      readonly run: number;
      readonly progress: PairingWatchProgress | null;
      /** Once a database claimed the code: the box restarting to use it. */
      readonly restart: BoxRestartProgress | null;
    }
  /** "Get a new code": the box's Odoo service restarts, and with it the pairing thread. */
  | {
      readonly kind: 'renewing';
      readonly run: number;
      readonly progress: BoxRestartProgress | null;
    }
  | {
      readonly kind: 'watch-failed';
      readonly run: number;
      readonly error: Failure;
      readonly progress: PairingWatchProgress | null;
    };

export type WatchAction =
  | { readonly type: 'pairing-watch-progressed'; readonly progress: PairingWatchProgress }
  | { readonly type: 'pairing-watch-restarting'; readonly progress: BoxRestartProgress }
  | { readonly type: 'pairing-watch-finished'; readonly outcome: PairingOutcome }
  | { readonly type: 'pairing-watch-failed'; readonly error: Failure }
  | { readonly type: 'pairing-watch-retry' }
  | { readonly type: 'pairing-renew-started' }
  | { readonly type: 'pairing-renew-progressed'; readonly progress: BoxRestartProgress }
  | { readonly type: 'pairing-renew-finished' }
  | { readonly type: 'pairing-renew-failed'; readonly error: Failure };

export const WATCH_ACTION_TYPES: ActionTypes<WatchAction> = {
  'pairing-watch-progressed': true,
  'pairing-watch-restarting': true,
  'pairing-watch-finished': true,
  'pairing-watch-failed': true,
  'pairing-watch-retry': true,
  'pairing-renew-started': true,
  'pairing-renew-progressed': true,
  'pairing-renew-finished': true,
  'pairing-renew-failed': true,
};

export const isWatchAction = actionGroup<WatchAction>(WATCH_ACTION_TYPES);

/** A fresh watch, one run after the phase it replaces. */
export function startWatching(after: ConnectPhase | null): WatchPhase {
  const run = after !== null && 'run' in after ? after.run + 1 : 1;
  return { kind: 'watching', run, progress: null, restart: null };
}

/** The watch to keep running for this phase (its run), or none. */
export function activeWatch(phase: ConnectPhase): number | null {
  return phase.kind === 'watching' ? phase.run : null;
}

export function watchReducer(pairing: ConnectPairing, action: WatchAction): ConnectPairing {
  const { phase } = pairing;
  const to = (next: ConnectPhase): ConnectPairing => ({ ...pairing, phase: next });
  switch (action.type) {
    case 'pairing-watch-progressed':
      return phase.kind === 'watching' ? to({ ...phase, progress: action.progress }) : pairing;
    case 'pairing-watch-restarting':
      return phase.kind === 'watching' ? to({ ...phase, restart: action.progress }) : pairing;
    case 'pairing-watch-finished':
      return phase.kind === 'watching' ? to({ kind: 'done', outcome: action.outcome }) : pairing;
    case 'pairing-watch-failed':
      return phase.kind === 'watching'
        ? to({
            kind: 'watch-failed',
            run: phase.run,
            error: action.error,
            progress: phase.progress,
          })
        : pairing;
    case 'pairing-watch-retry':
      return phase.kind === 'watch-failed' ? to(startWatching(phase)) : pairing;
    case 'pairing-renew-started':
      return phase.kind === 'watching' || phase.kind === 'watch-failed'
        ? to({ kind: 'renewing', run: phase.run + 1, progress: null })
        : pairing;
    case 'pairing-renew-progressed':
      return phase.kind === 'renewing' ? to({ ...phase, progress: action.progress }) : pairing;
    case 'pairing-renew-finished':
      return phase.kind === 'renewing'
        ? to({ kind: 'watching', run: phase.run, progress: null, restart: null })
        : pairing;
    case 'pairing-renew-failed':
      return phase.kind === 'renewing'
        ? to({ kind: 'watch-failed', run: phase.run, error: action.error, progress: null })
        : pairing;
    default:
      return assertNever(action);
  }
}

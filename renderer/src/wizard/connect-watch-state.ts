import type {
  BoxRestartProgress,
  PairingOutcome,
  PairingWatchProgress,
} from '../../../electron/shared/schemas/pairing';
import { assertNever, type Failure } from '../../../electron/shared/result';
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

/** Where a watch ends: the box reported its database and is back from restarting. */
export type WatchDone = { readonly kind: 'done'; readonly outcome: PairingOutcome };

/** Every watch phase's kind, each once (the compiler checks the record against WatchPhase). */
const WATCH_PHASE_KINDS: Readonly<Record<WatchPhase['kind'], true>> = {
  watching: true,
  renewing: true,
  'watch-failed': true,
};

export function isWatchPhase(phase: { readonly kind: string }): phase is WatchPhase {
  return Object.hasOwn(WATCH_PHASE_KINDS, phase.kind);
}

/** A fresh watch, one run after the watch it replaces (if any). */
export function startWatching(after: WatchPhase | null): WatchPhase {
  const run = after === null ? 1 : after.run + 1;
  return { kind: 'watching', run, progress: null, restart: null };
}

/** The next watch phase; the same phase when the action does not fit it. */
export function watchReducer(phase: WatchPhase, action: WatchAction): WatchPhase | WatchDone {
  switch (action.type) {
    case 'pairing-watch-progressed':
      return phase.kind === 'watching' ? { ...phase, progress: action.progress } : phase;
    case 'pairing-watch-restarting':
      return phase.kind === 'watching' ? { ...phase, restart: action.progress } : phase;
    case 'pairing-watch-finished':
      return phase.kind === 'watching' ? { kind: 'done', outcome: action.outcome } : phase;
    case 'pairing-watch-failed':
      return phase.kind === 'watching'
        ? { kind: 'watch-failed', run: phase.run, error: action.error, progress: phase.progress }
        : phase;
    case 'pairing-watch-retry':
      return phase.kind === 'watch-failed' ? startWatching(phase) : phase;
    case 'pairing-renew-started':
      return phase.kind === 'watching' || phase.kind === 'watch-failed'
        ? { kind: 'renewing', run: phase.run + 1, progress: null }
        : phase;
    case 'pairing-renew-progressed':
      return phase.kind === 'renewing' ? { ...phase, progress: action.progress } : phase;
    case 'pairing-renew-finished':
      return phase.kind === 'renewing'
        ? { kind: 'watching', run: phase.run, progress: null, restart: null }
        : phase;
    case 'pairing-renew-failed':
      return phase.kind === 'renewing'
        ? { kind: 'watch-failed', run: phase.run, error: action.error, progress: null }
        : phase;
    default:
      return assertNever(action);
  }
}

import type { BoxInfo } from '../../shared/schemas/box';
import type {
  BoxRestartProgress,
  PairingOutcome,
  PairingWatchProgress,
} from '../../shared/schemas/pairing';
import { fail, ok, type Failure, type Result } from '../../shared/result';
import type { ClockPort, LogPort } from '../ports';
import type { BoxClient } from './box-client';
import type { BoxTarget } from './box-target';
import type { PairingStatus } from './pairing-status';

/*
 * The pairing code, watched to the end (doc §17 C17). The box's own pairing thread
 * (connection_manager.py) registers with Odoo's pairing service when it starts, shows a code and
 * polls until a database claims it; then it saves the connection, switches branch and restarts.
 * Whichever way the user pairs (the code, Odoo finding the box by itself), the assistant only
 * reads the box's status every 2–3 s until it reports a database, waits through the restart (and
 * the second one of C15 on G1–G3), and returns the box as it came back.
 */

export type PairingState = PairingWatchProgress['state'];

export type PairingSnapshot = {
  readonly box: BoxInfo;
  readonly pairing: PairingStatus;
  readonly state: Exclude<PairingState, 'connected'> | 'connected';
};

export type PairingWatchDeps = {
  readonly client: BoxClient;
  readonly clock: ClockPort;
  readonly log: LogPort;
  /** Between two status reads (default 2.5 s). */
  readonly intervalMs?: number;
  /** No code this long after Odoo started (or after watching began): it cannot get one. */
  readonly noCodeAfterMs?: number;
  readonly restartTimeoutMs?: number;
};

export type PairingWatchListeners = {
  readonly onProgress?: (progress: PairingWatchProgress) => void;
  readonly onRestart?: (progress: BoxRestartProgress) => void;
};

export type PairingWatch = {
  /** One read: the box, what it shows, and what that means. */
  status(target: BoxTarget, signal: AbortSignal): Promise<Result<PairingSnapshot, Failure>>;
  /** Until the box reports a database and is back from its restart(s), or the time is up. */
  watch(
    target: BoxTarget,
    options: { readonly timeoutMs?: number | undefined },
    listeners: PairingWatchListeners,
    signal: AbortSignal,
  ): Promise<Result<PairingOutcome, Failure>>;
};

const INTERVAL_MS = 2_500;
/** The thread registers at once; a failed call times out after 5 s and is retried ~15 s later. */
const NO_CODE_AFTER_MS = 45_000;
/** A code lives about 2 hours after the box starts (connect.rst); watch a little longer. */
const DEFAULT_TIMEOUT_MS = 2 * 60 * 60_000 + 5 * 60_000;
/** A box that stops answering while watched is restarting by itself; this long is too long. */
const SILENT_LIMIT_MS = 90_000;

function stateOf(
  status: PairingStatus,
  watchedMs: number,
  noCodeAfterMs: number,
): PairingSnapshot['state'] {
  if (status.serverUrl !== null || status.newDatabaseUrl !== null) {
    return 'connected';
  }
  if (status.code !== null) {
    return 'code';
  }
  const since = Math.max(watchedMs, (status.odooUptimeSeconds ?? 0) * 1000);
  return since >= noCodeAfterMs ? 'no-code' : 'waiting';
}

/** Why this box cannot show a code (or use one), before anything is watched. */
function refusal(box: BoxInfo, status: PairingStatus): Failure | null {
  if (status.accessPoint || box.accessPoint) {
    return { code: 'pairing-access-point' };
  }
  if (status.serverUrl !== null && status.newDatabaseUrl === null) {
    return { code: 'pairing-already-connected', detail: status.serverUrl };
  }
  if (status.expired === true) {
    return { code: 'pairing-code-expired' };
  }
  return null;
}

function transient(failure: Failure): boolean {
  return failure.code === 'box-unreachable' || failure.code === 'box-connection-dropped';
}

export function createPairingWatch(deps: PairingWatchDeps): PairingWatch {
  const { client, clock } = deps;
  const intervalMs = deps.intervalMs ?? INTERVAL_MS;
  const noCodeAfterMs = deps.noCodeAfterMs ?? NO_CODE_AFTER_MS;

  const probe = async (
    target: BoxTarget,
    signal: AbortSignal,
  ): Promise<Result<{ box: BoxInfo; pairing: PairingStatus }, Failure>> => {
    const box = await client.getInfo(target, signal);
    if (!box.ok) {
      return box;
    }
    const pairing = await client.readPairingStatus(target, box.value, signal);
    return pairing.ok ? ok({ box: box.value, pairing: pairing.value }) : pairing;
  };

  /** Reported a database: wait through the restart it announced, then any branch switch. */
  const followConnection = async (
    target: BoxTarget,
    before: BoxInfo,
    restartPending: boolean,
    listeners: PairingWatchListeners,
    signal: AbortSignal,
  ): Promise<Result<PairingOutcome, Failure>> => {
    const back = await client.waitUntilBack(
      target,
      before,
      {
        aftermath: restartPending ? 'restart' : 'none',
        ...(deps.restartTimeoutMs === undefined ? {} : { timeoutMs: deps.restartTimeoutMs }),
        ...(listeners.onRestart === undefined ? {} : { onProgress: listeners.onRestart }),
      },
      signal,
    );
    if (!back.ok) {
      return back;
    }
    const settled = await client.followBranchSwitch(
      target,
      back.value,
      listeners.onRestart,
      signal,
    );
    return settled.ok ? ok({ before, box: settled.value, restarted: true }) : settled;
  };

  return {
    async status(target, signal) {
      const probed = await probe(target, signal);
      if (!probed.ok) {
        return probed;
      }
      const { box, pairing } = probed.value;
      return ok({ box, pairing, state: stateOf(pairing, 0, noCodeAfterMs) });
    },

    async watch(target, options, listeners, signal) {
      const probed = await probe(target, signal);
      if (!probed.ok) {
        return probed;
      }
      const before = probed.value.box;
      const refused = refusal(before, probed.value.pairing);
      if (refused !== null) {
        return { ok: false, error: refused };
      }
      const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      const started = clock.now();
      const elapsed = (): number => clock.now() - started;
      let status: PairingStatus = probed.value.pairing;
      let state = stateOf(status, 0, noCodeAfterMs);
      let polls = 1;
      let lastCode: string | null = status.code;
      let silentSince: number | null = null;
      let wentSilent = false;
      for (;;) {
        listeners.onProgress?.({
          host: target.host,
          port: target.port,
          state,
          pairingCode: lastCode,
          serverUrl: status.serverUrl ?? status.newDatabaseUrl,
          polls,
          elapsedMs: elapsed(),
          timeoutMs,
        });
        if (state === 'connected') {
          deps.log.info('pairing claimed', { host: target.host, api: before.api, polls });
          // G4 says its restart is still to come (new_database_url); older boxes do not, unless
          // it was seen going down already.
          const pending = before.api === 'g4' ? status.newDatabaseUrl !== null : !wentSilent;
          return followConnection(target, before, pending, listeners, signal);
        }
        if (elapsed() >= timeoutMs) {
          return state === 'code'
            ? fail('pairing-watch-timeout', `code ${lastCode ?? ''} not used in time`)
            : fail('pairing-no-code', `no code after ${Math.round(elapsed() / 1000)} s`);
        }
        await clock.sleep(intervalMs, signal);
        if (signal.aborted) {
          return fail('cancelled');
        }
        polls += 1;
        const read = await client.readPairingStatus(target, before, signal);
        if (!read.ok) {
          if (read.error.code === 'cancelled') {
            return read;
          }
          if (!transient(read.error)) {
            return read;
          }
          silentSince ??= clock.now();
          wentSilent = true;
          if (clock.now() - silentSince > SILENT_LIMIT_MS) {
            return read;
          }
          continue;
        }
        silentSince = null;
        status = read.value;
        const refusedNow = status.serverUrl === null ? refusal(before, status) : null;
        if (refusedNow !== null) {
          return { ok: false, error: refusedNow };
        }
        lastCode = status.code ?? lastCode;
        state = stateOf(status, elapsed(), noCodeAfterMs);
      }
    },
  };
}

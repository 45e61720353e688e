import type { BoxInfo } from '../../shared/schemas/box';
import type { BoxRestartProgress } from '../../shared/schemas/pairing';
import { fail, type Failure, type Result } from '../../shared/result';
import type { ClockPort } from '../ports';
import type { BoxHttp } from './box-http';
import { helloAnswers } from './hello';
import { probeBox } from './box-probe';
import type { BoxTarget } from './box-target';
import type { Aftermath } from './box-operations';

/*
 * After a save or connect the box restarts Odoo (a rename reboots it). We poll
 * `/hw_proxy/hello` with backoff (doc §9): first until it stops answering (the restart has
 * begun — the box replies before restarting, after 0–5 s), then until it answers `ping` again,
 * and then re-probe once: the API generation may have changed (the box switches to the
 * database's branch), and an answer from a different box means ours moved to another address.
 */

export type WaitOptions = {
  readonly aftermath: Aftermath;
  /** Overall deadline (default 90 s for a restart, 240 s for a reboot). */
  readonly timeoutMs?: number;
  readonly onProgress?: (progress: BoxRestartProgress) => void;
  /**
   * How long a box that keeps answering may take to go down before we assume it restarted
   * unseen (default 8 s); null: it will go down, however long that takes (a branch checkout).
   */
  readonly goingDownMs?: number | null;
};

const RESTART_TIMEOUT_MS = 90_000;
const REBOOT_TIMEOUT_MS = 240_000;
/** G1 waits 5 s before restarting after server_connect; allow that plus margin to see it go down. */
const GOING_DOWN_GRACE_MS = 8_000;
const FIRST_INTERVAL_MS = 200;
const MAX_INTERVAL_MS = 2_000;
const HELLO_TIMEOUT_MS = 1_500;

export async function waitUntilBack(
  box: BoxHttp,
  clock: ClockPort,
  target: BoxTarget,
  before: BoxInfo,
  options: WaitOptions,
  signal: AbortSignal,
): Promise<Result<BoxInfo, Failure>> {
  const timeoutMs =
    options.timeoutMs ?? (options.aftermath === 'reboot' ? REBOOT_TIMEOUT_MS : RESTART_TIMEOUT_MS);
  const goingDownMs = options.goingDownMs === undefined ? GOING_DOWN_GRACE_MS : options.goingDownMs;
  const started = clock.now();
  const elapsed = (): number => clock.now() - started;
  let attempt = 0;
  let interval = FIRST_INTERVAL_MS;
  let phase: BoxRestartProgress['phase'] = options.aftermath === 'none' ? 'starting' : 'going-down';
  const report = (): void =>
    options.onProgress?.({
      host: target.host,
      port: target.port,
      phase,
      attempt,
      elapsedMs: elapsed(),
      timeoutMs,
    });

  report();
  while (phase !== 'back') {
    if (signal.aborted) {
      return fail('cancelled');
    }
    if (elapsed() > timeoutMs) {
      return fail(
        'box-restart-timeout',
        phase === 'going-down'
          ? 'the box kept answering'
          : `no answer for ${Math.round(elapsed() / 1000)} s`,
      );
    }
    attempt += 1;
    const hello = await helloAnswers(box, target, signal, HELLO_TIMEOUT_MS);
    if (!hello.ok && hello.error.code === 'cancelled') {
      return hello;
    }
    if (!hello.ok && hello.error.code === 'box-not-odoo') {
      // Something else now answers at this address: the DHCP lease went to another device.
      return fail('box-address-changed', 'another device answers at this address');
    }
    if (phase === 'going-down') {
      if (!hello.ok) {
        phase = 'down';
      } else if (goingDownMs !== null && elapsed() > goingDownMs) {
        // It never visibly went down: the restart was quicker than our polling. Carry on.
        phase = 'back';
      }
    } else if (hello.ok) {
      phase = 'back';
    } else if (phase === 'down') {
      phase = 'starting';
    }
    report();
    if (phase !== 'back') {
      await clock.sleep(interval, signal);
      interval = Math.min(MAX_INTERVAL_MS, Math.round(interval * 1.5));
    }
  }
  return reprobe(box, clock, target, before, signal);
}

async function reprobe(
  box: BoxHttp,
  clock: ClockPort,
  target: BoxTarget,
  before: BoxInfo,
  signal: AbortSignal,
): Promise<Result<BoxInfo, Failure>> {
  // `hello` answers as soon as Odoo listens; give the homepage routes a moment if they lag.
  let info = await probeBox(box, target, signal);
  for (let retry = 0; retry < 3 && !info.ok && info.error.code === 'box-unreachable'; retry += 1) {
    await clock.sleep(1_000, signal);
    info = await probeBox(box, target, signal);
  }
  if (!info.ok) {
    return info;
  }
  const sameBox =
    (before.mac === null || info.value.mac === null || before.mac === info.value.mac) &&
    (before.identifier === null ||
      info.value.identifier === null ||
      before.api !== info.value.api ||
      before.identifier === info.value.identifier);
  if (!sameBox) {
    return fail('box-address-changed', 'a different box answers at this address');
  }
  if (info.value.ip !== before.ip && !info.value.accessPoint && !before.accessPoint) {
    return fail('box-address-changed', `the box now reports ${info.value.ip}`);
  }
  return info;
}

import type { BoxInfo } from '../../shared/schemas/box';
import type { BoxRestartProgress } from '../../shared/schemas/pairing';
import { fail, ok, type Failure, type Result } from '../../shared/result';
import type { ClockPort } from '../ports';
import type { BoxHttp } from './box-http';
import { readLog } from './box-log';
import { helloAnswers } from './hello';
import type { BoxTarget } from './box-target';
import { waitUntilBack } from './wait-until-back';

/*
 * The second restart (doc §17 C15). Once connected, a G1–G3 box runs check_git_branch() each
 * time Odoo starts (hw_drivers/main.py Manager.run): it asks the database for its version and,
 * when the box's git branch differs, checks that branch out and restarts Odoo again — after a
 * fetch that can take minutes, and possibly into another API generation. G4 switches before
 * its single restart. The requests-era helpers log it:
 *   "Current IoT Box local git branch: <a> / Associated Odoo database's git branch: <b>"
 *   "Updating odoo folder to the branch <b>"
 * The older urllib3 helpers (G1) log nothing, so there only the box going down again tells.
 */

/** How long to watch a box that says nothing about its branch (G1) before calling it settled. */
export const BRANCH_SETTLE_MS = 20_000;
const LOOK_EVERY_MS = 2_000;
/** A checkout downloads the new branch first: on a slow line, several minutes. */
const SWITCH_TIMEOUT_MS = 15 * 60_000;
/** Each Odoo start logs this line (odoo.service.server): the log after it is this start's. */
const START_MARKER = 'HTTP service (werkzeug) running';
const BRANCHES = /local git branch: (\S+) \/ Associated Odoo database's git branch: (\S+)/;
const UPDATING = 'Updating odoo folder to the branch';

type Verdict = 'switching' | 'settled' | 'unknown';

/** What this start's part of the log says about the branch. */
export function branchVerdict(log: string): Verdict {
  const start = log.lastIndexOf(START_MARKER);
  const current = start === -1 ? log : log.slice(start);
  if (current.includes(UPDATING)) {
    return 'switching';
  }
  const branches = BRANCHES.exec(current);
  return branches !== null && branches[1] === branches[2] ? 'settled' : 'unknown';
}

/** Odoo started again after announcing the checkout (the restart may be too quick to see). */
function restartedSinceCheckout(log: string): boolean {
  const updating = log.lastIndexOf(UPDATING);
  return updating !== -1 && log.indexOf(START_MARKER, updating) !== -1;
}

/**
 * Called once the box is back after a connection: waits through the branch switch when there is
 * one, and returns the box as it is afterwards (re-probed: its generation may have changed).
 */
export async function followBranchSwitch(
  box: BoxHttp,
  clock: ClockPort,
  target: BoxTarget,
  info: BoxInfo,
  onProgress: ((progress: BoxRestartProgress) => void) | undefined,
  signal: AbortSignal,
  settleMs = BRANCH_SETTLE_MS,
): Promise<Result<BoxInfo, Failure>> {
  if (info.api === 'g4' || info.system !== 'Linux' || info.serverUrl === null) {
    return ok(info);
  }
  const started = clock.now();
  const elapsed = (): number => clock.now() - started;
  let attempt = 0;
  const updating = (): void =>
    onProgress?.({
      host: target.host,
      port: target.port,
      phase: 'updating',
      attempt,
      elapsedMs: elapsed(),
      timeoutMs: SWITCH_TIMEOUT_MS,
    });
  const backAgain = (): Promise<Result<BoxInfo, Failure>> =>
    waitUntilBack(
      box,
      clock,
      target,
      info,
      {
        aftermath: 'none',
        timeoutMs: Math.max(0, SWITCH_TIMEOUT_MS - elapsed()),
        ...(onProgress === undefined ? {} : { onProgress }),
      },
      signal,
    );
  let switching = false;
  while (elapsed() < (switching ? SWITCH_TIMEOUT_MS : settleMs)) {
    attempt += 1;
    const hello = await helloAnswers(box, target, signal, 1_500);
    if (!hello.ok && hello.error.code === 'cancelled') {
      return hello;
    }
    if (!hello.ok) {
      // Down again: the checkout's restart (the only way a G1 box tells).
      return backAgain();
    }
    const log = await readLog(box, target, info, signal);
    if (!log.ok && log.error.code === 'cancelled') {
      return log;
    }
    if (log.ok) {
      if (switching && restartedSinceCheckout(log.value.text)) {
        return backAgain();
      }
      const verdict: Verdict = switching ? 'switching' : branchVerdict(log.value.text);
      if (verdict === 'settled') {
        return ok(info);
      }
      switching = verdict === 'switching';
    }
    if (switching) {
      updating();
    }
    await clock.sleep(LOOK_EVERY_MS, signal);
  }
  return switching ? fail('box-restart-timeout', 'the branch switch did not end') : ok(info);
}

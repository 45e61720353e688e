import type { BoxInfo } from '../../shared/schemas/box';
import type { CertificateOutcome, CertificateProgress } from '../../shared/schemas/certificate';
import type { Failure, Result } from '../../shared/result';
import type { BoxTarget } from '../box/box-target';
import type { ClockPort } from '../ports';
import type { CertificateBox } from './certificate-box';
import { BOX_ATTEMPT_TIMEOUT_S, BOX_DOWNLOAD_ATTEMPTS } from './certificate-log';
import { NEEDS_USER_FIRST } from './knowledge-base';

/**
 * Spacing of the status checks after the trigger. Growing gaps keep the load on the box low —
 * on G2/G3 every status read makes the box call odoo.com again (doc §6) — while still
 * noticing a quick issuance within seconds.
 */
export const DEFAULT_POLL_DELAYS_MS: readonly number[] = [5_000, 10_000, 15_000, 20_000, 30_000];
/** Boxes that answer with a code settle within a few status reads. */
export const DEFAULT_WAIT_MS = 180_000;
/**
 * Boxes that fetch at Odoo start (G4, refactored trees) may spend 6 attempts of 95 s on it
 * (iot_drivers/tools/certificate.py @371fe6a0), after the restart that starts them.
 */
export const PATIENT_WAIT_MS = 600_000;
/** Hard ceiling on status reads of a box whose every read asks odoo.com (G1–G3 with codes). */
export const MAX_CHECKS = 10;
/** A box whose status read is local can be looked at more often over its longer wait. */
const MAX_LOCAL_CHECKS = 30;

/** One status read, classified; `boxAttempt` while the box's own retries are under way. */
export type Classification = {
  readonly outcome: CertificateOutcome;
  readonly boxAttempt: number | null;
  /** Said by the box's log after its last attempt: final at once, no second sighting needed. */
  readonly fromLog: boolean;
};

export type AcquisitionDeps = {
  readonly box: CertificateBox;
  readonly clock: ClockPort;
  /** Outcome of one status read, log reading included (injected: it needs HTTP). */
  readonly classify: (info: BoxInfo, signal: AbortSignal) => Promise<Classification>;
  readonly pollDelaysMs?: readonly number[];
};

export type AcquisitionResult = {
  readonly info: BoxInfo;
  /** True when the wait ran out (or the check budget) before a settled answer. */
  readonly timedOut: boolean;
};

/** Still on its way: worth another look later. Anything else is the box's settled answer. */
const IN_PROGRESS: ReadonlySet<CertificateOutcome> = new Set(['temporary', 'missing']);

/** Whether reading this box's status makes it ask odoo.com (the old code with its codes). */
function readsAskOdooCom(info: BoxInfo): boolean {
  return (
    info.api === 'g1' ||
    (info.api !== 'g4' &&
      (info.certificate.state === 'failed' || info.certificate.state === 'refused'))
  );
}

/**
 * Guides the box to its certificate: read the status; if there is none, trigger one attempt,
 * then re-read with growing gaps until a certificate appears, the box settles on a failure (said
 * twice by a box that answers with codes, or once by a log after its last attempt), the wait
 * ends or the check budget is spent. `waitMs` null: as long as this box may need.
 */
export async function acquireCertificate(
  target: BoxTarget,
  options: {
    readonly waitMs: number | null;
    readonly onProgress: (progress: CertificateProgress) => void;
  },
  deps: AcquisitionDeps,
  signal: AbortSignal,
): Promise<Result<AcquisitionResult, Failure>> {
  const started = deps.clock.now();
  const delays = deps.pollDelaysMs ?? DEFAULT_POLL_DELAYS_MS;
  let attempt = 0;
  let maxAttempts = 1;
  let boxAttempt: number | null = null;
  const progress = (
    phase: CertificateProgress['phase'],
    info: BoxInfo | null,
    nextCheckInMs: number | null = null,
  ): void =>
    options.onProgress({
      ip: target.host,
      phase,
      attempt,
      maxAttempts,
      elapsedMs: deps.clock.now() - started,
      nextCheckInMs,
      status: info?.certificate ?? null,
      boxAttempt,
      boxMaxAttempts: boxAttempt === null ? null : BOX_DOWNLOAD_ATTEMPTS,
      boxAttemptSeconds: boxAttempt === null ? null : BOX_ATTEMPT_TIMEOUT_S,
    });

  progress('checking', null);
  attempt += 1;
  const first = await deps.box.getInfo(target, signal);
  if (!first.ok) {
    return first;
  }
  let info = first.value;
  const patient = !readsAskOdooCom(info);
  const waitMs = options.waitMs ?? (patient ? PATIENT_WAIT_MS : DEFAULT_WAIT_MS);
  maxAttempts = Math.min(
    patient ? MAX_LOCAL_CHECKS : MAX_CHECKS,
    1 + countChecks(delays, waitMs, patient ? MAX_LOCAL_CHECKS : MAX_CHECKS),
  );
  let classified = await deps.classify(info, signal);
  let outcome = classified.outcome;
  if (outcome === 'valid' || NEEDS_USER_FIRST.has(outcome)) {
    return { ok: true, value: { info, timedOut: false } };
  }

  progress('requesting', info);
  const triggered = await deps.box.requestCertificateCheck(target, info, signal);
  if (!triggered.ok && triggered.error.code === 'cancelled') {
    return triggered;
  }
  if (triggered.ok && triggered.value !== 'none') {
    // These boxes fetch at Odoo start: wait for the service to come back before reading again.
    progress('restarting', info);
    const back = await deps.box.waitUntilBack(target, info, triggered.value, signal);
    if (!back.ok && back.error.code === 'cancelled') {
      return back;
    }
    if (back.ok) {
      info = back.value;
    }
  }
  // A box whose status read asks odoo.com already tried: its first answer is one sighting.
  let previous: CertificateOutcome | null = readsAskOdooCom(info) ? outcome : null;

  for (let index = 0; attempt < maxAttempts; index += 1) {
    const delay = delays[Math.min(index, delays.length - 1)] ?? 10_000;
    if (deps.clock.now() - started + delay > waitMs) {
      break;
    }
    progress('waiting', info, delay);
    await deps.clock.sleep(delay, signal);
    if (signal.aborted) {
      return { ok: false, error: { code: 'cancelled' } };
    }
    progress('checking', info);
    attempt += 1;
    const next = await deps.box.getInfo(target, signal);
    if (!next.ok) {
      // A box busy restarting nginx/Odoo may drop one read: keep waiting unless cancelled.
      if (next.error.code === 'cancelled') {
        return next;
      }
      continue;
    }
    info = next.value;
    classified = await deps.classify(info, signal);
    outcome = classified.outcome;
    boxAttempt = classified.boxAttempt;
    if (outcome === 'valid' || outcome === 'expiring-soon' || NEEDS_USER_FIRST.has(outcome)) {
      return { ok: true, value: { info, timedOut: false } };
    }
    const settled = !IN_PROGRESS.has(outcome) && boxAttempt === null;
    if (settled && (classified.fromLog || outcome === previous)) {
      return { ok: true, value: { info, timedOut: false } };
    }
    previous = outcome;
  }
  return {
    ok: true,
    value: { info, timedOut: IN_PROGRESS.has(outcome) || boxAttempt !== null },
  };
}

function countChecks(delays: readonly number[], waitMs: number, cap: number): number {
  let total = 0;
  let count = 0;
  for (let index = 0; count < cap; index += 1) {
    total += delays[Math.min(index, delays.length - 1)] ?? 10_000;
    if (total > waitMs) {
      break;
    }
    count += 1;
  }
  return count;
}

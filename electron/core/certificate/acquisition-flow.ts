import type { BoxInfo } from '../../shared/schemas/box';
import type { CertificateOutcome, CertificateProgress } from '../../shared/schemas/certificate';
import type { Failure, Result } from '../../shared/result';
import type { BoxTarget } from '../box/box-target';
import type { ClockPort } from '../ports';
import type { CertificateBox } from './certificate-box';
import { NEEDS_USER_FIRST } from './knowledge-base';

/**
 * Spacing of the status checks after the trigger. Growing gaps keep the load on the box low —
 * on G2/G3 every status read makes the box call odoo.com again (doc §6) — while still
 * noticing a quick issuance within seconds.
 */
export const DEFAULT_POLL_DELAYS_MS: readonly number[] = [5_000, 10_000, 15_000, 20_000, 30_000];
export const DEFAULT_WAIT_MS = 180_000;
/** Hard ceiling on status reads, whatever the wait: a few minutes must never mean dozens. */
export const MAX_CHECKS = 10;

export type AcquisitionDeps = {
  readonly box: CertificateBox;
  readonly clock: ClockPort;
  /** Outcome of one status read, G4 log reason included (injected: it needs HTTP). */
  readonly classify: (info: BoxInfo, signal: AbortSignal) => Promise<CertificateOutcome>;
  readonly pollDelaysMs?: readonly number[];
};

export type AcquisitionResult = {
  readonly info: BoxInfo;
  /** True when the wait ran out (or the check budget) before a settled answer. */
  readonly timedOut: boolean;
};

/** Still on its way: worth another look later. Anything else is the box's settled answer. */
const IN_PROGRESS: ReadonlySet<CertificateOutcome> = new Set(['temporary', 'missing']);

/**
 * Guides the box to its certificate: read the status; if there is none, trigger one attempt,
 * then re-read with growing gaps until a certificate appears, the same failure is reported twice
 * in a row (a settled answer, not a transient), the wait ends or the check budget is spent.
 */
export async function acquireCertificate(
  target: BoxTarget,
  options: {
    readonly waitMs: number;
    readonly onProgress: (progress: CertificateProgress) => void;
  },
  deps: AcquisitionDeps,
  signal: AbortSignal,
): Promise<Result<AcquisitionResult, Failure>> {
  const started = deps.clock.now();
  const delays = deps.pollDelaysMs ?? DEFAULT_POLL_DELAYS_MS;
  const maxAttempts = Math.min(MAX_CHECKS, 1 + countChecks(delays, options.waitMs));
  let attempt = 0;
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
    });

  progress('checking', null);
  attempt += 1;
  const first = await deps.box.getInfo(target, signal);
  if (!first.ok) {
    return first;
  }
  let info = first.value;
  let outcome = await deps.classify(info, signal);
  if (outcome === 'valid' || NEEDS_USER_FIRST.has(outcome)) {
    return { ok: true, value: { info, timedOut: false } };
  }

  progress('requesting', info);
  const triggered = await deps.box.requestCertificateCheck(target, info, signal);
  if (!triggered.ok && triggered.error.code === 'cancelled') {
    return triggered;
  }
  if (triggered.ok && triggered.value !== 'none') {
    // G4 retries at Odoo start: wait for the service to come back before reading again.
    progress('restarting', info);
    const back = await deps.box.waitUntilBack(target, info, triggered.value, signal);
    if (!back.ok && back.error.code === 'cancelled') {
      return back;
    }
    if (back.ok) {
      info = back.value;
    }
  }
  // G2/G3 already retried when their status was read: the first answer counts as one sighting.
  let previous: CertificateOutcome | null = info.api === 'g2' || info.api === 'g3' ? outcome : null;

  for (let index = 0; attempt < maxAttempts; index += 1) {
    const delay = delays[Math.min(index, delays.length - 1)] ?? 10_000;
    if (deps.clock.now() - started + delay > options.waitMs) {
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
    outcome = await deps.classify(info, signal);
    if (outcome === 'valid' || outcome === 'expiring-soon' || NEEDS_USER_FIRST.has(outcome)) {
      return { ok: true, value: { info, timedOut: false } };
    }
    if (!IN_PROGRESS.has(outcome) && outcome === previous) {
      return { ok: true, value: { info, timedOut: false } };
    }
    previous = outcome;
  }
  return { ok: true, value: { info, timedOut: IN_PROGRESS.has(outcome) } };
}

function countChecks(delays: readonly number[], waitMs: number): number {
  let total = 0;
  let count = 0;
  for (let index = 0; count < MAX_CHECKS; index += 1) {
    total += delays[Math.min(index, delays.length - 1)] ?? 10_000;
    if (total > waitMs) {
      break;
    }
    count += 1;
  }
  return count;
}

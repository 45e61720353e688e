import type { CertificateOutcome } from '../../shared/schemas/certificate';
import { redact } from '../redact';

/*
 * Boxes on the refactored certificate code (G4, and G2/G3 trees the refactor reached) report no
 * error code: `certificate_end_date` is simply null, and the reason is in the box log
 * (iot_drivers/tools/certificate.py @371fe6a0, @0aba184a; hw_drivers/tools/certificate.py
 * @00f96124). The newest code tries odoo.com up to 6 times, 95 s each, logging each failure as a
 * WARNING and then "Maximum attempt…"; its success line is DEBUG, so a quiet log after a
 * failure can mean "still trying". Only this Odoo run's part of the log counts.
 */

/** Each Odoo start logs this line (odoo.service.server). */
const START_MARKER = 'HTTP service (werkzeug) running';

/** download_odoo_certificate() @371fe6a0: attempts and their timeout. */
export const BOX_DOWNLOAD_ATTEMPTS = 6;
export const BOX_ATTEMPT_TIMEOUT_S = 95;

const RETRY = 'An error occurred while trying to reach odoo.com to get a new certificate:';
const GAVE_UP = 'Maximum attempt to download the odoo.com certificate reached';
/** The single-attempt variants log the exception under this sentence alone. */
const REACH = 'An error occurred while trying to reach odoo.com';

const SETTLED: readonly (readonly [string, CertificateOutcome])[] = [
  ['Server error received from odoo.com while trying to get the certificate', 'no-result'],
  ['Error received from odoo.com while trying to get the certificate', 'no-result'],
  ['The certificate received from odoo.com is not valid.', 'invalid-certificate-received'],
];

export type CertificateLogReason = {
  readonly outcome: CertificateOutcome;
  readonly httpStatus: number | null;
  readonly text: string | null;
};

export type CertificateLogReading = {
  /** Why the box gave up, once it has; null while it is trying or when nothing was logged. */
  readonly reason: CertificateLogReason | null;
  /** The attempt under way (1-based, of BOX_DOWNLOAD_ATTEMPTS) while the box is retrying. */
  readonly attempt: number | null;
};

/** The log record's text after `message`: up to the next timestamped record, bounded. */
function recordText(log: string, at: number, message: string): string {
  const after = log.slice(at + message.length).replace(/^[:\s]+/, '');
  return redact((after.split(/\n(?=\d{4}-\d{2}-\d{2} )/)[0] ?? '').trim().slice(0, 2_000));
}

/** `raise_for_status()` puts odoo.com's answer in the text: a status, not a network failure. */
function reachReason(text: string): CertificateLogReason {
  const status = /^(\d{3}) (?:Client|Server) Error:/.exec(text);
  return status?.[1] === undefined
    ? { outcome: 'request-exception', httpStatus: null, text: text || null }
    : { outcome: 'request-status', httpStatus: Number(status[1]), text };
}

/** What this Odoo run's part of the box log says about getting the certificate. */
export function readCertificateLog(fullLog: string): CertificateLogReading {
  const start = fullLog.lastIndexOf(START_MARKER);
  const log = start === -1 ? fullLog : fullLog.slice(start);
  const lastRetry = log.lastIndexOf(RETRY);
  const gaveUp = log.lastIndexOf(GAVE_UP);
  let settled: { at: number; reason: CertificateLogReason } | null = null;
  for (const [message, outcome] of SETTLED) {
    const at = log.lastIndexOf(message);
    if (at !== -1 && (settled === null || at > settled.at)) {
      settled = {
        at,
        reason: { outcome, httpStatus: null, text: recordText(log, at, message) || null },
      };
    }
  }
  // The single-attempt variants: the sentence alone, followed by the exception's traceback.
  for (let at = log.lastIndexOf(REACH); at !== -1; at = log.lastIndexOf(REACH, at - 1)) {
    if (!log.startsWith(RETRY, at)) {
      if (settled === null || at > settled.at) {
        const traceback = recordText(log, at, REACH).split('\n');
        settled = { at, reason: reachReason(traceback.at(-1)?.replace(/^[\w.]+: /, '') ?? '') };
      }
      break;
    }
  }
  if (gaveUp !== -1 && (settled === null || gaveUp > settled.at)) {
    settled = {
      at: gaveUp,
      reason: reachReason(lastRetry === -1 ? '' : recordText(log, lastRetry, RETRY)),
    };
  }
  if (lastRetry !== -1 && (settled === null || lastRetry > settled.at)) {
    const since = settled === null ? log : log.slice(settled.at);
    const failures = since.split(RETRY).length - 1;
    return { reason: null, attempt: Math.min(failures + 1, BOX_DOWNLOAD_ATTEMPTS) };
  }
  return { reason: settled?.reason ?? null, attempt: null };
}

import type { CertificateOutcome } from '../../shared/schemas/certificate';
import { redact } from '../redact';

/*
 * The six ERR_IOT_HTTPS_* codes of G1–G3 (protocol doc §11.4), matched by PREFIX: two of them
 * carry a suffix (`… 404\n\nNot Found`, `…\n\n<exception text>`), and a future box may append more.
 */

const CODES: readonly (readonly [string, CertificateOutcome])[] = [
  // Longest prefixes first: LOAD_REQUEST_* share the `LOAD_REQUEST` stem.
  ['ERR_IOT_HTTPS_LOAD_REQUEST_EXCEPTION', 'request-exception'],
  ['ERR_IOT_HTTPS_LOAD_REQUEST_NO_RESULT', 'no-result'],
  ['ERR_IOT_HTTPS_LOAD_REQUEST_STATUS', 'request-status'],
  ['ERR_IOT_HTTPS_LOAD_NO_CREDENTIAL', 'no-credential'],
  ['ERR_IOT_HTTPS_CHECK_CERT_READ_EXCEPTION', 'cert-read-error'],
  ['ERR_IOT_HTTPS_CHECK_NO_SERVER', 'no-server'],
];

const MAX_TEXT = 2_000;

export type ParsedBoxErrorCode = {
  readonly outcome: CertificateOutcome;
  /** The code as the box shows it, without free text: `ERR_IOT_HTTPS_LOAD_REQUEST_STATUS 404`. */
  readonly boxCode: string;
  readonly httpStatus: number | null;
  /** The exception (or reason) text after the blank line, bounded. */
  readonly text: string | null;
};

/**
 * Parses a `certificate_details` error. `httpStatus`/`detail` may already have been split off by
 * the box client; the raw string is parsed too so either form gives the same answer.
 */
export function parseBoxErrorCode(
  code: string,
  known: { readonly httpStatus?: number | null; readonly detail?: string | null } = {},
): ParsedBoxErrorCode {
  const trimmed = code.trim();
  const entry = CODES.find(([prefix]) => trimmed.startsWith(prefix));
  const [head = '', ...rest] = trimmed.split(/\r?\n\r?\n/);
  // Box text can quote a request (a token URL, a code): it reaches users and reports redacted.
  const text = redact((rest.join('\n\n').trim() || known.detail?.trim() || '').slice(0, MAX_TEXT));
  if (entry === undefined) {
    return {
      outcome: 'unknown-error',
      boxCode: head.split(/\s/)[0]?.slice(0, 100) ?? '',
      httpStatus: null,
      text: text || null,
    };
  }
  const [prefix, codeOutcome] = entry;
  if (codeOutcome === 'request-exception') {
    // The requests helpers (G2/G3) raise_for_status(): odoo.com's HTTP error arrives as an
    // exception, "404 Client Error: Not Found for url: …". odoo.com was reached: a status case.
    const status = /^(\d{3}) (?:Client|Server) Error:/.exec(text);
    return {
      outcome: status?.[1] === undefined ? 'request-exception' : 'request-status',
      boxCode: prefix,
      httpStatus: status?.[1] === undefined ? null : Number(status[1]),
      text: text || null,
    };
  }
  let httpStatus: number | null = null;
  if (codeOutcome === 'request-status') {
    const match = /^\s+(\d{3})\b/.exec(head.slice(prefix.length));
    httpStatus = match?.[1] === undefined ? (known.httpStatus ?? null) : Number(match[1]);
  }
  return {
    outcome: codeOutcome,
    boxCode: httpStatus === null ? prefix : `${prefix} ${httpStatus}`,
    httpStatus,
    text: codeOutcome === 'request-status' ? text || null : null,
  };
}

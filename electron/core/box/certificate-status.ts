import type { BoxCertificateStatus } from '../../shared/schemas/box';
import { TEMPORARY_CERTIFICATE_CN } from '../odoo-iot-name';

/**
 * The `ERR_IOT_HTTPS_*` codes of G1–G3 (doc §11.4). Matched by prefix because two carry a
 * suffix: `LOAD_REQUEST_STATUS <http status>\n\n<reason>` and `LOAD_REQUEST_EXCEPTION\n\n<text>`.
 * Longest first, so `…LOAD_REQUEST_STATUS` never matches as a shorter code.
 */
export const BOX_CERTIFICATE_ERROR_CODES = [
  'ERR_IOT_HTTPS_LOAD_REQUEST_EXCEPTION',
  'ERR_IOT_HTTPS_LOAD_REQUEST_NO_RESULT',
  'ERR_IOT_HTTPS_LOAD_REQUEST_STATUS',
  'ERR_IOT_HTTPS_CHECK_CERT_READ_EXCEPTION',
  'ERR_IOT_HTTPS_LOAD_NO_CREDENTIAL',
  'ERR_IOT_HTTPS_CHECK_NO_SERVER',
] as const;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Python `str(datetime)` (`2025-08-01 12:00:00[.ffffff][+00:00]`) → ISO 8601. Naive values are
 * UTC: the box reads them from the certificate's `not_valid_after`, which is UTC.
 */
export function pythonDateToIso(text: string, plusDays = 0): string | null {
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(
    text.trim(),
  );
  if (match === null) {
    return null;
  }
  const zone = match[4] ?? 'Z';
  const fraction = (match[3] ?? '').slice(0, 4); // JavaScript dates keep milliseconds only
  const time = Date.parse(`${match[1] ?? ''}T${match[2] ?? ''}${fraction}${zone}`);
  return Number.isNaN(time) ? null : new Date(time + plusDays * DAY_MS).toISOString();
}

/**
 * G1–G3 `is_certificate_ok` + `certificate_details`. On success the box says
 * `Your certificate <CN> is valid until <notAfter − 10 days>` (its renewal margin), so 10 days
 * are added back to report the certificate's real end date.
 */
export function oldCertificateStatus(isOk: boolean, details: string): BoxCertificateStatus {
  if (isOk) {
    const valid = /^Your certificate (\S+) is valid until (.+)$/s.exec(details.trim());
    if (valid === null) {
      return { state: 'ok', subject: null, notAfter: null };
    }
    const subject = valid[1] ?? '';
    if (subject === TEMPORARY_CERTIFICATE_CN) {
      return { state: 'temporary' };
    }
    return { state: 'ok', subject, notAfter: pythonDateToIso(valid[2] ?? '', 10) };
  }
  const code = BOX_CERTIFICATE_ERROR_CODES.find((known) => details.startsWith(known));
  if (code === undefined) {
    const leading = /^(ERR_IOT_HTTPS_[A-Z_]+)/.exec(details);
    return leading?.[1] === undefined
      ? { state: 'unknown' }
      : {
          state: 'failed',
          code: leading[1],
          httpStatus: null,
          detail: trimmed(details.slice(leading[1].length)),
        };
  }
  const rest = details.slice(code.length);
  if (code === 'ERR_IOT_HTTPS_LOAD_REQUEST_STATUS') {
    const status = /^\s*(\d{3})/.exec(rest);
    const reason = rest.replace(/^\s*\d{3}/, '');
    return {
      state: 'failed',
      code,
      httpStatus: status?.[1] === undefined ? null : Number(status[1]),
      detail: trimmed(reason),
    };
  }
  return { state: 'failed', code, httpStatus: null, detail: trimmed(rest) };
}

/** G4 `certificate_end_date`: a date when the certificate is usable, null when it is not. */
export function g4CertificateStatus(endDate: string | null): BoxCertificateStatus {
  if (endDate === null) {
    return { state: 'missing' };
  }
  return { state: 'ok', subject: null, notAfter: pythonDateToIso(endDate) ?? endDate };
}

function trimmed(text: string): string | null {
  const value = text.trim();
  return value === '' ? null : value;
}

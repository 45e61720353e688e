import type { CertificateOutcome } from '../../shared/schemas/certificate';
import { redact } from '../redact';

/*
 * G4 boxes report no error code: `certificate_end_date` is simply null. The reason is only in the
 * box log (protocol doc §11.4, `iot_drivers/tools/certificate.py`), which `/iot_drivers/iot_logs`
 * returns without side effects. The LAST certificate line wins: older ones describe past attempts.
 */

export type G4CertificateReason = {
  readonly outcome: CertificateOutcome;
  readonly httpStatus: number | null;
  readonly text: string | null;
};

const MESSAGES: readonly (readonly [string, CertificateOutcome])[] = [
  ['An error occurred while trying to reach odoo.com', 'request-exception'],
  ['Server error received from odoo.com while trying to get the certificate', 'no-result'],
  ['Error received from odoo.com while trying to get the certificate', 'no-result'],
  ['The certificate received from odoo.com is not valid.', 'invalid-certificate-received'],
];

/** The reason for the last failed certificate attempt in a G4 log text, if any. */
export function g4CertificateReason(logText: string): G4CertificateReason | null {
  let found: { index: number; outcome: CertificateOutcome; message: string } | null = null;
  for (const [message, outcome] of MESSAGES) {
    const index = logText.lastIndexOf(message);
    if (index !== -1 && (found === null || index > found.index)) {
      found = { index, outcome, message };
    }
  }
  // A later success line means the failure is history.
  const success = logText.lastIndexOf('is valid until');
  if (found === null || success > found.index) {
    return null;
  }
  const after = logText.slice(found.index + found.message.length).replace(/^[:\s]+/, '');
  // The exception continues on the next line(s) until the next timestamped log record.
  const text = redact(
    after
      .split(/\n(?=\d{4}-\d{2}-\d{2} )/)[0]
      ?.trim()
      .slice(0, 2_000) ?? '',
  );
  // `raise_for_status()` surfaces odoo.com's status inside the exception: that is a status case.
  const status = /HTTPError: (\d{3}) /.exec(text);
  if (found.outcome === 'request-exception' && status?.[1] !== undefined) {
    return { outcome: 'request-status', httpStatus: Number(status[1]), text };
  }
  return { outcome: found.outcome, httpStatus: null, text: text || null };
}

import { describe, expect, it } from 'vitest';

import { parseBoxErrorCode } from '../../../../../electron/core/certificate/box-error-code';
import { g4CertificateReason } from '../../../../../electron/core/certificate/g4-certificate-log';

describe('parseBoxErrorCode (ERR_IOT_HTTPS_* by prefix)', () => {
  it.each([
    ['ERR_IOT_HTTPS_CHECK_NO_SERVER', 'no-server'],
    ['ERR_IOT_HTTPS_CHECK_CERT_READ_EXCEPTION', 'cert-read-error'],
    ['ERR_IOT_HTTPS_LOAD_NO_CREDENTIAL', 'no-credential'],
    ['ERR_IOT_HTTPS_LOAD_REQUEST_NO_RESULT', 'no-result'],
  ] as const)('%s → %s', (code, outcome) => {
    expect(parseBoxErrorCode(code)).toEqual({
      outcome,
      boxCode: code,
      httpStatus: null,
      text: null,
    });
  });

  it('parses the status and reason of LOAD_REQUEST_STATUS', () => {
    expect(parseBoxErrorCode('ERR_IOT_HTTPS_LOAD_REQUEST_STATUS 404\n\nNot Found')).toEqual({
      outcome: 'request-status',
      boxCode: 'ERR_IOT_HTTPS_LOAD_REQUEST_STATUS 404',
      httpStatus: 404,
      text: 'Not Found',
    });
  });

  it('takes the status the box client already split off', () => {
    expect(
      parseBoxErrorCode('ERR_IOT_HTTPS_LOAD_REQUEST_STATUS', { httpStatus: 503, detail: 'Busy' }),
    ).toMatchObject({
      httpStatus: 503,
      boxCode: 'ERR_IOT_HTTPS_LOAD_REQUEST_STATUS 503',
      text: 'Busy',
    });
  });

  it('keeps the exception text of LOAD_REQUEST_EXCEPTION, bounded', () => {
    const parsed = parseBoxErrorCode(
      `ERR_IOT_HTTPS_LOAD_REQUEST_EXCEPTION\n\nHTTPSConnectionPool(host='www.odoo.com'): ${'x'.repeat(5_000)}`,
    );
    expect(parsed.outcome).toBe('request-exception');
    expect(parsed.text?.startsWith("HTTPSConnectionPool(host='www.odoo.com')")).toBe(true);
    expect(parsed.text?.length).toBe(2_000);
  });

  it('matches by prefix, so a future suffix still maps', () => {
    expect(parseBoxErrorCode('ERR_IOT_HTTPS_LOAD_NO_CREDENTIAL_V2').outcome).toBe('no-credential');
  });

  it('reports an unknown code as unknown, with the code only', () => {
    expect(parseBoxErrorCode('ERR_IOT_HTTPS_SOMETHING_NEW extra\n\ntext')).toEqual({
      outcome: 'unknown-error',
      boxCode: 'ERR_IOT_HTTPS_SOMETHING_NEW',
      httpStatus: null,
      text: 'text',
    });
    expect(parseBoxErrorCode('').outcome).toBe('unknown-error');
  });
});

const line = (message: string) =>
  `2026-01-02 10:00:00,000 4242 ERROR ? odoo.addons.iot_drivers.tools.certificate: ${message}`;

describe('g4CertificateReason (box log)', () => {
  it('reads an unreachable odoo.com with its exception', () => {
    const log = [
      line('An error occurred while trying to reach odoo.com'),
      "requests.exceptions.ConnectionError: HTTPSConnectionPool(host='www.odoo.com', port=443): refused",
      '2026-01-02 10:00:01,000 4242 INFO ? werkzeug: GET /iot_drivers/data',
    ].join('\n');
    expect(g4CertificateReason(log)).toEqual({
      outcome: 'request-exception',
      httpStatus: null,
      text: "requests.exceptions.ConnectionError: HTTPSConnectionPool(host='www.odoo.com', port=443): refused",
    });
  });

  it('turns raise_for_status into a status outcome', () => {
    const log = `${line('An error occurred while trying to reach odoo.com')}\nrequests.exceptions.HTTPError: 502 Server Error: Bad Gateway for url: x`;
    expect(g4CertificateReason(log)).toMatchObject({ outcome: 'request-status', httpStatus: 502 });
  });

  it.each([
    ['Server error received from odoo.com while trying to get the certificate: {}', 'no-result'],
    ['Error received from odoo.com while trying to get the certificate: not eligible', 'no-result'],
    ['The certificate received from odoo.com is not valid.', 'invalid-certificate-received'],
  ] as const)('%s', (message, outcome) => {
    expect(g4CertificateReason(line(message))?.outcome).toBe(outcome);
  });

  it('uses the last reason and forgets failures followed by a success', () => {
    const log = [
      line('The certificate received from odoo.com is not valid.'),
      line('Error received from odoo.com while trying to get the certificate: no'),
    ].join('\n');
    expect(g4CertificateReason(log)?.outcome).toBe('no-result');
    expect(
      g4CertificateReason(
        `${log}\n${line("SSL certificate '*.a.odoo-iot.com' is valid until 2027")}`,
      ),
    ).toBeNull();
    expect(g4CertificateReason('')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';

import { parseBoxErrorCode } from '../../../../../electron/core/certificate/box-error-code';
import { readCertificateLog } from '../../../../../electron/core/certificate/certificate-log';

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

const START =
  '2026-01-02 09:59:00,000 4242 INFO ? odoo.service.server: HTTP service (werkzeug) running on iotbox:8069';
const line = (message: string, level = 'ERROR') =>
  `2026-01-02 10:00:00,000 4242 ${level} ? odoo.addons.iot_drivers.tools.certificate: ${message}`;
const retry = (text: string) =>
  line(
    `An error occurred while trying to reach odoo.com to get a new certificate: ${text}`,
    'WARNING',
  );

describe('readCertificateLog (iot_drivers and refactored hw_drivers certificate code)', () => {
  it('while the box retries (@371fe6a0, 6 attempts of 95 s): in progress, attempt n of 6', () => {
    const log = [START, retry('Read timed out. (read timeout=95)'), retry('Read timed out.')].join(
      '\n',
    );
    expect(readCertificateLog(log)).toEqual({ reason: null, attempt: 3 });
  });

  it('after "Maximum attempt…": the last attempt\'s exception; a 5xx from odoo.com is a status', () => {
    const timeouts = [START, ...Array.from({ length: 6 }, () => retry('Read timed out.'))];
    expect(
      readCertificateLog(
        [...timeouts, line('Maximum attempt to download the odoo.com certificate reached')].join(
          '\n',
        ),
      ),
    ).toEqual({
      reason: { outcome: 'request-exception', httpStatus: null, text: 'Read timed out.' },
      attempt: null,
    });
    const statuses = [
      START,
      ...Array.from({ length: 6 }, () =>
        retry(
          '503 Server Error: Service Unavailable for url: https://www.odoo.com/odoo-enterprise/iot/x509',
        ),
      ),
    ];
    expect(
      readCertificateLog(
        [...statuses, line('Maximum attempt to download the odoo.com certificate reached')].join(
          '\n',
        ),
      ).reason,
    ).toMatchObject({ outcome: 'request-status', httpStatus: 503 });
  });

  it('the single-attempt variants (@0aba184a, hw_drivers @00f96124) log the exception below the sentence', () => {
    const log = [
      START,
      line('An error occurred while trying to reach odoo.com'),
      'Traceback (most recent call last):',
      "requests.exceptions.ConnectionError: HTTPSConnectionPool(host='www.odoo.com', port=443): refused",
      '2026-01-02 10:00:01,000 4242 INFO ? werkzeug: GET /iot_drivers/data',
    ].join('\n');
    expect(readCertificateLog(log).reason).toEqual({
      outcome: 'request-exception',
      httpStatus: null,
      text: "HTTPSConnectionPool(host='www.odoo.com', port=443): refused",
    });
  });

  it.each([
    ['Server error received from odoo.com while trying to get the certificate: {}', 'no-result'],
    ['Error received from odoo.com while trying to get the certificate: not eligible', 'no-result'],
    ['The certificate received from odoo.com is not valid.', 'invalid-certificate-received'],
  ] as const)('%s', (message, outcome) => {
    expect(readCertificateLog(`${START}\n${line(message)}`).reason?.outcome).toBe(outcome);
  });

  it("only this Odoo run counts: an earlier run's failure is history", () => {
    const earlier = [
      START,
      line('Error received from odoo.com while trying to get the certificate: no'),
    ];
    expect(readCertificateLog(earlier.join('\n')).reason?.outcome).toBe('no-result');
    expect(readCertificateLog([...earlier, START].join('\n'))).toEqual({
      reason: null,
      attempt: null,
    });
    expect(readCertificateLog('')).toEqual({ reason: null, attempt: null });
  });
});

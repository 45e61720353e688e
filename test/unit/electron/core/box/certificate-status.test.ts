import { describe, expect, it } from 'vitest';

import {
  g4CertificateStatus,
  oldCertificateStatus,
  pythonDateToIso,
} from '../../../../../electron/core/box/certificate-status';

describe('G1–G3 certificate details', () => {
  it('valid: subject, and the end date with the box’s 10-day margin added back', () => {
    expect(
      oldCertificateStatus(
        true,
        'Your certificate *.d73e7513.odoo-iot.com is valid until 2025-08-01 12:00:00',
      ),
    ).toEqual({
      state: 'ok',
      subject: '*.d73e7513.odoo-iot.com',
      notAfter: '2025-08-11T12:00:00.000Z',
    });
  });

  it('temporary certificate CN → temporary', () => {
    expect(
      oldCertificateStatus(
        true,
        'Your certificate OdooTempIoTBoxCertificate is valid until 2035-01-01 00:00:00',
      ),
    ).toEqual({ state: 'temporary' });
  });

  it('"generated correctly" → ok without subject', () => {
    expect(oldCertificateStatus(true, 'The HTTPS certificate was generated correctly')).toEqual({
      state: 'ok',
      subject: null,
      notAfter: null,
    });
  });

  it.each([
    ['ERR_IOT_HTTPS_CHECK_NO_SERVER', 'ERR_IOT_HTTPS_CHECK_NO_SERVER', null, null],
    ['ERR_IOT_HTTPS_LOAD_NO_CREDENTIAL', 'ERR_IOT_HTTPS_LOAD_NO_CREDENTIAL', null, null],
    ['ERR_IOT_HTTPS_LOAD_REQUEST_NO_RESULT', 'ERR_IOT_HTTPS_LOAD_REQUEST_NO_RESULT', null, null],
    [
      'ERR_IOT_HTTPS_CHECK_CERT_READ_EXCEPTION',
      'ERR_IOT_HTTPS_CHECK_CERT_READ_EXCEPTION',
      null,
      null,
    ],
    [
      'ERR_IOT_HTTPS_LOAD_REQUEST_STATUS 404\n\nNot Found',
      'ERR_IOT_HTTPS_LOAD_REQUEST_STATUS',
      404,
      'Not Found',
    ],
    [
      "ERR_IOT_HTTPS_LOAD_REQUEST_EXCEPTION\n\nHTTPSConnectionPool(host='www.odoo.com', port=443): Max retries exceeded",
      'ERR_IOT_HTTPS_LOAD_REQUEST_EXCEPTION',
      null,
      "HTTPSConnectionPool(host='www.odoo.com', port=443): Max retries exceeded",
    ],
    ['ERR_IOT_HTTPS_SOMETHING_NEW extra', 'ERR_IOT_HTTPS_SOMETHING_NEW', null, 'extra'],
  ])('%j → failed %s', (details, code, httpStatus, detail) => {
    expect(oldCertificateStatus(false, details)).toEqual({
      state: 'failed',
      code,
      httpStatus,
      detail,
    });
  });

  it('an unrecognised failure text → unknown', () => {
    expect(oldCertificateStatus(false, 'KeyError: result')).toEqual({ state: 'unknown' });
  });
});

describe('G4 certificate_end_date', () => {
  it('null → missing; a date → ok without subject', () => {
    expect(g4CertificateStatus(null)).toEqual({ state: 'missing' });
    expect(g4CertificateStatus('2026-03-01 10:20:30')).toEqual({
      state: 'ok',
      subject: null,
      notAfter: '2026-03-01T10:20:30.000Z',
    });
  });

  it('parses Python datetimes with fractions and offsets', () => {
    expect(pythonDateToIso('2026-03-01 10:20:30.123456+00:00')).toBe('2026-03-01T10:20:30.123Z');
    expect(pythonDateToIso('2026-03-01 12:20:30+02:00')).toBe('2026-03-01T10:20:30.000Z');
    expect(pythonDateToIso('soon')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';

import { certificateViews } from '../../../../electron/shared/certificate-views';
import type {
  CertificateReport,
  HttpsVerification,
} from '../../../../electron/shared/schemas/certificate';
import { sampleCertificateReport } from '../../../fakes/sample-certificate';

const NAME = '10-0-0-5.c0ffee42.odoo-iot.com';
const served: HttpsVerification = {
  ok: true,
  problem: null,
  hostname: NAME,
  via: 'name',
  address: '10.0.0.5',
  nameResolved: true,
  trusted: true,
  nameMatches: true,
  notExpired: true,
  notBefore: '2026-12-01T00:00:00.000Z',
  notAfter: '2027-03-01T00:00:00.000Z',
  daysLeft: 60,
  expiresSoon: false,
  subject: '*.c0ffee42.odoo-iot.com',
  issuer: 'Lab CA',
  san: ['*.c0ffee42.odoo-iot.com', 'c0ffee42.odoo-iot.com'],
  fingerprint256: 'AB:CD',
  detail: null,
};
const report = (
  status: CertificateReport['status'],
  verify: HttpsVerification | null,
): CertificateReport =>
  sampleCertificateReport('valid', {
    ip: '10.0.0.5',
    status,
    verify,
    checkedAt: '2027-01-01T10:00:00.000Z',
  });

describe('one set of certificate facts', () => {
  it('agrees when the box reports the certificate it serves (its date within a day)', () => {
    const views = certificateViews(
      report(
        { state: 'ok', subject: '*.c0ffee42.odoo-iot.com', notAfter: '2027-03-01T12:00:00.000Z' },
        served,
      ),
    );
    expect(views.differences).toEqual([]);
    expect(views.computer).toMatchObject({
      valid: true,
      notBefore: served.notBefore,
      notAfter: served.notAfter,
      daysLeft: 60,
      checkedAt: '2027-01-01T10:00:00.000Z',
    });
  });

  it('shows both views when the box says valid but serves an expired, older certificate', () => {
    const old: HttpsVerification = {
      ...served,
      ok: false,
      problem: 'expired',
      notExpired: false,
      notBefore: '2026-08-01T00:00:00.000Z',
      notAfter: '2026-11-01T00:00:00.000Z',
      daysLeft: -61,
    };
    const views = certificateViews(
      report({ state: 'ok', subject: null, notAfter: '2027-03-01T00:00:00.000Z' }, old),
    );
    expect(views.differences).toEqual(['validity', 'dates']);
    expect(views.box).toEqual({ subject: null, notAfter: '2027-03-01T00:00:00.000Z' });
    expect(views.computer).toMatchObject({ valid: false, notAfter: '2026-11-01T00:00:00.000Z' });
  });

  it('notices a served certificate that is not the one the box reports', () => {
    const views = certificateViews(
      report({ state: 'ok', subject: '*.beef0001.odoo-iot.com', notAfter: null }, served),
    );
    expect(views.differences).toEqual(['certificate']);
  });

  it('has no box view for a box without a certificate, and no computer view without facts', () => {
    expect(certificateViews(report({ state: 'temporary' }, null))).toEqual({
      box: null,
      computer: null,
      differences: [],
    });
    const unresolved: HttpsVerification = {
      ...served,
      ok: false,
      problem: 'name-does-not-resolve',
      fingerprint256: null,
    };
    expect(
      certificateViews(report({ state: 'ok', subject: null, notAfter: null }, unresolved)).computer,
    ).toBeNull();
  });
});

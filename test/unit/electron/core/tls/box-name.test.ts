import { describe, expect, it } from 'vitest';

import {
  boxHostname,
  boxHttpsUrl,
  hashFromCertificateName,
  hashFromCertificateNames,
} from '../../../../../electron/core/tls/box-name';

describe('the odoo-iot box name', () => {
  it('takes the hash from a wildcard subject or a bare SAN', () => {
    expect(hashFromCertificateName('*.d73e7513.odoo-iot.com')).toBe('d73e7513');
    expect(hashFromCertificateName('D73E7513.odoo-iot.com')).toBe('d73e7513');
  });

  it.each([
    'OdooTempIoTBoxCertificate',
    '*.d73e7513.odoo-iot.com.evil.test',
    '*.a.b.odoo-iot.com',
    '*.odoo-iot.com',
    '*.bad_label.odoo-iot.com',
    '',
  ])('refuses %j', (name) => {
    expect(hashFromCertificateName(name)).toBeNull();
  });

  it('takes the first usable name among CN and SANs', () => {
    expect(hashFromCertificateNames(['shop.test', '*.c0ffee42.odoo-iot.com'])).toBe('c0ffee42');
    expect(hashFromCertificateNames([])).toBeNull();
  });

  it('builds the name and address from IP and hash', () => {
    expect(boxHostname('192.168.1.143', 'd73e7513')).toBe('192-168-1-143.d73e7513.odoo-iot.com');
    expect(boxHttpsUrl('192-168-1-143.d73e7513.odoo-iot.com')).toBe(
      'https://192-168-1-143.d73e7513.odoo-iot.com/',
    );
    expect(() => boxHostname('192.168.1', 'd73e7513')).toThrow(RangeError);
    expect(() => boxHostname('192.168.1.300', 'd73e7513')).toThrow(RangeError);
    expect(() => boxHostname('192.168.1.1', 'x.y')).toThrow(RangeError);
  });
});

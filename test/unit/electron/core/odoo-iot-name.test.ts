import { describe, expect, it } from 'vitest';

import {
  boxAddressOf,
  boxHostname,
  boxHttpsUrl,
  hashFromCertificateName,
  hashFromCertificateNames,
  parseBoxDnsName,
} from '../../../../electron/core/odoo-iot-name';

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

describe('parsing a box name back', () => {
  it('reads the IP and hash a built name encodes', () => {
    const name = boxHostname('192.168.1.143', 'd73e7513');
    expect(parseBoxDnsName(name)).toEqual({ name, ip: '192.168.1.143', hash: 'd73e7513' });
    expect(parseBoxDnsName(' 192-168-1-143.D73E7513.odoo-iot.com. ')?.name).toBe(name);
  });

  it.each(['192-168-1-300.d73e7513.odoo-iot.com', 'shop.odoo-iot.com', '192.168.1.143', ''])(
    'refuses %j',
    (input) => {
      expect(parseBoxDnsName(input)).toBeNull();
    },
  );

  it('derives the address from an IP or a URL the user gave, nothing else', () => {
    expect(boxAddressOf('192.168.1.143')).toBe('192.168.1.143');
    expect(boxAddressOf('https://192.168.1.143:8069/x')).toBe('192.168.1.143');
    expect(boxAddressOf('iotbox.local')).toBeNull();
  });
});

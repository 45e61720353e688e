import { describe, expect, it } from 'vitest';

import { boxBaseUrl, parseBoxTarget } from '../../../../../electron/core/box/box-target';
import { formatBoxAddress } from '../../../../../electron/shared/box-address';

describe('parseBoxTarget', () => {
  it.each([
    ['192.168.1.143', { host: '192.168.1.143', port: 8069 }],
    ['  192.168.1.143  ', { host: '192.168.1.143', port: 8069 }],
    ['192.168.1.143:8070', { host: '192.168.1.143', port: 8070 }],
    ['IoTBox.local', { host: 'iotbox.local', port: 8069 }],
    ['iotbox', { host: 'iotbox', port: 8069 }],
    ['iotbox.local.:80', { host: 'iotbox.local', port: 80 }],
    ['http://192.168.1.143', { host: '192.168.1.143', port: 8069 }],
    ['http://192.168.1.143:8069/hw_posbox_homepage/', { host: '192.168.1.143', port: 8069 }],
    [
      'https://192-168-1-143.d73e7513.odoo-iot.com/',
      { host: '192-168-1-143.d73e7513.odoo-iot.com', port: 8069 },
    ],
    ['http://192.168.1.143:80/', { host: '192.168.1.143', port: 80 }],
    ['https://10.0.0.5:443', { host: '10.0.0.5', port: 443 }],
    ['[fe80::1]:8069', { host: 'fe80::1', port: 8069 }],
    ['fe80::1', { host: 'fe80::1', port: 8069 }],
    ['http://[fe80::1]:9000/', { host: 'fe80::1', port: 9000 }],
  ])('%s → host and port', (ref, expected) => {
    expect(parseBoxTarget(ref)).toEqual({ ok: true, value: expected });
  });

  it.each([
    '',
    '   ',
    '192.168.1',
    '300.1.1.1',
    '192.168.1.143:0',
    '192.168.1.143:70000',
    '192.168.1.143:abc',
    'ftp://192.168.1.143',
    'http://user:pw@192.168.1.143',
    'box name',
    'http://',
    '-bad-.local',
    'a'.repeat(3000),
    'iotbox/path',
  ])('rejects %j with box-address-invalid', (ref) => {
    const result = parseBoxTarget(ref);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('box-address-invalid');
  });

  it('builds base URLs, bracketing IPv6', () => {
    expect(boxBaseUrl({ host: '192.168.1.5', port: 8069 })).toBe('http://192.168.1.5:8069');
    expect(boxBaseUrl({ host: 'fe80::1', port: 8069 })).toBe('http://[fe80::1]:8069');
  });
});

describe('formatBoxAddress', () => {
  it.each([
    [{ host: 'fe80::1', port: 18069 }, '[fe80::1]:18069'],
    [{ host: '2001:db8::8069', port: 8069 }, '[2001:db8::8069]:8069'],
    [{ host: '192.168.1.20', port: 18069 }, '192.168.1.20:18069'],
    [{ host: 'shop.example.com', port: 443 }, 'shop.example.com:443'],
  ])('%j reads back as itself: an IPv6 address keeps its port', (address, text) => {
    expect(formatBoxAddress(address)).toBe(text);
    expect(parseBoxTarget(formatBoxAddress(address))).toEqual({ ok: true, value: address });
  });
});

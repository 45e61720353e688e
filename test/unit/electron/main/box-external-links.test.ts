import { describe, expect, it } from 'vitest';

import { isAllowedExternalUrl } from '../../../../electron/main/security/external-links';

describe('opening a box HTTPS address in the browser', () => {
  it('allows the root page of a box odoo-iot address', () => {
    expect(isAllowedExternalUrl('https://192-168-1-143.d73e7513.odoo-iot.com/')).toBe(true);
    expect(isAllowedExternalUrl('https://10-0-0-5.0a1b2c3d.odoo-iot.com')).toBe(true);
  });

  it.each([
    'http://192-168-1-143.d73e7513.odoo-iot.com/',
    'https://192-168-1-143.d73e7513.odoo-iot.com:8443/',
    'https://192-168-1-143.d73e7513.odoo-iot.com/web/login',
    'https://192-168-1-143.d73e7513.odoo-iot.com/?next=https://evil.test',
    'https://user@192-168-1-143.d73e7513.odoo-iot.com/',
    'https://192-168-1-300.d73e7513.odoo-iot.com/',
    'https://192-168-1.d73e7513.odoo-iot.com/',
    'https://192-168-1-143.notahash.odoo-iot.com/',
    'https://192-168-1-143.d73e7513.odoo-iot.com.evil.test/',
    'https://evil.test/192-168-1-143.d73e7513.odoo-iot.com/',
  ])('refuses %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });

  it('still allows the help pages', () => {
    expect(
      isAllowedExternalUrl(
        'https://www.odoo.com/documentation/18.0/applications/general/iot/connect.html',
      ),
    ).toBe(true);
  });
});

describe("opening the router's settings page", () => {
  it.each([
    'http://192.168.1.1/',
    'http://192.168.178.1',
    'http://10.0.0.1/',
    'http://172.16.0.1/',
  ])('allows %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(true);
  });

  it.each([
    'http://8.8.8.8/',
    'http://192.168.1.1/cgi-bin/luci?x=1',
    'http://192.168.1.1:8080/',
    'http://admin:admin@192.168.1.1/',
    'http://fritz.box/',
    'http://172.32.0.1/',
    'http://192.168.1.256/',
    'file:///etc/passwd',
  ])('refuses %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });
});

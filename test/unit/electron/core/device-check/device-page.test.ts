import { createHash } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { buildDevicePage } from '../../../../../electron/core/device-check/device-page';

const INPUT = {
  ip: '192.168.1.20',
  port: 8069,
  name: '192-168-1-20.abcd1234.odoo-iot.com',
  resultPath: '/s3cret/result',
  token: 'tok</script><b>',
  timeoutMs: 4_000,
  acceptLanguage: 'de-CH,de;q=0.9,en;q=0.5',
};

const sha256 = (text: string) =>
  `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

describe('the page the other device opens', () => {
  const page = buildDevicePage(INPUT);
  const csp = page.headers['Content-Security-Policy'] ?? '';
  const script = /<script>([\s\S]*)<\/script>/.exec(page.html)?.[1] ?? '';
  const style = /<style>([\s\S]*)<\/style>/.exec(page.html)?.[1] ?? '';

  it('allows only its own inline script and style, by hash', () => {
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`script-src ${sha256(script)}`);
    expect(csp).toContain(`style-src ${sha256(style)}`);
    expect(csp).not.toContain('unsafe');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("form-action 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(page.html.match(/<script/g)).toHaveLength(1);
  });

  it('talks only to itself and to the box, by address and by name', () => {
    const connect = /connect-src ([^;]*)/.exec(csp)?.[1]?.split(' ') ?? [];
    expect(connect.sort()).toEqual(
      [
        "'self'",
        'http://192.168.1.20:8069',
        'http://192-168-1-20.abcd1234.odoo-iot.com:8069',
        'http://192-168-1-20.abcd1234.odoo-iot.com',
        'https://192-168-1-20.abcd1234.odoo-iot.com',
      ].sort(),
    );
  });

  it('cannot be broken out of by the values it carries', () => {
    expect(script).not.toContain('</script><b>');
    expect(script).toContain('tok\\u003c/script>\\u003cb>');
  });

  it("speaks the device's language", () => {
    expect(page.language).toBe('de');
    expect(page.html).toContain('<html lang="de">');
    expect(page.html).toContain('IoT-Box-Prüfung');
  });

  it('is never cached, sniffed, framed or sent as a referrer', () => {
    expect(page.headers).toMatchObject({
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
      'Referrer-Policy': 'no-referrer',
    });
  });
});

import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));

function cspOf(html: string): Map<string, string> {
  const match = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
  if (!match?.[1]) {
    throw new Error('no CSP meta tag');
  }
  return new Map(
    match[1]
      .split(';')
      .map((directive) => directive.trim())
      .filter(Boolean)
      .map((directive) => {
        const [name = '', ...values] = directive.split(/\s+/);
        return [name, values.join(' ')] as const;
      }),
  );
}

describe('content security policy', () => {
  it.each(['renderer/index.html', 'out/renderer/index.html'])(
    '%s is strict and allows no network connection',
    async (path) => {
      const csp = cspOf(await readFile(`${root}${path}`, 'utf8'));
      expect(csp.get('default-src')).toBe("'none'");
      expect(csp.get('script-src')).toBe("'self'");
      expect(csp.get('style-src')).toBe("'self'");
      expect(csp.get('connect-src')).toBe("'none'");
      expect(csp.get('object-src')).toBe("'none'");
      expect(csp.get('base-uri')).toBe("'none'");
      expect(csp.get('form-action')).toBe("'none'");
      expect([...csp.values()].join(' ')).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    },
  );

  it('the browser preview only adds connections to its own origin', async () => {
    const production = cspOf(await readFile(`${root}renderer/index.html`, 'utf8'));
    const preview = cspOf(await readFile(`${root}out-preview/index.html`, 'utf8'));
    expect(preview.get('connect-src')).toBe("'self'");
    preview.delete('connect-src');
    production.delete('connect-src');
    expect(preview).toEqual(production);
  });
});

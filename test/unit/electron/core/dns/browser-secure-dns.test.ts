import { describe, expect, it } from 'vitest';

import {
  browsersBypassingOsDns,
  chromiumUsesOwnDns,
  firefoxProfiles,
  firefoxUsesOwnDns,
} from '../../../../../electron/core/dns/dns-config/browser-secure-dns';
import { promptText } from '../../../../../electron/core/dns/create-dns';
import type { TextFilePort } from '../../../../../electron/core/ports';

// Browsers that resolve names themselves: Chromium's Local State (`dns_over_https.mode`) and
// Firefox's prefs.js (`network.trr.mode`), as those browsers write them.

const files = (entries: Record<string, string>): TextFilePort => ({
  read: (path) => Promise.resolve(entries[path] ?? null),
  writeInPlace: () => Promise.reject(new Error('read-only')),
});

describe('browser Secure DNS that bypasses the OS', () => {
  it('Chromium: only "secure" (its own provider) bypasses; "automatic" follows the OS', () => {
    expect(
      chromiumUsesOwnDns(
        '{"dns_over_https":{"mode":"secure","templates":"https://dns.quad9.net/dns-query"}}',
      ),
    ).toBe(true);
    expect(chromiumUsesOwnDns('{"dns_over_https":{"mode":"automatic","templates":""}}')).toBe(
      false,
    );
    expect(chromiumUsesOwnDns('{"browser":{}}')).toBe(false);
    expect(chromiumUsesOwnDns('not json')).toBe(false);
  });

  it('Firefox: TRR modes 2 and 3 bypass; profiles.ini paths are relative or absolute', () => {
    expect(firefoxUsesOwnDns('user_pref("network.trr.mode", 3);\n')).toBe(true);
    expect(firefoxUsesOwnDns('user_pref("network.trr.mode", 5);\n')).toBe(false);
    expect(
      firefoxProfiles(
        '[Profile1]\nName=work\nIsRelative=0\nPath=/srv/ff/work\n\n[Profile0]\nName=default\nIsRelative=1\nPath=Profiles/abc.default-release\n',
        '/home/u/.mozilla/firefox',
        'linux',
      ),
    ).toEqual(['/srv/ff/work', '/home/u/.mozilla/firefox/Profiles/abc.default-release']);
  });

  it('finds them in the user profile folders of each OS', async () => {
    const windows = await browsersBypassingOsDns(
      files({
        'C:\\Users\\ana\\AppData\\Local\\Google\\Chrome\\User Data\\Local State':
          '{"dns_over_https":{"mode":"secure"}}',
        'C:\\Users\\ana\\AppData\\Roaming\\Mozilla\\Firefox\\profiles.ini':
          '[Profile0]\nIsRelative=1\nPath=Profiles\\x.default\n',
        'C:\\Users\\ana\\AppData\\Roaming\\Mozilla\\Firefox\\Profiles\\x.default\\prefs.js':
          'user_pref("network.trr.mode", 2);',
      }),
      {
        platform: 'win32',
        env: {
          LOCALAPPDATA: 'C:\\Users\\ana\\AppData\\Local',
          APPDATA: 'C:\\Users\\ana\\AppData\\Roaming',
        },
        home: 'C:\\Users\\ana',
      },
    );
    expect(windows).toEqual([
      { kind: 'browser-secure-dns', browser: 'chrome', source: 'setting' },
      { kind: 'browser-secure-dns', browser: 'firefox', source: 'setting' },
    ]);
    const mac = await browsersBypassingOsDns(
      files({
        '/Users/ana/Library/Application Support/Microsoft Edge/Local State':
          '{"dns_over_https":{"mode":"secure"}}',
      }),
      { platform: 'darwin', env: {}, home: '/Users/ana' },
    );
    expect(mac).toEqual([{ kind: 'browser-secure-dns', browser: 'edge', source: 'setting' }]);
  });
});

describe("the administrator prompt says what changes, in the wizard's language", () => {
  it.each([
    ['en', 'apply', 'set the DNS servers of Wi-Fi, Ethernet to Google Public DNS'],
    ['de', 'apply', 'die DNS-Server von Wi-Fi, Ethernet auf Google Public DNS setzen'],
    ['fr', 'restore', 'remettre les réglages DNS de Wi-Fi, Ethernet'],
  ] as const)('%s %s', (language, action, expected) => {
    expect(promptText(language, action, ['Wi-Fi', 'Ethernet'])).toContain(expected);
  });
});

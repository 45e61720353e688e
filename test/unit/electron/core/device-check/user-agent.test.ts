import { describe, expect, it } from 'vitest';

import { describeDevice } from '../../../../../electron/core/device-check/user-agent';

describe('the device from its user agent', () => {
  it.each([
    [
      'Mozilla/5.0 (Linux; Android 14; SM-X200) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36',
      0,
      { os: 'android', browser: 'chrome', browserVersion: 142 },
    ],
    [
      'Mozilla/5.0 (Linux; Android 13; SM-T220) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Safari/537.36',
      0,
      { os: 'android', browser: 'samsung', browserVersion: 25 },
    ],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36 Edg/142.0.0.0',
      0,
      { os: 'windows', browser: 'edge', browserVersion: 142 },
    ],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
      5,
      { os: 'ios', browser: 'safari', browserVersion: 18 },
    ],
    [
      // iPadOS Safari asks for desktop sites: only the touch points tell it from a Mac.
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
      5,
      { os: 'ipados', browser: 'safari', browserVersion: 18 },
    ],
    [
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
      0,
      { os: 'macos', browser: 'safari', browserVersion: 18 },
    ],
    [
      'Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/130.0 Mobile/15E148 Safari/604.1',
      5,
      { os: 'ipados', browser: 'chrome', browserVersion: 130 },
    ],
    [
      'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36',
      0,
      { os: 'chromeos', browser: 'chrome', browserVersion: 142 },
    ],
    [
      'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
      0,
      { os: 'linux', browser: 'firefox', browserVersion: 128 },
    ],
    [
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36',
      0,
      { os: 'linux', browser: 'chrome', browserVersion: 156 },
    ],
    ['curl/8.5.0', 0, { os: 'other', browser: 'other', browserVersion: null }],
  ] as const)('%s', (userAgent, touch, expected) => {
    expect(describeDevice(userAgent, touch)).toEqual({ userAgent, ...expected });
  });

  it('keeps at most 512 characters of what the device claims', () => {
    expect(describeDevice('x'.repeat(5000), 0).userAgent).toHaveLength(512);
  });
});

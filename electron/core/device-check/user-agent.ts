import type { DeviceBrowser, DeviceInfo, DeviceOs } from '../../shared/schemas/device-check';

const BROWSERS: readonly (readonly [DeviceBrowser, RegExp])[] = [
  // Order matters: Edge, Samsung Internet and Opera also say "Chrome"; Chrome also says "Safari".
  ['edge', /\bEdg(?:e|A|iOS)?\/(\d+)/],
  ['samsung', /\bSamsungBrowser\/(\d+)/],
  ['other', /\b(?:OPR|Opera)\/(\d+)/],
  ['firefox', /\b(?:Firefox|FxiOS)\/(\d+)/],
  ['chrome', /\b(?:HeadlessChrome|Chrome|CriOS|Chromium)\/(\d+)/],
  ['safari', /\bVersion\/(\d+)[^)]*\bSafari\//],
];

function osOf(userAgent: string, maxTouchPoints: number): DeviceOs {
  if (/\bAndroid\b/.test(userAgent)) {
    return 'android';
  }
  if (/\biPad\b/.test(userAgent)) {
    return 'ipados';
  }
  if (/\b(?:iPhone|iPod)\b/.test(userAgent)) {
    return 'ios';
  }
  if (/\bCrOS\b/.test(userAgent)) {
    return 'chromeos';
  }
  if (/\bWindows\b/.test(userAgent)) {
    return 'windows';
  }
  if (/\bMacintosh\b|\bMac OS X\b/.test(userAgent)) {
    // Safari on iPadOS asks for desktop sites and says "Macintosh"; only touch gives it away.
    return maxTouchPoints > 1 ? 'ipados' : 'macos';
  }
  return /\bLinux\b/.test(userAgent) ? 'linux' : 'other';
}

/** The device's system and browser from its user agent (a hint for the fix, never trusted). */
export function describeDevice(userAgent: string, maxTouchPoints: number): DeviceInfo {
  const ua = userAgent.slice(0, 512);
  for (const [browser, pattern] of BROWSERS) {
    const match = pattern.exec(ua);
    if (match) {
      return {
        userAgent: ua,
        os: osOf(ua, maxTouchPoints),
        browser,
        browserVersion: Number.parseInt(match[1] ?? '', 10) || null,
      };
    }
  }
  return { userAgent: ua, os: osOf(ua, maxTouchPoints), browser: 'other', browserVersion: null };
}

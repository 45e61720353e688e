import type { DeviceBrowser, DeviceReport } from './schemas/device-check';

/** The printable DNS guides (locale `dns.guides.<guide>`), one per system that has one. */
export type DnsGuide = 'windows' | 'macos' | 'ios' | 'android' | 'chromeos';

/**
 * What to do on the checked device, in order. The wizard and the CLI render the same list: each
 * entry is a locale text (`deviceCheck.fix.<verdict>`), Chrome's or Edge's own Secure DNS switch,
 * the device's DNS guide, or the local network access permission (when HTTPS already works).
 */
export type DeviceFix =
  | { readonly kind: 'verdict'; readonly verdict: DeviceReport['verdict'] }
  | { readonly kind: 'secure-dns'; readonly browser: DeviceBrowser }
  | { readonly kind: 'guide'; readonly guide: DnsGuide }
  | { readonly kind: 'lna' };

function guideFor(os: DeviceReport['device']['os']): DnsGuide | null {
  switch (os) {
    case 'ipados':
      return 'ios';
    case 'linux':
    case 'other':
      return null;
    case 'android':
    case 'chromeos':
    case 'ios':
    case 'macos':
    case 'windows':
      return os;
  }
}

export function deviceFixes(report: DeviceReport): DeviceFix[] {
  const { verdict, device } = report;
  const guide = guideFor(device.os);
  const guides: DeviceFix[] = guide === null ? [] : [{ kind: 'guide', guide }];
  // Chrome and Edge resolve names themselves when "Use secure DNS" is on: a per-browser fix.
  const chromium = device.browser === 'chrome' || device.browser === 'edge';
  const secureDns: DeviceFix[] = chromium ? [{ kind: 'secure-dns', browser: device.browser }] : [];
  switch (verdict) {
    case 'ok':
      return [{ kind: 'verdict', verdict }, { kind: 'lna' }];
    case 'name-blocked':
      return [{ kind: 'verdict', verdict }, ...secureDns, ...guides];
    case 'wrong-address':
      return [{ kind: 'verdict', verdict }, ...guides];
    case 'certificate-untrusted':
    case 'box-unreachable':
      return [{ kind: 'verdict', verdict }];
  }
}

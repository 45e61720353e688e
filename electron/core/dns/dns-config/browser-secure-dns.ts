import { posix, win32 } from 'node:path';

import { z } from 'zod';

import { SECURE_DNS_BROWSERS, type DnsChangeWarning } from '../../../shared/schemas/dns';
import type { TextFilePort } from '../../ports';

/*
 * Browsers that resolve names themselves ignore this computer's DNS: Chrome, Edge and Brave in
 * Secure DNS "secure" mode with their own provider (`dns_over_https.mode` in the profile's
 * "Local State"), Firefox with TRR mode 2 or 3 (`network.trr.mode` in prefs.js). Changing the OS
 * setting then does not fix the box's page in that browser, which the user is told beforehand.
 * ("automatic" mode upgrades to the OS resolver's own DoH service, so it follows the change.)
 */

type Browser = (typeof SECURE_DNS_BROWSERS)[number];

export function secureDnsBrowser(name: string): Browser | null {
  return SECURE_DNS_BROWSERS.find((browser) => browser === name) ?? null;
}

type Environment = {
  readonly platform: NodeJS.Platform;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly home: string;
};

/** Where each Chromium-family browser keeps its Local State file, per OS. */
function localStatePaths(environment: Environment): [Browser, string][] {
  const { platform, env, home } = environment;
  if (platform === 'win32') {
    const base = env['LOCALAPPDATA'] ?? win32.join(home, 'AppData', 'Local');
    return [
      ['chrome', win32.join(base, 'Google', 'Chrome', 'User Data', 'Local State')],
      ['edge', win32.join(base, 'Microsoft', 'Edge', 'User Data', 'Local State')],
      ['brave', win32.join(base, 'BraveSoftware', 'Brave-Browser', 'User Data', 'Local State')],
      ['chromium', win32.join(base, 'Chromium', 'User Data', 'Local State')],
    ];
  }
  const base =
    platform === 'darwin'
      ? posix.join(home, 'Library', 'Application Support')
      : (env['XDG_CONFIG_HOME'] ?? posix.join(home, '.config'));
  const names: [Browser, string][] =
    platform === 'darwin'
      ? [
          ['chrome', 'Google/Chrome'],
          ['edge', 'Microsoft Edge'],
          ['brave', 'BraveSoftware/Brave-Browser'],
          ['chromium', 'Chromium'],
        ]
      : [
          ['chrome', 'google-chrome'],
          ['edge', 'microsoft-edge'],
          ['brave', 'BraveSoftware/Brave-Browser'],
          ['chromium', 'chromium'],
        ];
  return names.map(([browser, folder]) => [browser, posix.join(base, folder, 'Local State')]);
}

function firefoxRoot(environment: Environment): string {
  const { platform, env, home } = environment;
  if (platform === 'win32') {
    return win32.join(
      env['APPDATA'] ?? win32.join(home, 'AppData', 'Roaming'),
      'Mozilla',
      'Firefox',
    );
  }
  return platform === 'darwin'
    ? posix.join(home, 'Library', 'Application Support', 'Firefox')
    : posix.join(home, '.mozilla', 'firefox');
}

const LocalStateSchema = z.object({
  dns_over_https: z.object({ mode: z.string().optional() }).loose().optional(),
});

/** True when a Chromium Local State file selects Secure DNS "secure" (its own provider only). */
export function chromiumUsesOwnDns(localState: string): boolean {
  try {
    const parsed = LocalStateSchema.safeParse(JSON.parse(localState));
    return parsed.success && parsed.data.dns_over_https?.mode === 'secure';
  } catch {
    return false;
  }
}

/** Profile folders listed in Firefox's profiles.ini (relative ones joined to its folder). */
export function firefoxProfiles(
  profilesIni: string,
  root: string,
  platform: NodeJS.Platform,
): string[] {
  const profiles: string[] = [];
  let relative = true;
  let path: string | null = null;
  const flush = () => {
    if (path !== null) {
      profiles.push(relative ? (platform === 'win32' ? win32 : posix).join(root, path) : path);
    }
    relative = true;
    path = null;
  };
  for (const line of profilesIni.split(/\r?\n/)) {
    if (/^\s*\[/.test(line)) {
      flush();
    }
    const entry = /^\s*(IsRelative|Path)\s*=\s*(.*?)\s*$/.exec(line);
    if (entry?.[1] === 'IsRelative') {
      relative = entry[2] !== '0';
    } else if (entry?.[1] === 'Path') {
      path = entry[2] ?? null;
    }
  }
  flush();
  return profiles;
}

/** TRR mode 2 (DoH first) or 3 (DoH only) in a Firefox prefs.js. */
export function firefoxUsesOwnDns(prefs: string): boolean {
  const match = /user_pref\("network\.trr\.mode",\s*(\d+)\)/.exec(prefs);
  return match?.[1] === '2' || match?.[1] === '3';
}

/** The browsers on this computer, for this user, whose own Secure DNS bypasses the OS. */
export async function browsersBypassingOsDns(
  files: TextFilePort,
  environment: Environment,
): Promise<DnsChangeWarning[]> {
  const warnings: DnsChangeWarning[] = [];
  for (const [browser, path] of localStatePaths(environment)) {
    const content = await files.read(path);
    if (content !== null && chromiumUsesOwnDns(content)) {
      warnings.push({ kind: 'browser-secure-dns', browser, source: 'setting' });
    }
  }
  const paths = environment.platform === 'win32' ? win32 : posix;
  const root = firefoxRoot(environment);
  const ini = await files.read(paths.join(root, 'profiles.ini'));
  for (const profile of ini === null ? [] : firefoxProfiles(ini, root, environment.platform)) {
    const prefs = await files.read(paths.join(profile, 'prefs.js'));
    if (prefs !== null && firefoxUsesOwnDns(prefs)) {
      warnings.push({ kind: 'browser-secure-dns', browser: 'firefox', source: 'setting' });
      break;
    }
  }
  return warnings;
}

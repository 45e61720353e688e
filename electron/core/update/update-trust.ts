import { parse } from 'yaml';
import { z } from 'zod';

/*
 * Whether this installed app may update itself: only when the updater verifies each download
 * against our signing identity, not merely against a checksum from the same server.
 * - Windows: electron-updater checks the installer's Authenticode signature against
 *   `publisherName` in resources/app-update.yml. Without it (an unsigned build) it checks
 *   nothing and would install any installer the feed names, so we do not update at all.
 * - macOS: Squirrel.Mac installs an update only when its code signature satisfies the running
 *   app's designated requirement (and refuses outright when the running app is unsigned).
 * - Linux: AppImage and deb updates are checked against a hash from the same feed only.
 */

export type UpdateTrust =
  { readonly verified: true } | { readonly verified: false; readonly reason: string };

const AppUpdateConfigSchema = z.object({
  publisherName: z.union([z.string(), z.array(z.string())]).nullish(),
});

function publisherNames(appUpdateYml: string): readonly string[] {
  let parsed: unknown;
  try {
    parsed = parse(appUpdateYml);
  } catch {
    return [];
  }
  const config = AppUpdateConfigSchema.safeParse(parsed);
  const names = config.success ? config.data.publisherName : null;
  const list = typeof names === 'string' ? [names] : (names ?? []);
  return list.filter((name) => name.trim() !== '');
}

/** `appUpdateYml`: resources/app-update.yml as written by electron-builder, null when absent. */
export function updateTrust(platform: NodeJS.Platform, appUpdateYml: string | null): UpdateTrust {
  if (platform === 'darwin') {
    return { verified: true };
  }
  if (platform !== 'win32') {
    return {
      verified: false,
      reason: `${platform} updates carry no signature to verify: update from the release page`,
    };
  }
  return appUpdateYml !== null && publisherNames(appUpdateYml).length > 0
    ? { verified: true }
    : {
        verified: false,
        reason: 'unsigned build: no publisherName in app-update.yml to verify updates against',
      };
}

/**
 * Whether this running app updates itself: only an installed (packaged) app, and only where
 * updateTrust verifies what it downloads. The updater and the settings' "check for updates"
 * switch both follow this one decision.
 */
export function selfUpdateTrust(install: {
  readonly packaged: boolean;
  readonly platform: NodeJS.Platform;
  /** resources/app-update.yml, null when absent or unreadable. */
  readonly appUpdateYml: string | null;
}): UpdateTrust {
  return install.packaged
    ? updateTrust(install.platform, install.appUpdateYml)
    : { verified: false, reason: 'not an installed app: updates come with the next build' };
}

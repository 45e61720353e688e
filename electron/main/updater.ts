import { readFileSync } from 'node:fs';

import { dialog } from 'electron';

import type { UpdaterPort } from '../core/update/update-scheduler';
import { selfUpdateTrust, type UpdateTrust } from '../core/update/update-trust';

/**
 * This install's update decision (update-trust.ts), read once at start: the updater and the
 * settings' "check for updates" switch both follow it. app-update.yml is a few bytes.
 */
export function readUpdateTrust(install: {
  readonly packaged: boolean;
  readonly platform: NodeJS.Platform;
  /** resources/app-update.yml, where electron-builder records the publisher to verify. */
  readonly configFile: string;
}): UpdateTrust {
  let appUpdateYml: string | null = null;
  if (install.packaged) {
    try {
      appUpdateYml = readFileSync(install.configFile, 'utf8');
    } catch {
      appUpdateYml = null;
    }
  }
  return selfUpdateTrust({ ...install, appUpdateYml });
}

/**
 * electron-updater behind the UpdaterPort: background download, install on quit by default —
 * only where it verifies what it downloads against our signing identity (readUpdateTrust).
 * Loaded lazily: only packaged builds update, and development never pulls the module in.
 */
export async function createElectronUpdater(
  trust: UpdateTrust,
): Promise<
  | { readonly ok: true; readonly updater: UpdaterPort }
  | { readonly ok: false; readonly reason: string }
> {
  if (!trust.verified) {
    return { ok: false, reason: trust.reason };
  }
  const { autoUpdater } = (await import('electron-updater')).default;
  autoUpdater.autoDownload = true;
  autoUpdater.autoInstallOnAppQuit = true;
  return {
    ok: true,
    updater: {
      check: async () => {
        await autoUpdater.checkForUpdates();
      },
      onDownloaded: (listener) => {
        autoUpdater.on('update-downloaded', (info) => listener(info.version));
      },
      installAndRestart: () => autoUpdater.quitAndInstall(),
    },
  };
}

/** The restart question, in the user's language. */
export async function askToRestart(texts: {
  title: string;
  message: string;
  restart: string;
  later: string;
}): Promise<boolean> {
  const { response } = await dialog.showMessageBox({
    type: 'info',
    title: texts.title,
    message: texts.message,
    buttons: [texts.restart, texts.later],
    defaultId: 0,
    cancelId: 1,
  });
  return response === 0;
}

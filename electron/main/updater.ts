import { dialog } from 'electron';

import type { UpdaterPort } from '../core/update/update-scheduler';

/**
 * electron-updater behind the UpdaterPort: background download, install on quit by default.
 * Loaded lazily: only packaged builds update, and development never pulls the module in.
 */
export async function createElectronUpdater(): Promise<UpdaterPort> {
  const { autoUpdater } = (await import('electron-updater')).default;
  autoUpdater.autoDownload = true;
  autoUpdater.autoInstallOnAppQuit = true;
  return {
    check: async () => {
      await autoUpdater.checkForUpdates();
    },
    onDownloaded: (listener) => {
      autoUpdater.on('update-downloaded', (info) => listener(info.version));
    },
    installAndRestart: () => autoUpdater.quitAndInstall(),
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

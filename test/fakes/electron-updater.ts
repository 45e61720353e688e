import { EventEmitter } from 'node:events';

/** A fake of electron-updater's autoUpdater: records checks, lets tests emit events. */
class FakeAutoUpdater extends EventEmitter {
  autoDownload = false;
  autoInstallOnAppQuit = false;
  checks = 0;
  installs = 0;
  checkForUpdates(): Promise<null> {
    this.checks += 1;
    return Promise.resolve(null);
  }
  quitAndInstall(): void {
    this.installs += 1;
  }
}

export const autoUpdater = new FakeAutoUpdater();
const electronUpdater = { autoUpdater };
// electron-updater is CommonJS: the app reads it through the default export.
export default electronUpdater;

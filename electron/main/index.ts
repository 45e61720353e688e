import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { app, BrowserWindow, ipcMain, session } from 'electron';

import { createStreamLog } from '../core/adapters/console-log';
import { createDnsJournalStore } from '../core/adapters/dns-journal-store';
import { createJsonFile } from '../core/adapters/json-file';
import { createJournalKeyFile } from '../core/adapters/journal-key-file';
import { createNodePorts } from '../core/adapters/node-ports';
import { createCore } from '../core/create-core';
import { startUpdateScheduler } from '../core/update/update-scheduler';
import { DEFAULT_SETTINGS } from '../shared/schemas/app';
import { createAppUrlCheck } from './app-url';
import { createEventSender } from './ipc/events';
import { dialogReportSaver, electronClipboard } from './report-files';
import { createSenderCheck, registerIpcHandlers } from './ipc/handle';
import { createKeychainJournalKey } from './safe-storage-journal-key';
import { userSecretStore } from './safe-storage-secrets';
import { refuseCertificateErrors } from './security/certificate-errors';
import { guardWebContents } from './security/navigation';
import { createMainTranslator } from './translate';
import { askToRestart, createElectronUpdater, readUpdateTrust } from './updater';
import { denyAllPermissions } from './security/permissions';
import { createMainWindow } from './window';

// The app's composition: lifecycle → security → core → IPC → window. No logic of its own.
const here = fileURLToPath(new URL('.', import.meta.url));
const devServerUrl = process.env['ELECTRON_RENDERER_URL'];
const rendererFile = join(here, '../renderer/index.html');
const entryUrl = !app.isPackaged && devServerUrl ? devServerUrl : pathToFileURL(rendererFile).href;
const isAppUrl = createAppUrlCheck(entryUrl);

app.enableSandbox();
refuseCertificateErrors(app);
app.on('web-contents-created', (_event, contents) => guardWebContents(contents, isAppUrl));

const log = createStreamLog({ minLevel: app.isPackaged ? 'info' : 'debug' });
const eventSender = createEventSender(log);
const trustedIds = new Set<number>();
// One decision for the updater and the settings' "check for updates" switch.
const updateTrust = readUpdateTrust({
  packaged: app.isPackaged,
  platform: process.platform,
  configFile: join(process.resourcesPath, 'app-update.yml'),
});

const userData = app.getPath('userData');
const core = createCore({
  ...createNodePorts({
    log,
    // Remembered enterprise codes: encrypted by the OS keychain, and readable by this user only.
    secrets: userSecretStore(userData),
  }),
  appInfo: () => ({
    name: app.getName(),
    version: app.getVersion(),
    platform: toPlatform(process.platform),
    runtime: 'electron',
    preferredLanguages: app.getPreferredSystemLanguages(),
    selfUpdates: updateTrust.verified,
  }),
  settingsFile: createJsonFile(join(userData, 'settings.json')),
  events: eventSender,
  onRendererReady: () => eventSender.markReady(),
  // DNS repair: the change journal lives beside the settings, so Undo survives a crash; its
  // sealing key is kept by the OS keychain where there is one.
  dnsJournal: createDnsJournalStore(
    userData,
    createKeychainJournalKey(
      join(userData, 'dns-journal.keychain'),
      createJournalKeyFile(join(userData, 'dns-journal.key')),
    ),
  ),
  // The UAC prompt opens in front of the assistant's window instead of in the taskbar.
  promptOwner: () => windowHandle(BrowserWindow.getFocusedWindow()),
  reportSaver: dialogReportSaver,
  clipboard: electronClipboard,
});

function openWindow(): void {
  const window = createMainWindow({
    preloadPath: join(here, '../preload/index.cjs'),
    isPackaged: app.isPackaged,
    load: (win) => (entryUrl === devServerUrl ? win.loadURL(entryUrl) : win.loadFile(rendererFile)),
  });
  trustedIds.add(window.webContents.id);
  const id = window.webContents.id;
  window.on('closed', () => trustedIds.delete(id));
  eventSender.attach(window.webContents);
}

void app.whenReady().then(() => {
  denyAllPermissions(session.defaultSession);
  registerIpcHandlers({
    ipcMain,
    dispatch: core.dispatch,
    isTrustedSender: createSenderCheck(trustedIds, isAppUrl),
    log,
  });
  openWindow();
  if (app.isPackaged) {
    void startUpdates();
  }
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) {
      openWindow();
    }
  });
});

async function startUpdates(): Promise<void> {
  const settings = async () => {
    const result = await core.settings.get();
    return result.ok ? result.value : DEFAULT_SETTINGS;
  };
  const updates = await createElectronUpdater(updateTrust);
  if (!updates.ok) {
    log.warn('automatic updates are off', { reason: updates.reason });
    return;
  }
  startUpdateScheduler({
    updater: updates.updater,
    isEnabled: async () => (await settings()).autoUpdate,
    isBusy: () => core.activity.isBusy(),
    confirmRestart: async (version) => {
      const t = await createMainTranslator(
        (await settings()).language,
        app.getPreferredSystemLanguages(),
      );
      return askToRestart({
        title: t('update.title'),
        message: t('update.message', { version }),
        restart: t('update.restart'),
        later: t('update.later'),
      });
    },
    log,
  });
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') {
    app.quit();
  }
});

/** A window's native handle (HWND on Windows) as a decimal string, null without a window. */
function windowHandle(window: BrowserWindow | null): string | null {
  const handle = window?.getNativeWindowHandle();
  if (!handle) {
    return null;
  }
  return (
    handle.length >= 8 ? handle.readBigUInt64LE(0) : BigInt(handle.readUInt32LE(0))
  ).toString();
}

function toPlatform(platform: NodeJS.Platform): 'win32' | 'darwin' | 'linux' | 'other' {
  return platform === 'win32' || platform === 'darwin' || platform === 'linux' ? platform : 'other';
}

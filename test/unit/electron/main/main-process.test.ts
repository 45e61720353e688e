import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { invokeChannels } from '../../../../electron/shared/contract';
import {
  app,
  BrowserWindow,
  dialog,
  FakeWebContents,
  ipcMain,
  session,
  shell,
} from '../../../fakes/electron';
import { autoUpdater } from '../../../fakes/electron-updater';

// The composition root runs against the fake Electron: these tests assert the security baseline
// the real app gets at start-up. It runs as a signed Windows install (app-update.yml names the
// publisher), the one setting where every part of auto-update is on.
let window: BrowserWindow;
let resources: string;
const realPlatform = process.platform;

beforeAll(async () => {
  resources = await mkdtemp(join(tmpdir(), 'iotbox-resources-'));
  await writeFile(
    join(resources, 'app-update.yml'),
    'owner: iotbox\nrepo: assistant\nprovider: github\npublisherName:\n  - IoT Box Assistant Authors\n',
  );
  // Electron defines both; Node has no resourcesPath and reports this machine's platform.
  Object.defineProperty(process, 'resourcesPath', { value: resources, configurable: true });
  Object.defineProperty(process, 'platform', { value: 'win32', configurable: true });
  await import('../../../../electron/main/index');
  app.becomeReady();
  await new Promise((resolve) => setTimeout(resolve, 0));
  const created = BrowserWindow.instances[0];
  if (!created) {
    throw new Error('no window was created');
  }
  window = created;
});
afterAll(async () => {
  Object.defineProperty(process, 'platform', { value: realPlatform, configurable: true });
  await rm(resources, { recursive: true, force: true });
});

const handler = (channel: string) => {
  const found = ipcMain.handlers.get(channel);
  if (!found) {
    throw new Error(`no handler for ${channel}`);
  }
  return found;
};

const fromWindow = () => ({
  sender: window.webContents,
  senderFrame: window.webContents.mainFrame,
});

describe('main process security baseline', () => {
  it('enables the sandbox for every renderer before the app is ready', () => {
    expect(app.sandboxEnabled).toBe(true);
    expect(app.readyCalledAfterSandbox).toBe(true);
  });

  it('creates the window with isolated, sandboxed, node-free web preferences', () => {
    const prefs = window.options['webPreferences'] as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      devTools: false,
    });
    expect(String(prefs['preload'])).toMatch(/preload[/\\]index\.cjs$/);
    expect(window.options['show']).toBe(false);
    window.emit('ready-to-show');
    expect(window.shown).toBe(true);
    expect(window.loaded).toMatch(/renderer[/\\]index\.html$/);
  });

  it('denies every permission request and check', () => {
    const decisions: boolean[] = [];
    session.defaultSession.permissionRequestHandler?.(null, 'media', (granted: boolean) =>
      decisions.push(granted),
    );
    session.defaultSession.permissionRequestHandler?.(null, 'notifications', (granted: boolean) =>
      decisions.push(granted),
    );
    expect(decisions).toEqual([false, false]);
    expect(session.defaultSession.permissionCheckHandler?.(null, 'geolocation')).toBe(false);
    expect(session.defaultSession.devicePermissionHandler?.({})).toBe(false);
  });

  it('never overrides a certificate error', () => {
    const answers: boolean[] = [];
    let prevented = false;
    app.emit(
      'certificate-error',
      { preventDefault: () => (prevented = true) },
      window.webContents,
      'https://192-168-1-5.abc.odoo-iot.com/',
      'net::ERR_CERT_AUTHORITY_INVALID',
      {},
      (trusted: boolean) => answers.push(trusted),
    );
    expect(answers).toEqual([false]);
    expect(prevented).toBe(false);
  });

  it('blocks navigation away from the app and opens only allow-listed https help links', () => {
    const contents = new FakeWebContents();
    app.emit('web-contents-created', {}, contents);
    shell.opened.length = 0;

    expect(contents.emitPreventable('will-navigate', 'https://evil.example/phish')).toBe(true);
    expect(contents.emitPreventable('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.emitPreventable('will-redirect', 'http://www.odoo.com/')).toBe(true);
    expect(contents.emitPreventable('will-navigate', 'https://www.odoo.com/documentation/')).toBe(
      true,
    );
    expect(contents.emitPreventable('will-attach-webview', {}, {})).toBe(true);
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({
      action: 'deny',
    });
    expect(contents.windowOpenHandler?.({ url: 'javascript:alert(1)' })).toEqual({
      action: 'deny',
    });
    expect(
      contents.windowOpenHandler?.({ url: 'https://www.odoo.com/documentation/18.0/' }),
    ).toEqual({ action: 'deny' });
    // Only the two allow-listed https help links went to the system browser.
    expect(shell.opened).toEqual([
      'https://www.odoo.com/documentation/',
      'https://www.odoo.com/documentation/18.0/',
    ]);
  });

  it('lets the app page reload itself', () => {
    const contents = new FakeWebContents();
    app.emit('web-contents-created', {}, contents);
    const appPage = window.loaded ?? '';
    expect(contents.emitPreventable('will-navigate', `${appPage}#step`)).toBe(false);
  });
});

describe('auto-update', () => {
  it('a signed packaged app checks for updates at start, downloading in the background', async () => {
    await expect.poll(() => autoUpdater.checks).toBe(1);
    expect(autoUpdater.autoDownload).toBe(true);
    expect(autoUpdater.autoInstallOnAppQuit).toBe(true);
  });

  it('asks in the system language before restarting into a downloaded update', async () => {
    dialog.nextResponse = 0;
    autoUpdater.emit('update-downloaded', { version: '9.9.9' });
    await expect.poll(() => autoUpdater.installs).toBe(1);
    expect(dialog.shown.at(-1)).toMatchObject({
      title: 'Aggiornamento pronto',
      buttons: ['Riavvia ora', 'Più tardi'],
    });
    expect(String(dialog.shown.at(-1)?.['message'])).toContain('9.9.9');
  });
});

describe('IPC registration', () => {
  it('registers exactly one handler per contract channel', () => {
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...invokeChannels].sort());
  });

  it('answers the app window with a Result', async () => {
    await expect(handler('app:get-info')(fromWindow())).resolves.toMatchObject({
      ok: true,
      // A signed Windows install updates itself: the renderer shows "check for updates".
      value: { runtime: 'electron', preferredLanguages: ['it-IT', 'en-US'], selfUpdates: true },
    });
  });

  it('refuses unknown senders, subframes and pages that navigated away', async () => {
    const stranger = new FakeWebContents();
    const refused = { ok: false, error: { code: 'untrusted-sender' } };
    await expect(
      handler('settings:get')({ sender: stranger, senderFrame: stranger.mainFrame }),
    ).resolves.toEqual(refused);
    await expect(
      handler('settings:get')({ sender: window.webContents, senderFrame: { url: 'file:///x' } }),
    ).resolves.toEqual(refused);
    await expect(
      handler('settings:get')({ sender: window.webContents, senderFrame: null }),
    ).resolves.toEqual(refused);
  });

  it('turns malformed arguments into invalid-arguments instead of throwing', async () => {
    const result = await handler('settings:set')(fromWindow(), { language: 42 });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    const extra = await handler('app:get-info')(fromWindow(), 'unexpected');
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
  });

  it('passes a discovery failure code through, refused before anything is sent', async () => {
    // A /8 is refused while planning the scan, so no socket opens on this machine's networks.
    await expect(
      handler('discovery:start')(fromWindow(), { subnets: ['10.0.0.0/8'] }),
    ).resolves.toMatchObject({
      ok: false,
      error: { code: 'discovery-subnet-invalid' },
    });
  });
});

import { EventEmitter } from 'node:events';
import { pathToFileURL } from 'node:url';

/*
 * A hand-written fake of the parts of Electron the main process and preload use, so that glue
 * code runs under plain Node. Vitest aliases `electron` to this file; tests import `fake` from
 * here to inspect what the code did.
 */

type Listener = (...args: unknown[]) => void;

export class FakeWebContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  readonly mainFrame: { url: string };
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  readonly sent: { channel: string; payload: unknown }[] = [];
  destroyed = false;

  constructor(url = 'file:///app/out/renderer/index.html') {
    super();
    this.mainFrame = { url };
  }

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** Emits an event the way Electron does and reports whether a listener prevented it. */
  emitPreventable(event: string, ...args: unknown[]): boolean {
    let prevented = false;
    this.emit(event, { preventDefault: () => (prevented = true) }, ...args);
    return prevented;
  }
}

export class BrowserWindow extends EventEmitter {
  static instances: BrowserWindow[] = [];
  static getAllWindows(): BrowserWindow[] {
    return BrowserWindow.instances;
  }
  readonly options: Record<string, unknown>;
  readonly webContents = new FakeWebContents();
  loaded: string | undefined;
  shown = false;

  constructor(options: Record<string, unknown>) {
    super();
    this.options = options;
    BrowserWindow.instances.push(this);
  }
  loadFile(path: string): Promise<void> {
    return this.loadURL(pathToFileURL(path).href);
  }
  loadURL(url: string): Promise<void> {
    this.loaded = url;
    this.webContents.mainFrame.url = url;
    return Promise.resolve();
  }
  show(): void {
    this.shown = true;
  }
}

class FakeApp extends EventEmitter {
  isPackaged = true;
  sandboxEnabled = false;
  readyCalledAfterSandbox: boolean | undefined;
  #resolveReady: (() => void) | undefined;
  readonly #ready = new Promise<void>((resolve) => (this.#resolveReady = resolve));

  enableSandbox(): void {
    this.sandboxEnabled = true;
  }
  whenReady(): Promise<void> {
    return this.#ready;
  }
  /** Test hook: fire `ready`. */
  becomeReady(): void {
    this.readyCalledAfterSandbox = this.sandboxEnabled;
    this.#resolveReady?.();
  }
  getName(): string {
    return 'IoT Box Assistant';
  }
  getVersion(): string {
    return '0.1.0-test';
  }
  getPath(name?: string): string {
    return name === 'documents' ? '/nonexistent/documents' : '/nonexistent/iotbox-test-user-data';
  }
  getPreferredSystemLanguages(): string[] {
    return ['it-IT', 'en-US'];
  }
  quit(): void {}
}

class FakeSession {
  permissionRequestHandler: Listener | undefined;
  permissionCheckHandler: ((...args: unknown[]) => boolean) | undefined;
  devicePermissionHandler: ((...args: unknown[]) => boolean) | undefined;
  setPermissionRequestHandler(handler: Listener): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: (...args: unknown[]) => boolean): void {
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: (...args: unknown[]) => boolean): void {
    this.devicePermissionHandler = handler;
  }
}

class FakeIpcMain {
  readonly handlers = new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>();
  handle(channel: string, handler: (event: unknown, ...args: unknown[]) => Promise<unknown>): void {
    if (this.handlers.has(channel)) {
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    }
    this.handlers.set(channel, handler);
  }
}

class FakeIpcRenderer extends EventEmitter {
  readonly invoked: { channel: string; args: unknown[] }[] = [];
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push({ channel, args });
    return Promise.resolve({ ok: true, value: null });
  }
}

export const app = new FakeApp();
export const ipcMain = new FakeIpcMain();
export const ipcRenderer = new FakeIpcRenderer();
export const session = { defaultSession: new FakeSession() };
/** safeStorage: a reversible "encryption" that tests can inspect; availability is switchable. */
export const safeStorage = {
  encryptionAvailable: true,
  backend: 'gnome_libsecret' as string,
  isEncryptionAvailable(): boolean {
    return safeStorage.encryptionAvailable;
  },
  getSelectedStorageBackend(): string {
    return safeStorage.backend;
  },
  encryptString(plain: string): Buffer {
    return Buffer.from(`enc:${Buffer.from(plain, 'utf8').toString('hex')}`, 'utf8');
  },
  decryptString(encrypted: Buffer): string {
    const text = encrypted.toString('utf8');
    if (!text.startsWith('enc:')) {
      throw new Error(
        'Error while decrypting the ciphertext provided to safeStorage.decryptString.',
      );
    }
    return Buffer.from(text.slice(4), 'hex').toString('utf8');
  },
};
export const shell = {
  opened: [] as string[],
  openExternal(url: string): Promise<void> {
    shell.opened.push(url);
    return Promise.resolve();
  },
};
export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown): void {
    contextBridge.exposed.set(key, api);
  },
};

export const clipboard = {
  text: '',
  writeText(text: string): void {
    clipboard.text = text;
  },
};

export const dialog = {
  saveDialogs: [] as Record<string, unknown>[],
  /** Where the next save dialog "saves"; undefined = the user cancelled. */
  nextSavePath: undefined as string | undefined,
  showSaveDialog(
    options: Record<string, unknown>,
  ): Promise<{ canceled: boolean; filePath?: string }> {
    dialog.saveDialogs.push(options);
    const filePath = dialog.nextSavePath;
    return Promise.resolve(
      filePath === undefined ? { canceled: true } : { canceled: false, filePath },
    );
  },
  shown: [] as Record<string, unknown>[],
  /** The button index the next message box returns. */
  nextResponse: 1,
  showMessageBox(options: Record<string, unknown>): Promise<{ response: number }> {
    dialog.shown.push(options);
    return Promise.resolve({ response: dialog.nextResponse });
  },
};

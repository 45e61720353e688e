import { BrowserWindow, type WebPreferences } from 'electron';

export function secureWebPreferences(preloadPath: string, isPackaged: boolean): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    spellcheck: false,
    devTools: !isPackaged,
  };
}

export function createMainWindow(options: {
  preloadPath: string;
  isPackaged: boolean;
  load: (window: BrowserWindow) => Promise<void>;
}): BrowserWindow {
  const window = new BrowserWindow({
    width: 960,
    height: 720,
    minWidth: 640,
    minHeight: 560,
    show: false,
    title: 'IoT Box Assistant',
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(options.preloadPath, options.isPackaged),
  });
  window.once('ready-to-show', () => window.show());
  void options.load(window);
  return window;
}

import { contextBridge, ipcRenderer } from 'electron';

import { buildAssistantApi } from './build-api';

// The only file that touches ipcRenderer; it exposes exactly one object to the page.
contextBridge.exposeInMainWorld(
  'assistant',
  buildAssistantApi({
    invoke: (channel, ...args) => ipcRenderer.invoke(channel, ...args),
    on: (channel, listener) => {
      const wrapped = (_event: unknown, payload: unknown): void => listener(payload);
      ipcRenderer.on(channel, wrapped);
      return () => {
        ipcRenderer.removeListener(channel, wrapped);
      };
    },
  }),
);

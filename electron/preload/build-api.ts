import { eventMethods, invokeMethods } from '../shared/channel-names';
import type { AssistantApi } from '../shared/contract';

/** The slice of `ipcRenderer` the API needs; the renderer never sees it. */
export type IpcBridge = {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (payload: unknown) => void): () => void;
};

/**
 * Builds `window.assistant` from the contract's names: one method per request and one `onX` per
 * event. No generic `invoke(channel)` escapes, and event listeners receive only the payload, never
 * the IPC event object (which would expose the sender). Arguments are checked in main.
 */
export function buildAssistantApi(ipc: IpcBridge): AssistantApi {
  const api: Record<string, unknown> = {};
  for (const [channel, method] of Object.entries(invokeMethods)) {
    api[method] = (...args: unknown[]) => ipc.invoke(channel, ...args);
  }
  for (const [channel, method] of Object.entries(eventMethods)) {
    api[method] = (listener: (payload: unknown) => void) => {
      if (typeof listener !== 'function') {
        throw new TypeError('listener must be a function');
      }
      return ipc.on(channel, listener);
    };
  }
  // The names are held to the same contract that defines AssistantApi (channel-names.ts).
  return Object.freeze(api) as AssistantApi;
}

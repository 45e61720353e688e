import { buildAssistantApi } from '../../electron/preload/build-api';
import type { AssistantApi } from '../../electron/shared/contract';

/*
 * Browser side of the preview bridge: the same `window.assistant` as the preload builds, but
 * each call is a POST to the loopback bridge. The token arrives in the URL fragment (never sent
 * in requests' URLs or Referer), is moved to sessionStorage so a reload keeps working, and the
 * fragment is removed from the address bar.
 */

const TOKEN_KEY = 'iotbox-preview-token';

function takeToken(): string {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (fromHash) {
    sessionStorage.setItem(TOKEN_KEY, fromHash);
    history.replaceState(null, '', window.location.pathname);
    return fromHash;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

function unreachable(detail: string) {
  return { ok: false, error: { code: 'internal', detail } } as const;
}

export function installBridgeClient(): void {
  const token = takeToken();
  const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` };
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let streaming = false;

  async function streamEvents(): Promise<void> {
    const response = await fetch('/api/events', { method: 'POST', headers, body: '{}' });
    if (!response.ok || !response.body) {
      return;
    }
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffered = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        return;
      }
      buffered += value;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines.filter(Boolean)) {
        const message = JSON.parse(line) as { channel: string; payload: unknown };
        for (const listener of listeners.get(message.channel) ?? []) {
          listener(message.payload);
        }
      }
    }
  }

  const api: AssistantApi = buildAssistantApi({
    invoke: async (channel, ...args) => {
      try {
        const response = await fetch(`/api/invoke/${channel}`, {
          method: 'POST',
          headers,
          body: JSON.stringify(args),
        });
        if (!response.ok) {
          return unreachable(`bridge answered ${response.status}`);
        }
        const result = (await response.json()) as unknown;
        // In a browser, the "OS language" is the browser's language list.
        if (channel === 'app:get-info' && isOkObject(result)) {
          return {
            ...result,
            value: { ...result.value, preferredLanguages: [...navigator.languages] },
          };
        }
        return result;
      } catch (error) {
        return unreachable(String(error));
      }
    },
    on: (channel, listener) => {
      const set = listeners.get(channel) ?? new Set();
      set.add(listener);
      listeners.set(channel, set);
      if (!streaming) {
        streaming = true;
        void streamEvents().finally(() => {
          streaming = false;
        });
      }
      return () => set.delete(listener);
    },
  });
  Object.defineProperty(window, 'assistant', { value: api, writable: false, configurable: false });
}

function isOkObject(value: unknown): value is { ok: true; value: Record<string, unknown> } {
  return (
    typeof value === 'object' &&
    value !== null &&
    'ok' in value &&
    value.ok === true &&
    'value' in value &&
    typeof value.value === 'object' &&
    value.value !== null
  );
}

import { describe, expect, it } from 'vitest';

import { events, invoke } from '../../../../electron/shared/contract';
import { contextBridge, ipcRenderer } from '../../../fakes/electron';
import { sampleFoundBox } from '../../../fakes/sample-box';

describe('preload', () => {
  it('exposes exactly one object, `assistant`, with one method per contract entry', async () => {
    await import('../../../../electron/preload/index');
    expect([...contextBridge.exposed.keys()]).toEqual(['assistant']);
    const api = contextBridge.exposed.get('assistant') as Record<string, unknown>;
    const expected = [
      ...Object.values(invoke).map((spec) => spec.method),
      ...Object.values(events).map((spec) => spec.method),
    ].sort();
    expect(Object.keys(api).sort()).toEqual(expected);
    expect(Object.isFrozen(api)).toBe(true);
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('ipcRenderer');
  });

  it('forwards a call to its own channel only', async () => {
    const api = contextBridge.exposed.get('assistant') as Record<
      string,
      (...a: unknown[]) => unknown
    >;
    await api['setSettings']?.({ language: 'it' });
    expect(ipcRenderer.invoked.at(-1)).toEqual({
      channel: 'settings:set',
      args: [{ language: 'it' }],
    });
  });

  it('sends every request method on its contract channel, arguments untouched', async () => {
    const api = contextBridge.exposed.get('assistant') as Record<
      string,
      (...a: unknown[]) => Promise<unknown>
    >;
    for (const [channel, spec] of Object.entries(invoke)) {
      await api[spec.method]?.('argument', 2);
      expect(ipcRenderer.invoked.at(-1)).toEqual({ channel, args: ['argument', 2] });
    }
  });

  it('hands event listeners the payload only, and unsubscribes', () => {
    const api = contextBridge.exposed.get('assistant') as Record<
      string,
      (...a: unknown[]) => unknown
    >;
    const received: unknown[][] = [];
    const off = api['onBoxFound']?.((...args: unknown[]) => received.push(args)) as () => void;
    const box = sampleFoundBox;
    ipcRenderer.emit('discovery:box-found', { sender: 'secret-event-object' }, box);
    off();
    ipcRenderer.emit('discovery:box-found', {}, box);
    expect(received).toEqual([[box]]);
  });
});

import { afterEach, describe, expect, it } from 'vitest';

import { silentLog } from '../../electron/core/adapters/console-log';
import { createCore } from '../../electron/core/create-core';
import { startBoxSimulator, type BoxSimulator } from '../lab/sim/box-simulator';

// `box:set-wifi` through the dispatcher (as the wizard calls it) against the lab's box simulator.

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.allSettled(cleanups.splice(0).map((cleanup) => cleanup()));
});

const signal = new AbortController().signal;

function dispatcher() {
  return createCore({
    appInfo: () => ({
      name: 'test',
      version: '0',
      platform: 'other',
      runtime: 'preview',
      preferredLanguages: [],
    }),
    settingsFile: { read: () => Promise.resolve(undefined), write: () => Promise.resolve() },
    events: { emit: () => undefined },
    log: silentLog,
  }).dispatch;
}

async function startBox(generation: 'g2' | 'g4'): Promise<BoxSimulator> {
  const box = await startBoxSimulator({
    generation,
    host: '127.0.0.1',
    port: 0,
    accessPoint: true,
    delayScale: 0.01,
    checkCertificateAtStart: false,
  });
  cleanups.push(() => box.close());
  await box.settled();
  return box;
}

const posts = (box: BoxSimulator) => box.received.filter((request) => request.method === 'POST');

describe('box:set-wifi', () => {
  it.each(['g2', 'g4'] as const)('%s: the box receives the network and joins it', async (gen) => {
    const box = await startBox(gen);
    const result = await dispatcher()(
      'box:set-wifi',
      [{ box: `${box.host}:${box.port}`, essid: 'Shop Wi-Fi', password: 'p4ss word' }],
      { signal },
    );
    expect(result).toMatchObject({ ok: true, value: { essid: 'Shop Wi-Fi' } });
    expect(box.state.wifiSsid).toBe('Shop Wi-Fi');
    const body = posts(box).find((request) => request.path.endsWith('/update_wifi'))?.body ?? '';
    expect(JSON.parse(body)).toMatchObject({
      params: { essid: 'Shop Wi-Fi', password: 'p4ss word' },
    });
    // The password goes to the box only: the answer does not carry it.
    expect(JSON.stringify(result)).not.toContain('p4ss word');
  });

  it('refuses an empty or over-long network name without sending anything', async () => {
    const box = await startBox('g4');
    const dispatch = dispatcher();
    for (const essid of ['  ', 'x'.repeat(33)]) {
      const result = await dispatch(
        'box:set-wifi',
        [{ box: `${box.host}:${box.port}`, essid, password: '' }],
        { signal },
      );
      expect(result).toMatchObject({ ok: false, error: { code: 'wifi-ssid-invalid' } });
    }
    expect(posts(box)).toEqual([]);
    expect(box.state.wifiSsid).toBeNull();
  });

  it('reports a network the box could not join', async () => {
    const box = await startBox('g4');
    const result = await dispatcher()(
      'box:set-wifi',
      [{ box: `${box.host}:${box.port}`, essid: 'fail-network', password: 'x' }],
      { signal },
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'box-refused' } });
    expect(box.state.wifiSsid).toBeNull();
  });

  it('refuses garbage arguments at the contract', async () => {
    const result = await dispatcher()('box:set-wifi', [{ box: '127.0.0.1', essid: 5 }], { signal });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
  });
});

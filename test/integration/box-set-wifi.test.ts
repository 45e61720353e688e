import { afterEach, describe, expect, it } from 'vitest';

import { createCore } from '../../electron/core/create-core';
import { startBoxSimulator, type BoxSimulator } from '../lab/sim/box-simulator';
import { testPorts } from '../support/test-ports';
import { startFaultProxy } from './box-fault-proxy';

// `box:set-wifi` through the dispatcher (as the wizard calls it) against the lab's box simulator.

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.allSettled(cleanups.splice(0).map((cleanup) => cleanup()));
});

const signal = new AbortController().signal;

function dispatcher() {
  return createCore(testPorts()).dispatch;
}

async function startBox(
  generation: 'g1' | 'g2' | 'g3' | 'g4',
  accessPoint = true,
): Promise<BoxSimulator> {
  const box = await startBoxSimulator({
    generation,
    host: '127.0.0.1',
    port: 0,
    accessPoint,
    delayScale: 0.01,
    checkCertificateAtStart: false,
  });
  cleanups.push(() => box.close());
  await box.settled();
  return box;
}

const posts = (box: BoxSimulator) => box.received.filter((request) => request.method === 'POST');

describe('box:set-wifi', () => {
  it.each(['g1', 'g2', 'g3', 'g4'] as const)(
    '%s on its access point: it joins and closes the access point before answering — a lost reply is success',
    async (gen) => {
      const box = await startBox(gen);
      const result = await dispatcher()(
        'box:set-wifi',
        [{ box: `${box.host}:${box.port}`, essid: 'Shop Wi-Fi', password: 'p4ss word' }],
        { signal },
      );
      expect(result).toMatchObject({ ok: true, value: { essid: 'Shop Wi-Fi', replied: false } });
      expect(box.state).toMatchObject({ wifiSsid: 'Shop Wi-Fi', accessPoint: false });
      const sent = box.received.find((request) =>
        /\/(update_wifi|wifi_connect)$/.test(request.path),
      );
      expect(sent?.body).toContain(gen === 'g1' ? 'p4ss+word' : 'p4ss word');
      // The password goes to the box only: the answer does not carry it.
      expect(JSON.stringify(result)).not.toContain('p4ss word');
    },
  );

  it('a wired G4 box answers: replied', async () => {
    const box = await startBox('g4', false);
    const result = await dispatcher()(
      'box:set-wifi',
      [{ box: `${box.host}:${box.port}`, essid: 'Shop Wi-Fi', password: 'pw' }],
      { signal },
    );
    expect(result).toMatchObject({ ok: true, value: { replied: true } });
  });

  it.each([
    ['g1', '/wifi_connect'],
    ['g2', '/hw_posbox_homepage/update_wifi'],
  ] as const)(
    '%s runs connect_to_wifi.sh before answering: a reply after 6.5 s is waited for, not cut at 5 s',
    async (gen, path) => {
      const box = await startBox(gen, false);
      const proxy = await startFaultProxy({ host: box.host, port: box.port });
      cleanups.push(() => proxy.close());
      proxy.rules = [{ path, delayMs: 6_500 }];
      const result = await dispatcher()(
        'box:set-wifi',
        [{ box: `${proxy.host}:${proxy.port}`, essid: 'Shop Wi-Fi', password: 'pw' }],
        { signal },
      );
      expect(result).toMatchObject({ ok: true, value: { essid: 'Shop Wi-Fi', replied: true } });
      expect(box.state.wifiSsid).toBe('Shop Wi-Fi');
    },
    20_000,
  );

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

  it('a network the box cannot join: a wired box says so; on the access point only a new search tells', async () => {
    const wired = await startBox('g4', false);
    const refused = await dispatcher()(
      'box:set-wifi',
      [{ box: `${wired.host}:${wired.port}`, essid: 'fail-network', password: 'x' }],
      { signal },
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'box-refused' } });
    const ap = await startBox('g4');
    const unanswered = await dispatcher()(
      'box:set-wifi',
      [{ box: `${ap.host}:${ap.port}`, essid: 'fail-network', password: 'x' }],
      { signal },
    );
    expect(unanswered).toMatchObject({ ok: true, value: { replied: false } });
    // It reopened its access point: what the wizard's search finds.
    expect(ap.state).toMatchObject({ accessPoint: true, wifiSsid: null });
  });

  it('refuses garbage arguments at the contract', async () => {
    const result = await dispatcher()('box:set-wifi', [{ box: '127.0.0.1', essid: 5 }], { signal });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
  });
});

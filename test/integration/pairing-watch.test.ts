import { afterEach, describe, expect, it } from 'vitest';

import { silentLog } from '../../electron/core/adapters/console-log';
import { createNodeHttp } from '../../electron/core/adapters/node-http';
import { systemClock } from '../../electron/core/adapters/system-clock';
import { createBoxClient } from '../../electron/core/box/box-client';
import type { BoxTarget } from '../../electron/core/box/box-target';
import { createPairingWatch, type PairingWatch } from '../../electron/core/box/pairing-watch';
import type { EventSink } from '../../electron/core/ports';
import type {
  BoxRestartProgress,
  PairingWatchProgress,
} from '../../electron/shared/schemas/pairing';
import {
  startBoxSimulator,
  type BoxSimulator,
  type BoxSimulatorOptions,
} from '../lab/sim/box-simulator';
import {
  SAMPLE_DATABASE,
  startIotProxySimulator,
  unreachablePairingUrl,
  type IotProxySimulator,
} from '../lab/sim/iot-proxy-simulator';
import { waitFor } from '../lab/sim/sim-test-client';
import { testCore } from '../support/test-ports';

// Watching a box until its pairing code is used: the core against the box simulator and the
// pairing service stand-in, a test claiming the code the way the database does.

const DATABASE = SAMPLE_DATABASE;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup();
  }
});
const signal = new AbortController().signal;

function watcher(options: { noCodeAfterMs?: number } = {}): PairingWatch {
  return createPairingWatch({
    client: createBoxClient({
      clock: systemClock,
      http: createNodeHttp(),
      log: silentLog,
      timeoutMs: 3_000,
      branchSettleMs: 500,
    }),
    clock: systemClock,
    log: silentLog,
    intervalMs: 200,
    restartTimeoutMs: 20_000,
    ...options,
  });
}

async function startProxy(): Promise<IotProxySimulator> {
  const proxy = await startIotProxySimulator();
  cleanups.push(() => proxy.close());
  return proxy;
}

async function startBox(options: Partial<BoxSimulatorOptions>): Promise<BoxSimulator> {
  const box = await startBoxSimulator({
    generation: 'g4',
    restartDowntimeMs: 300,
    delayScale: 0.01,
    checkCertificateAtStart: false,
    pairingPollScale: 0.01,
    ...options,
  });
  cleanups.push(() => box.close());
  return box;
}

const ref = (box: BoxSimulator): string => `${box.host}:${box.port}`;
const target = (box: BoxSimulator): BoxTarget => ({ host: box.host, port: box.port });

/** Claims the box's code as soon as the watch has shown it, as a user typing it in Odoo. */
function claimWhenShown(proxy: IotProxySimulator) {
  const seen: PairingWatchProgress[] = [];
  let claimed = false;
  return {
    seen,
    onProgress: (progress: PairingWatchProgress): void => {
      seen.push(progress);
      if (progress.state === 'code' && progress.pairingCode !== null && !claimed) {
        claimed = true;
        void proxy.claim(progress.pairingCode, DATABASE);
      }
    },
  };
}

describe('watching a box until its pairing code is used', () => {
  it.each(['g4', 'g3', 'g1'] as const)(
    '%s: shows the code, then follows the claim through the restart to the connected box',
    async (generation) => {
      const proxy = await startProxy();
      const box = await startBox({ generation, iotProxyUrl: proxy.connectBoxUrl });
      const claimer = claimWhenShown(proxy);
      const restarts: BoxRestartProgress[] = [];
      const outcome = await watcher().watch(
        target(box),
        { timeoutMs: 30_000 },
        { onProgress: claimer.onProgress, onRestart: (progress) => restarts.push(progress) },
        signal,
      );
      expect(outcome.ok && outcome.value.box.serverUrl).toBe(DATABASE.url);
      expect(outcome.ok && outcome.value.before.serverUrl).toBeNull();
      const code = proxy.codes[0]?.code;
      expect(claimer.seen.find((progress) => progress.state === 'code')?.pairingCode).toBe(code);
      expect(claimer.seen.at(-1)).toMatchObject({ state: 'connected', serverUrl: DATABASE.url });
      expect(restarts.at(-1)?.phase).toBe('back');
      expect(box.state).toMatchObject({ serverUrl: DATABASE.url, token: DATABASE.token });
      // Nothing was sent to the box: it paired itself.
      expect(box.received.filter((request) => request.method === 'POST')).toEqual([]);
    },
  );

  it('G3 that switches to its database branch comes back as the newer API', async () => {
    const proxy = await startProxy();
    const box = await startBox({
      generation: 'g3',
      iotProxyUrl: proxy.connectBoxUrl,
      branchSwitch: { checkoutMs: 300, becomes: 'g4' },
    });
    const claimer = claimWhenShown(proxy);
    const outcome = await watcher().watch(
      target(box),
      { timeoutMs: 30_000 },
      { onProgress: claimer.onProgress },
      signal,
    );
    expect(outcome.ok && [outcome.value.before.api, outcome.value.box.api]).toEqual(['g3', 'g4']);
  });

  it('an expired code ends the watch; a restart (Get a new code) brings one that works', async () => {
    const proxy = await startProxy();
    const box = await startBox({ iotProxyUrl: proxy.connectBoxUrl });
    const watch = watcher();
    const expiring = watch.watch(
      target(box),
      { timeoutMs: 30_000 },
      {
        onProgress: (progress) => {
          if (progress.state === 'code') {
            proxy.expireAll();
          }
        },
      },
      signal,
    );
    expect(await expiring).toMatchObject({ ok: false, error: { code: 'pairing-code-expired' } });
    const expired = await watch.status(target(box), signal);
    expect(expired.ok && expired.value.pairing).toMatchObject({ code: null, expired: true });

    const { handlers } = testCore({}, { pairing: { restartTimeoutMs: 20_000 } });
    expect((await handlers['box:restart']([ref(box)], { signal })).ok).toBe(true);
    const claimer = claimWhenShown(proxy);
    const outcome = await watch.watch(
      target(box),
      { timeoutMs: 30_000 },
      { onProgress: claimer.onProgress },
      signal,
    );
    expect(outcome.ok && outcome.value.box.serverUrl).toBe(DATABASE.url);
    expect(proxy.codes).toHaveLength(2);
  });

  it('no code while the pairing service is unreachable: told as no-code, then a failure when time is up', async () => {
    const box = await startBox({ iotProxyUrl: await unreachablePairingUrl() });
    const seen: PairingWatchProgress['state'][] = [];
    const outcome = await watcher({ noCodeAfterMs: 600 }).watch(
      target(box),
      { timeoutMs: 1_500 },
      { onProgress: (progress) => seen.push(progress.state) },
      signal,
    );
    expect(outcome).toMatchObject({ ok: false, error: { code: 'pairing-no-code' } });
    expect(seen[0]).toBe('waiting');
    expect(seen).toContain('no-code');
  });

  it('a code nobody uses: pairing-watch-timeout when time is up', async () => {
    const proxy = await startProxy();
    const box = await startBox({ iotProxyUrl: proxy.connectBoxUrl });
    await waitFor(() => proxy.codes.length > 0);
    const outcome = await watcher().watch(target(box), { timeoutMs: 1_000 }, {}, signal);
    expect(outcome).toMatchObject({ ok: false, error: { code: 'pairing-watch-timeout' } });
  });

  it('refuses before watching: access point, and already connected (naming the database)', async () => {
    const proxy = await startProxy();
    const onAccessPoint = await startBox({
      iotProxyUrl: proxy.connectBoxUrl,
      accessPoint: true,
      ip: '127.0.0.1',
    });
    expect(await watcher().watch(target(onAccessPoint), {}, {}, signal)).toMatchObject({
      ok: false,
      error: { code: 'pairing-access-point' },
    });
    const connected = await startBox({
      iotProxyUrl: proxy.connectBoxUrl,
      serverUrl: 'https://other.example.test',
    });
    expect(await watcher().watch(target(connected), {}, {}, signal)).toEqual({
      ok: false,
      error: { code: 'pairing-already-connected', detail: 'https://other.example.test' },
    });
  });

  it('box:stop-pairing-watch ends the watch the renderer started (cancelled)', async () => {
    const proxy = await startProxy();
    const box = await startBox({ iotProxyUrl: proxy.connectBoxUrl });
    const emitted: string[] = [];
    const events: EventSink = { emit: (event) => emitted.push(event) };
    const { handlers } = testCore({ events });
    const watching = handlers['box:watch-pairing']([ref(box), { timeoutMs: 60_000 }], { signal });
    await waitFor(() => emitted.includes('box:pairing-progress'));
    await handlers['box:stop-pairing-watch']([], { signal });
    expect(await watching).toEqual({ ok: false, error: { code: 'cancelled' } });
  });
});

import { afterEach, describe, expect, it } from 'vitest';

import { silentLog } from '../../electron/core/adapters/console-log';
import { createNodeHttp } from '../../electron/core/adapters/node-http';
import { systemClock } from '../../electron/core/adapters/system-clock';
import { createBoxClient } from '../../electron/core/box/box-client';
import { decodeLogsTail, LOG_TAIL_BYTES } from '../../electron/core/box/box-log';
import {
  startBoxSimulator,
  type BoxSimulator,
  type BoxSimulatorOptions,
} from '../lab/sim/box-simulator';

// The box's log is read in one place, from its end, whatever its size (doc §17 C13).

const client = createBoxClient({
  http: createNodeHttp(),
  log: silentLog,
  clock: systemClock,
  timeoutMs: 3_000,
});
const signal = new AbortController().signal;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup();
  }
});

async function startBox(options: BoxSimulatorOptions): Promise<BoxSimulator> {
  const box = await startBoxSimulator({ restartDowntimeMs: 50, delayScale: 0.01, ...options });
  cleanups.push(() => box.close());
  await box.settled();
  return box;
}

async function read(box: BoxSimulator) {
  const target = { host: box.host, port: box.port };
  const info = await client.getInfo(target, signal);
  if (!info.ok) {
    throw new Error(JSON.stringify(info.error));
  }
  const before = box.received.length;
  const log = await client.readLog(target, info.value, signal);
  return { log, requests: box.received.slice(before) };
}

describe('readLog', () => {
  it.each(['g1', 'g2', 'g3', 'g4'] as const)(
    '%s: a 3 MB log is read from its end with one Range request',
    async (generation) => {
      const box = await startBox({ generation, logPaddingBytes: 3 * 1024 * 1024 });
      const { log, requests } = await read(box);
      expect(requests.map((request) => [request.path, request.headers['range']])).toEqual([
        [
          generation === 'g4' ? '/iot_drivers/download_logs' : '/hw_drivers/download_logs',
          `bytes=-${LOG_TAIL_BYTES}`,
        ],
      ]);
      expect(log.ok && log.value.truncated).toBe(true);
      const text = log.ok ? log.value.text : '';
      expect(Buffer.byteLength(text)).toBeLessThanOrEqual(LOG_TAIL_BYTES);
      // It starts on a whole line and ends with what the box logged last.
      expect(text).toMatch(/^2026-01-01 00:00:00,000 4242 INFO /);
      expect(text.trimEnd().split('\n').at(-1)).toBe(box.logs.at(-1));
    },
  );

  it('a small log comes whole', async () => {
    const box = await startBox({ generation: 'g4' });
    const { log } = await read(box);
    expect(log).toEqual({
      ok: true,
      value: { text: box.logs.join('\n') + '\n', truncated: false },
    });
  });

  it.each(['g2', 'g4'] as const)(
    '%s without a log file for download_logs: iot_logs (the whole file as JSON) is read from its end',
    async (generation) => {
      const box = await startBox({
        generation,
        logfileConfigured: false,
        logPaddingBytes: 2 * 1024 * 1024,
      });
      const { log, requests } = await read(box);
      expect(requests.map((request) => request.path).at(-1)).toBe(
        generation === 'g4' ? '/iot_drivers/iot_logs' : '/hw_posbox_homepage/iot_logs',
      );
      expect(log.ok && log.value.truncated).toBe(true);
      const text = log.ok ? log.value.text : '';
      expect(text).toMatch(/^2026-01-01 /);
      expect(text).toContain('HTTP service (werkzeug) running');
    },
  );

  it('G1 without a log file: no log, said plainly', async () => {
    const box = await startBox({ generation: 'g1', logfileConfigured: false });
    const { log } = await read(box);
    expect(log).toMatchObject({ ok: false, error: { code: 'box-unrecognised' } });
  });

  it('decodes the end of a JSON string from a line start, escapes included', () => {
    const whole = JSON.stringify({
      status: 'success',
      logs: 'first\nsecond "quoted" \\ é\nthird\n',
    });
    expect(decodeLogsTail(whole.slice(20))).toBe('second "quoted" \\ é\nthird\n');
    expect(decodeLogsTail('no json here')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';

import {
  acquireCertificate,
  type Classification,
} from '../../../../../electron/core/certificate/acquisition-flow';
import type { CertificateBox } from '../../../../../electron/core/certificate/certificate-box';
import type { ClockPort } from '../../../../../electron/core/ports';
import type { BoxCertificateStatus, BoxInfo } from '../../../../../electron/shared/schemas/box';
import type {
  CertificateOutcome,
  CertificateProgress,
} from '../../../../../electron/shared/schemas/certificate';
import { ok } from '../../../../../electron/shared/result';
import { sampleFoundBox } from '../../../../fakes/sample-box';

// Hand-written fakes of the ports: a box whose status follows a script, and a virtual clock.

function virtualClock(): ClockPort & { slept: number[] } {
  let now = 0;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: (ms) => {
      slept.push(ms);
      now += ms;
      return Promise.resolve();
    },
  };
}

function scriptedBox(
  script: BoxCertificateStatus[],
  api: BoxInfo['api'] = 'g4',
): CertificateBox & { reads: number; triggers: number } {
  const box = {
    reads: 0,
    triggers: 0,
    getInfo: () => {
      const status = script[Math.min(box.reads, script.length - 1)] ?? { state: 'unknown' };
      box.reads += 1;
      const info: BoxInfo = {
        ...sampleFoundBox,
        api,
        serverUrl: 'https://x.test',
        dbUuidSet: true,
        enterpriseCodeSet: true,
        certificate: status,
      };
      return Promise.resolve(ok(info));
    },
    requestCertificateCheck: () => {
      box.triggers += 1;
      return Promise.resolve(ok('none' as const));
    },
    waitUntilBack: () => Promise.reject(new Error('no restart expected')),
    readLog: () => Promise.reject(new Error('no log read expected')),
  };
  return box;
}

const classify = (info: BoxInfo): Promise<Classification> => {
  const status = info.certificate;
  const outcome: CertificateOutcome =
    status.state === 'ok' ? 'valid' : status.state === 'failed' ? 'no-result' : 'missing';
  return Promise.resolve({ outcome, boxAttempt: null, fromLog: false });
};

const target = { host: '127.0.0.14', port: 8069 };

async function run(
  script: BoxCertificateStatus[],
  waitMs: number | null = 180_000,
  signal = new AbortController().signal,
  api: BoxInfo['api'] = 'g4',
) {
  const box = scriptedBox(script, api);
  const clock = virtualClock();
  const progress: CertificateProgress[] = [];
  const result = await acquireCertificate(
    target,
    { waitMs, onProgress: (event) => progress.push(event) },
    { box, clock, classify },
    signal,
  );
  return { result, box, clock, progress };
}

const missing: BoxCertificateStatus = { state: 'missing' };
const good: BoxCertificateStatus = {
  state: 'ok',
  subject: '*.a1b2c3d4.odoo-iot.com',
  notAfter: null,
};
const refused: BoxCertificateStatus = {
  state: 'failed',
  code: 'ERR_IOT_HTTPS_LOAD_REQUEST_NO_RESULT',
  httpStatus: null,
  detail: null,
};

describe('acquireCertificate', () => {
  it('does nothing more when the box already has a certificate', async () => {
    const { result, box } = await run([good]);
    expect(result.ok && result.value.timedOut).toBe(false);
    expect(box.reads).toBe(1);
    expect(box.triggers).toBe(0);
  });

  it('triggers once, then waits with growing gaps until the certificate arrives', async () => {
    const { result, box, clock, progress } = await run([missing, missing, missing, good]);
    expect(result.ok && result.value.info.certificate.state).toBe('ok');
    expect(box.triggers).toBe(1);
    expect(box.reads).toBe(4);
    expect(clock.slept).toEqual([5_000, 10_000, 15_000]);
    expect(progress.map((event) => event.phase)).toEqual([
      'checking',
      'requesting',
      'waiting',
      'checking',
      'waiting',
      'checking',
      'waiting',
      'checking',
    ]);
    expect(progress.find((event) => event.phase === 'waiting')?.nextCheckInMs).toBe(5_000);
  });

  it('stops on the same failure reported twice in a row', async () => {
    const { result, box } = await run([missing, refused, refused, good]);
    expect(result.ok && result.value.info.certificate.state).toBe('failed');
    expect(box.reads).toBe(3);
  });

  it('never waits past the deadline and never exceeds its check budget', async () => {
    const short = await run([missing], 30_000);
    expect(short.result.ok && short.result.value.timedOut).toBe(true);
    expect(short.clock.slept.reduce((sum, ms) => sum + ms, 0)).toBeLessThanOrEqual(30_000);
    // A box whose every status read asks odoo.com (G1–G3 with codes) is read 10 times at most.
    const failing: BoxCertificateStatus = {
      state: 'failed',
      code: 'ERR_IOT_HTTPS_LOAD_REQUEST_EXCEPTION',
      httpStatus: null,
      detail: 'timeout',
    };
    const long = await run([failing, missing], 600_000, undefined, 'g2');
    expect(long.box.reads).toBeLessThanOrEqual(10);
    expect(long.box.triggers).toBe(1);
    expect(long.progress.every((event) => event.maxAttempts <= 10)).toBe(true);
  });

  it('a box that fetches at Odoo start (G4) is waited for patiently: 10 minutes by default', async () => {
    const patient = await run([missing], null);
    expect(patient.result.ok && patient.result.value.timedOut).toBe(true);
    const slept = patient.clock.slept.reduce((sum, ms) => sum + ms, 0);
    // 6 attempts of 95 s after the restart: the wait covers them, and stays bounded.
    expect(slept).toBeGreaterThan(6 * 95_000);
    expect(slept).toBeLessThanOrEqual(600_000);
    expect(patient.box.reads).toBeLessThanOrEqual(30);
  });

  it('waits for the restart a G4 trigger causes before reading again', async () => {
    const box = scriptedBox([missing, good]);
    let waited = 0;
    const restarting: CertificateBox = {
      ...box,
      getInfo: (...args) => box.getInfo(...args),
      requestCertificateCheck: () => Promise.resolve(ok('restart' as const)),
      waitUntilBack: (_target, before) => {
        waited += 1;
        return Promise.resolve(ok(before));
      },
    };
    const progress: CertificateProgress[] = [];
    const result = await acquireCertificate(
      target,
      { waitMs: 60_000, onProgress: (event) => progress.push(event) },
      { box: restarting, clock: virtualClock(), classify },
      new AbortController().signal,
    );
    expect(result.ok && result.value.info.certificate.state).toBe('ok');
    expect(waited).toBe(1);
    expect(progress.map((event) => event.phase).slice(0, 3)).toEqual([
      'checking',
      'requesting',
      'restarting',
    ]);
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    const box = scriptedBox([missing]);
    const clock: ClockPort = {
      now: () => 0,
      sleep: () => {
        controller.abort();
        return Promise.resolve();
      },
    };
    const result = await acquireCertificate(
      target,
      { waitMs: 60_000, onProgress: () => undefined },
      { box, clock, classify },
      controller.signal,
    );
    expect(result).toEqual({ ok: false, error: { code: 'cancelled' } });
    expect(box.reads).toBe(1);
  });

  it("carries the box's own attempt while it retries, and stops once its log says it gave up", async () => {
    const box = scriptedBox([missing]);
    const readings: Classification[] = [
      { outcome: 'missing', boxAttempt: null, fromLog: false },
      { outcome: 'missing', boxAttempt: 2, fromLog: false },
      { outcome: 'missing', boxAttempt: 4, fromLog: false },
      { outcome: 'request-exception', boxAttempt: null, fromLog: true },
    ];
    let index = 0;
    const progress: CertificateProgress[] = [];
    const result = await acquireCertificate(
      target,
      { waitMs: null, onProgress: (event) => progress.push(event) },
      {
        box,
        clock: virtualClock(),
        classify: () => {
          const reading = readings[Math.min(index, readings.length - 1)];
          index += 1;
          return Promise.resolve(
            reading ?? { outcome: 'missing', boxAttempt: null, fromLog: false },
          );
        },
      },
      new AbortController().signal,
    );
    expect(result).toMatchObject({ ok: true, value: { timedOut: false } });
    expect(box.reads).toBe(4);
    expect(progress.map((event) => event.boxAttempt).filter((n) => n !== null)).toEqual(
      expect.arrayContaining([2, 4]),
    );
    expect(progress.find((event) => event.boxAttempt === 4)).toMatchObject({
      boxMaxAttempts: 6,
      boxAttemptSeconds: 95,
    });
  });
});

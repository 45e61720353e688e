import { describe, expect, it } from 'vitest';

import { acquireCertificate } from '../../../../../electron/core/certificate/acquisition-flow';
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
): CertificateBox & { reads: number; triggers: number } {
  const box = {
    reads: 0,
    triggers: 0,
    getInfo: () => {
      const status = script[Math.min(box.reads, script.length - 1)] ?? { state: 'unknown' };
      box.reads += 1;
      const info: BoxInfo = {
        ...sampleFoundBox,
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

const classify = (info: BoxInfo): Promise<CertificateOutcome> => {
  const status = info.certificate;
  return Promise.resolve(
    status.state === 'ok' ? 'valid' : status.state === 'failed' ? 'no-result' : 'missing',
  );
};

const target = { host: '127.0.0.14', port: 8069 };

async function run(
  script: BoxCertificateStatus[],
  waitMs = 180_000,
  signal = new AbortController().signal,
) {
  const box = scriptedBox(script);
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
    const long = await run([missing], 600_000);
    expect(long.box.reads).toBeLessThanOrEqual(10);
    expect(long.box.triggers).toBe(1);
    expect(long.progress.every((event) => event.maxAttempts <= 10)).toBe(true);
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
});

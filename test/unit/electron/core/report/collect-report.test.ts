import { describe, expect, it } from 'vitest';

import { parseBoxTarget } from '../../../../../electron/core/box/box-target';
import {
  collectReport,
  type ReportDeps,
  type ReportedBox,
} from '../../../../../electron/core/report/collect-report';
import type { BoxInfo } from '../../../../../electron/shared/schemas/box';
import type { CertificateReport } from '../../../../../electron/shared/schemas/certificate';
import { ok } from '../../../../../electron/shared/result';
import { sampleFoundBox } from '../../../../fakes/sample-box';

/** The box asked about, parsed as the report handler parses it. */
const asked = (ref: string): ReportedBox => ({ ref, target: parseBoxTarget(ref) });

const box: BoxInfo = {
  ...sampleFoundBox,
  serverUrl: 'https://shop.example.test',
  dbUuidSet: true,
  enterpriseCodeSet: true,
};

function deps(): ReportDeps & { reads: number; explained: BoxInfo[] } {
  const state = {
    reads: 0,
    explained: [] as BoxInfo[],
    readLog: () => Promise.resolve('log token=abc123secret\n'),
    getInfo: () => {
      state.reads += 1;
      return Promise.resolve(ok(box));
    },
    certificate: (_target: unknown, info: BoxInfo) => {
      state.explained.push(info);
      return Promise.resolve({
        ip: info.ip,
        api: info.api,
        version: info.version,
        status: { state: 'missing' },
        explanation: {
          outcome: 'missing',
          actions: [],
          docUrl: 'https://www.odoo.com/documentation/',
          boxCode: null,
          httpStatus: null,
          exception: null,
          odooComReachable: null,
        },
        verify: null,
        checkedAt: '2026-11-28T00:00:00.000Z',
      } as unknown as CertificateReport);
    },
    dns: () => Promise.reject(new Error('no name to check without a verification')),
    environment: () => ({
      app: { name: 'IoT Box Assistant', version: '0.1.0', runtime: 'test' },
      os: { platform: 'linux', release: '6', arch: 'x64' },
      interfaces: [],
    }),
    now: () => new Date('2026-11-28T10:00:00.000Z'),
  };
  return state;
}

describe('collectReport', () => {
  it('reads the box once and explains its certificate from that same read', async () => {
    const fake = deps();
    const report = await collectReport(asked('127.0.0.14'), fake, new AbortController().signal);
    // On G2/G3 every status read makes the box ask odoo.com again: one read only.
    expect(fake.reads).toBe(1);
    expect(fake.explained).toEqual([box]);
    expect(report.checks.map((check) => [check.id, check.ok])).toEqual([
      ['box', true],
      ['certificate', false],
    ]);
    // The box log is carried, redacted.
    expect(report.boxLogs).toContain('token=[removed]');
    expect(report.boxLogs).not.toContain('abc123secret');
  });

  it('reports an address that is not a box address without probing anything', async () => {
    const fake = deps();
    const report = await collectReport(asked('http://'), fake, new AbortController().signal);
    expect(fake.reads).toBe(0);
    expect(report.box).toBeNull();
    expect(report.checks).toMatchObject([{ id: 'box', ok: false, verdict: 'box-address-invalid' }]);
  });
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { createLabLan, LAB_ADDRESSES, REPO_ROOT, requireLab, type LabLan } from '../netns';

// The resolver differential and the verdicts, for real: the CLI runs inside the lab's pc
// namespace against the lab router (dnsmasq), the lab's public DNS and a DoH stand-in in the wan.
// References are always the lab's, never 8.8.8.8 or dns.google.

const lab = requireLab();
const CLI = join(REPO_ROOT, 'out/main/cli.js');
const PUBLIC = LAB_ADDRESSES.publicDns;
const DOH_PORT = 8053;
const DOH = `http://${PUBLIC}:${DOH_PORT}/resolve`;
const STALE_NAME = '192-168-77-20.deadbeef.odoo-iot.com';
const UNPUBLISHED = '192-168-77-20.0badc0de.odoo-iot.com';

type CliJson = {
  ok: boolean;
  verdict: string;
  expectedIp: string;
  publishedAddresses: string[];
  resolvers: {
    roles: string[];
    address: string;
    outcome: string;
    answer: string[];
    error: string | null;
    timeMs: number;
  }[];
  durationMs: number;
};

describe.skipIf(lab.skip)('iotbox dns: verdicts in the namespace LAN', () => {
  let lan: LabLan;
  let dataDir: string;
  let boxName: string;

  const dns = async (args: readonly string[]) => {
    const result = await lan.exec('pc', [process.execPath, CLI, 'dns', ...args, '--json'], {
      env: { IOTBOX_DATA_DIR: dataDir },
      timeoutMs: 20_000,
    });
    return {
      code: result.code,
      report: JSON.parse(result.stdout) as CliJson,
      stderr: result.stderr,
    };
  };

  beforeAll(async () => {
    lan = await createLabLan({
      boxes: [{ server: 'none', mdns: false }],
      decoy: false,
      extraPublicRecords: [{ name: STALE_NAME, address: '192.168.77.44' }],
    });
    boxName = lan.boxes[0]?.dnsName ?? '';
    const doh = lan.spawn(
      'wan',
      [
        process.execPath,
        '--import',
        'tsx',
        join(REPO_ROOT, 'test/lab/dns/doh-stand-in.ts'),
        PUBLIC,
        String(DOH_PORT),
        PUBLIC,
      ],
      { label: 'doh' },
    );
    await doh.waitFor(/"ready":true/, 20_000);
    dataDir = await mkdtemp(join(tmpdir(), 'iotbox-dns-lab-'));
  });
  afterAll(async () => {
    await lan?.close();
    if (dataDir) {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
  beforeEach(async () => {
    await lan.setRouterDns('rebind-block');
    await lan.setWanReachable(true);
  });

  it('rebind-block router → rebind-blocked, with the evidence per resolver', async () => {
    const { code, report } = await dns([boxName, '--reference-dns', PUBLIC, '--doh', DOH]);
    expect(report.verdict).toBe('rebind-blocked');
    expect(code).toBe(1);
    expect(report.expectedIp).toBe('192.168.77.20');
    const system = report.resolvers.find((probe) => probe.roles.includes('system'));
    expect(system).toMatchObject({ outcome: 'no-data', error: 'ENOTFOUND' });
    const router = report.resolvers.find((probe) => probe.roles.includes('gateway'));
    expect(router).toMatchObject({ address: '192.168.77.1:53', outcome: 'no-data' });
    expect(router?.roles).toContain('configured');
    const reference = report.resolvers.find((probe) => probe.roles.includes('reference'));
    expect(reference).toMatchObject({ address: `${PUBLIC}:53`, answer: ['192.168.77.20'] });
    const doh = report.resolvers.find((probe) => probe.roles.includes('doh'));
    expect(doh).toMatchObject({ address: DOH, outcome: 'answer', answer: ['192.168.77.20'] });
  });

  it('router with the odoo-iot.com exception → ok, exit 0', async () => {
    await lan.setRouterDns('rebind-exception');
    const { code, report } = await dns([boxName, '--reference-dns', PUBLIC, '--doh', 'off']);
    expect(report.verdict).toBe('ok');
    expect(code).toBe(0);
    expect(report.resolvers.some((probe) => probe.roles.includes('doh'))).toBe(false);
  });

  it('a name nobody publishes → not-published', async () => {
    const { code, report } = await dns([UNPUBLISHED, '--reference-dns', PUBLIC, '--doh', DOH]);
    expect(report.verdict).toBe('not-published');
    expect(code).toBe(1);
    expect(report.publishedAddresses).toEqual([]);
  });

  it('a name pointing at an old address → stale-address', async () => {
    await lan.setRouterDns('forward');
    const { report } = await dns([STALE_NAME, '--reference-dns', PUBLIC, '--doh', 'off']);
    expect(report.verdict).toBe('stale-address');
    expect(report.publishedAddresses).toEqual(['192.168.77.44']);
  });

  it('router DNS down → local-dns-down', async () => {
    await lan.setRouterDns('down');
    const { report } = await dns([boxName, '--reference-dns', PUBLIC, '--doh', 'off']);
    expect(report.verdict).toBe('local-dns-down');
    const reference = report.resolvers.find((probe) => probe.roles.includes('reference'));
    expect(reference?.answer).toEqual(['192.168.77.20']);
  });

  it('references unreachable (port 53 blocked, DoH too) → reference-unreachable', async () => {
    await lan.setWanReachable(false);
    const { report } = await dns([boxName, '--reference-dns', PUBLIC, '--doh', DOH]);
    expect(report.verdict).toBe('reference-unreachable');
    const reference = report.resolvers.find((probe) => probe.roles.includes('reference'));
    expect(reference?.outcome).toBe('timeout');
    expect(report.resolvers.find((probe) => probe.roles.includes('doh'))?.outcome).toBe('timeout');
  });

  it('UDP answers that differ from DoH → intercepted', async () => {
    // The "reference" on port 53 is the filtering router; DoH over HTTP reaches the real answer.
    const { report } = await dns([boxName, '--reference-dns', LAB_ADDRESSES.gateway, '--doh', DOH]);
    expect(report.verdict).toBe('intercepted');
  });

  it('rejects a bad reference without sending anything', async () => {
    const result = await lan.exec(
      'pc',
      [process.execPath, CLI, 'dns', boxName, '--reference-dns', 'dns.google'],
      { env: { IOTBOX_DATA_DIR: dataDir } },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--reference-dns');
  });
});

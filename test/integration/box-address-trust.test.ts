import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startBoxSimulator, type BoxSimulator } from '../lab/sim/box-simulator';
import { loadOrCreateLabCa, type LabCa } from '../lab/sim/lab-ca';
import { PREVIEW_DNS, PREVIEW_NETWORK_PORTS } from '../preview/preview-dns';
import { runBuiltCli } from '../support/run-cli';
import { testCore } from '../support/test-ports';

// The address the user reached is the box's address. A box typed as 127.0.0.72 claims to be
// 127.0.0.73 (as a compromised or misconfigured box could): every request, the token with its
// enterprise code, the credentials and every HTTPS check must still go to .72. A listener on
// .73, on the box's own ports, proves that nothing arrives there — in-process (the app) and
// through the built CLI. A box behind a port forward (reached at 127.0.0.76:18069, reporting
// its LAN address 192.168.1.20) keeps working at the typed address.

const REACHED = '127.0.0.72';
const CLAIMED = '127.0.0.73';
const UUID = '0b5d1c9e-3f7a-4c2e-9a61-2d8e5f4b7c30';
const CODE = 'M2407lab0001';
const TOKEN = `https://shop.example.test|s3cr3tToken|${UUID}|${CODE}`;
const NO_ODOO_COM = 'http://127.0.0.1:9/';
const signal = new AbortController().signal;

/** Listeners on the claimed address: each connection is counted, nothing is answered. */
type Canary = { readonly hits: string[]; close(): Promise<void> };

async function canary(host: string, ports: readonly number[]): Promise<Canary> {
  const hits: string[] = [];
  const servers = await Promise.all(
    ports.map(
      (port) =>
        new Promise<net.Server>((resolve, reject) => {
          const server = net.createServer((socket) => {
            hits.push(`${host}:${port}`);
            socket.destroy();
          });
          server.once('error', reject);
          server.listen(port, host, () => resolve(server));
        }),
    ),
  );
  return {
    hits,
    close: () =>
      Promise.all(
        servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))),
      ).then(() => undefined),
  };
}

let dir: string;
let ca: LabCa;
let caPath: string;
let box: BoxSimulator;
let nat: BoxSimulator;
let claimed: Canary;
const ref = `${REACHED}:8069`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'iotbox-address-trust-'));
  ({ ca, caCertPath: caPath } = await loadOrCreateLabCa(dir));
  box = await startBoxSimulator({
    generation: 'g4',
    host: REACHED,
    port: 8069,
    httpsPort: 0,
    ca,
    certificate: 'valid',
    certificateHash: 'c0ffee42',
    checkCertificateAtStart: false,
    restartDowntimeMs: 100,
    delayScale: 0.01,
    // The lie: what the box says about itself.
    ip: CLAIMED,
  });
  nat = await startBoxSimulator({
    generation: 'g2',
    host: '127.0.0.76',
    port: 18069,
    checkCertificateAtStart: false,
    restartDowntimeMs: 100,
    delayScale: 0.01,
    ip: '192.168.1.20',
  });
  claimed = await canary(CLAIMED, [8069, box.httpsPort ?? 443]);
});
afterAll(async () => {
  await Promise.allSettled([box.close(), nat.close(), claimed.close()]);
  await rm(dir, { recursive: true, force: true });
});

/**
 * The core's channels as the lab preview builds them (box names resolve to the loopback address
 * they encode), called as the renderer calls them: the typed address is parsed at that edge.
 */
function labHandlers() {
  return testCore(PREVIEW_NETWORK_PORTS, {
    pairing: { restartTimeoutMs: 20_000 },
    certificate: { extraCa: [ca.certPem], httpsPort: box.httpsPort ?? 0, odooComUrl: NO_ODOO_COM },
    dns: PREVIEW_DNS,
  }).handlers;
}

describe('a box that claims another address (in-process, as the app does it)', () => {
  it('is shown as reached at the typed address, with its claim only as information', async () => {
    const info = await labHandlers()['box:get-info']([ref], { signal });
    expect(info.ok && [info.value.address, info.value.ip]).toEqual([
      { host: REACHED, port: 8069 },
      CLAIMED,
    ]);
  });

  it('gets the token — enterprise code included — and its restart is followed at .72 only', async () => {
    const outcome = await labHandlers()['box:connect-server']([{ box: ref, token: TOKEN }], {
      signal,
    });
    expect(outcome.ok).toBe(true);
    expect(box.received.some((request) => request.body.includes('s3cr3tToken'))).toBe(true);
    expect(claimed.hits).toEqual([]);
  });

  it('gets typed credentials at .72 only', async () => {
    const outcome = await labHandlers()['box:save-credentials'](
      [
        {
          box: ref,
          credentials: { source: 'typed', dbUuid: UUID, enterpriseCode: CODE },
          remember: false,
        },
      ],
      { signal },
    );
    expect(outcome.ok).toBe(true);
    expect(claimed.hits).toEqual([]);
  });

  it('HTTPS is checked at .72 only; a name that leads to .73 is reported, not followed', async () => {
    const handlers = labHandlers();
    const byName = await handlers['certificate:get-status']([ref], { signal });
    expect(byName.ok && byName.value.verify).toMatchObject({
      ok: false,
      problem: 'name-does-not-resolve',
      hostname: '127-0-0-73.c0ffee42.odoo-iot.com',
    });
    const byIp = await handlers['certificate:verify']([ref, { via: 'ip' }], { signal });
    expect(byIp.ok && byIp.value).toMatchObject({ ok: true, address: REACHED });
    expect(claimed.hits).toEqual([]);
  });

  it('a diagnostics report reads the box at .72 only', async () => {
    const created = await labHandlers()['report:create']([ref], { signal });
    if (!created.ok) throw new Error(created.error.code);
    const report = created.value;
    expect(report.report.box?.address).toEqual({ host: REACHED, port: 8069 });
    // Its name is checked against where the box answered, not where it says it is.
    const dns = report.report.checks.find((check) => check.id === 'dns');
    expect(dns?.evidence).toMatchObject({ expectedIp: REACHED });
    expect(claimed.hits).toEqual([]);
  });
});

describe('the same through the built CLI', () => {
  const env = () => ({ NODE_EXTRA_CA_CERTS: caPath });

  it('info shows where the box answered and what it claims', async () => {
    const run = await runBuiltCli(['info', ref], env());
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`${REACHED}:8069`);
    expect(run.stdout).toContain(CLAIMED);
  });

  it('pair, credentials and cert send nothing to the claimed address', async () => {
    const pair = await runBuiltCli(['pair', ref, '--token', '-', '--json'], env(), {
      input: TOKEN,
    });
    expect(pair.code, pair.stderr).toBe(0);
    const credentials = await runBuiltCli(
      ['credentials', ref, '--db-uuid', UUID, '--enterprise-code', '-', '--json'],
      env(),
      { input: CODE },
    );
    expect(credentials.code, credentials.stderr).toBe(0);
    const https = ['--https-port', String(box.httpsPort ?? 0), '--odoo-com-url', NO_ODOO_COM];
    const cert = await runBuiltCli(['cert', ref, '--via', 'ip', '--json', ...https], env());
    expect(JSON.parse(cert.stdout)).toMatchObject({
      box: { address: { host: REACHED, port: 8069 }, ip: CLAIMED },
      verify: { ok: true, address: REACHED },
    });
    expect(claimed.hits).toEqual([]);
  });

  it('cert names the box by where it answered; its claim is only said', async () => {
    const https = ['--https-port', String(box.httpsPort ?? 0), '--odoo-com-url', NO_ODOO_COM];
    const cert = await runBuiltCli(['cert', ref, '--via', 'ip', ...https], env());
    const [header = ''] = cert.stdout.split('\n');
    expect(header).toContain(`Box ${REACHED}:8069 (G4, `);
    expect(header).toContain(`, reports ${CLAIMED})`);
    expect(claimed.hits).toEqual([]);
  });
});

describe('a box behind a port forward', () => {
  it('is reached, paired and followed through its restart at the typed host and port', async () => {
    const outcome = await labHandlers()['box:connect-server'](
      [{ box: '127.0.0.76:18069', token: TOKEN }],
      { signal },
    );
    expect(outcome.ok && [outcome.value.box.address, outcome.value.box.ip]).toEqual([
      { host: '127.0.0.76', port: 18069 },
      '192.168.1.20',
    ]);
    expect(nat.state.serverUrl).toBe('https://shop.example.test');
  });
});

describe('two devices claiming one identifier', () => {
  it('iotbox discover lists both, each with a warning naming the other', async () => {
    const copies = await Promise.all(
      ['127.0.0.78', '127.0.0.79'].map((host) =>
        startBoxSimulator({
          generation: 'g4',
          host,
          port: 8069,
          checkCertificateAtStart: false,
          identifier: '10000000c0ffee42',
        }),
      ),
    );
    try {
      const run = await runBuiltCli([
        'discover',
        '--subnet',
        '127.0.0.78/31',
        '--no-mdns',
        '--timeout',
        '5',
        '--json',
      ]);
      expect(run.code, run.stderr).toBe(0);
      const report = JSON.parse(run.stdout) as {
        boxes: { ip: string; port: number; alsoClaimedBy: string[] }[];
      };
      const listed = report.boxes
        .map((box) => [box.ip, box.alsoClaimedBy])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
      expect(listed).toEqual([
        ['127.0.0.78', ['127.0.0.79:8069']],
        ['127.0.0.79', ['127.0.0.78:8069']],
      ]);
      const text = await runBuiltCli(['discover', '--subnet', '127.0.0.78/31', '--no-mdns']);
      expect(text.stdout).toContain('Warning: Also answering as this box');
    } finally {
      await Promise.all(copies.map((copy) => copy.close()));
    }
  });
});

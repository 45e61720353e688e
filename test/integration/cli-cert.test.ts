import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { runCli } from '../../electron/cli/run-cli';
import { startBoxSimulator, type BoxSimulator } from '../lab/sim/box-simulator';
import { loadOrCreateLabCa, type LabCa } from '../lab/sim/lab-ca';
import { startOdooComSimulator, type OdooComSimulator } from '../lab/sim/odoo-com-simulator';
import { runBuiltCli } from '../support/run-cli';

// The built `iotbox cert` against the lab simulators on loopback. Trust comes from
// NODE_EXTRA_CA_CERTS (the lab CA), exactly as a technician would add a corporate CA. Name
// resolution is not exercised here (`--via ip`: TLS to the box IP with its odoo-iot name as SNI);
// the namespace-LAN test runs the real DNS path.

const DB_UUID = '0b7d54e2-9a55-4b8e-8f5c-1f2e3d4c5b6a';

let dir: string;
let ca: LabCa;
let caPath: string;
let com: OdooComSimulator;
let issuing: OdooComSimulator;
let good: BoxSimulator;
let failing: BoxSimulator;
/** Reports the certificate it fetched at start, serves its old, expired one until a restart. */
let held: BoxSimulator;
// A loopback port nothing listens on: this computer's own odoo.com check must never leave it.
const NO_ODOO_COM = 'http://127.0.0.1:9/';

function cli(args: string[], env: Record<string, string> = { NODE_EXTRA_CA_CERTS: caPath }) {
  return runBuiltCli(args, env);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'iotbox-cli-cert-'));
  ({ ca, caCertPath: caPath } = await loadOrCreateLabCa(dir));
  com = await startOdooComSimulator({ ca, mode: { status: 404 } });
  const connected = {
    serverUrl: 'https://shop.example.test',
    dbUuid: DB_UUID,
    enterpriseCode: 'M2403151234567',
    ca,
    port: 0,
    httpsPort: 0,
    restartDowntimeMs: 100,
    delayScale: 0.01,
  };
  good = await startBoxSimulator({
    ...connected,
    generation: 'g4',
    host: '127.0.0.81',
    certificate: 'valid',
    certificateHash: 'feedbeef',
  });
  failing = await startBoxSimulator({
    ...connected,
    generation: 'g2',
    host: '127.0.0.82',
    x509Url: com.x509Url,
    certificate: 'temporary',
    checkCertificateAtStart: false,
  });
  // A Windows box uses a new certificate only once its service restarts (iot_drivers
  // certificate.py: odoo_restart(3) after writing it); that restart is held far away here.
  issuing = await startOdooComSimulator({ ca, mode: 'issue', hash: 'feedbeef' });
  held = await startBoxSimulator({
    ...connected,
    generation: 'g4',
    system: 'Windows',
    host: '127.0.0.83',
    x509Url: issuing.x509Url,
    certificate: 'expired',
    certificateHash: 'feedbeef',
    delayScale: 1_000,
  });
  for (let waited = 0; (held.state.certificate?.notAfter.getTime() ?? 0) < Date.now();) {
    if ((waited += 20) > 10_000) {
      throw new Error('the held box never fetched its new certificate');
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
});
afterAll(async () => {
  await Promise.allSettled([
    good.close(),
    failing.close(),
    held.close(),
    com.close(),
    issuing.close(),
  ]);
  await rm(dir, { recursive: true, force: true });
});

const boxArg = (box: BoxSimulator) => `${box.host}:${box.port}`;
const common = (box: BoxSimulator) => [
  '--via',
  'ip',
  '--https-port',
  String(box.httpsPort ?? 0),
  '--odoo-com-url',
  NO_ODOO_COM,
];

describe('iotbox cert (built CLI)', () => {
  it('exits 0 with the verification JSON for a valid, trusted certificate', async () => {
    const { code, stdout } = await cli(['cert', boxArg(good), '--json', ...common(good)]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as Record<string, unknown>;
    expect(report).toMatchObject({
      ok: true,
      outcome: 'valid',
      box: { ip: '127.0.0.81', api: 'g4' },
      status: { state: 'ok' },
    });
    expect(Object.keys(report['verify'] as object)).toEqual([
      'ok',
      'problem',
      'hostname',
      'address',
      'nameResolved',
      'notBefore',
      'notAfter',
      'daysLeft',
      'issuer',
      'san',
      'fingerprint256',
    ]);
    expect(report['verify']).toMatchObject({
      ok: true,
      problem: null,
      hostname: '127-0-0-81.feedbeef.odoo-iot.com',
      san: ['*.feedbeef.odoo-iot.com', 'feedbeef.odoo-iot.com'],
      issuer: 'IoT Box Assistant Lab CA (IoT Box Assistant lab)',
    });
  });

  it("shows the box's view beside this computer's when they differ, with the dates", async () => {
    const reported = held.state.certificate?.notAfter.toISOString().slice(0, 10) ?? '?';
    const served = held.state.servedCertificate?.notAfter.toISOString().slice(0, 10) ?? '?';
    const json = await cli(['cert', boxArg(held), '--json', ...common(held)]);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as {
      outcome: string;
      differences: string[];
      verify: { problem: string; notAfter: string };
    };
    expect(report.outcome).toBe('https-expired');
    expect(report.differences).toEqual(['validity', 'dates']);
    expect(report.verify.problem).toBe('expired');
    expect(report.verify.notAfter.slice(0, 10)).toBe(served);
    const text = await cli(['cert', boxArg(held), ...common(held)]);
    expect(text.stdout).toContain(`The box says: Until ${reported}`);
    expect(text.stdout).toMatch(new RegExp(`This computer sees: From .+ to ${served}: expired`));
    const today = new Date().toISOString().slice(0, 10);
    expect(text.stdout).toContain(`This computer's date: ${today}`);
    // "Check this computer's date" with the dates it rests on.
    expect(text.stdout).toMatch(
      new RegExp(`This computer's date is ${today}; the certificate is valid from .+ to ${served}`),
    );
  });

  it('exits 1 when this computer does not trust the certificate (no lab CA)', async () => {
    const { code, stdout } = await cli(['cert', boxArg(good), '--json', ...common(good)], {});
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({
      ok: false,
      outcome: 'https-untrusted',
      verify: { ok: false, problem: 'untrusted' },
    });
  });

  it('waits for the box and explains odoo.com answering 404 with a support text', async () => {
    const { code, stdout } = await cli([
      'cert',
      boxArg(failing),
      '--json',
      '--wait',
      '30',
      ...common(failing),
    ]);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as Record<string, unknown>;
    expect(report).toMatchObject({
      ok: false,
      outcome: 'request-status',
      // A G2 box (requests, raise_for_status) shows the status inside REQUEST_EXCEPTION's text.
      status: { state: 'failed', code: 'ERR_IOT_HTTPS_LOAD_REQUEST_EXCEPTION' },
      httpStatus: 404,
      title: 'odoo.com answered with an error',
      verify: null,
    });
    expect(report['supportText']).toContain('HTTP status 404');
    expect(report['actions']).toEqual([
      expect.objectContaining({ id: 'check-odoo-com' }),
      expect.objectContaining({ id: 'wait' }),
      expect.objectContaining({ id: 'retry' }),
      expect.objectContaining({ id: 'contact-odoo-support' }),
    ]);
    // Bounded: one status read per check, never a tight loop against the box.
    const dataReads = failing.received.filter((request) => request.path.endsWith('/data'));
    expect(dataReads.length).toBeLessThanOrEqual(10);
  });

  it('prints a readable explanation by default', async () => {
    const { code, stdout } = await cli(['cert', boxArg(good), ...common(good)]);
    expect(code).toBe(0);
    expect(stdout).toContain('✔ The certificate is valid');
    expect(stdout).toContain('Secure address: https://127-0-0-81.feedbeef.odoo-iot.com/');
    expect(stdout).toMatch(/SHA-256 fingerprint: ([0-9A-F]{2}:){31}[0-9A-F]{2}/);
  });

  it('exits 1 with the failure code when the box does not answer', async () => {
    const { code, stdout } = await cli(['cert', '127.0.0.83:1', '--json', ...common(good)]);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({ ok: false, error: { code: 'box-unreachable' } });
  });
});

describe('iotbox cert usage (in process, nothing sent)', () => {
  async function inProcess(argv: string[]) {
    let stdout = '';
    let stderr = '';
    const code = await runCli(argv, {
      stdout: (text) => (stdout += text),
      stderr: (text) => (stderr += text),
      env: {},
    });
    return { code, stdout, stderr };
  }

  it.each([
    [['cert'], '<box>'],
    [['cert', '127.0.0.1', '--wait', 'soon'], '--wait'],
    [['cert', '127.0.0.1', '--wait', '601'], '--wait'],
    [['cert', '127.0.0.1', '--via', 'carrier-pigeon'], '--via'],
    [['cert', '127.0.0.1', '--https-port', '70000'], '--https-port'],
    [['cert', '127.0.0.1', '--odoo-com-url', 'ftp://x'], '--odoo-com-url'],
    [['cert', '127.0.0.1', '--colour'], '--colour'],
    [['cert', '127.0.0.1', 'extra'], 'extra'],
    [['cert', 'not an address!'], '<box>'],
  ])('%j exits 2 naming %s', async (argv, named) => {
    const { code, stdout, stderr } = await inProcess(argv);
    expect(code).toBe(2);
    expect(stderr).toContain(named);
    expect(stdout).toBe('');
  });
});

import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import {
  startBoxSimulator,
  type BoxSimulator,
  type BoxSimulatorOptions,
} from '../lab/sim/box-simulator';
import { loadOrCreateLabCa, type LabCa } from '../lab/sim/lab-ca';
import { startOdooComSimulator } from '../lab/sim/odoo-com-simulator';
import { CLI, runBuiltCli, type CliRun } from '../support/run-cli';

// The built `iotbox` (info, credentials, pair, cert, doctor) against boxes that behave like
// Odoo's own code: a G1 box serving the real jinja pages (protocol doc §17 C1–C5).

const UUID = '0b5d1c9e-3f7a-4c2e-9a61-2d8e5f4b7c30';
const CODE = 'M2407lab0001';
// Loopback ports nothing listens on: no check may leave this machine.
const NOWHERE = 'http://127.0.0.1:9/';
const NO_DNS = '127.0.0.1:9';

/**
 * A connected G1 box is watched for 20 s after its restart: its helpers say nothing when they
 * switch git branch, so only the box going down again tells (electron/core/box/branch-switch.ts).
 */
const G1_CONNECT_MS = 60_000;

let work = '';
let ca: LabCa;
let caPath = '';
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  if (!existsSync(CLI)) {
    throw new Error('build the CLI first: npm run build');
  }
  work = await mkdtemp(join(tmpdir(), 'iotbox-cli-real-'));
  ({ ca, caCertPath: caPath } = await loadOrCreateLabCa(work));
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup();
  }
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function startBox(options: BoxSimulatorOptions): Promise<BoxSimulator> {
  const box = await startBoxSimulator({
    restartDowntimeMs: 200,
    delayScale: 0.01,
    ca,
    httpsPort: 0,
    ...options,
  });
  cleanups.push(() => box.close());
  await box.settled();
  return box;
}

const ref = (box: BoxSimulator): string => `${box.host}:${box.port}`;
const iotbox = (args: readonly string[]): Promise<CliRun> =>
  runBuiltCli(args, { NODE_EXTRA_CA_CERTS: caPath });
const json = (run: CliRun): Record<string, unknown> =>
  JSON.parse(run.stdout) as Record<string, unknown>;
const certArgs = (box: BoxSimulator): string[] => [
  '--via',
  'ip',
  '--https-port',
  String(box.httpsPort ?? 0),
  '--odoo-com-url',
  NOWHERE,
];
/** `iotbox credentials` with typed values (the UUID and CODE of these tests). */
const credentialsArgs = (box: BoxSimulator): string[] => [
  'credentials',
  ref(box),
  '--db-uuid',
  UUID,
  '--enterprise-code',
  CODE,
];
const sendCredentials = (box: BoxSimulator): Promise<CliRun> =>
  iotbox([...credentialsArgs(box), '--json']);
/** `iotbox pair` with a pipe-form token carrying the UUID and CODE of these tests. */
const pairByToken = (box: BoxSimulator): Promise<CliRun> =>
  iotbox([
    'pair',
    ref(box),
    '--token',
    `https://shop.example.test|s3cr3t|${UUID}|${CODE}`,
    '--json',
  ]);
const doctorArgs = (box: BoxSimulator): string[] => [
  ...certArgs(box).slice(2),
  '--reference-dns',
  NO_DNS,
  '--doh',
  'off',
];

describe.each(['homepage-html', 'technical-jinja2'] as const)(
  "a G1 box serving Odoo's real pages (%s)",
  (g1Pages) => {
    it(
      'info reads it; pair connects it with a URL token turned into the pipe form',
      async () => {
        const box = await startBox({ generation: 'g1', g1Pages });
        const info = await iotbox(['info', ref(box), '--json']);
        expect(info.code, info.stderr).toBe(0);
        expect(json(info)).toMatchObject({
          ok: true,
          box: { api: 'g1', serverUrl: null, name: 'iotbox', version: 'L23.11' },
        });
        // rename_iot.sh is there: the name is offered for renaming (pair --name).
        expect((await iotbox(['info', ref(box)])).stdout).toMatch(/Name: +iotbox\n/);
        const token = `https://shop.example.test?token=s3cr3t&db_uuid=${UUID}&enterprise_code=${CODE}`;
        const pair = await iotbox(['pair', ref(box), '--token', token, '--json']);
        expect(pair.code, pair.stderr).toBe(0);
        expect(json(pair)).toMatchObject({
          ok: true,
          box: { api: 'g1', serverUrl: 'https://shop.example.test', dbUuidSet: true },
        });
        expect(box.state).toMatchObject({ serverUrl: 'https://shop.example.test', dbUuid: UUID });
      },
      G1_CONNECT_MS,
    );

    it(
      'pair --name: the box reboots without answering, and comes back under its new name',
      async () => {
        const box = await startBox({ generation: 'g1', g1Pages });
        const token = `https://shop.example.test|s3cr3t|${UUID}|`;
        const pair = await iotbox([
          'pair',
          ref(box),
          '--token',
          token,
          '--name',
          'till-2',
          '--json',
        ]);
        expect(pair.code, pair.stderr).toBe(0);
        expect(json(pair)).toMatchObject({
          ok: true,
          box: { name: 'till-2', serverUrl: 'https://shop.example.test', enterpriseCodeSet: false },
        });
        expect(box.restarts).toBe(1);
      },
      G1_CONNECT_MS,
    );

    it('credentials are saved through /save_credential and read back from the inputs', async () => {
      const box = await startBox({
        generation: 'g1',
        g1Pages,
        serverUrl: 'https://shop.example.test',
      });
      const run = await sendCredentials(box);
      expect(run.code, run.stderr).toBe(0);
      expect(json(run)).toMatchObject({
        ok: true,
        box: { dbUuidSet: true, enterpriseCodeSet: true },
      });
      expect(run.stdout).not.toContain(CODE);
      expect(box.state).toMatchObject({ dbUuid: UUID, enterpriseCode: CODE });
    });

    it("cert and doctor explain a box whose odoo.com refuses, from the page's error code", async () => {
      const com = await startOdooComSimulator({ ca, mode: 'refuse' });
      cleanups.push(() => com.close());
      const box = await startBox({
        generation: 'g1',
        g1Pages,
        x509Url: com.x509Url,
        serverUrl: 'https://shop.example.test',
        dbUuid: UUID,
        enterpriseCode: CODE,
      });
      const cert = await iotbox(['cert', ref(box), '--json', ...certArgs(box)]);
      expect(cert.code).toBe(1);
      expect(json(cert)).toMatchObject({
        ok: false,
        box: { api: 'g1' },
        outcome: 'no-result',
        boxCode: 'ERR_IOT_HTTPS_LOAD_REQUEST_NO_RESULT',
      });
      const reportPath = join(work, `doctor-${g1Pages}.json`);
      const doctor = await iotbox([
        'doctor',
        ref(box),
        '--json',
        '--report',
        reportPath,
        ...doctorArgs(box),
      ]);
      expect(doctor.code).toBe(1);
      const report = json(doctor) as { box: { api: string }; checks: { id: string }[] };
      expect(report.box.api).toBe('g1');
      expect(report.checks.map((check) => check.id)).toEqual(['box', 'certificate']);
      expect(await readFile(reportPath, 'utf8')).not.toContain(CODE);
    });
  },
);

describe('a G1 box on the refactored pages, not connected yet', () => {
  it('credentials: "connect it first" (its credential routes exist only once connected), nothing changed', async () => {
    const box = await startBox({ generation: 'g1', g1Pages: 'technical-jinja2' });
    const run = await sendCredentials(box);
    expect(run.code).toBe(1);
    expect(json(run)).toMatchObject({
      ok: false,
      error: { code: 'box-credentials-need-server' },
    });
    const text = await iotbox(credentialsArgs(box));
    expect(text.stderr).toContain('This box takes credentials only once it is connected');
    expect(text.stderr).toContain('the connection token carries the database UUID');
    expect(box.state).toMatchObject({ dbUuid: null, enterpriseCode: null });
    expect(box.restarts).toBe(0);
  });
});

describe("a G2 box that switches to its database's branch after connecting (doc §17 C15)", () => {
  it('pair waits through the second restart and says the box came back with another API', async () => {
    const box = await startBox({
      generation: 'g2',
      branchSwitch: { checkoutMs: 2_000, becomes: 'g3' },
    });
    const run = await iotbox([
      'pair',
      ref(box),
      '--token',
      `https://shop.example.test|s3cr3t|${UUID}|${CODE}`,
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain("The box is switching to your database's Odoo version");
    expect(run.stdout).toContain('The box now speaks API G3');
    expect(run.stdout).toMatch(/Database: +https:\/\/shop\.example\.test/);
    expect(box.restarts).toBe(2);
    expect(box.generation).toBe('g3');
  }, 60_000);
});

describe('a G4 box on its access point ("ip": null in its /data)', () => {
  const apBox = () => startBox({ generation: 'g4', accessPoint: true, ip: '127.0.0.1' });

  it('info shows it waiting for Wi-Fi, with its own network', async () => {
    const box = await apBox();
    const info = await iotbox(['info', ref(box)]);
    expect(info.code, info.stderr).toBe(0);
    expect(info.stdout).toContain(
      `waiting for Wi-Fi: runs its own network IoTBox-${box.identity.identifier}`,
    );
    // An Odoo 19 image: no hostname in /data, no update_hostname (odoo/odoo#219589).
    expect(info.stdout).toMatch(/Name: +— \(cannot be renamed from here\)/);
    const asJson = await iotbox(['info', ref(box), '--json']);
    expect(json(asJson)).toMatchObject({
      ok: true,
      box: { api: 'g4', accessPoint: true, ip: box.host },
    });
  });

  it('pair, credentials, cert and doctor all run and say what is missing', async () => {
    const box = await apBox();
    const credentials = await sendCredentials(box);
    expect(credentials.code, credentials.stderr).toBe(0);
    const cert = await iotbox(['cert', ref(box), '--json', ...certArgs(box)]);
    expect(cert.code).toBe(1);
    expect(json(cert)).toMatchObject({ outcome: 'no-server', box: { api: 'g4' } });
    const doctor = await iotbox(['doctor', ref(box), '--json', ...doctorArgs(box)]);
    expect(doctor.code).toBe(1);
    expect((json(doctor) as { checks: { id: string; verdict: string }[] }).checks).toEqual([
      expect.objectContaining({ id: 'box', verdict: 'not-connected' }),
      expect.objectContaining({ id: 'certificate', verdict: 'no-server' }),
    ]);
    const pair = await pairByToken(box);
    expect(pair.code, pair.stderr).toBe(0);
    expect(json(pair)).toMatchObject({ ok: true, box: { accessPoint: true } });
  }, 60_000);
});

describe('a G2 box whose certificate odoo.com refused (its /data answers HTTP 500)', () => {
  async function refusedBox(): Promise<BoxSimulator> {
    const com = await startOdooComSimulator({ ca, mode: 'refuse' });
    cleanups.push(() => com.close());
    return startBox({
      generation: 'g2',
      x509Url: com.x509Url,
      serverUrl: 'https://shop.example.test',
      dbUuid: UUID,
      enterpriseCode: CODE,
    });
  }

  it('info and cert say odoo.com refused, with the eligibility checks and the portal', async () => {
    const box = await refusedBox();
    const info = await iotbox(['info', ref(box)]);
    expect(info.code, info.stderr).toBe(0);
    expect(info.stdout).toContain('refused by odoo.com');
    expect(info.stdout).toContain("TypeError: 'bool' object is not subscriptable");
    const cert = await iotbox(['cert', ref(box), ...certArgs(box)]);
    expect(cert.code).toBe(1);
    expect(cert.stdout).toContain('odoo.com refused the certificate');
    expect(cert.stdout).toContain('https://www.odoo.com/my/subscriptions');
    expect(cert.stdout).toContain('In Progress');
    const asJson = json(await iotbox(['cert', ref(box), '--json', ...certArgs(box)]));
    expect(asJson).toMatchObject({
      outcome: 'no-result',
      status: { state: 'refused', confirmed: true },
      verify: { ok: false, problem: 'temporary-certificate' },
    });
  });

  it('doctor reports the refusal; pair and credentials still work on it', async () => {
    const box = await refusedBox();
    const doctor = await iotbox(['doctor', ref(box), '--json', ...doctorArgs(box)]);
    expect(doctor.code).toBe(1);
    const report = json(doctor) as {
      box: { api: string };
      checks: { id: string; verdict: string }[];
      boxLogs: string | null;
    };
    expect(report.box.api).toBe('g2');
    expect(report.checks.find((check) => check.id === 'certificate')?.verdict).toBe('no-result');
    expect(report.boxLogs).toContain('in load_certificate');
    expect(JSON.stringify(report)).not.toContain(CODE);
    const pair = await pairByToken(box);
    expect(pair.code, pair.stderr).toBe(0);
    expect(json(pair)).toMatchObject({
      ok: true,
      box: { api: 'g2', certificate: { state: 'refused' } },
    });
    const credentials = await sendCredentials(box);
    expect(credentials.code, credentials.stderr).toBe(0);
  }, 60_000);
});

import { existsSync } from 'node:fs';

import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import {
  startBoxSimulator,
  type BoxSimulator,
  type BoxSimulatorOptions,
} from '../lab/sim/box-simulator';
import {
  SAMPLE_DATABASE,
  startIotProxySimulator,
  type IotProxySimulator,
} from '../lab/sim/iot-proxy-simulator';
import { startOdooDbSimulator } from '../lab/sim/odoo-db-simulator';
import { waitFor } from '../lab/sim/sim-test-client';
import { CLI, runBuiltCli, runBuiltCliInTerminal } from '../support/run-cli';

// The built `iotbox` CLI (out/main/cli.js) against loopback simulators, with --json.

const UUID = '0b5d1c9e-3f7a-4c2e-9a61-2d8e5f4b7c30';
const CODE = 'M2407lab0001';
const TOKEN = `https://shop.example.test|s3cr3tToken|${UUID}|${CODE}`;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup();
  }
});

beforeAll(() => {
  if (!existsSync(CLI)) {
    throw new Error(
      'build the CLI first: npx electron-vite build --config build/electron.vite.config.ts',
    );
  }
});

type Run = { code: number; stdout: string; stderr: string };

function iotbox(
  args: readonly string[],
  env: Record<string, string> = {},
  input?: string,
): Promise<Run> {
  return runBuiltCli(args, env, input === undefined ? {} : { input });
}

async function startBox(options: BoxSimulatorOptions): Promise<BoxSimulator> {
  const box = await startBoxSimulator({ restartDowntimeMs: 300, delayScale: 0.01, ...options });
  cleanups.push(() => box.close());
  await box.settled();
  return box;
}

const ref = (box: BoxSimulator): string => `${box.host}:${box.port}`;
const writes = (box: BoxSimulator) => box.received.filter((r) => r.method === 'POST');

describe('iotbox info', () => {
  it('prints one JSON document with the normalised status', async () => {
    const box = await startBox({ generation: 'g3', dbUuid: UUID, enterpriseCode: CODE });
    const run = await iotbox(['info', ref(box), '--json']);
    expect(run.code).toBe(0);
    const document = JSON.parse(run.stdout) as { ok: boolean; box: Record<string, unknown> };
    expect(document).toMatchObject({
      ok: true,
      box: {
        api: 'g3',
        dbUuidSet: true,
        enterpriseCodeSet: true,
        address: { host: box.host, port: box.port },
      },
    });
    expect(run.stdout).not.toContain(CODE);
    expect(run.stdout).not.toContain(UUID);
  });

  it('human text names the generation and the certificate state', async () => {
    const box = await startBox({ generation: 'g1' });
    const run = await iotbox(['info', ref(box)]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('API G1');
    expect(run.stdout).toContain('ERR_IOT_HTTPS_CHECK_NO_SERVER');
  });

  it('no box → exit 1 with the code; bad address → exit 2', async () => {
    const box = await startBox({ generation: 'g4' });
    const address = ref(box);
    await box.close();
    cleanups.pop();
    const gone = await iotbox(['info', address, '--json']);
    expect(gone.code).toBe(1);
    expect(JSON.parse(gone.stdout)).toMatchObject({
      ok: false,
      error: { code: 'box-unreachable' },
    });
    const bad = await iotbox(['info', '300.1.1.1']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('300.1.1.1');
  });
});

describe('iotbox pair', () => {
  it('connects with a token, waits for the restart and prints the new status, secrets masked', async () => {
    const box = await startBox({ generation: 'g4' });
    const run = await iotbox(['pair', ref(box), '--token', TOKEN, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const document = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(document).toMatchObject({
      ok: true,
      restarted: true,
      sent: { serverUrl: 'https://shop.example.test', dbUuid: '0b5d1c9e…' },
      box: {
        api: 'g4',
        serverUrl: 'https://shop.example.test',
        dbUuidSet: true,
        enterpriseCodeSet: true,
      },
    });
    expect(run.stdout).not.toContain('s3cr3tToken');
    expect(run.stdout).not.toContain(CODE);
    expect(run.stdout).not.toContain(UUID);
    expect(writes(box).map((r) => r.body)).toEqual([
      `{"jsonrpc":"2.0","method":"call","params":{"token":${JSON.stringify(TOKEN)}}}`,
    ]);
  });

  it.each([
    [['--token', 'not a token'], 'token-malformed'],
    [['--token', `http://localhost|t|${UUID}|${CODE}`], 'token-localhost'],
  ])('invalid input %j → exit 2, %s, nothing sent', async (args, code) => {
    const box = await startBox({ generation: 'g2' });
    const before = box.received.length;
    const run = await iotbox(['pair', ref(box), ...args, '--json']);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: false, error: { code } });
    expect(box.received.length).toBe(before);
  });

  it('missing --token or unknown option → exit 2, nothing sent', async () => {
    const box = await startBox({ generation: 'g2' });
    expect((await iotbox(['pair', ref(box)])).code).toBe(2);
    const unknown = await iotbox(['pair', ref(box), '--token', TOKEN, '--force']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--force');
    expect(box.received).toEqual([]);
  });

  it('a db_name token on a G2 box: sent in the pipe form the box reads, exit 0', async () => {
    const box = await startBox({ generation: 'g2' });
    const token = `https://shop.example.test?token=t&db_uuid=${UUID}&enterprise_code=${CODE}&db_name=shop`;
    const run = await iotbox(['pair', ref(box), '--token', token, '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, sent: { dbName: 'shop' } });
    expect(writes(box).map((request) => request.body)).toEqual([
      `{"jsonrpc":"2.0","method":"call","params":{"token":${JSON.stringify(
        `https://shop.example.test|t|${UUID}|${CODE}`,
      )}}}`,
    ]);
  });
});

describe('iotbox credentials', () => {
  it('typed values: saved, box restarted, code never printed', async () => {
    const box = await startBox({ generation: 'g1' });
    const run = await iotbox([
      'credentials',
      ref(box),
      '--db-uuid',
      UUID,
      '--enterprise-code',
      CODE,
      '--json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      ok: true,
      box: { dbUuidSet: true, enterpriseCodeSet: true },
      sent: { dbUuid: '0b5d1c9e…' },
    });
    expect(run.stdout).not.toContain(CODE);
    expect(writes(box).map((r) => r.body)).toEqual([`db_uuid=${UUID}&enterprise_code=${CODE}`]);
  });

  it('a malformed UUID → exit 2, nothing sent', async () => {
    const box = await startBox({ generation: 'g3' });
    const run = await iotbox([
      'credentials',
      ref(box),
      '--db-uuid',
      'abc',
      '--enterprise-code',
      CODE,
      '--json',
    ]);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toMatchObject({ error: { code: 'db-uuid-invalid' } });
    expect(box.received).toEqual([]);
  });

  it('--from-db reads the database with IOTBOX_PASSWORD, warns, and pushes the values', async () => {
    const db = await startOdooDbSimulator({ uuid: UUID, enterpriseCode: CODE, neutralized: true });
    cleanups.push(() => db.close());
    const box = await startBox({ generation: 'g4' });
    const run = await iotbox(
      ['credentials', ref(box), '--from-db', db.url, '--login', 'admin', '--json'],
      {
        IOTBOX_PASSWORD: 'admin',
      },
    );
    expect(run.code, run.stderr).toBe(0);
    const document = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(document).toMatchObject({
      ok: true,
      database: {
        database: 'lab',
        dbUuid: '0b5d1c9e…',
        enterpriseCodeSet: true,
        warnings: ['odoo-db-neutralized'],
      },
      box: { dbUuidSet: true, enterpriseCodeSet: true },
    });
    expect(run.stdout).not.toContain(CODE);
    expect(run.stdout).not.toContain('"admin"');
    expect(box.state).toMatchObject({ dbUuid: UUID, enterpriseCode: CODE });
  });

  it('--from-db with a wrong password → exit 1, odoo-login-failed, box untouched', async () => {
    const db = await startOdooDbSimulator({ uuid: UUID });
    cleanups.push(() => db.close());
    const box = await startBox({ generation: 'g4' });
    const run = await iotbox(
      ['credentials', ref(box), '--from-db', db.url, '--login', 'admin', '--json'],
      {
        IOTBOX_PASSWORD: 'wrong',
      },
    );
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({
      ok: false,
      error: { code: 'odoo-login-failed' },
    });
    expect(box.received).toEqual([]);
  });

  it('--api-key on a 19.0 database reads through JSON-2; the key never reaches the output', async () => {
    const KEY = '5e1f0a2b3c4d5e6f708192a3b4c5d6e7f8091a2b';
    const db = await startOdooDbSimulator({
      version: '19.0',
      uuid: UUID,
      enterpriseCode: CODE,
      users: [{ login: 'admin', password: 'admin', admin: true, totp: true, apiKeys: [KEY] }],
    });
    cleanups.push(() => db.close());
    const box = await startBox({ generation: 'g4' });
    const withPassword = await iotbox(
      ['credentials', ref(box), '--from-db', db.url, '--login', 'admin', '--json'],
      { IOTBOX_PASSWORD: 'admin' },
    );
    expect(withPassword.code).toBe(1);
    const refused = JSON.parse(withPassword.stdout) as { error: { code: string; action: string } };
    expect(refused.error.code).toBe('odoo-2fa-enabled');
    expect(refused.error.action).toContain('New API Key');
    expect(box.received).toEqual([]);
    const run = await iotbox(
      ['credentials', ref(box), '--from-db', db.url, '--login', 'admin', '--api-key', '--json'],
      { IOTBOX_PASSWORD: KEY },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(db.received.map((r) => r.path)).toContain('/json/2/ir.config_parameter/search_read');
    expect(`${run.stdout}${run.stderr}`).not.toContain(KEY);
    expect(box.state).toMatchObject({ dbUuid: UUID, enterpriseCode: CODE });
  });

  it('both modes at once → exit 2', async () => {
    const run = await iotbox([
      'credentials',
      '127.0.0.1',
      '--db-uuid',
      UUID,
      '--from-db',
      'http://x',
    ]);
    expect(run.code).toBe(2);
  });
});

describe('secrets stay out of ps and the shell history', () => {
  it('pair --token - reads the token from standard input, with no warning', async () => {
    const box = await startBox({ generation: 'g4' });
    const run = await iotbox(['pair', ref(box), '--token', '-', '--json'], {}, `${TOKEN}\n`);
    expect(run.code, run.stderr).toBe(0);
    expect(writes(box).map((r) => r.body)).toEqual([
      `{"jsonrpc":"2.0","method":"call","params":{"token":${JSON.stringify(TOKEN)}}}`,
    ]);
    expect(run.stderr).not.toContain('Warning');
  });

  it('the old --token VALUE still works, and warns that it exposes the token', async () => {
    const box = await startBox({ generation: 'g4' });
    const run = await iotbox(['pair', ref(box), '--token', TOKEN, '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('Warning: --token VALUE shows the connection token');
    expect(run.stderr).toContain("Use '--token -'");
    expect(run.stderr).not.toContain('s3cr3tToken');
  });

  it('credentials --enterprise-code - reads the code from standard input', async () => {
    const box = await startBox({ generation: 'g1' });
    const run = await iotbox(
      ['credentials', ref(box), '--db-uuid', UUID, '--enterprise-code', '-', '--json'],
      {},
      CODE,
    );
    expect(run.code, run.stderr).toBe(0);
    expect(writes(box).map((r) => r.body)).toEqual([`db_uuid=${UUID}&enterprise_code=${CODE}`]);
    expect(run.stderr).not.toContain('Warning');
  });

  it('no code and no terminal → exit 2 naming --enterprise-code -, nothing sent', async () => {
    const box = await startBox({ generation: 'g3' });
    const run = await iotbox(['credentials', ref(box), '--db-uuid', UUID]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("'--enterprise-code -'");
    expect(box.received).toEqual([]);
  });

  it('in a terminal the enterprise code is asked for and never echoed', async () => {
    const box = await startBox({ generation: 'g1' });
    const run = await runBuiltCliInTerminal(['credentials', ref(box), '--db-uuid', UUID], {
      prompt: 'Enterprise code: ',
      answer: CODE,
    });
    expect(run.code, run.output).toBe(0);
    expect(writes(box).map((r) => r.body)).toEqual([`db_uuid=${UUID}&enterprise_code=${CODE}`]);
    expect(run.output).not.toContain(CODE);
  });
});

describe('iotbox pair --code', () => {
  const DATABASE = SAMPLE_DATABASE;
  async function startProxy(): Promise<IotProxySimulator> {
    const proxy = await startIotProxySimulator();
    cleanups.push(() => proxy.close());
    return proxy;
  }
  const pairingBox = (proxy: IotProxySimulator, extra: Partial<BoxSimulatorOptions> = {}) =>
    startBox({
      generation: 'g4',
      iotProxyUrl: proxy.connectBoxUrl,
      pairingPollScale: 0.01,
      checkCertificateAtStart: false,
      ...extra,
    });

  it('--wait 120 --json exits 0 right after the code is claimed, with serverUrl set', async () => {
    const proxy = await startProxy();
    const box = await pairingBox(proxy);
    await waitFor(() => proxy.codes.length > 0, 10_000);
    const code = proxy.codes[0]?.code ?? '';
    const running = iotbox(['pair', ref(box), '--code', '--wait', '120', '--json']);
    // The user types the code once the CLI shows it, i.e. once it has read the box's status.
    await waitFor(
      () => box.received.some((request) => request.path === '/iot_drivers/data'),
      20_000,
    );
    // The database claims the code as the IoT app's "Use Pairing Code" does.
    expect(await proxy.claim(code, DATABASE)).toBe(true);
    const run = await running;
    expect(run.code, run.stderr).toBe(0);
    const document = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(document).toMatchObject({
      ok: true,
      pairingCode: code,
      expired: false,
      serverUrl: DATABASE.url,
      connected: true,
      box: { serverUrl: DATABASE.url },
    });
    expect(run.stdout).not.toContain(DATABASE.token);
    expect(run.stdout).not.toContain(CODE);
    expect(box.state.serverUrl).toBe(DATABASE.url);
  });

  it('without --wait: prints the code and the clicks in Odoo, exit 0; the text shows the code', async () => {
    const proxy = await startProxy();
    const box = await pairingBox(proxy);
    await waitFor(() => proxy.codes.length > 0, 10_000);
    const code = proxy.codes[0]?.code ?? '';
    const json = await iotbox(['pair', ref(box), '--code', '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      ok: true,
      pairingCode: code,
      expired: false,
      serverUrl: null,
      connected: false,
    });
    const text = await iotbox(['pair', ref(box), '--code']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`Pairing code: ${code}`);
    expect(text.stdout).toContain('click "Use Pairing Code"');
    expect(box.received.filter((request) => request.method === 'POST')).toEqual([]);
  });

  it('an expired code: exit 1, expired true, and the reason', async () => {
    const proxy = await startProxy();
    const box = await pairingBox(proxy);
    await waitFor(() => proxy.codes.length > 0, 10_000);
    proxy.expireAll();
    await waitFor(() => box.state.pairing.expired, 10_000);
    for (const args of [[], ['--wait', '30']]) {
      const run = await iotbox(['pair', ref(box), '--code', ...args, '--json']);
      expect(run.code).toBe(1);
      expect(JSON.parse(run.stdout)).toMatchObject({
        ok: false,
        expired: true,
        connected: false,
        error: { code: 'pairing-code-expired', action: expect.any(String) as unknown },
      });
    }
  });

  it('already connected: exit 1, names the database it is connected to', async () => {
    const proxy = await startProxy();
    const box = await pairingBox(proxy, { serverUrl: 'https://other.example.test' });
    const run = await iotbox(['pair', ref(box), '--code', '--json']);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({
      ok: false,
      connected: true,
      serverUrl: 'https://other.example.test',
      error: { code: 'pairing-already-connected' },
    });
  });

  it('--wait times out with the reason (exit 1) when nobody uses the code', async () => {
    const proxy = await startProxy();
    const box = await pairingBox(proxy);
    await waitFor(() => proxy.codes.length > 0, 10_000);
    const run = await iotbox(['pair', ref(box), '--code', '--wait', '3', '--json']);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({
      ok: false,
      pairingCode: proxy.codes[0]?.code,
      connected: false,
      error: { code: 'pairing-watch-timeout' },
    });
  });

  it.each([
    [['--wait', '60'], '--wait goes with --code'],
    [['--code', '--wait', 'soon'], "--wait 'soon'"],
    [['--code', '--token', '-'], '--code pairs with the code alone'],
  ])('bad usage %j → exit 2, nothing asked of the box', async (args, message) => {
    const run = await iotbox(['pair', '127.0.0.1', ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });
});

import { existsSync } from 'node:fs';

import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import {
  startBoxSimulator,
  type BoxSimulator,
  type BoxSimulatorOptions,
} from '../lab/sim/box-simulator';
import { startOdooDbSimulator } from '../lab/sim/odoo-db-simulator';
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

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startBoxSimulator, type BoxSimulator } from '../lab/sim/box-simulator';
import { runBuiltCli } from '../support/run-cli';

// A hostile box names itself with terminal control sequences: an OSC window title, clear screen,
// cursor home, an 8-bit CSI colour and a bidi override. The built `iotbox` prints none of them
// raw, in text or JSON, and JSON still carries the exact name.

const HOST = '127.0.0.150';
const HOSTILE_NAME =
  'shop\u001b]0;PWNED\u0007\u001b[2J\u001b[Hbox\u009b31mred\u202egnp.exe\r\u0000';
// Matching control characters is the point of this test.
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

let box: BoxSimulator;

beforeAll(async () => {
  box = await startBoxSimulator({
    generation: 'g2',
    host: HOST,
    port: 8069,
    hostname: HOSTILE_NAME,
    certificate: 'temporary',
    checkCertificateAtStart: false,
  });
});
afterAll(async () => {
  await box.close();
});

describe('iotbox prints box strings without their control sequences', () => {
  it('info: text shows the escapes as text, not as commands', async () => {
    const run = await runBuiltCli(['info', HOST]);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(RAW_CONTROL);
    expect(run.stderr).not.toMatch(RAW_CONTROL);
    expect(run.stdout).toContain('shop\\u001b]0;PWNED\\u0007\\u001b[2J\\u001b[Hbox\\u009b31mred');
  });

  it('info --json: valid JSON holding the exact name, and no raw control character', async () => {
    const run = await runBuiltCli(['info', HOST, '--json']);
    expect(run.stdout).not.toMatch(RAW_CONTROL);
    const parsed = JSON.parse(run.stdout) as { box: { name: string } };
    expect(parsed.box.name).toBe(HOSTILE_NAME);
  });

  it('discover: the streamed list is just as clean', async () => {
    const run = await runBuiltCli([
      'discover',
      '--subnet',
      `${HOST}/32`,
      '--no-mdns',
      '--timeout',
      '5',
    ]);
    expect(run.code).toBe(0);
    expect(`${run.stdout}${run.stderr}`).toContain('PWNED');
    expect(run.stdout).not.toMatch(RAW_CONTROL);
    expect(run.stderr).not.toMatch(RAW_CONTROL);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startBoxSimulator, type BoxSimulator } from '../lab/sim/box-simulator';
import { runBuiltCli } from '../support/run-cli';

// `iotbox discover <address>`: one typed address, checked patiently, against the lab's simulated
// boxes on loopback — a busy one that answers after the search's 2 s, one whose service is still
// starting (its port closed), and an address whose port stays closed. G4 boxes report no host
// name: the CLI names them as Odoo does, by serial number and pairing code.

const SLOW = '127.0.0.161';
const STARTING = '127.0.0.162';
const NOTHING = '127.0.0.163';

type CliReport = {
  boxes: { ip: string; name: string | null; identifier: string | null }[];
  reasons: string[];
};

let slow: BoxSimulator;
let starting: BoxSimulator;

beforeAll(async () => {
  [slow, starting] = await Promise.all([
    startBoxSimulator({
      generation: 'g4',
      host: SLOW,
      port: 8069,
      answerDelayMs: 2_500,
      pairingCode: '9Z8Y7X',
      checkCertificateAtStart: false,
    }),
    startBoxSimulator({
      generation: 'g4',
      host: STARTING,
      port: 8069,
      restartDowntimeMs: 4_000,
      checkCertificateAtStart: false,
    }),
  ]);
});
afterAll(async () => {
  await Promise.all([slow.close(), starting.close()]);
});

describe('iotbox discover <address>', () => {
  it('waits for a slow box and names it by serial number and pairing code', async () => {
    const run = await runBuiltCli(['discover', `${SLOW}:8069`, '--timeout', '15']);
    expect(run.code).toBe(0);
    const serial = slow.identity.identifier;
    expect(run.stdout).toContain(`Found IoT Box ${serial} 9Z8Y7X at ${SLOW}:8069`);
    expect(run.stdout).toContain(`Serial number ${serial}`);
    expect(run.stdout).toContain(`MAC address ${slow.identity.mac}`);
    // The wait was shown on stderr, second by second, longer than the search's 2 s.
    expect(run.stderr).toContain(`Waiting for ${SLOW}:8069 to answer: 2 s of 15 s`);
  });

  it('says "still starting?" while the port is closed, then finds the box (JSON)', async () => {
    starting.restart();
    const run = await runBuiltCli(['discover', STARTING, '--json', '--timeout', '15']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as CliReport;
    expect(report.boxes.map((box) => box.ip)).toEqual([STARTING]);
    expect(report.reasons).toEqual([]);
    // --json keeps stderr quiet: the document is the answer.
    expect(run.stderr).toBe('');
  });

  it('shows the "still starting?" hint on the way', async () => {
    starting.restart();
    const run = await runBuiltCli(['discover', STARTING, '--timeout', '15']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('Still starting? A box takes about two minutes');
  });

  it('gives up after --timeout when the port stays closed: the box service is not up', async () => {
    const silent = await runBuiltCli(['discover', `${NOTHING}:8069`, '--json', '--timeout', '2']);
    expect(silent.code).toBe(1);
    expect((JSON.parse(silent.stdout) as CliReport).reasons).toEqual(['box-starting']);

    const text = await runBuiltCli(['discover', `${NOTHING}:8069`, '--timeout', '2']);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('The box is not ready yet');
  });

  it('refuses an address with --subnet, and a second address', async () => {
    const both = await runBuiltCli(['discover', SLOW, '--subnet', '127.0.0.160/30']);
    expect(both.code).toBe(2);
    const two = await runBuiltCli(['discover', SLOW, STARTING]);
    expect(two.code).toBe(2);
  });
});

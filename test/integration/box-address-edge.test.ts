import { existsSync } from 'node:fs';

import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import { startBoxSimulator, type BoxSimulator } from '../lab/sim/box-simulator';
import { CLI, runBuiltCli } from '../support/run-cli';
import { testCore } from '../support/test-ports';

/*
 * A box address is parsed once, where it enters: the contract's handlers (the renderer's text)
 * and the CLI's argument. From there the services get the target as is, so an IPv6 address
 * typed with brackets and a port reaches the box at that port, and an address that is not one
 * fails at the edge with nothing sent.
 */

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup();
  }
});

const signal = new AbortController().signal;

/** A G4 box on IPv6 loopback, at a port that is not 8069 (a lost port would miss it). */
async function ipv6Box(): Promise<BoxSimulator> {
  const box = await startBoxSimulator({ generation: 'g4', host: '::1', delayScale: 0.01 });
  cleanups.push(() => box.close());
  await box.settled();
  expect(box.port).not.toBe(8069);
  return box;
}

describe('the contract edge (handlers)', () => {
  it.each([
    ['[::1]:PORT', (port: number) => `[::1]:${port}`],
    ['http://[::1]:PORT/', (port: number) => `http://[::1]:${port}/`],
  ])('%s reaches the box client with its port intact', async (_form, typed) => {
    const box = await ipv6Box();
    const { handlers } = testCore();
    const info = await handlers['box:get-info']([typed(box.port)], { signal });
    expect(info.ok && info.value.address).toEqual({ host: '::1', port: box.port });
    expect(box.received.length).toBeGreaterThan(0);
  });

  it('a typed IPv6 address is checked, and a change sent, at its own port', async () => {
    const box = await ipv6Box();
    const { handlers } = testCore();
    const found = await handlers['discovery:check-address']([`[::1]:${box.port}`], { signal });
    expect(found.ok && [found.value.address, found.value.foundBy]).toEqual([
      { host: '::1', port: box.port },
      ['manual'],
    ]);
    const restarted = await handlers['box:restart']([`[::1]:${box.port}`], { signal });
    expect(restarted.ok && restarted.value.box.address).toEqual({ host: '::1', port: box.port });
    expect(box.restarts).toBe(1);
  });

  it.each([
    ['box:get-info', 'http://'],
    ['box:restart', '192.168.1'],
    ['certificate:get-status', 'ftp://192.168.1.20/'],
    ['discovery:check-address', '[fe80::1]:70000'],
  ] as const)('%s refuses %j as box-address-invalid', async (channel, typed) => {
    const { handlers } = testCore();
    const result = await handlers[channel]([typed], { signal });
    expect(result).toMatchObject({ ok: false, error: { code: 'box-address-invalid' } });
  });

  it('a report on an address that is not one still comes, its box check saying why', async () => {
    const { handlers } = testCore();
    const created = await handlers['report:create'](['http://'], { signal });
    expect(created.ok && created.value.report.target).toBe('http://');
    expect(created.ok && created.value.report.checks).toMatchObject([
      { id: 'box', ok: false, verdict: 'box-address-invalid' },
    ]);
  });
});

describe('the CLI edge (the <box> argument)', () => {
  beforeAll(() => {
    if (!existsSync(CLI)) {
      throw new Error('build the CLI first: npm run build');
    }
  });

  it('iotbox info [::1]:PORT reads the box at that port', async () => {
    const box = await ipv6Box();
    const run = await runBuiltCli(['info', `[::1]:${box.port}`, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const printed = JSON.parse(run.stdout) as { box: { address: unknown } };
    expect(printed.box.address).toEqual({ host: '::1', port: box.port });
  });

  it.each([['info'], ['cert'], ['pair'], ['doctor'], ['discover']])(
    'iotbox %s with an address that is not one: exit 2, nothing sent',
    async (command) => {
      const run = await runBuiltCli([command, '[fe80::1]:70000']);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(
        "must be an IP address, host name or URL, got '[fe80::1]:70000'",
      );
      expect(run.stdout).toBe('');
    },
  );
});

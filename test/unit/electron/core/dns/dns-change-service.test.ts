import { describe, expect, it } from 'vitest';

import { silentLog } from '../../../../../electron/core/adapters/console-log';
import type { StepRunner } from '../../../../../electron/core/dns/dns-config/config-types';
import { DnsChangeService } from '../../../../../electron/core/dns/dns-config/dns-change-service';
import { createMacosBackend } from '../../../../../electron/core/dns/dns-config/macos';
import { createDirectRunner } from '../../../../../electron/core/dns/dns-config/step-runners';
import type { LookupPort } from '../../../../../electron/core/ports';
import { FakeMac, MemoryStore, type MacServiceState } from '../../../../support/dns-machines';

/*
 * The journaled change against a simulated Mac (scutil and networksetup over an in-memory table):
 * a failure is injected at every step of apply and of restore, and after each one the computer
 * must still have working DNS (every service either as it was, or on Google), and a later Undo
 * must bring back exactly what was there. Only the services carrying the default route change.
 */

const NAME = '192-168-1-143.d73e7513.odoo-iot.com';
const IP = '192.168.1.143';
const GOOGLE = ['8.8.8.8', '8.8.4.4', '2001:4860:4860::8888', '2001:4860:4860::8844'];
const SERVERS = {
  ipv4: ['8.8.8.8', '8.8.4.4'],
  ipv6: ['2001:4860:4860::8888', '2001:4860:4860::8844'],
};
const ETHERNET = '11111111-2222-4333-8444-555555555555';
const WIFI = '66666666-7777-4888-9999-AAAAAAAAAAAA';
const VPN = 'BBBBBBBB-CCCC-4DDD-8EEE-FFFFFFFFFFFF';
const SERVICES: MacServiceState[] = [
  // IPv6 first, then IPv4: the order must survive the round trip.
  {
    id: ETHERNET,
    name: 'Ethernet',
    active: true,
    vpn: false,
    configured: ['fd00::1', '192.168.1.1'],
  },
  { id: WIFI, name: 'Wi-Fi', active: true, vpn: false, configured: [] },
  { id: VPN, name: 'Shop VPN', active: true, vpn: true, configured: ['10.8.0.1'] },
];
const ORIGINAL = Object.fromEntries(SERVICES.map((service) => [service.id, service.configured]));

/** Working DNS: each service is as it was, or fully on Google — never anything else. */
const working = (mac: FakeMac) =>
  mac.services.every(
    (service) =>
      JSON.stringify(service.configured) === JSON.stringify(ORIGINAL[service.id]) ||
      JSON.stringify(service.configured) === JSON.stringify(GOOGLE),
  );
const original = (mac: FakeMac) =>
  mac.services.every(
    (service) => JSON.stringify(service.configured) === JSON.stringify(ORIGINAL[service.id]),
  );

function setup(
  options: { verified?: boolean; runner?: StepRunner; store?: MemoryStore; mac?: FakeMac } = {},
) {
  // Ethernet carries IPv4's default route, Wi-Fi IPv6's: two services change.
  const mac = options.mac ?? new FakeMac(SERVICES, ETHERNET, WIFI);
  const store = options.store ?? new MemoryStore();
  const lookup: LookupPort = {
    lookup: () =>
      Promise.resolve(
        options.verified !== false && mac.byId(ETHERNET)?.configured[0] === '8.8.8.8'
          ? { ok: true, addresses: [IP] }
          : { ok: false, code: 'ENOTFOUND', message: 'filtered', errno: -3007 },
      ),
  };
  const timers: { run: (() => void) | null } = { run: null };
  const rolledBack: string[] = [];
  const prompts: string[] = [];
  const runner =
    options.runner ??
    createDirectRunner({
      command: mac,
      files: { read: () => Promise.resolve(null), writeInPlace: () => Promise.resolve() },
    });
  const service = new DnsChangeService({
    config: () => Promise.resolve({ backend: createMacosBackend({ command: mac }), runner }),
    store,
    lookup,
    log: silentLog,
    timers: {
      set: (run) => {
        timers.run = run;
        return 1;
      },
      clear: () => {
        timers.run = null;
      },
    },
    onAutoRollback: (summary) => rolledBack.push(summary.state),
    onPrompt: (action) => prompts.push(action),
  });
  return { mac, store, service, timers, rolledBack, prompts };
}

const signal = new AbortController().signal;
const apply = (service: DnsChangeService) =>
  service.apply({ name: NAME, expectedIp: IP, servers: SERVERS }, signal);

describe('DnsChangeService', () => {
  it('changes only the default-route services, awaits confirmation, keeps, then undoes exactly', async () => {
    const { mac, store, service } = setup();
    const applied = await apply(service);
    expect(applied.ok && applied.value.state).toBe('awaiting-confirmation');
    expect(mac.byId(ETHERNET)?.configured).toEqual(GOOGLE);
    expect(mac.byId(WIFI)?.configured).toEqual(GOOGLE);
    // The VPN is never touched.
    expect(mac.byId(VPN)?.configured).toEqual(['10.8.0.1']);
    const kept = await service.confirm(applied.ok ? applied.value.id : '');
    expect(kept.ok && kept.value.state).toBe('confirmed');
    const undone = await service.restore(signal);
    expect(undone.ok && undone.value.results).toEqual([
      { label: 'Ethernet', outcome: 'restored' },
      { label: 'Wi-Fi', outcome: 'restored' },
    ]);
    expect(original(mac)).toBe(true);
    expect(store.state()).toBe('restored');
  });

  it('restores a service by its ID after it was renamed', async () => {
    const { mac, service } = setup();
    await apply(service);
    const ethernet = mac.byId(ETHERNET);
    if (ethernet) {
      ethernet.name = 'Ethernet (dock)';
    }
    expect((await service.restore(signal)).ok).toBe(true);
    expect(mac.byId(ETHERNET)?.configured).toEqual(['fd00::1', '192.168.1.1']);
  });

  it('previews what it would change and what it leaves alone, before any prompt', async () => {
    const { service, mac } = setup();
    const preview = await service.preview(signal);
    expect(preview.ok && preview.value).toMatchObject({
      adapters: [{ label: 'Ethernet' }, { label: 'Wi-Fi' }],
      skipped: [{ label: 'Shop VPN', reason: 'vpn' }],
      blockers: [],
      warnings: [{ kind: 'vpn-beside', label: 'Shop VPN' }],
      prompts: false,
    });
    expect(mac.setCalls).toBe(0);
  });

  it('refuses on an MDM-managed Mac before any prompt, writing nothing', async () => {
    const mac = new FakeMac(SERVICES, ETHERNET);
    mac.mdm = true;
    const { store, service, prompts } = setup({ mac });
    const applied = await apply(service);
    expect(!applied.ok && applied.error.code).toBe('dns-managed-mdm');
    expect(mac.setCalls).toBe(0);
    expect(store.writes).toBe(0);
    expect(prompts).toEqual([]);
  });

  it('refuses a second change while one is open', async () => {
    const { service } = setup();
    await apply(service);
    const second = await apply(service);
    expect(!second.ok && second.error.code).toBe('dns-change-pending');
  });

  it('rolls back by itself when nothing confirms in time', async () => {
    const { mac, store, service, timers, rolledBack } = setup();
    await apply(service);
    expect(timers.run).not.toBeNull();
    timers.run?.();
    await expect.poll(() => store.state()).toBe('rolled-back');
    expect(original(mac)).toBe(true);
    expect(rolledBack).toEqual(['rolled-back']);
  });

  it('rolls back an unconfirmed change when the process closes; a kept one stays', async () => {
    const first = setup();
    await apply(first.service);
    expect((await first.service.rollbackUnconfirmed()).ok).toBe(true);
    expect(first.store.state()).toBe('rolled-back');
    expect(original(first.mac)).toBe(true);
    const second = setup();
    const applied = await apply(second.service);
    await second.service.confirm(applied.ok ? applied.value.id : '');
    await second.service.rollbackUnconfirmed();
    expect(second.store.state()).toBe('confirmed');
  });

  it('rolls back when verification fails', async () => {
    const { mac, store, service } = setup({ verified: false });
    const applied = await apply(service);
    expect(!applied.ok && applied.error.code).toBe('dns-fix-not-verified');
    expect(original(mac)).toBe(true);
    expect(store.state()).toBe('rolled-back');
  });

  it('changes nothing when the first journal write fails', async () => {
    const store = new MemoryStore();
    store.failWriteAt = 1;
    const { mac, service } = setup({ store });
    const applied = await apply(service);
    expect(!applied.ok && applied.error.code).toBe('dns-journal-unwritable');
    expect(mac.setCalls).toBe(0);
  });

  // 2 services: set calls 1–2 are the apply; a failure at either leaves a mix, then rolls back.
  it.each([1, 2])('apply step %i fails → rolled back to the original', async (step) => {
    const { mac, store, service } = setup();
    mac.failSetAt = new Set([step]);
    const applied = await apply(service);
    expect(!applied.ok && applied.error.code).toBe('dns-change-failed');
    expect(original(mac)).toBe(true);
    expect(store.state()).toBe('rolled-back');
  });

  // Failures during the rollback itself (set calls 3–4 after a failed verification): DNS still
  // works, the journal stays open, and a later Undo restores exactly.
  it.each([1, 2])('rollback step %i fails → DNS works, Undo later restores', async (step) => {
    const { mac, store, service } = setup({ verified: false });
    mac.failSetAt = new Set([2 + step]);
    const applied = await apply(service);
    expect(!applied.ok && applied.error.code).toBe('dns-restore-failed');
    expect(working(mac)).toBe(true);
    expect(store.state()).toBe('rolling-back');
    mac.failSetAt = new Set();
    const undone = await service.restore(signal);
    expect(undone.ok).toBe(true);
    expect(original(mac)).toBe(true);
  });

  it('the journal cannot record "applied" → rolled back', async () => {
    const store = new MemoryStore();
    store.failWriteAt = 2;
    const { mac, service } = setup({ store });
    const applied = await apply(service);
    expect(!applied.ok && applied.error.code).toBe('dns-journal-unwritable');
    expect(original(mac)).toBe(true);
  });

  it.each([1, 2])(
    'undo step %i fails → the other service is still restored, retry finishes',
    async (step) => {
      const { mac, store, service } = setup();
      const applied = await apply(service);
      await service.confirm(applied.ok ? applied.value.id : '');
      mac.failSetAt = new Set([2 + step]);
      const first = await service.restore(signal);
      expect(!first.ok && first.error.code).toBe('dns-restore-failed');
      expect(working(mac)).toBe(true);
      // One adapter failing does not stop the other.
      const other = step === 1 ? WIFI : ETHERNET;
      expect(mac.byId(other)?.configured).toEqual(ORIGINAL[other]);
      expect(store.state()).toBe('restoring');
      mac.failSetAt = new Set();
      const second = await service.restore(signal);
      expect(second.ok && second.value.state).toBe('restored');
      expect(original(mac)).toBe(true);
    },
  );

  it('a service that appeared after apply is never compared: Undo ends', async () => {
    const { mac, service, store } = setup();
    await apply(service);
    mac.services.push({
      id: 'DDDDDDDD-1111-4222-8333-444444444444',
      name: 'iPhone USB',
      active: true,
      vpn: false,
      configured: ['172.20.10.1'],
    });
    const undone = await service.restore(signal);
    expect(undone.ok).toBe(true);
    expect(store.state()).toBe('restored');
  });

  it('a new process finds the open journal and restores from it (crash recovery)', async () => {
    const { mac, store, service } = setup();
    await apply(service);
    const next = setup({ mac, store }).service;
    const open = await next.current();
    expect(open.ok && open.value?.state).toBe('awaiting-confirmation');
    expect((await next.restore(signal)).ok).toBe(true);
    expect(original(mac)).toBe(true);
  });

  it('a refused administrator prompt changes nothing and says so', async () => {
    const prompted: string[] = [];
    const runner: StepRunner = {
      prompts: true,
      run: () => {
        prompted.push('run');
        return Promise.resolve({
          ok: false,
          error: { reason: 'denied', failedAt: null, detail: 'User canceled' },
        });
      },
    };
    const { mac, store, service, prompts } = setup({ runner });
    const applied = await apply(service);
    expect(!applied.ok && applied.error.code).toBe('dns-change-denied');
    expect(prompts).toEqual(['apply']);
    expect(prompted).toEqual(['run']);
    expect(original(mac)).toBe(true);
    expect(store.state()).toBe('rolled-back');
  });

  it('a prompt that could not be shown is not "declined", and nothing is rolled back twice', async () => {
    let runs = 0;
    const runner: StepRunner = {
      prompts: true,
      run: () => {
        runs += 1;
        return Promise.resolve({
          ok: false,
          error: { reason: 'not-started', failedAt: null, detail: 'exit 93' },
        });
      },
    };
    const { store, service } = setup({ runner });
    const applied = await apply(service);
    expect(!applied.ok && applied.error.code).toBe('dns-elevation-failed');
    expect(runs).toBe(1);
    expect(store.state()).toBe('rolled-back');
  });

  it('refuses to change anything where no backend exists', async () => {
    const service = new DnsChangeService({
      config: () =>
        Promise.resolve({
          backend: null,
          runner: { prompts: false, run: () => Promise.resolve({ ok: true }) },
        }),
      store: new MemoryStore(),
      lookup: { lookup: () => Promise.resolve({ ok: true, addresses: [IP] }) },
      log: silentLog,
    });
    const applied = await apply(service);
    expect(!applied.ok && applied.error.code).toBe('dns-change-unsupported');
  });

  it('two simultaneous changes from two processes: exactly one applies', async () => {
    const mac = new FakeMac(SERVICES, ETHERNET, WIFI);
    const store = new MemoryStore();
    const [a, b] = [setup({ mac, store }).service, setup({ mac, store }).service];
    const results = await Promise.all([apply(a), apply(b)]);
    const codes = results.map((result) => (result.ok ? 'ok' : result.error.code)).sort();
    expect(codes).toEqual(['dns-change-busy', 'ok']);
    const winner = results.find((result) => result.ok);
    expect(winner?.ok && (store.value as { id: string }).id).toBe(winner?.ok && winner.value.id);
  });
});

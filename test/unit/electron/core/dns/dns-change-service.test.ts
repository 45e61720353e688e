import { describe, expect, it } from 'vitest';

import { silentLog } from '../../../../../electron/core/adapters/console-log';
import type { StepRunner } from '../../../../../electron/core/dns/dns-config/config-types';
import { DnsChangeService } from '../../../../../electron/core/dns/dns-config/dns-change-service';
import {
  createMacosBackend,
  NETWORKSETUP,
} from '../../../../../electron/core/dns/dns-config/macos';
import { createDirectRunner } from '../../../../../electron/core/dns/dns-config/step-runners';
import type {
  CommandPort,
  CommandResult,
  JsonFilePort,
  LookupPort,
} from '../../../../../electron/core/ports';

/*
 * The journaled change against a simulated Mac (networksetup over an in-memory table): a failure
 * is injected at every step of apply and of restore, and after each one the computer must still
 * have working DNS (every service either as it was, or on Google), and a later Undo must bring
 * back exactly what was there.
 */

const NAME = '192-168-1-143.d73e7513.odoo-iot.com';
const IP = '192.168.1.143';
const GOOGLE = ['8.8.8.8', '8.8.4.4', '2001:4860:4860::8888', '2001:4860:4860::8844'];
const SERVERS = {
  ipv4: ['8.8.8.8', '8.8.4.4'],
  ipv6: ['2001:4860:4860::8888', '2001:4860:4860::8844'],
};
const ORIGINAL: Record<string, string[]> = {
  Ethernet: ['192.168.1.1', 'fd00::1'],
  'Wi-Fi': [],
  'USB LAN': ['9.9.9.9'],
};

class FakeMac implements CommandPort {
  readonly dns = new Map(Object.entries(ORIGINAL).map(([name, list]) => [name, [...list]]));
  setCalls = 0;
  /** The n-th -setdnsservers call (1-based) fails; 0 = none. */
  failSetAt = 0;

  run(request: { file: string; args: readonly string[] }): Promise<CommandResult> {
    const done = (stdout: string, code = 0): Promise<CommandResult> =>
      Promise.resolve({ code, stdout, stderr: code ? 'failed' : '' });
    if (request.file !== NETWORKSETUP) {
      return done(''); // cache flushes
    }
    const [verb, service = '', ...rest] = request.args;
    if (verb === '-listallnetworkservices') {
      return done(
        `An asterisk (*) denotes that a network service is disabled.\n${[...this.dns.keys()].join('\n')}\n`,
      );
    }
    if (verb === '-getdnsservers') {
      const list = this.dns.get(service) ?? [];
      return done(
        list.length ? `${list.join('\n')}\n` : `There aren't any DNS Servers set on ${service}.\n`,
      );
    }
    this.setCalls += 1;
    if (this.setCalls === this.failSetAt) {
      return done('', 1);
    }
    this.dns.set(service, rest[0] === 'Empty' ? [] : [...rest]);
    return done('');
  }

  /** Working DNS: each service is as it was, or fully on Google — never anything else. */
  working(): boolean {
    return [...this.dns.entries()].every(
      ([service, list]) =>
        JSON.stringify(list) === JSON.stringify(ORIGINAL[service]) ||
        JSON.stringify(list) === JSON.stringify(GOOGLE),
    );
  }

  original(): boolean {
    return [...this.dns.entries()].every(
      ([service, list]) => JSON.stringify(list) === JSON.stringify(ORIGINAL[service]),
    );
  }
}

class FakeJournal implements JsonFilePort {
  value: unknown = undefined;
  writes = 0;
  /** The n-th write (1-based) fails; 0 = none. */
  failWriteAt = 0;
  read(): Promise<unknown> {
    return Promise.resolve(this.value === undefined ? undefined : structuredClone(this.value));
  }
  write(value: unknown): Promise<void> {
    this.writes += 1;
    if (this.writes === this.failWriteAt) {
      return Promise.reject(new Error('disk full'));
    }
    this.value = structuredClone(value);
    return Promise.resolve();
  }
  state(): string | undefined {
    return (this.value as { state?: string } | undefined)?.state;
  }
}

function setup(options: { verified?: boolean } = {}) {
  const mac = new FakeMac();
  const journal = new FakeJournal();
  const lookup: LookupPort = {
    lookup: () =>
      Promise.resolve(
        options.verified !== false && [...mac.dns.values()].every((list) => list[0] === '8.8.8.8')
          ? { ok: true, addresses: [IP] }
          : { ok: false, code: 'ENOTFOUND', message: 'filtered', errno: -3007 },
      ),
  };
  const timers: { run: (() => void) | null } = { run: null };
  const rolledBack: string[] = [];
  const runner: StepRunner = createDirectRunner({
    command: mac,
    files: { read: () => Promise.resolve(null), writeInPlace: () => Promise.resolve() },
  });
  const service = new DnsChangeService({
    config: () => Promise.resolve({ backend: createMacosBackend({ command: mac }), runner }),
    journal,
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
  });
  return { mac, journal, service, timers, rolledBack };
}

const signal = new AbortController().signal;
const apply = (service: DnsChangeService) =>
  service.apply({ name: NAME, expectedIp: IP, servers: SERVERS }, signal);

describe('DnsChangeService', () => {
  it('applies to every service, awaits confirmation, keeps, then undoes exactly', async () => {
    const { mac, journal, service } = setup();
    const applied = await apply(service);
    expect(applied.ok && applied.value.state).toBe('awaiting-confirmation');
    expect([...mac.dns.values()]).toEqual([GOOGLE, GOOGLE, GOOGLE]);
    const id = applied.ok ? applied.value.id : '';
    const kept = await service.confirm(id);
    expect(kept.ok && kept.value.state).toBe('confirmed');
    const undone = await service.restore(signal);
    expect(undone.ok && undone.value.state).toBe('restored');
    expect(mac.original()).toBe(true);
    expect(journal.state()).toBe('restored');
  });

  it('refuses a second change while one is open', async () => {
    const { service } = setup();
    await apply(service);
    const second = await apply(service);
    expect(!second.ok && second.error.code).toBe('dns-change-pending');
  });

  it('rolls back by itself when nothing confirms in time', async () => {
    const { mac, journal, service, timers, rolledBack } = setup();
    await apply(service);
    expect(timers.run).not.toBeNull();
    timers.run?.();
    await expect.poll(() => journal.state()).toBe('rolled-back');
    expect(mac.original()).toBe(true);
    expect(rolledBack).toEqual(['rolled-back']);
  });

  it('a confirmed change is not rolled back by the timer', async () => {
    const { service, timers } = setup();
    const applied = await apply(service);
    await service.confirm(applied.ok ? applied.value.id : '');
    expect(timers.run).toBeNull();
  });

  it('rolls back when verification fails', async () => {
    const { mac, journal, service } = setup({ verified: false });
    const applied = await apply(service);
    expect(!applied.ok && applied.error.code).toBe('dns-fix-not-verified');
    expect(mac.original()).toBe(true);
    expect(journal.state()).toBe('rolled-back');
  });

  it('changes nothing when the first journal write fails', async () => {
    const { mac, journal, service } = setup();
    journal.failWriteAt = 1;
    const applied = await apply(service);
    expect(!applied.ok && applied.error.code).toBe('dns-journal-unwritable');
    expect(mac.setCalls).toBe(0);
    expect(mac.original()).toBe(true);
  });

  // 3 services: set calls 1–3 are the apply; a failure at each leaves a mix, then rolls back.
  it.each([1, 2, 3])('apply step %i fails → rolled back to the original', async (step) => {
    const { mac, journal, service } = setup();
    mac.failSetAt = step;
    const applied = await apply(service);
    expect(!applied.ok && applied.error.code).toBe('dns-change-failed');
    expect(mac.working()).toBe(true);
    expect(mac.original()).toBe(true);
    expect(journal.state()).toBe('rolled-back');
  });

  // Failures during the rollback itself (set calls 4–6 after a failed verification): DNS still
  // works, the journal stays open, and a later Undo restores exactly.
  it.each([1, 2, 3])('rollback step %i fails → DNS works, Undo later restores', async (step) => {
    const { mac, journal, service } = setup({ verified: false });
    mac.failSetAt = 3 + step;
    const applied = await apply(service);
    expect(!applied.ok && applied.error.code).toBe('dns-restore-failed');
    expect(mac.working()).toBe(true);
    expect(journal.state()).toBe('rolling-back');
    mac.failSetAt = 0;
    const undone = await service.restore(signal);
    expect(undone.ok).toBe(true);
    expect(mac.original()).toBe(true);
  });

  // Journal writes: 1 applying, 2 awaiting-confirmation. A failed second write rolls back.
  it('the journal cannot record "applied" → rolled back', async () => {
    const { mac, journal, service } = setup();
    journal.failWriteAt = 2;
    const applied = await apply(service);
    expect(!applied.ok && applied.error.code).toBe('dns-journal-unwritable');
    expect(mac.original()).toBe(true);
  });

  it.each([1, 2, 3])(
    'undo step %i fails → DNS works, journal open, retry restores',
    async (step) => {
      const { mac, journal, service } = setup();
      const applied = await apply(service);
      await service.confirm(applied.ok ? applied.value.id : '');
      mac.failSetAt = 3 + step;
      const first = await service.restore(signal);
      expect(!first.ok && first.error.code).toBe('dns-restore-failed');
      expect(mac.working()).toBe(true);
      expect(journal.state()).toBe('restoring');
      mac.failSetAt = 0;
      const second = await service.restore(signal);
      expect(second.ok && second.value.state).toBe('restored');
      expect(mac.original()).toBe(true);
    },
  );

  it('a new process finds the open journal and restores from it (crash recovery)', async () => {
    const { mac, journal, service } = setup();
    await apply(service);
    // The app dies here; a new service (next start) reads the same journal.
    const next = new DnsChangeService({
      config: () =>
        Promise.resolve({
          backend: createMacosBackend({ command: mac }),
          runner: createDirectRunner({
            command: mac,
            files: { read: () => Promise.resolve(null), writeInPlace: () => Promise.resolve() },
          }),
        }),
      journal,
      lookup: { lookup: () => Promise.resolve({ ok: true, addresses: [IP] }) },
      log: silentLog,
    });
    const open = await next.current();
    expect(open.ok && open.value?.state).toBe('awaiting-confirmation');
    const restored = await next.restore(signal);
    expect(restored.ok).toBe(true);
    expect(mac.original()).toBe(true);
  });

  it('a refused administrator prompt changes nothing and says so', async () => {
    const { mac, journal } = setup();
    const service = new DnsChangeService({
      config: () =>
        Promise.resolve({
          backend: createMacosBackend({ command: mac }),
          runner: {
            run: () =>
              Promise.resolve({
                ok: false,
                error: { reason: 'denied', failedAt: 0, detail: 'User canceled' },
              } as const),
          },
        }),
      journal,
      lookup: { lookup: () => Promise.resolve({ ok: true, addresses: [IP] }) },
      log: silentLog,
    });
    const applied = await apply(service);
    expect(!applied.ok && applied.error.code).toBe('dns-change-denied');
    expect(mac.original()).toBe(true);
    expect(journal.state()).toBe('rolled-back');
  });

  it('refuses to change anything where no backend exists', async () => {
    const service = new DnsChangeService({
      config: () =>
        Promise.resolve({ backend: null, runner: { run: () => Promise.resolve({ ok: true }) } }),
      journal: new FakeJournal(),
      lookup: { lookup: () => Promise.resolve({ ok: true, addresses: [IP] }) },
      log: silentLog,
    });
    const applied = await apply(service);
    expect(!applied.ok && applied.error.code).toBe('dns-change-unsupported');
  });
});

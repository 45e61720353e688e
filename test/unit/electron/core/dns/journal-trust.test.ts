import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { silentLog } from '../../../../../electron/core/adapters/console-log';
import { createDnsJournalStore } from '../../../../../electron/core/adapters/dns-journal-store';
import { createFileLock } from '../../../../../electron/core/adapters/file-lock';
import type {
  DnsConfigBackend,
  StepGroup,
  StepRunner,
} from '../../../../../electron/core/dns/dns-config/config-types';
import { DnsChangeService } from '../../../../../electron/core/dns/dns-config/dns-change-service';
import {
  createNetworkManagerBackend,
  NM_FIELDS,
  NMCLI,
} from '../../../../../electron/core/dns/dns-config/linux-networkmanager';
import { createResolvConfBackend } from '../../../../../electron/core/dns/dns-config/linux-resolv-conf';
import {
  createResolvectlBackend,
  RESOLVECTL,
} from '../../../../../electron/core/dns/dns-config/linux-resolvectl';
import { createMacosBackend } from '../../../../../electron/core/dns/dns-config/macos';
import { createWindowsBackend } from '../../../../../electron/core/dns/dns-config/windows';
import {
  FakeMac,
  FakeWindows,
  family,
  fixture,
  journalBody,
  kernel,
  plantSealed,
  scripted,
  TOOLS,
} from '../../../../support/dns-machines';

/*
 * The journal is data to verify, not to obey. Each crafted journal below is sealed with the real
 * key (the strongest attacker: one who can also read the key file) and still must be refused by
 * each backend before any command is built, touching nothing; a journal edited without the key
 * is refused by its seal.
 */

const signal = new AbortController().signal;
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'iotbox-journal-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A runner that records what it would have run. */
function spyRunner(): StepRunner & { batches: StepGroup[][] } {
  const batches: StepGroup[][] = [];
  return {
    batches,
    prompts: true,
    run: (groups) => {
      batches.push([...groups]);
      return Promise.resolve({ ok: true });
    },
  };
}

/** Plants `body` sealed with the store's own key, as an attacker holding the key would. */
const plant = (body: Record<string, unknown>) => plantSealed(createDnsJournalStore(dir), body);

function service(backend: DnsConfigBackend, runner: StepRunner) {
  return new DnsChangeService({
    config: () => Promise.resolve({ backend, runner }),
    store: createDnsJournalStore(dir),
    lookup: { lookup: () => Promise.resolve({ ok: true, addresses: [] }) },
    log: silentLog,
  });
}

describe('a crafted journal is refused by each backend and touches nothing', () => {
  it('Linux (resolv.conf): a journal naming another file is refused; that file is untouched', async () => {
    const target = join(dir, 'sudoers');
    writeFileSync(target, 'root ALL=(ALL) ALL\n');
    const resolvConf = join(dir, 'resolv.conf');
    writeFileSync(resolvConf, 'nameserver 192.168.1.1\n');
    await plant(
      journalBody(
        'resolv-conf',
        { id: target },
        { path: target, content: 'evil ALL=(ALL) NOPASSWD: ALL\n' },
      ),
    );
    const runner = spyRunner();
    const files = {
      read: () => Promise.resolve('nameserver 192.168.1.1\n'),
      writeInPlace: () => Promise.reject(new Error('must not write')),
    };
    const result = await service(
      createResolvConfBackend({ files, path: resolvConf }),
      runner,
    ).restore(signal);
    expect(!result.ok && result.error.code).toBe('dns-journal-tampered');
    expect(!result.ok && result.error.detail).toMatch(/resolv.conf path is not/);
    expect(runner.batches).toEqual([]);
    expect(readFileSync(target, 'utf8')).toBe('root ALL=(ALL) ALL\n');
  });

  it.each([
    [
      'a server that is not an address',
      {
        id: '{3F2C8B61-7D0A-4E59-9C1B-5A6E2D4F8A10}',
        ipv4: family('static', ["1.1.1.1' ; Start-Process calc ; '"]),
      },
      /not an IP address/,
    ],
    [
      'a right single quotation mark (U+2019)',
      {
        id: '{3F2C8B61-7D0A-4E59-9C1B-5A6E2D4F8A10}',
        ipv4: family('static', ['1.1.1.1\u2019; calc']),
      },
      /not an IP address/,
    ],
    [
      'an adapter id that is not a GUID',
      { id: '12; Remove-Item C:\\ -Recurse' },
      /not a valid id for windows/,
    ],
  ])('Windows: %s', async (_what, adapter, why) => {
    await plant(journalBody('windows', adapter));
    const machine = new FakeWindows('windows-state-de-ethernet-dhcp.json');
    const runner = spyRunner();
    const result = await service(
      createWindowsBackend({ command: machine, tools: TOOLS }),
      runner,
    ).restore(signal);
    expect(!result.ok && result.error.code).toBe('dns-journal-tampered');
    expect(!result.ok && result.error.detail).toMatch(why);
    expect(runner.batches).toEqual([]);
    expect(machine.calls).toEqual([]);
  });

  it.each([
    [
      'a service "ID" that is a name with a shell in it',
      { id: 'Wi-Fi"; rm -rf ~; "' },
      /not a valid id for macos/,
    ],
    [
      'an ordered list with extra servers',
      { id: '8A4B7D2E-61C0-4C3B-9A6F-0F1E2D3C4B5A', ordered: ['192.168.1.1', '6.6.6.6'] },
      /ordered list/,
    ],
  ])('macOS: %s', async (_what, adapter, why) => {
    await plant(journalBody('macos', adapter));
    const mac = new FakeMac([], '');
    const runner = spyRunner();
    const result = await service(createMacosBackend({ command: mac }), runner).restore(signal);
    expect(!result.ok && result.error.code).toBe('dns-journal-tampered');
    expect(!result.ok && result.error.detail).toMatch(why);
    expect(runner.batches).toEqual([]);
    expect(mac.calls).toEqual([]);
  });

  it('a journal edited without the key is refused by its seal, and can then be forgotten', async () => {
    await plant(journalBody('macos', { id: '8A4B7D2E-61C0-4C3B-9A6F-0F1E2D3C4B5A' }));
    const path = join(dir, 'dns-journal.json');
    const edited = JSON.parse(readFileSync(path, 'utf8')) as { servers: { ipv4: string[] } };
    edited.servers.ipv4 = ['6.6.6.6'];
    writeFileSync(path, JSON.stringify(edited));
    const mac = new FakeMac([], '');
    const runner = spyRunner();
    const changes = service(createMacosBackend({ command: mac }), runner);
    const current = await changes.current();
    expect(!current.ok && current.error.code).toBe('dns-journal-tampered');
    const restored = await changes.restore(signal);
    expect(!restored.ok && restored.error.code).toBe('dns-journal-tampered');
    // A tampered journal also blocks a new change until it is forgotten.
    const applied = await changes.apply(
      { name: 'x', expectedIp: '192.168.1.143', servers: { ipv4: ['8.8.8.8'], ipv6: [] } },
      signal,
    );
    expect(!applied.ok && applied.error.code).toBe('dns-journal-tampered');
    expect(runner.batches).toEqual([]);
    expect((await changes.forget()).ok).toBe(true);
    expect(await changes.current()).toEqual({ ok: true, value: null });
  });

  it('a journal sealed with the other kind of key (app vs CLI) is named as such', async () => {
    const body = journalBody('macos', { id: '8A4B7D2E-61C0-4C3B-9A6F-0F1E2D3C4B5A' });
    writeFileSync(
      join(dir, 'dns-journal.json'),
      JSON.stringify({ ...body, seal: { kind: 'keychain', mac: 'a'.repeat(64) } }),
    );
    const result = await service(
      createMacosBackend({ command: new FakeMac([], '') }),
      spyRunner(),
    ).current();
    expect(!result.ok && result.error.code).toBe('dns-journal-foreign');
  });
});

/*
 * The same, on an adapter this computer really has: each crafted journal below names the live
 * default-route adapter, so without the check its values would go straight into the restore
 * batch. An honest journal for the same adapter shows that path is really reached.
 */
const WIRED = '8f3c5b2a-1d2e-4c5f-9a8b-0c1d2e3f4a5b';
const ETHERNET_SERVICE = '11111111-2222-4333-8444-555555555555';

/** A Linux PC whose NetworkManager holds the wired connection that carries the default route. */
function networkManagerPc() {
  const command = scripted({
    [`${NMCLI} -t -f NAME,UUID,TYPE,DEVICE connection show --active`]: fixture(
      'linux-nmcli-connection-show-active.txt',
    ),
    [`${NMCLI} -g ${NM_FIELDS} connection show ${WIRED}`]: fixture(
      'linux-nmcli-dns-fields-dhcp.txt',
    ),
    [`${NMCLI} -g ${NM_FIELDS} connection show 0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d`]: fixture(
      'linux-nmcli-dns-fields-static.txt',
    ),
  });
  return { command, backend: createNetworkManagerBackend({ command, files: kernel }) };
}

/** A Linux PC where systemd-resolved alone manages DNS; enp0s31f6 carries the default route. */
function resolvedPc() {
  const command = scripted({
    [`${RESOLVECTL} status --no-pager`]: fixture('linux-resolvectl-status.txt'),
  });
  return { command, backend: createResolvectlBackend({ command, files: kernel }) };
}

/** A Mac whose Ethernet service carries the default route. */
function macPc() {
  const command = new FakeMac(
    [
      {
        id: ETHERNET_SERVICE,
        name: 'Ethernet',
        active: true,
        vpn: false,
        configured: ['192.168.1.1'],
      },
    ],
    ETHERNET_SERVICE,
  );
  return { command, backend: createMacosBackend({ command }) };
}

const machines = {
  networkmanager: networkManagerPc,
  resolvectl: resolvedPc,
  macos: macPc,
} as const;

/** Everything the batches held, as one text: what would have run behind the prompt. */
const batchText = (runner: { batches: StepGroup[][] }) =>
  JSON.stringify(runner.batches.flat().flatMap((group) => group.steps));

describe('a crafted journal naming a live adapter never reaches the command builder', () => {
  it.each([
    [
      'networkmanager',
      'the wired connection, honestly',
      { id: WIRED, device: 'enp0s31f6', ipv4: family('static', ['192.168.1.1']) },
      '192.168.1.1',
    ],
    [
      'resolvectl',
      'the default-route link, honestly',
      { id: 'enp0s31f6', ipv4: family('automatic', []), ordered: ['192.168.1.1', 'fd00::1'] },
      'fd00::1',
    ],
    [
      'macos',
      'the Ethernet service, honestly',
      { id: ETHERNET_SERVICE, ordered: ['192.168.1.1'] },
      '192.168.1.1',
    ],
  ] as const)('%s: %s is restored through the runner', async (method, _what, adapter, server) => {
    await plant(journalBody(method, adapter));
    const runner = spyRunner();
    await service(machines[method]().backend, runner).restore(signal);
    expect(runner.batches).toHaveLength(1);
    expect(batchText(runner)).toContain(server);
  });

  it.each([
    [
      'networkmanager',
      'a server that is an nmcli setting',
      {
        id: WIRED,
        device: 'enp0s31f6',
        ipv4: family('static', ['1.1.1.1 ipv4.method disabled']),
      },
      /not an IP address/,
    ],
    [
      'networkmanager',
      'a device name with a shell in it',
      { id: WIRED, device: 'enp0s31f6$(reboot)' },
      /not a valid id for networkmanager/,
    ],
    [
      'networkmanager',
      'a connection "UUID" followed by settings',
      { id: `${WIRED} ipv4.method disabled` },
      /not a valid id for networkmanager/,
    ],
    [
      'resolvectl',
      'an ordered list carrying an option',
      {
        id: 'enp0s31f6',
        ipv4: family('automatic', []),
        ordered: ['192.168.1.1', '--interface=wg0'],
      },
      /not an IP address/,
    ],
    [
      'resolvectl',
      'a link name that is two',
      { id: 'enp0s31f6 wg0', ipv4: family('automatic', []), ordered: ['192.168.1.1'] },
      /not a valid id for resolvectl/,
    ],
    [
      'macos',
      'an ordered list that empties the service',
      { id: ETHERNET_SERVICE, ordered: ['Empty'] },
      /not an IP address/,
    ],
  ] as const)('%s: %s is refused, nothing runs', async (method, _what, adapter, why) => {
    await plant(journalBody(method, adapter));
    const { command, backend } = machines[method]();
    const runner = spyRunner();
    const result = await service(backend, runner).restore(signal);
    expect(!result.ok && result.error.code).toBe('dns-journal-tampered');
    expect(!result.ok && result.error.detail).toMatch(why);
    expect(runner.batches).toEqual([]);
    expect(command.calls).toEqual([]);
  });
});

describe('the change lock, across processes', () => {
  it('one holder at a time; released, it can be taken again', async () => {
    const path = join(dir, 'dns-change.lock');
    const [first, second] = [createFileLock(path), createFileLock(path)];
    const release = await first.acquire();
    expect(release).not.toBeNull();
    expect(await second.acquire()).toBeNull();
    await release?.();
    expect(await second.acquire()).not.toBeNull();
  });

  it('never takes over a lock its holder is still writing', async () => {
    const path = join(dir, 'dns-change.lock');
    // Just created, not yet written: what a second process sees while the first acquires.
    writeFileSync(path, '');
    expect(await createFileLock(path).acquire()).toBeNull();
    rmSync(path);
    // Two acquiring at once, again and again: exactly one holder each time.
    for (let round = 0; round < 20; round += 1) {
      const results = await Promise.all([
        createFileLock(path).acquire(),
        createFileLock(path).acquire(),
      ]);
      const holders = results.filter((release) => release !== null);
      expect(holders).toHaveLength(1);
      await Promise.all(holders.map((release) => release()));
    }
  });

  it('takes over a lock whose holder died while writing it', async () => {
    const path = join(dir, 'dns-change.lock');
    writeFileSync(path, '');
    const later = createFileLock(path, { now: () => Date.now() + 31_000 });
    expect(await later.acquire()).not.toBeNull();
  });

  it('takes over a lock left by a process that died', async () => {
    const path = join(dir, 'dns-change.lock');
    const dead = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid;
    writeFileSync(path, JSON.stringify({ pid: dead, host: hostname(), at: Date.now() }));
    expect(await createFileLock(path).acquire()).not.toBeNull();
  });

  it('respects a lock held by a live process, unless it is older than any change can take', async () => {
    const path = join(dir, 'dns-change.lock');
    writeFileSync(path, JSON.stringify({ pid: process.ppid, host: hostname(), at: Date.now() }));
    expect(await createFileLock(path).acquire()).toBeNull();
    const later = createFileLock(path, { now: () => Date.now() + 16 * 60_000 });
    expect(await later.acquire()).not.toBeNull();
  });
});

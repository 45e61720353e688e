import { describe, expect, it } from 'vitest';

import { silentLog } from '../../../../../electron/core/adapters/console-log';
import type {
  ChangeStep,
  LiveAdapter,
} from '../../../../../electron/core/dns/dns-config/config-types';
import { DnsChangeService } from '../../../../../electron/core/dns/dns-config/dns-change-service';
import { createDirectRunner } from '../../../../../electron/core/dns/dns-config/step-runners';
import {
  createWindowsBackend,
  interpretWindowsState,
  nameServerList,
  WindowsStateSchema,
} from '../../../../../electron/core/dns/dns-config/windows';
import { FakeWindows, fixture, MemoryStore, TOOLS } from '../../../../support/dns-machines';

/*
 * Windows, from reconstructed outputs (test/fixtures/dns/README.md says where each came from).
 * Static vs DHCP comes from the registry's NameServer values, never from netsh's translated text:
 * the German and French netsh samples beside each state show what a text parser would have had
 * to read.
 */

const GOOGLE = {
  ipv4: ['8.8.8.8', '8.8.4.4'],
  ipv6: ['2001:4860:4860::8888', '2001:4860:4860::8844'],
};
const signal = new AbortController().signal;
const ETH = '{3F2C8B61-7D0A-4E59-9C1B-5A6E2D4F8A10}';
const WIFI = '{C4A7E9D2-1B35-4F6C-8E20-9D3B5A7C1E86}';

const read = (name: string) =>
  interpretWindowsState(WindowsStateSchema.parse(JSON.parse(fixture(name))));
const argv = (steps: readonly ChangeStep[]) =>
  steps.map((step) => (step.kind === 'run' ? [step.file, ...step.args].join(' ') : step.path));
const byRole = (adapters: readonly LiveAdapter[], role: LiveAdapter['role']) =>
  adapters.filter((adapter) => adapter.role === role).map((adapter) => adapter.saved.label);

describe('Windows state, table over the fixtures', () => {
  it.each([
    {
      fixture: 'windows-state-de-ethernet-dhcp.json',
      changed: ['Ethernet'],
      vpn: [],
      virtual: ['vEthernet (WSL)'],
      blockers: [],
      ipv4: { mode: 'automatic', servers: ['192.168.178.1'] },
      // No IPv6 DNS at all: Windows lists the fec0:0:0:ffff::1..3 site-local defaults.
      ipv6: {
        mode: 'automatic',
        servers: ['fec0:0:0:ffff::1%1', 'fec0:0:0:ffff::2%1', 'fec0:0:0:ffff::3%1'],
      },
      registration: 'primary',
    },
    {
      fixture: 'windows-state-static-wireguard.json',
      changed: ['Ethernet'],
      vpn: ['Shop VPN'],
      virtual: [],
      blockers: [],
      ipv4: { mode: 'static', servers: ['1.1.1.1', '9.9.9.9'] },
      ipv6: { mode: 'static', servers: ['2606:4700:4700::1111'] },
      registration: 'both',
    },
    {
      fixture: 'windows-state-fr-vpn.json',
      changed: [],
      vpn: ['OpenVPN TAP-Windows6', 'OpenVPN Wintun'],
      virtual: [],
      // OpenVPN's two /1 routes carry all traffic: its DNS wins, so the change is refused.
      blockers: ['vpn'],
      ipv4: null,
      ipv6: null,
      registration: null,
    },
    {
      fixture: 'windows-state-managed.json',
      changed: ['Ethernet'],
      vpn: [],
      virtual: [],
      blockers: ['group-policy', 'nrpt', 'domain'],
      ipv4: { mode: 'automatic', servers: ['10.0.0.10', '10.0.0.11'] },
      ipv6: {
        mode: 'automatic',
        servers: ['fec0:0:0:ffff::1%1', 'fec0:0:0:ffff::2%1', 'fec0:0:0:ffff::3%1'],
      },
      registration: 'primary',
    },
  ])('$fixture', (row) => {
    const state = read(row.fixture);
    expect(byRole(state.adapters, 'default-route')).toEqual(row.changed);
    expect(byRole(state.adapters, 'vpn')).toEqual(row.vpn);
    expect(byRole(state.adapters, 'virtual')).toEqual(row.virtual);
    expect(state.blockers).toEqual(row.blockers);
    const target = state.adapters.find((adapter) => adapter.role === 'default-route');
    expect(target?.saved.ipv4 ?? null).toEqual(row.ipv4);
    expect(target?.saved.ipv6 ?? null).toEqual(row.ipv6);
    expect(target?.saved.registration ?? null).toBe(row.registration);
  });

  it('the localized netsh samples say "DHCP" in words no English parser knows; the registry agrees', () => {
    for (const name of [
      'windows-netsh-ipv4-show-dnsservers-de.txt',
      'windows-netsh-ipv4-show-dnsservers-fr.txt',
    ]) {
      const text = fixture(name);
      expect(text).not.toContain('DNS servers configured through DHCP');
      expect(text).toMatch(/Über DHCP konfigurierte DNS-Server|Serveurs DNS configurés via DHCP/);
    }
    expect(read('windows-state-de-ethernet-dhcp.json').adapters[0]?.saved.ipv4.mode).toBe(
      'automatic',
    );
    expect(read('windows-state-fr-vpn.json').adapters[0]?.saved.ipv4.mode).toBe('automatic');
  });

  it('warns about a VPN left alone and a browser whose policy forces its own secure DNS', () => {
    expect(read('windows-state-static-wireguard.json').warnings).toEqual([
      { kind: 'vpn-beside', label: 'Shop VPN' },
      { kind: 'browser-secure-dns', browser: 'chrome', source: 'policy' },
    ]);
  });

  it('reads the registry NameServer list in order, comma- or space-separated', () => {
    expect(nameServerList('1.1.1.1,9.9.9.9')).toEqual(['1.1.1.1', '9.9.9.9']);
    expect(nameServerList(' 10.0.0.10 10.0.0.11 ')).toEqual(['10.0.0.10', '10.0.0.11']);
    expect(nameServerList('')).toEqual([]);
  });
});

describe('Windows commands', () => {
  const backend = createWindowsBackend({
    command: new FakeWindows('windows-state-de-ethernet-dhcp.json'),
    tools: TOOLS,
  });

  it('restores DHCP as DHCP (both families) with the saved registration, by absolute System32 path', () => {
    const ethernet = read('windows-state-de-ethernet-dhcp.json').adapters[0];
    if (!ethernet) {
      throw new Error('fixture without Ethernet');
    }
    const snapshot = {
      method: 'windows' as const,
      takenAt: '',
      adapters: [ethernet.saved],
      file: null,
    };
    expect(argv(backend.restoreSteps(ethernet.saved, ethernet, snapshot))).toEqual([
      'C:\\Windows\\System32\\netsh.exe interface ipv4 set dnsservers name=12 source=dhcp register=primary',
      'C:\\Windows\\System32\\netsh.exe interface ipv6 set dnsservers name=12 source=dhcp register=primary',
    ]);
    expect(argv(backend.applySteps(ethernet, GOOGLE, snapshot))).toEqual([
      'C:\\Windows\\System32\\netsh.exe interface ipv4 set dnsservers name=12 source=static address=8.8.8.8 register=primary validate=no',
      'C:\\Windows\\System32\\netsh.exe interface ipv4 add dnsservers name=12 address=8.8.4.4 index=2 validate=no',
      'C:\\Windows\\System32\\netsh.exe interface ipv6 set dnsservers name=12 source=static address=2001:4860:4860::8888 register=primary validate=no',
      'C:\\Windows\\System32\\netsh.exe interface ipv6 add dnsservers name=12 address=2001:4860:4860::8844 index=2 validate=no',
    ]);
    expect(argv(backend.flushSteps())).toEqual(['C:\\Windows\\System32\\ipconfig.exe /flushdns']);
  });

  it('reads everything in one PowerShell call by absolute path', async () => {
    const machine = new FakeWindows('windows-state-de-ethernet-dhcp.json');
    const result = await createWindowsBackend({ command: machine, tools: TOOLS }).read(signal);
    expect(result.ok).toBe(true);
    expect(machine.calls.map((call) => call.file)).toEqual([
      'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
    ]);
  });
});

function changeService(machine: FakeWindows, store = new MemoryStore()) {
  const backend = createWindowsBackend({ command: machine, tools: TOOLS });
  const runner = createDirectRunner({
    command: machine,
    files: { read: () => Promise.resolve(null), writeInPlace: () => Promise.resolve() },
  });
  const service = new DnsChangeService({
    config: () => Promise.resolve({ backend, runner }),
    store,
    lookup: { lookup: () => Promise.resolve({ ok: true, addresses: ['192.168.178.20'] }) },
    log: silentLog,
    timers: { set: () => 0, clear: () => undefined },
  });
  return { service, store };
}

const apply = (service: DnsChangeService) =>
  service.apply(
    { name: '192-168-178-20.d73e7513.odoo-iot.com', expectedIp: '192.168.178.20', servers: GOOGLE },
    signal,
  );

describe('A change and its Undo on a simulated Windows PC', () => {
  it('German Windows: a DHCP adapter is DHCP again after Undo, IPv6 too (no fec0 pinned)', async () => {
    const machine = new FakeWindows('windows-state-de-ethernet-dhcp.json');
    const { service } = changeService(machine);
    expect((await apply(service)).ok).toBe(true);
    expect(machine.adapter(ETH)?.static4).toBe('8.8.8.8,8.8.4.4');
    // The virtual WSL adapter is never touched.
    expect(machine.calls.some((call) => call.args.includes('name=31'))).toBe(false);
    const undone = await service.restore(signal);
    expect(undone.ok && undone.value.results).toEqual([{ label: 'Ethernet', outcome: 'restored' }]);
    expect(machine.adapter(ETH)).toMatchObject({
      static4: '',
      static6: '',
      register: true,
      registerSuffix: false,
    });
  });

  it('static lists come back in order, with the registration setting as it was', async () => {
    const machine = new FakeWindows('windows-state-static-wireguard.json');
    const { service } = changeService(machine);
    expect((await apply(service)).ok).toBe(true);
    expect(machine.state.adapters.find((adapter) => adapter.name === 'Shop VPN')?.static4).toBe(
      '10.66.0.1',
    );
    expect((await service.restore(signal)).ok).toBe(true);
    expect(machine.adapter(ETH)).toMatchObject({
      static4: '1.1.1.1,9.9.9.9',
      static6: '2606:4700:4700::1111',
      registerSuffix: true,
    });
  });

  it('an adapter renumbered between apply and restore is found by its GUID', async () => {
    const machine = new FakeWindows('windows-state-de-ethernet-dhcp.json');
    const { service } = changeService(machine);
    await apply(service);
    const ethernet = machine.adapter(ETH);
    if (ethernet) {
      ethernet.index = 17; // a USB adapter re-plugged: new ifIndex, same InterfaceGuid
    }
    const undone = await service.restore(signal);
    expect(undone.ok).toBe(true);
    expect(machine.calls.filter((call) => call.args.includes('name=17'))).toHaveLength(2);
    expect(machine.adapter(ETH)?.static4).toBe('');
  });

  it('an adapter that appeared after apply is not compared: Undo ends', async () => {
    const machine = new FakeWindows('windows-state-de-ethernet-dhcp.json');
    const { service, store } = changeService(machine);
    await apply(service);
    const [ethernet] = machine.state.adapters;
    if (!ethernet) {
      throw new Error('fixture without Ethernet');
    }
    machine.state.adapters.push({
      ...ethernet,
      guid: WIFI,
      index: 9,
      name: 'WLAN',
      static4: '',
      servers4: ['10.1.1.1'],
    });
    const undone = await service.restore(signal);
    expect(undone.ok && undone.value.state).toBe('restored');
    expect(store.state()).toBe('restored');
  });

  it('a vanished adapter is skipped and said; the others are restored', async () => {
    const machine = new FakeWindows('windows-state-static-wireguard.json');
    // Two default routes: Ethernet (IPv4) and Wi-Fi carrying IPv6.
    machine.state.routes = [
      { index: 6, prefix: '0.0.0.0/0', metric: 15 },
      { index: 9, prefix: '::/0', metric: 20 },
    ];
    const { service } = changeService(machine);
    expect((await apply(service)).ok).toBe(true);
    machine.state.adapters = machine.state.adapters.filter((adapter) => adapter.guid !== WIFI);
    const undone = await service.restore(signal);
    expect(undone.ok && undone.value.results).toEqual([
      { label: 'Ethernet', outcome: 'restored' },
      { label: 'Wi-Fi', outcome: 'vanished' },
    ]);
    expect(machine.adapter(ETH)?.static4).toBe('1.1.1.1,9.9.9.9');
  });

  it('one adapter failing does not stop the next; the journal stays open for a retry', async () => {
    const machine = new FakeWindows('windows-state-static-wireguard.json');
    machine.state.routes = [
      { index: 6, prefix: '0.0.0.0/0', metric: 15 },
      { index: 9, prefix: '::/0', metric: 20 },
    ];
    const { service, store } = changeService(machine);
    await apply(service);
    const applied = machine.calls.filter((call) => call.file === TOOLS.netsh).length;
    machine.failNetshAt = new Set([applied + 1]); // Ethernet's first restore step
    const first = await service.restore(signal);
    expect(!first.ok && first.error.code).toBe('dns-restore-failed');
    // Wi-Fi (the second group) was still put back to DHCP.
    expect(machine.adapter(WIFI)?.static4).toBe('');
    expect(store.state()).toBe('restoring');
    machine.failNetshAt = new Set();
    const second = await service.restore(signal);
    expect(second.ok && second.value.results).toEqual([
      { label: 'Ethernet', outcome: 'restored' },
      { label: 'Wi-Fi', outcome: 'restored' },
    ]);
  });

  it.each([
    ['windows-state-managed.json', 'dns-managed-group-policy'],
    ['windows-state-fr-vpn.json', 'dns-managed-vpn'],
  ])('%s: refused before any prompt, nothing written', async (name, code) => {
    const machine = new FakeWindows(name);
    const { service, store } = changeService(machine);
    const applied = await apply(service);
    expect(!applied.ok && applied.error.code).toBe(code);
    expect(machine.calls.some((call) => call.file === TOOLS.netsh)).toBe(false);
    expect(store.writes).toBe(0);
  });
});

import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import {
  createNetworkManagerBackend,
  parseNmActiveConnections,
  parseNmDnsFields,
} from '../../../../../electron/core/dns/dns-config/linux-networkmanager';
import {
  CHANGED_MARK,
  createResolvConfBackend,
  withNameservers,
} from '../../../../../electron/core/dns/dns-config/linux-resolv-conf';
import {
  createResolvectlBackend,
  parseResolvectlStatus,
} from '../../../../../electron/core/dns/dns-config/linux-resolvectl';
import {
  createMacosBackend,
  NETWORKSETUP,
  parseGetDnsServers,
  parseNetworkServices,
} from '../../../../../electron/core/dns/dns-config/macos';
import {
  createWindowsBackend,
  LIST_ADAPTERS_SCRIPT,
  LIST_DNS_SCRIPT,
  parseNetshDnsModes,
} from '../../../../../electron/core/dns/dns-config/windows';
import type {
  CommandPort,
  CommandRequest,
  CommandResult,
} from '../../../../../electron/core/ports';

const fixture = (name: string): string =>
  readFileSync(new URL(`../../../../fixtures/dns/${name}`, import.meta.url), 'utf8');

const GOOGLE = {
  ipv4: ['8.8.8.8', '8.8.4.4'],
  ipv6: ['2001:4860:4860::8888', '2001:4860:4860::8844'],
};
const signal = new AbortController().signal;

/** A CommandPort answering from fixtures by exact argv, recording every call. */
function scripted(answers: Record<string, string>): CommandPort & { calls: CommandRequest[] } {
  const calls: CommandRequest[] = [];
  return {
    calls,
    run(request): Promise<CommandResult> {
      calls.push(request);
      const key = [request.file, ...request.args].join(' ');
      const stdout = answers[key];
      return Promise.resolve(
        stdout === undefined
          ? { code: 1, stdout: '', stderr: `unexpected: ${key}` }
          : { code: 0, stdout, stderr: '' },
      );
    },
  };
}

const PS = 'powershell.exe -NoProfile -NonInteractive -ExecutionPolicy Bypass -Command';

describe('Windows', () => {
  const command = scripted({
    [`${PS} ${LIST_ADAPTERS_SCRIPT}`]: fixture('windows-get-netadapter.json'),
    [`${PS} ${LIST_DNS_SCRIPT}`]: fixture('windows-get-dnsclientserveraddress.json'),
    'netsh interface ipv4 show dnsservers': fixture('windows-netsh-ipv4-show-dnsservers.txt'),
    'netsh interface ipv6 show dnsservers': fixture('windows-netsh-ipv6-show-dnsservers.txt'),
  });
  const backend = createWindowsBackend({ command });

  it('reads netsh modes per interface (DHCP vs static)', () => {
    const modes = parseNetshDnsModes(fixture('windows-netsh-ipv4-show-dnsservers.txt'));
    expect(Object.fromEntries(modes)).toEqual({
      Ethernet: 'automatic',
      'Wi-Fi': 'static',
      'Loopback Pseudo-Interface 1': 'static',
    });
  });

  it('snapshots every Up adapter, both families, static or automatic', async () => {
    const snapshot = await backend.snapshot(signal);
    expect(snapshot.ok && snapshot.value.adapters).toEqual([
      {
        id: '12',
        label: 'Ethernet',
        device: null,
        ipv4: { mode: 'automatic', servers: ['192.168.1.1'] },
        ipv6: { mode: 'automatic', servers: ['fe80::1%12'] },
      },
      {
        id: '7',
        label: 'Wi-Fi',
        device: null,
        ipv4: { mode: 'static', servers: ['1.1.1.1', '9.9.9.9'] },
        ipv6: { mode: 'automatic', servers: [] },
      },
    ]);
  });

  it('applies Google DNS per family with netsh, and restores DHCP or the exact static list', async () => {
    const snapshot = await backend.snapshot(signal);
    if (!snapshot.ok) {
      throw new Error('snapshot failed');
    }
    const argv = (steps: ReturnType<typeof backend.applySteps>) =>
      steps.map((step) => (step.kind === 'run' ? [step.file, ...step.args].join(' ') : step.path));
    expect(argv(backend.applySteps(snapshot.value, GOOGLE)).slice(0, 4)).toEqual([
      'netsh interface ipv4 set dnsservers name=12 source=static address=8.8.8.8 register=primary validate=no',
      'netsh interface ipv4 add dnsservers name=12 address=8.8.4.4 index=2 validate=no',
      'netsh interface ipv6 set dnsservers name=12 source=static address=2001:4860:4860::8888 register=primary validate=no',
      'netsh interface ipv6 add dnsservers name=12 address=2001:4860:4860::8844 index=2 validate=no',
    ]);
    expect(argv(backend.restoreSteps(snapshot.value))).toEqual([
      'netsh interface ipv4 set dnsservers name=12 source=dhcp',
      'netsh interface ipv6 set dnsservers name=12 source=dhcp',
      'netsh interface ipv4 set dnsservers name=7 source=static address=1.1.1.1 register=primary validate=no',
      'netsh interface ipv4 add dnsservers name=7 address=9.9.9.9 index=2 validate=no',
      'netsh interface ipv6 set dnsservers name=7 source=dhcp',
    ]);
    expect(backend.flushSteps()).toEqual([
      { kind: 'run', file: 'ipconfig', args: ['/flushdns'], optional: true },
    ]);
  });
});

describe('macOS', () => {
  it('lists enabled services only and tells DHCP from a static list', () => {
    expect(parseNetworkServices(fixture('macos-networksetup-listallnetworkservices.txt'))).toEqual([
      'USB 10/100/1000 LAN',
      'Wi-Fi',
      'Thunderbolt Bridge',
    ]);
    expect(parseGetDnsServers(fixture('macos-networksetup-getdnsservers-wifi.txt'))).toEqual([]);
    expect(parseGetDnsServers(fixture('macos-networksetup-getdnsservers-usb-lan.txt'))).toEqual([
      '192.168.1.1',
      '2001:db8::53',
    ]);
    expect(parseGetDnsServers('garbage\n')).toBeNull();
  });

  it('sets every service with networksetup and restores Empty or the list', async () => {
    const command = scripted({
      [`${NETWORKSETUP} -listallnetworkservices`]: fixture(
        'macos-networksetup-listallnetworkservices.txt',
      ),
      [`${NETWORKSETUP} -getdnsservers USB 10/100/1000 LAN`]: fixture(
        'macos-networksetup-getdnsservers-usb-lan.txt',
      ),
      [`${NETWORKSETUP} -getdnsservers Wi-Fi`]: fixture(
        'macos-networksetup-getdnsservers-wifi.txt',
      ),
      [`${NETWORKSETUP} -getdnsservers Thunderbolt Bridge`]: fixture(
        'macos-networksetup-getdnsservers-wifi.txt',
      ).replace('Wi-Fi', 'Thunderbolt Bridge'),
    });
    const backend = createMacosBackend({ command });
    const snapshot = await backend.snapshot(signal);
    if (!snapshot.ok) {
      throw new Error('snapshot failed');
    }
    expect(backend.applySteps(snapshot.value, GOOGLE)[1]).toEqual({
      kind: 'run',
      file: NETWORKSETUP,
      args: [
        '-setdnsservers',
        'Wi-Fi',
        '8.8.8.8',
        '8.8.4.4',
        '2001:4860:4860::8888',
        '2001:4860:4860::8844',
      ],
    });
    expect(
      backend.restoreSteps(snapshot.value).map((step) => step.kind === 'run' && step.args),
    ).toEqual([
      ['-setdnsservers', 'USB 10/100/1000 LAN', '192.168.1.1', '2001:db8::53'],
      ['-setdnsservers', 'Wi-Fi', 'Empty'],
      ['-setdnsservers', 'Thunderbolt Bridge', 'Empty'],
    ]);
    expect(
      backend.flushSteps().map((step) => step.kind === 'run' && [step.file, ...step.args]),
    ).toEqual([
      ['/usr/bin/dscacheutil', '-flushcache'],
      ['/usr/bin/killall', '-HUP', 'mDNSResponder'],
    ]);
  });
});

describe('Linux: systemd-resolved', () => {
  it('parses per-link servers, continuation lines and DoT names', () => {
    expect(parseResolvectlStatus(fixture('linux-resolvectl-status.txt'))).toEqual([
      { index: 2, name: 'enp0s31f6', servers: ['192.168.1.1', 'fd00::1', 'fd00::2'] },
      { index: 3, name: 'wlp0s20f3', servers: [] },
      { index: 4, name: 'wg0', servers: ['10.2.0.1'] },
    ]);
  });

  it('sets the link servers and restores the exact list (revert only where there was none)', async () => {
    const backend = createResolvectlBackend({
      command: scripted({ 'resolvectl status --no-pager': fixture('linux-resolvectl-status.txt') }),
    });
    const snapshot = await backend.snapshot(signal);
    if (!snapshot.ok) {
      throw new Error('snapshot failed');
    }
    const args = (steps: ReturnType<typeof backend.restoreSteps>) =>
      steps.map((step) => step.kind === 'run' && [step.file, ...step.args].join(' '));
    expect(args(backend.applySteps(snapshot.value, GOOGLE))[0]).toBe(
      'resolvectl dns enp0s31f6 8.8.8.8 8.8.4.4 2001:4860:4860::8888 2001:4860:4860::8844',
    );
    expect(args(backend.restoreSteps(snapshot.value))).toEqual([
      'resolvectl dns enp0s31f6 192.168.1.1 fd00::1 fd00::2',
      'resolvectl revert wlp0s20f3',
      'resolvectl dns wg0 10.2.0.1',
    ]);
  });
});

describe('Linux: NetworkManager', () => {
  it('parses escaped terse output and skips loopback', () => {
    expect(parseNmActiveConnections(fixture('linux-nmcli-connection-show-active.txt'))).toEqual([
      {
        name: 'Wired connection 1',
        uuid: '8f3c5b2a-1d2e-4c5f-9a8b-0c1d2e3f4a5b',
        type: '802-3-ethernet',
        device: 'enp0s31f6',
      },
      {
        name: 'Shop: Wi-Fi',
        uuid: '0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d',
        type: '802-11-wireless',
        device: 'wlp0s20f3',
      },
    ]);
    expect(parseNmDnsFields(fixture('linux-nmcli-dns-fields-static.txt'))).toEqual({
      ipv4: { mode: 'static', servers: ['1.1.1.1', '9.9.9.9'] },
      ipv6: { mode: 'static', servers: ['2606:4700:4700::1111'] },
    });
  });

  it('modifies and reapplies each connection, restoring both families exactly', async () => {
    const backend = createNetworkManagerBackend({
      command: scripted({
        'nmcli -t -f NAME,UUID,TYPE,DEVICE connection show --active': fixture(
          'linux-nmcli-connection-show-active.txt',
        ),
        'nmcli -g ipv4.dns,ipv4.ignore-auto-dns,ipv6.method,ipv6.dns,ipv6.ignore-auto-dns connection show 8f3c5b2a-1d2e-4c5f-9a8b-0c1d2e3f4a5b':
          fixture('linux-nmcli-dns-fields-dhcp.txt'),
        'nmcli -g ipv4.dns,ipv4.ignore-auto-dns,ipv6.method,ipv6.dns,ipv6.ignore-auto-dns connection show 0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d':
          fixture('linux-nmcli-dns-fields-static.txt'),
      }),
    });
    const snapshot = await backend.snapshot(signal);
    if (!snapshot.ok) {
      throw new Error('snapshot failed');
    }
    const args = (steps: ReturnType<typeof backend.restoreSteps>) =>
      steps.map((step) => (step.kind === 'run' ? step.args : []));
    expect(args(backend.applySteps(snapshot.value, GOOGLE)).slice(0, 2)).toEqual([
      [
        'connection',
        'modify',
        '8f3c5b2a-1d2e-4c5f-9a8b-0c1d2e3f4a5b',
        'ipv4.dns',
        '8.8.8.8 8.8.4.4',
        'ipv4.ignore-auto-dns',
        'yes',
        'ipv6.dns',
        '2001:4860:4860::8888 2001:4860:4860::8844',
        'ipv6.ignore-auto-dns',
        'yes',
      ],
      ['device', 'reapply', 'enp0s31f6'],
    ]);
    expect(args(backend.restoreSteps(snapshot.value))[0]).toEqual([
      'connection',
      'modify',
      '8f3c5b2a-1d2e-4c5f-9a8b-0c1d2e3f4a5b',
      'ipv4.dns',
      '',
      'ipv4.ignore-auto-dns',
      'no',
      'ipv6.dns',
      '',
      'ipv6.ignore-auto-dns',
      'no',
    ]);
  });
});

describe('Linux: plain resolv.conf', () => {
  it('replaces only the nameserver lines, keeping search, options and comments', () => {
    const original = `# mine\nsearch lan\nnameserver 192.168.1.1\nnameserver fd00::1\noptions edns0\n`;
    expect(withNameservers(original, ['8.8.8.8', '8.8.4.4'])).toBe(
      `# mine\nsearch lan\n${CHANGED_MARK}\nnameserver 8.8.8.8\nnameserver 8.8.4.4\noptions edns0\n`,
    );
  });

  it('snapshots the exact bytes and restores them', async () => {
    const content = fixture('linux-resolv-conf-lab.txt');
    const backend = createResolvConfBackend({
      path: '/x/resolv.conf',
      files: { read: () => Promise.resolve(content), writeInPlace: () => Promise.resolve() },
    });
    const snapshot = await backend.snapshot(signal);
    if (!snapshot.ok) {
      throw new Error('snapshot failed');
    }
    expect(snapshot.value.adapters[0]?.ipv4).toEqual({ mode: 'static', servers: ['192.168.77.1'] });
    expect(backend.restoreSteps(snapshot.value)).toEqual([
      { kind: 'write-file', path: '/x/resolv.conf', content },
    ]);
  });
});

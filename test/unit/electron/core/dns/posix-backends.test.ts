import { describe, expect, it } from 'vitest';

import type {
  ChangeStep,
  DnsSnapshot,
  LiveAdapter,
} from '../../../../../electron/core/dns/dns-config/config-types';
import {
  createNetworkManagerBackend,
  NMCLI,
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
  RESOLVECTL,
} from '../../../../../electron/core/dns/dns-config/linux-resolvectl';
import {
  defaultDeviceIpv4,
  defaultDeviceIpv6,
} from '../../../../../electron/core/dns/dns-config/linux-routes';
import {
  createMacosBackend,
  GLOBAL_SCRIPT,
  LIST_SCRIPT,
  mdmEnrolled,
  NETWORKSETUP,
  parseScutilBlocks,
  PROFILES,
  SCUTIL,
  serviceDetailScript,
} from '../../../../../electron/core/dns/dns-config/macos';
import {
  linuxMethod,
  nmManagesDevice,
} from '../../../../../electron/core/dns/dns-config/select-backend';
import { files, fixture, kernel, scripted } from '../../../../support/dns-machines';

const GOOGLE = {
  ipv4: ['8.8.8.8', '8.8.4.4'],
  ipv6: ['2001:4860:4860::8888', '2001:4860:4860::8844'],
};
const signal = new AbortController().signal;

const args = (steps: readonly ChangeStep[]) =>
  steps.map((step) => (step.kind === 'run' ? [step.file, ...step.args].join(' ') : step.path));
const target = (adapters: readonly LiveAdapter[]) => {
  const found = adapters.find((adapter) => adapter.role === 'default-route');
  if (!found) {
    throw new Error('no default-route adapter');
  }
  return found;
};
const snapshotOf = (method: DnsSnapshot['method'], live: LiveAdapter): DnsSnapshot => ({
  method,
  takenAt: '',
  adapters: [live.saved],
  file: null,
});

describe("macOS, from scutil (reconstructed from Apple's scutil(8) and public captures)", () => {
  const ids = [
    '8A4B7D2E-61C0-4C3B-9A6F-0F1E2D3C4B5A',
    '1C2D3E4F-5A6B-4C7D-8E9F-A0B1C2D3E4F5',
    '0505C977-CD9A-4759-AE38-F5C84B68332D',
  ];
  const mac = (global: string, profiles = 'macos-profiles-status-not-enrolled.txt') =>
    scripted({
      [`${SCUTIL} ${GLOBAL_SCRIPT}`]: fixture(global),
      [`${SCUTIL} ${LIST_SCRIPT}`]: fixture('macos-scutil-list-services.txt'),
      [`${SCUTIL} ${serviceDetailScript(ids)}`]: fixture('macos-scutil-service-details.txt'),
      [`${PROFILES} status -type enrollment`]: fixture(profiles),
      '/usr/sbin/dsconfigad -show': '',
    });

  it('parses nested dictionaries, arrays and "No such key"', () => {
    const blocks = parseScutilBlocks(fixture('macos-scutil-global-vpn-primary.txt'));
    expect(blocks).toEqual([
      {
        PrimaryInterface: 'ppp0',
        PrimaryService: '0505C977-CD9A-4759-AE38-F5C84B68332D',
        Router: '172.16.1.1',
      },
      null,
    ]);
  });

  it('changes only the default-route service, keyed by its ID, and restores the exact mixed order', async () => {
    const backend = createMacosBackend({ command: mac('macos-scutil-global.txt') });
    const read = await backend.read(signal);
    if (!read.ok) {
      throw new Error('read failed');
    }
    const wifi = target(read.value.adapters);
    expect(wifi.saved).toMatchObject({
      id: ids[0],
      label: 'Wi-Fi',
      ordered: ['fd00::1', '192.168.1.1', '2606:4700:4700::1111', '1.1.1.1'],
    });
    // The inactive USB LAN is not listed; the L2TP VPN is up beside: left alone, and said.
    expect(read.value.adapters.map((adapter) => [adapter.saved.label, adapter.role])).toEqual([
      ['Wi-Fi', 'default-route'],
      ['Shop VPN', 'vpn'],
    ]);
    expect(read.value.warnings).toEqual([{ kind: 'vpn-beside', label: 'Shop VPN' }]);
    expect(read.value.blockers).toEqual([]);
    expect(args(backend.applySteps(wifi, GOOGLE, snapshotOf('macos', wifi)))).toEqual([
      `${NETWORKSETUP} -setdnsservers Wi-Fi 8.8.8.8 8.8.4.4 2001:4860:4860::8888 2001:4860:4860::8844`,
    ]);
    // IPv6 first where it was first: not "IPv4 then IPv6".
    expect(args(backend.restoreSteps(wifi.saved, wifi, snapshotOf('macos', wifi)))).toEqual([
      `${NETWORKSETUP} -setdnsservers Wi-Fi fd00::1 192.168.1.1 2606:4700:4700::1111 1.1.1.1`,
    ]);
    const renamed = { ...wifi, handle: 'Wi-Fi (office)' };
    expect(args(backend.restoreSteps(wifi.saved, renamed, snapshotOf('macos', wifi)))[0]).toContain(
      '-setdnsservers Wi-Fi (office) fd00::1',
    );
  });

  it.each([
    ['macos-scutil-global-vpn-primary.txt', 'macos-profiles-status-not-enrolled.txt', ['vpn']],
    ['macos-scutil-global.txt', 'macos-profiles-status-enrolled.txt', ['mdm']],
  ])('%s + %s → refused for %j', async (global, profiles, blockers) => {
    const read = await createMacosBackend({ command: mac(global, profiles) }).read(signal);
    expect(read.ok && read.value.blockers).toEqual(blockers);
  });

  it('knows an MDM enrollment when it sees one', () => {
    expect(mdmEnrolled(fixture('macos-profiles-status-enrolled.txt'))).toBe(true);
    expect(mdmEnrolled(fixture('macos-profiles-status-not-enrolled.txt'))).toBe(false);
  });
});

describe('Linux: which interface carries the default route (kernel tables)', () => {
  it('lowest metric wins; an OpenVPN /1 pair beats the /0; unreachable lo routes are ignored', () => {
    expect(defaultDeviceIpv4(fixture('linux-proc-net-route.txt'))).toBe('enp0s31f6');
    expect(defaultDeviceIpv4(fixture('linux-proc-net-route-openvpn.txt'))).toBe('tun0');
    expect(defaultDeviceIpv6(fixture('linux-proc-net-ipv6-route.txt'))).toBe('enp0s31f6');
    expect(defaultDeviceIpv4('')).toBeNull();
  });

  it('picks nmcli when NetworkManager manages the default-route device, even with a resolved stub', async () => {
    const machine = (nm: boolean) => ({
      command: scripted({
        ...(nm
          ? { [`${NMCLI} -t -f DEVICE,STATE device`]: fixture('linux-nmcli-device-status.txt') }
          : {}),
        [`${RESOLVECTL} status --no-pager`]: fixture('linux-resolvectl-status.txt'),
      }),
      files: files({
        '/etc/resolv.conf': 'nameserver 127.0.0.53\noptions edns0 trust-ad\n',
        '/proc/net/route': fixture('linux-proc-net-route.txt'),
      }),
    });
    // Ubuntu desktop: NetworkManager + systemd-resolved. resolvectl's settings would be overwritten.
    expect(await linuxMethod(machine(true), '/etc/resolv.conf', signal)).toBe('networkmanager');
    // systemd-resolved alone (systemd-networkd): resolvectl.
    expect(await linuxMethod(machine(false), '/etc/resolv.conf', signal)).toBe('resolvectl');
    expect(await linuxMethod(machine(true), '/tmp/resolv.conf', signal)).toBe('resolv-conf');
    expect(nmManagesDevice('lo:connected (externally)\n', new Set(['lo']))).toBe(false);
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

  it('changes the default-route link only; wg0 is a VPN left alone; restore sets the exact list', async () => {
    const backend = createResolvectlBackend({
      command: scripted({
        [`${RESOLVECTL} status --no-pager`]: fixture('linux-resolvectl-status.txt'),
      }),
      files: kernel,
    });
    const read = await backend.read(signal);
    if (!read.ok) {
      throw new Error('read failed');
    }
    expect(read.value.adapters.map((adapter) => [adapter.saved.id, adapter.role])).toEqual([
      ['enp0s31f6', 'default-route'],
      ['wlp0s20f3', 'other'],
      ['wg0', 'vpn'],
    ]);
    const link = target(read.value.adapters);
    expect(args(backend.applySteps(link, GOOGLE, snapshotOf('resolvectl', link)))).toEqual([
      `${RESOLVECTL} dns enp0s31f6 8.8.8.8 8.8.4.4 2001:4860:4860::8888 2001:4860:4860::8844`,
    ]);
    expect(args(backend.restoreSteps(link.saved, link, snapshotOf('resolvectl', link)))).toEqual([
      `${RESOLVECTL} dns enp0s31f6 192.168.1.1 fd00::1 fd00::2`,
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

  it('modifies and reapplies the default-route connection only, restoring both families exactly', async () => {
    const fields = 'ipv4.dns,ipv4.ignore-auto-dns,ipv6.method,ipv6.dns,ipv6.ignore-auto-dns';
    const backend = createNetworkManagerBackend({
      command: scripted({
        [`${NMCLI} -t -f NAME,UUID,TYPE,DEVICE connection show --active`]: fixture(
          'linux-nmcli-connection-show-active.txt',
        ),
        [`${NMCLI} -g ${fields} connection show 8f3c5b2a-1d2e-4c5f-9a8b-0c1d2e3f4a5b`]: fixture(
          'linux-nmcli-dns-fields-dhcp.txt',
        ),
        [`${NMCLI} -g ${fields} connection show 0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d`]: fixture(
          'linux-nmcli-dns-fields-static.txt',
        ),
      }),
      files: kernel,
    });
    const read = await backend.read(signal);
    if (!read.ok) {
      throw new Error('read failed');
    }
    const wired = target(read.value.adapters);
    expect(wired.saved.label).toBe('Wired connection 1');
    expect(args(backend.applySteps(wired, GOOGLE, snapshotOf('networkmanager', wired)))).toEqual([
      `${NMCLI} connection modify 8f3c5b2a-1d2e-4c5f-9a8b-0c1d2e3f4a5b ipv4.dns 8.8.8.8 8.8.4.4 ipv4.ignore-auto-dns yes ipv6.dns 2001:4860:4860::8888 2001:4860:4860::8844 ipv6.ignore-auto-dns yes`,
      `${NMCLI} device reapply enp0s31f6`,
    ]);
    expect(
      args(backend.restoreSteps(wired.saved, wired, snapshotOf('networkmanager', wired)))[0],
    ).toBe(
      `${NMCLI} connection modify 8f3c5b2a-1d2e-4c5f-9a8b-0c1d2e3f4a5b ipv4.dns  ipv4.ignore-auto-dns no ipv6.dns  ipv6.ignore-auto-dns no`,
    );
  });
});

describe('Linux: plain resolv.conf', () => {
  it('replaces only the nameserver lines, keeping search, options and comments', () => {
    const original = `# mine\nsearch lan\nnameserver 192.168.1.1\nnameserver fd00::1\noptions edns0\n`;
    expect(withNameservers(original, ['8.8.8.8', '8.8.4.4'])).toBe(
      `# mine\nsearch lan\n${CHANGED_MARK}\nnameserver 8.8.8.8\nnameserver 8.8.4.4\noptions edns0\n`,
    );
  });

  it('reads the exact bytes and restores them to its own path only', async () => {
    const content = fixture('linux-resolv-conf-lab.txt');
    const backend = createResolvConfBackend({
      path: '/x/resolv.conf',
      files: files({ '/x/resolv.conf': content }),
    });
    const read = await backend.read(signal);
    if (!read.ok) {
      throw new Error('read failed');
    }
    const live = target(read.value.adapters);
    expect(live.saved.ipv4).toEqual({ mode: 'static', servers: ['192.168.77.1'] });
    const snapshot = { ...snapshotOf('resolv-conf', live), file: read.value.file };
    expect(backend.restoreSteps(live.saved, live, snapshot)).toEqual([
      { kind: 'write-file', path: '/x/resolv.conf', content },
    ]);
    expect(backend.refuse(snapshot)).toBeNull();
    expect(backend.refuse({ ...snapshot, file: { path: '/etc/sudoers.d/x', content } })).toMatch(
      /not \/x\/resolv.conf/,
    );
  });
});

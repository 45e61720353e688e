import { describe, expect, it } from 'vitest';

import type { InterfaceAddress } from '../../../../../electron/core/ports';
import { formatCidr } from '../../../../../electron/core/discovery/ipv4';
import { planScope } from '../../../../../electron/core/discovery/scope';

function nic(
  name: string,
  address: string,
  netmask: string,
  extra: Partial<InterfaceAddress> = {},
): InterfaceAddress {
  return {
    name,
    address,
    netmask,
    family: 'IPv4',
    internal: false,
    mac: '00:11:22:33:44:55',
    cidr: null,
    ...extra,
  };
}

const lo = nic('lo', '127.0.0.1', '255.0.0.0', { internal: true });

function plan(all: InterfaceAddress[], request: Parameters<typeof planScope>[1] = {}) {
  const planned = planScope(all, request);
  if (!planned.ok) {
    throw new Error(`unexpected ${planned.error.kind}`);
  }
  return planned.scope;
}

describe('planScope', () => {
  it('sweeps a /24 to /22 whole and binds mDNS on each physical interface', () => {
    const scope = plan([
      lo,
      nic('eth0', '192.168.1.23', '255.255.255.0'),
      nic('wlan0', '10.0.4.9', '255.255.252.0'),
    ]);
    expect(scope.sweepNetworks.map(formatCidr)).toEqual(['192.168.1.0/24', '10.0.4.0/22']);
    expect(scope.mdnsInterfaces.map((entry) => entry.address)).toEqual([
      '192.168.1.23',
      '10.0.4.9',
    ]);
    expect(scope.localhost).toBe(true);
    expect(scope.accessPoint).toBe(false);
  });

  it('narrows a wider network to the /24 around this computer', () => {
    const scope = plan([nic('eth0', '10.20.30.40', '255.255.0.0')]);
    expect(scope.sweepNetworks.map(formatCidr)).toEqual(['10.20.30.0/24']);
  });

  it('skips loopback, link-local, IPv6, virtual adapters and point-to-point links', () => {
    const scope = plan([
      lo,
      nic('eth0', '169.254.10.2', '255.255.0.0'),
      nic('eth1', 'fe80::1', 'ffff:ffff:ffff:ffff::', { family: 'IPv6' }),
      nic('docker0', '172.17.0.1', '255.255.0.0'),
      nic('vEthernet (WSL)', '172.20.0.1', '255.255.240.0'),
      nic('ppp0', '10.64.0.2', '255.255.255.255'),
    ]);
    expect(scope.sweepNetworks).toEqual([]);
    expect(scope.mdnsInterfaces.map((entry) => entry.name)).toEqual(['ppp0']);
  });

  it('uses only the named interfaces, even a virtual one the user asked for', () => {
    const all = [
      nic('eth0', '192.168.1.23', '255.255.255.0'),
      nic('docker0', '172.17.0.1', '255.255.255.0'),
    ];
    const scope = plan(all, { interfaces: ['docker0'] });
    expect(scope.sweepNetworks.map(formatCidr)).toEqual(['172.17.0.0/24']);
    expect(scope.mdnsInterfaces.map((entry) => entry.name)).toEqual(['docker0']);
    expect(scope.localhost).toBe(false);
    expect(scope.allows('192.168.1.50')).toBe(false);
    expect(scope.allows('172.17.0.9')).toBe(true);
  });

  it('sweeps exactly the subnets given and binds mDNS only on interfaces inside them', () => {
    const all = [
      nic('eth0', '192.168.1.23', '255.255.255.0'),
      nic('eth1', '192.168.77.10', '255.255.255.0'),
    ];
    const scope = plan(all, { subnets: ['192.168.77.0/24', '127.0.0.8/29'] });
    expect(scope.sweepNetworks.map(formatCidr)).toEqual(['192.168.77.0/24', '127.0.0.8/29']);
    expect(scope.mdnsInterfaces.map((entry) => entry.name)).toEqual(['eth1']);
    expect(scope.localhost).toBe(false);
  });

  it('checks this computer when the subnets given include it', () => {
    expect(plan([], { subnets: ['127.0.0.0/24'] }).localhost).toBe(true);
  });

  it('notices the access point of a box', () => {
    expect(plan([nic('wlan0', '10.11.12.57', '255.255.255.0')]).accessPoint).toBe(true);
  });

  it.each([
    [{ subnets: ['192.168.1.0/33'] }, 'bad-subnet'],
    [{ subnets: ['nonsense'] }, 'bad-subnet'],
    [{ subnets: ['10.0.0.0/8'] }, 'subnet-too-wide'],
    [{ subnets: ['10.0.0.0/16', '10.1.0.0/16'] }, 'subnet-too-wide'],
    [{ interfaces: ['eth9'] }, 'unknown-interface'],
  ])('refuses %j', (request, kind) => {
    const planned = planScope([nic('eth0', '192.168.1.23', '255.255.255.0')], request);
    expect(planned.ok ? null : planned.error.kind).toBe(kind);
  });
});

import { describe, expect, it } from 'vitest';

import { chooseListenAddress } from '../../../../../electron/core/device-check/listen-address';
import type { InterfaceAddress } from '../../../../../electron/core/ports';

const nic = (
  name: string,
  address: string,
  netmask: string,
  internal = false,
): InterfaceAddress => ({
  name,
  address,
  netmask,
  family: 'IPv4',
  internal,
  mac: '00:00:00:00:00:00',
  cidr: null,
});

const LOOPBACK = nic('lo', '127.0.0.1', '255.0.0.0', true);
const WIRED = nic('eth0', '192.168.1.10', '255.255.255.0');
const VPN = nic('tun0', '10.8.0.2', '255.255.255.0');

describe('the one address the page server listens on', () => {
  it("is this computer's address on the box's network", () => {
    expect(chooseListenAddress('192.168.1.20', [LOOPBACK, VPN, WIRED])).toBe('192.168.1.10');
  });

  it('is loopback only for a box on loopback (the lab and the preview)', () => {
    expect(chooseListenAddress('127.0.88.2', [LOOPBACK, WIRED])).toBe('127.0.0.1');
  });

  it('falls back to the only LAN address when the box is routed elsewhere', () => {
    expect(chooseListenAddress('192.168.5.20', [LOOPBACK, WIRED])).toBe('192.168.1.10');
  });

  it('refuses to guess between several LAN addresses, or with none', () => {
    expect(chooseListenAddress('192.168.5.20', [LOOPBACK, WIRED, VPN])).toBeNull();
    expect(chooseListenAddress('192.168.5.20', [LOOPBACK])).toBeNull();
    expect(chooseListenAddress('not-an-ip', [WIRED])).toBeNull();
  });

  it('never picks a link-local or an IPv6 address', () => {
    const linkLocal = nic('eth1', '169.254.3.4', '255.255.0.0');
    const v6: InterfaceAddress = {
      ...WIRED,
      family: 'IPv6',
      address: 'fe80::1',
      netmask: 'ffff:ffff:ffff:ffff::',
    };
    expect(chooseListenAddress('192.168.5.20', [linkLocal, v6])).toBeNull();
  });
});

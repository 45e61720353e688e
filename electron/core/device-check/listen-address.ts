import type { InterfaceAddress } from '../ports';
import { contains, networkOf, parseIpv4, prefixOfNetmask } from '../discovery/ipv4';

/**
 * The one address of this computer the page server listens on: the IPv4 address whose network
 * holds the box (the network the other device shares with it), else the only LAN address this
 * computer has. Never a wildcard; null when there is no single sensible choice.
 */
export function chooseListenAddress(
  boxIp: string,
  interfaces: readonly InterfaceAddress[],
): string | null {
  const box = parseIpv4(boxIp);
  if (box === null) {
    return null;
  }
  const candidates = interfaces.filter((entry) => entry.family === 'IPv4');
  for (const entry of candidates) {
    const address = parseIpv4(entry.address);
    const prefix = prefixOfNetmask(entry.netmask);
    if (address !== null && prefix !== null && contains(networkOf(address, prefix), box)) {
      return entry.address;
    }
  }
  const lan = candidates.filter(
    (entry) => !entry.internal && !entry.address.startsWith('169.254.'),
  );
  return lan.length === 1 ? (lan[0]?.address ?? null) : null;
}

import type { TextFilePort } from '../../ports';

/*
 * Which Linux interface carries the default route, per family, from the kernel's own tables (no
 * command, nothing translated). A VPN that takes all traffic with two /1 routes (OpenVPN's
 * def1) wins over the /0 it leaves in place: longer prefixes win.
 */

type Route = { readonly device: string; readonly prefixLength: number; readonly metric: number };

function best(routes: readonly Route[]): string | null {
  const sorted = [...routes].sort((a, b) => b.prefixLength - a.prefixLength || a.metric - b.metric);
  return sorted[0]?.device ?? null;
}

/** /proc/net/route: Iface, Destination, Gateway, Flags, RefCnt, Use, Metric, Mask (hex, LE). */
export function defaultDeviceIpv4(procNetRoute: string): string | null {
  const routes: Route[] = [];
  for (const line of procNetRoute.split('\n').slice(1)) {
    const [device, destination, , flags, , , metric, mask] = line.trim().split(/\s+/);
    if (!device || !destination || !flags || !metric || !mask) {
      continue;
    }
    const up = (Number.parseInt(flags, 16) & 1) !== 0;
    const maskValue = Number.parseInt(mask, 16);
    // Mask in network order read as little-endian: /0 is 00000000, /1 is 00000080.
    const prefixLength = maskValue === 0 ? 0 : maskValue === 0x80 ? 1 : -1;
    const destinationValue = Number.parseInt(destination, 16);
    const coversDefault =
      prefixLength === 0
        ? destinationValue === 0
        : prefixLength === 1 && (destinationValue === 0 || destinationValue === 0x80);
    if (up && coversDefault) {
      routes.push({ device, prefixLength, metric: Number.parseInt(metric, 10) });
    }
  }
  return best(routes);
}

/** /proc/net/ipv6_route: dest, dest prefix length, src, src length, next hop, metric, refs, use, flags, dev. */
export function defaultDeviceIpv6(procNetIpv6Route: string): string | null {
  const routes: Route[] = [];
  for (const line of procNetIpv6Route.split('\n')) {
    const [destination, length, , , , metric, , , flags, device] = line.trim().split(/\s+/);
    if (!destination || !length || !metric || !flags || !device || device === 'lo') {
      continue;
    }
    const prefixLength = Number.parseInt(length, 16);
    const reject = (Number.parseInt(flags, 16) & 0x0200) !== 0;
    const zero = /^0{32}$/.test(destination);
    const upperHalf = destination === `8${'0'.repeat(31)}`;
    if (!reject && ((prefixLength === 0 && zero) || (prefixLength === 1 && (zero || upperHalf)))) {
      routes.push({ device, prefixLength, metric: Number.parseInt(metric, 16) });
    }
  }
  return best(routes);
}

/** The devices carrying this computer's default routes (IPv4 and IPv6; usually one device). */
export async function defaultRouteDevices(files: TextFilePort): Promise<Set<string>> {
  const [v4, v6] = await Promise.all([
    files.read('/proc/net/route'),
    files.read('/proc/net/ipv6_route'),
  ]);
  return new Set(
    [defaultDeviceIpv4(v4 ?? ''), defaultDeviceIpv6(v6 ?? '')].filter(
      (device): device is string => device !== null,
    ),
  );
}

/** Tunnel interfaces (OpenVPN, WireGuard, PPP, IPsec): a VPN's. */
export const TUNNEL_DEVICE = /^(tun|tap|wg|ppp|utun|ipsec|vpn|nordlynx|tailscale|zt)/;

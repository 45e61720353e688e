import type { InterfaceAddress } from '../ports';
import {
  contains,
  formatCidr,
  isLinkLocalIpv4,
  networkOf,
  parseCidr,
  parseIpv4,
  prefixOfNetmask,
  type Ipv4Network,
} from './ipv4';

/** Interface-derived subnets wider than this are narrowed to the /24 around this computer. */
export const WIDEST_AUTO_PREFIX = 22;
/** A subnet the user names explicitly may be as wide as this (65 534 hosts), no wider. */
export const WIDEST_EXPLICIT_PREFIX = 16;
/** All swept networks together stay within one /16's worth of addresses. */
export const MAX_SWEEP_ADDRESSES = 65_536;
/** Access-point mode: the box hands out 10.11.12.x and is itself 10.11.12.1. */
export const ACCESS_POINT_NETWORK = '10.11.12.0/24';
export const ACCESS_POINT_BOX_IP = '10.11.12.1';

// Adapters that are not a physical LAN: containers, VMs, VPN tunnels, Apple's peer links.
const VIRTUAL_NAME =
  /^(lo|docker|br-|veth|virbr|vmnet|vboxnet|utun|tun|tap|wg|zt|tailscale|awdl|llw|bridge|cni|flannel|podman|ham)|virtualbox|vmware|vethernet|hyper-v|loopback|pseudo/i;

export type ScopeRequest = {
  readonly subnets?: readonly string[] | undefined;
  readonly interfaces?: readonly string[] | undefined;
};

/** One interface address discovery may use: where mDNS binds and which network it sits on. */
export type ScopeInterface = {
  readonly name: string;
  readonly address: string;
  readonly network: Ipv4Network;
};

export type DiscoveryScope = {
  /** Interface addresses mDNS binds to (one responder each). */
  readonly mdnsInterfaces: readonly ScopeInterface[];
  /** Networks the sweep covers, already narrowed, without duplicates. */
  readonly sweepNetworks: readonly Ipv4Network[];
  /** This computer sits on a box's Wi-Fi access point. */
  readonly accessPoint: boolean;
  /** Checking this computer itself (a Windows virtual box) stays within what the user chose. */
  readonly localhost: boolean;
  /** Whether mDNS candidates may be probed at this address. */
  readonly allows: (address: string) => boolean;
};

export type ScopeError =
  | { readonly kind: 'bad-subnet'; readonly value: string }
  | { readonly kind: 'subnet-too-wide'; readonly value: string }
  | { readonly kind: 'unknown-interface'; readonly value: string };

/** The usable IPv4 interfaces: up, not loopback, not link-local; virtual ones unless named. */
function usableInterfaces(
  all: readonly InterfaceAddress[],
  named: readonly string[] | undefined,
): ScopeInterface[] {
  const result: ScopeInterface[] = [];
  for (const entry of all) {
    const address = parseIpv4(entry.address);
    const prefix = prefixOfNetmask(entry.netmask);
    if (entry.family !== 'IPv4' || entry.internal || address === null || prefix === null) {
      continue;
    }
    if (isLinkLocalIpv4(address)) {
      continue;
    }
    if (named ? !named.includes(entry.name) : VIRTUAL_NAME.test(entry.name)) {
      continue;
    }
    result.push({ name: entry.name, address: entry.address, network: networkOf(address, prefix) });
  }
  return result;
}

/** The part of an interface's network a default sweep covers. */
function sweepNetworkFor(entry: ScopeInterface): Ipv4Network | null {
  if (entry.network.prefix > 30) {
    return null;
  }
  if (entry.network.prefix >= WIDEST_AUTO_PREFIX) {
    return entry.network;
  }
  return networkOf(parseIpv4(entry.address) ?? 0, 24);
}

/**
 * Decides what a scan may touch. `--interface` limits everything to those interfaces; `--subnet`
 * replaces the swept networks and limits mDNS to interfaces inside them. Nothing else is touched.
 */
export function planScope(
  all: readonly InterfaceAddress[],
  request: ScopeRequest,
): { ok: true; scope: DiscoveryScope } | { ok: false; error: ScopeError } {
  for (const name of request.interfaces ?? []) {
    if (!all.some((entry) => entry.name === name)) {
      return { ok: false, error: { kind: 'unknown-interface', value: name } };
    }
  }
  const explicit: Ipv4Network[] = [];
  for (const text of request.subnets ?? []) {
    const network = parseCidr(text);
    if (network === null) {
      return { ok: false, error: { kind: 'bad-subnet', value: text } };
    }
    if (network.prefix < WIDEST_EXPLICIT_PREFIX) {
      return { ok: false, error: { kind: 'subnet-too-wide', value: text } };
    }
    explicit.push(network);
  }
  const restricted = explicit.length > 0 || (request.interfaces?.length ?? 0) > 0;
  let interfaces = usableInterfaces(all, request.interfaces);
  if (explicit.length > 0) {
    interfaces = interfaces.filter((entry) =>
      explicit.some((network) => contains(network, parseIpv4(entry.address) ?? 0)),
    );
  }
  const candidates =
    explicit.length > 0
      ? explicit
      : interfaces.map(sweepNetworkFor).filter((network) => network !== null);
  const seen = new Set<string>();
  const sweepNetworks = candidates.filter((network) => {
    const key = formatCidr(network);
    return seen.has(key) ? false : (seen.add(key), true);
  });
  const total = sweepNetworks.reduce((sum, network) => sum + 2 ** (32 - network.prefix), 0);
  if (total > MAX_SWEEP_ADDRESSES) {
    return {
      ok: false,
      error: { kind: 'subnet-too-wide', value: sweepNetworks.map(formatCidr).join(' ') },
    };
  }
  const accessPointNetwork = parseCidr(ACCESS_POINT_NETWORK);
  const accessPoint = interfaces.some(
    (entry) =>
      accessPointNetwork !== null && contains(accessPointNetwork, parseIpv4(entry.address) ?? 0),
  );
  const loopback = parseIpv4('127.0.0.1') ?? 0;
  const localhost = !restricted || explicit.some((network) => contains(network, loopback));
  const allowed = [...explicit, ...interfaces.map((entry) => entry.network)];
  return {
    ok: true,
    scope: {
      mdnsInterfaces: interfaces,
      sweepNetworks,
      accessPoint,
      localhost,
      allows: (address) => {
        const value = parseIpv4(address);
        return value !== null && allowed.some((network) => contains(network, value));
      },
    },
  };
}

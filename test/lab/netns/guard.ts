import net from 'node:net';
import os from 'node:os';

// The lab's one hard rule: test traffic goes only to loopback or into networks the lab itself
// built. Every helper that sends (probes, resolver switches, upstream flags) calls this first so
// a typo or a leaked production default (8.8.8.8, odoo.com) fails loudly instead of leaving the
// machine.

interface Cidr {
  readonly base: number;
  readonly bits: number;
  readonly label: string;
}

/** Subnets that exist only inside lab namespaces: the LAN and the fake "Internet". */
export const LAB_LAN_SUBNET = '192.168.77.0/24';
export const LAB_WAN_SUBNET = '203.0.113.0/24';
/** The box's own access-point network; allowed only once a lab registers it. */
export const LAB_AP_SUBNET = '10.11.12.0/24';

/** A "public" address range that dnsmasq's rebind filter lets through (see README). */
export const LAB_PUBLIC_SUBNET = '198.18.0.0/15';

const ALWAYS: readonly string[] = ['127.0.0.0/8', LAB_LAN_SUBNET, LAB_WAN_SUBNET];
// Only these can ever be added: all are reserved ranges a lab may build, so neither a caller nor
// the environment variable below can widen the guard to a routable network.
const REGISTRABLE: readonly string[] = [LAB_AP_SUBNET, LAB_PUBLIC_SUBNET];
/** Lets a parent pass its registered subnets to probes it spawns in namespaces. */
export const LAB_SUBNETS_ENV = 'IB_LAB_EXTRA_SUBNETS';

// Extra subnets are reference-counted because several LabLan objects (or a LabLan and a probe)
// may register the same one, and closing one must not revoke it for the others.
const registered = new Map<string, number>();

function ipv4ToInt(address: string): number | undefined {
  if (!net.isIPv4(address)) return undefined;
  const parts = address.split('.').map(Number);
  let value = 0;
  for (const part of parts) value = value * 256 + part;
  return value;
}

function parseCidr(cidr: string): Cidr {
  const [address = '', bitsText = ''] = cidr.split('/');
  const base = ipv4ToInt(address);
  const bits = Number(bitsText);
  if (base === undefined || !Number.isInteger(bits) || bits < 0 || bits > 32) {
    throw new Error(`not an IPv4 CIDR: ${cidr}`);
  }
  return { base, bits, label: cidr };
}

function contains(cidr: Cidr, value: number): boolean {
  const size = 2 ** (32 - cidr.bits);
  const start = Math.floor(cidr.base / size) * size;
  return value >= start && value < start + size;
}

/** Allows an additional lab-only subnet (e.g. 10.11.12.0/24) until the returned function runs. */
export function registerLabSubnet(cidr: string): () => void {
  if (!REGISTRABLE.includes(cidr)) {
    throw new Error(`lab guard: ${cidr} is not a lab subnet (allowed: ${REGISTRABLE.join(', ')})`);
  }
  registered.set(cidr, (registered.get(cidr) ?? 0) + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const count = (registered.get(cidr) ?? 1) - 1;
    if (count <= 0) registered.delete(cidr);
    else registered.set(cidr, count);
  };
}

function fromEnvironment(): string[] {
  const text = process.env[LAB_SUBNETS_ENV] ?? '';
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => REGISTRABLE.includes(item));
}

export function labSubnets(): string[] {
  return [...new Set([...ALWAYS, ...registered.keys(), ...fromEnvironment()])];
}

/** Value for {@link LAB_SUBNETS_ENV} in a child's environment. */
export function registeredLabSubnets(): string {
  return [...registered.keys()].join(',');
}

/** Strips a `host:port`, `[v6]:port` or `host#port` (dnsmasq style) suffix. */
function hostOf(target: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(target);
  if (bracketed?.[1] !== undefined) return bracketed[1];
  const hashPort = /^([^#]+)#\d+$/.exec(target);
  if (hashPort?.[1] !== undefined) return hashPort[1];
  const v4Port = /^(\d+\.\d+\.\d+\.\d+):\d+$/.exec(target);
  if (v4Port?.[1] !== undefined) return v4Port[1];
  return target;
}

export function isLabTarget(target: string): boolean {
  const host = hostOf(target.trim());
  if (host === '::1') return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(host);
  const value = ipv4ToInt(mapped?.[1] ?? host);
  if (value === undefined) return false;
  return labSubnets().some((cidr) => contains(parseCidr(cidr), value));
}

/**
 * Throws unless `target` (an IP, optionally with `:port` / `#port`, or a URL) is loopback or in a
 * lab subnet. Host names are rejected on purpose: resolving them is itself a send.
 */
export function assertLabTarget(target: string): void {
  let host = target;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) host = new URL(target).hostname;
  if (!isLabTarget(host)) {
    throw new Error(
      `lab guard: refusing to send to ${JSON.stringify(target)}; allowed: ${labSubnets().join(', ')}`,
    );
  }
}

/**
 * Multicast (mDNS) has no unicast target to check, so probes prove instead that they run inside a
 * lab namespace: every non-loopback IPv4 address of this process's network namespace must be a lab
 * address. In the root namespace (real interfaces) this throws before any packet is sent.
 */
export function assertInLabNamespace(): void {
  const foreign: string[] = [];
  let labAddresses = 0;
  for (const [name, entries] of Object.entries(os.networkInterfaces())) {
    for (const entry of entries ?? []) {
      if (entry.family !== 'IPv4' || entry.internal) continue;
      if (isLabTarget(entry.address) && !entry.address.startsWith('127.')) labAddresses += 1;
      else foreign.push(`${name}=${entry.address}`);
    }
  }
  if (foreign.length > 0 || labAddresses === 0) {
    throw new Error(
      `lab guard: not inside a lab namespace (foreign interfaces: ${foreign.join(', ') || 'none'}, lab addresses: ${labAddresses})`,
    );
  }
}

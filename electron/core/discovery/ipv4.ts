import { isIPv4 } from 'node:net';

/** An IPv4 network: its base address as a 32-bit unsigned number and the prefix length. */
export type Ipv4Network = { readonly base: number; readonly prefix: number };

export function parseIpv4(text: string): number | null {
  if (!isIPv4(text)) {
    return null;
  }
  return text.split('.').reduce((value, part) => value * 256 + Number(part), 0);
}

export function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

function maskOf(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

export function networkOf(address: number, prefix: number): Ipv4Network {
  return { base: (address & maskOf(prefix)) >>> 0, prefix };
}

/** `192.168.1.0/24` → network; null when malformed or the prefix is out of 0–32. */
export function parseCidr(text: string): Ipv4Network | null {
  const match = /^([\d.]+)\/(\d{1,2})$/.exec(text.trim());
  if (!match?.[1] || match[2] === undefined) {
    return null;
  }
  const address = parseIpv4(match[1]);
  const prefix = Number(match[2]);
  if (address === null || prefix > 32) {
    return null;
  }
  return networkOf(address, prefix);
}

/** `255.255.252.0` → 22; null for a non-contiguous mask. */
export function prefixOfNetmask(netmask: string): number | null {
  const mask = parseIpv4(netmask);
  if (mask === null) {
    return null;
  }
  const prefix = mask.toString(2).replace(/0+$/, '').length;
  return maskOf(prefix) === mask ? prefix : null;
}

export function formatCidr(network: Ipv4Network): string {
  return `${formatIpv4(network.base)}/${network.prefix}`;
}

export function contains(network: Ipv4Network, address: number): boolean {
  return networkOf(address, network.prefix).base === network.base;
}

export function isLinkLocalIpv4(address: number): boolean {
  return networkOf(address, 16).base === parseIpv4('169.254.0.0');
}

import type { BoxAddress } from './schemas/box';

/*
 * The one text form of a box address, for display and for naming a box in a request: `host:port`,
 * with an IPv6 host in brackets (`[fe80::1]:8069`), so parsing it back (box-target.ts) never
 * mistakes the port for the last group of the address.
 */

export function formatBoxAddress(address: BoxAddress): string {
  // A host name never contains a colon: one that does is an IPv6 address.
  const host = address.host.includes(':') ? `[${address.host}]` : address.host;
  return `${host}:${address.port}`;
}

/** Whether the box names itself by another address than the one it was reached at (NAT, or a lie). */
export function reportsOtherAddress(box: {
  readonly ip: string;
  readonly address: BoxAddress;
}): boolean {
  return box.ip !== box.address.host;
}

const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/**
 * The IPv4 address the box was reached at, when it was reached by one: what a DNS check compares
 * the box's name with, and where it may look. Undefined when reached by a host name (NAT).
 */
export function reachedIpv4(box: { readonly address: BoxAddress }): string | undefined {
  return IPV4.test(box.address.host) ? box.address.host : undefined;
}

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

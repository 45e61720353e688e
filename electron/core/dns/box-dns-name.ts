import { isIPv4 } from 'node:net';

/** `192-168-1-143.d73e7513.odoo-iot.com`: the IP it encodes and the certificate's hash label. */
export type BoxDnsName = { readonly name: string; readonly ip: string; readonly hash: string };

const NAME = /^(\d{1,3}-\d{1,3}-\d{1,3}-\d{1,3})\.([a-z0-9]{1,63})\.odoo-iot\.com\.?$/;

/** Parses a box's odoo-iot name; null for anything else (nothing unparsed reaches a resolver). */
export function parseBoxDnsName(input: string): BoxDnsName | null {
  const name = input.trim().toLowerCase();
  const match = NAME.exec(name);
  if (!match) {
    return null;
  }
  const ip = (match[1] ?? '').replaceAll('-', '.');
  if (!isIPv4(ip)) {
    return null;
  }
  const hash = match[2] ?? '';
  return { name: `${match[1] ?? ''}.${hash}.odoo-iot.com`, ip, hash };
}

/** The box's address when the user gave one (IP or URL), so its name can be derived. */
export function boxAddressOf(input: string): string | null {
  const trimmed = input.trim();
  if (isIPv4(trimmed)) {
    return trimmed;
  }
  try {
    const url = new URL(trimmed);
    return isIPv4(url.hostname) ? url.hostname : null;
  } catch {
    return null;
  }
}

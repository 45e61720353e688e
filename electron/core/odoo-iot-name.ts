/*
 * The box's HTTPS name (protocol doc §12), in one place: `<ip with dashes>.<hash>.odoo-iot.com`,
 * where `<hash>` is the label odoo.com put in the wildcard certificate `*.<hash>.odoo-iot.com`
 * and the IP is the LAN address the box reports. Built, parsed and read from certificates here
 * only; anything that does not parse is never turned into an address the user is sent to.
 */

/** The CN of the self-signed placeholder shipped in the box image: "no real certificate yet". */
export const TEMPORARY_CERTIFICATE_CN = 'OdooTempIoTBoxCertificate';

export const ODOO_IOT_DOMAIN = 'odoo-iot.com';

/** `192-168-1-143.d73e7513.odoo-iot.com`: the IP it encodes and the certificate's hash label. */
export type BoxDnsName = { readonly name: string; readonly ip: string; readonly hash: string };

const HASH_LABEL = /^[a-z0-9]{1,63}$/;
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const NAME = /^(\d{1,3}-\d{1,3}-\d{1,3}-\d{1,3})\.([a-z0-9]{1,63})\.odoo-iot\.com\.?$/;

export function isIpv4(value: string): boolean {
  const match = IPV4.exec(value);
  return match !== null && match.slice(1).every((part) => Number(part) <= 255);
}

/** `192.168.1.143` + `d73e7513` → `192-168-1-143.d73e7513.odoo-iot.com`. */
export function boxHostname(ip: string, hash: string): string {
  if (!isIpv4(ip)) {
    throw new RangeError(`not an IPv4 address: ${ip}`);
  }
  if (!HASH_LABEL.test(hash)) {
    throw new RangeError(`not an odoo-iot hash label: ${hash}`);
  }
  return `${ip.replace(/\./g, '-')}.${hash}.${ODOO_IOT_DOMAIN}`;
}

/** Parses a box's odoo-iot name; null for anything else (nothing unparsed reaches a resolver). */
export function parseBoxDnsName(input: string): BoxDnsName | null {
  const name = input.trim().toLowerCase();
  const match = NAME.exec(name);
  if (!match) {
    return null;
  }
  const ip = (match[1] ?? '').replaceAll('-', '.');
  if (!isIpv4(ip)) {
    return null;
  }
  const hash = match[2] ?? '';
  return { name: `${match[1] ?? ''}.${hash}.${ODOO_IOT_DOMAIN}`, ip, hash };
}

/**
 * The hash label of a box certificate subject or SAN (`*.d73e7513.odoo-iot.com` or
 * `d73e7513.odoo-iot.com`), or null for anything else.
 */
export function hashFromCertificateName(name: string): string | null {
  const labels = name.trim().toLowerCase().replace(/^\*\./, '').split('.');
  if (labels.length !== 3 || labels[1] !== 'odoo-iot' || labels[2] !== 'com') {
    return null;
  }
  const hash = labels[0] ?? '';
  return HASH_LABEL.test(hash) ? hash : null;
}

/** The first odoo-iot hash among several candidate names (CN first, then SANs). */
export function hashFromCertificateNames(names: readonly string[]): string | null {
  for (const name of names) {
    const hash = hashFromCertificateName(name);
    if (hash !== null) {
      return hash;
    }
  }
  return null;
}

/** The box's HTTPS address as a browser would open it. */
export function boxHttpsUrl(hostname: string, port = 443): string {
  return port === 443 ? `https://${hostname}/` : `https://${hostname}:${port}/`;
}

/** The box's address when the user gave one (IP or URL), so its name can be derived. */
export function boxAddressOf(input: string): string | null {
  const trimmed = input.trim();
  if (isIpv4(trimmed)) {
    return trimmed;
  }
  try {
    const url = new URL(trimmed);
    return isIpv4(url.hostname) ? url.hostname : null;
  } catch {
    return null;
  }
}

import { shell } from 'electron';

import { parseBoxDnsName } from '../../core/odoo-iot-name';

/**
 * Hosts whose https pages (help, documentation, support) may open in the system browser. Every
 * other URL is refused: the app never opens arbitrary links, even ones a box or router sent us.
 */
export const HELP_LINK_HOSTS: ReadonlySet<string> = new Set([
  'www.odoo.com',
  'odoo.com',
  'support.google.com',
  'developers.google.com',
  'support.apple.com',
  'support.microsoft.com',
]);

/** odoo.com's certificates name boxes by an 8-hex-digit hash label. */
const BOX_HASH = /^[0-9a-f]{8}$/;

/**
 * A box's own HTTPS address (the certificate step's "open the box" button): only its root page
 * on the default port, so a crafted path or query can never ride along.
 */
export function isBoxHttpsAddress(url: URL): boolean {
  const name = parseBoxDnsName(url.hostname);
  return (
    name !== null &&
    name.name === url.hostname &&
    BOX_HASH.test(name.hash) &&
    url.port === '' &&
    url.pathname === '/' &&
    url.search === '' &&
    url.hash === ''
  );
}

const PRIVATE_IPV4 = /^(10\.\d{1,3}|172\.(1[6-9]|2\d|3[01])|192\.168)\.\d{1,3}\.\d{1,3}$/;

/**
 * The router's settings page (the DNS repair's "open the router" button): plain http to a private
 * IPv4 address, its root page only. Routers rarely have a certificate a browser trusts.
 */
export function isRouterAdminAddress(url: URL): boolean {
  return (
    url.protocol === 'http:' &&
    PRIVATE_IPV4.test(url.hostname) &&
    url.hostname.split('.').every((octet) => Number(octet) <= 255) &&
    url.port === '' &&
    url.pathname === '/' &&
    url.search === '' &&
    url.hash === ''
  );
}

export function isAllowedExternalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.username !== '' || url.password !== '') {
    return false;
  }
  return (
    (url.protocol === 'https:' && (HELP_LINK_HOSTS.has(url.hostname) || isBoxHttpsAddress(url))) ||
    isRouterAdminAddress(url)
  );
}

/** Opens an allowed help link in the system browser; returns whether it did. */
export function openExternalIfAllowed(raw: string): boolean {
  if (!isAllowedExternalUrl(raw)) {
    return false;
  }
  void shell.openExternal(raw);
  return true;
}

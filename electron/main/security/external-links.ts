import { shell } from 'electron';

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

/** `<a-b-c-d>.<8 hex>.odoo-iot.com`: the name odoo.com's certificate gives an IoT box. */
const BOX_HOST = /^(\d{1,3})-(\d{1,3})-(\d{1,3})-(\d{1,3})\.[0-9a-f]{8}\.odoo-iot\.com$/;

/**
 * A box's own HTTPS address (the certificate step's "open the box" button): only its root page
 * on the default port, so a crafted path or query can never ride along.
 */
export function isBoxHttpsAddress(url: URL): boolean {
  const match = BOX_HOST.exec(url.hostname);
  return (
    match !== null &&
    match.slice(1).every((octet) => Number(octet) <= 255) &&
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

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

export function isAllowedExternalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return url.protocol === 'https:' && url.username === '' && HELP_LINK_HOSTS.has(url.hostname);
}

/** Opens an allowed help link in the system browser; returns whether it did. */
export function openExternalIfAllowed(raw: string): boolean {
  if (!isAllowedExternalUrl(raw)) {
    return false;
  }
  void shell.openExternal(raw);
  return true;
}

import { createHmac, timingSafeEqual } from 'node:crypto';

/*
 * The change journal lives in a folder the user (and so anything running as the user) can write,
 * and Undo turns it into an elevated command. It is sealed with an HMAC whose key lives in the OS
 * keychain where there is one; a journal whose seal does not match is refused and touches nothing.
 * Every field is also checked again before use, so even a journal sealed with a stolen key can
 * only ask for valid DNS servers on this backend's own adapters or file.
 */

/** JSON with object keys sorted at every level: the same value always gives the same bytes. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, entry]) => entry !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function sealOf(body: unknown, key: Buffer): string {
  return createHmac('sha256', key).update(canonicalJson(body), 'utf8').digest('hex');
}

export function sealMatches(body: unknown, key: Buffer, mac: string): boolean {
  const expected = Buffer.from(sealOf(body, key), 'hex');
  const given = Buffer.from(mac, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

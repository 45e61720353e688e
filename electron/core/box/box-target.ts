import { isIP } from 'node:net';

import { fail, ok, type Failure, type Result } from '../../shared/result';
import type { BoxAddress } from '../../shared/schemas/box';

/** Where a box's Odoo HTTP server listens. Every API call of every generation goes to :8069. */
export const DEFAULT_BOX_PORT = 8069;

/**
 * A parsed box address (the shared BoxAddress): parsed once where it enters — the contract's
 * string, the CLI's argument — and passed as is from there on.
 */
export type BoxTarget = BoxAddress;

// RFC 1123 labels: letters, digits, inner hyphens; at most 253 characters in all.
const HOST_NAME =
  /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i;

/**
 * Turns what a user typed (`192.168.1.143`, `192.168.1.143:8069`, `iotbox.local`,
 * `http://192.168.1.143:8069/some/page`, `https://[fe80::1]`) into a host and port.
 * A URL's path, query and scheme are ignored on purpose: people paste the address bar of the
 * box's homepage (often `http://<ip>` on port 80, or `https://<name>`), while the API lives on
 * 8069 whatever page they copied, so only an explicit port overrides the default.
 */
export function parseBoxTarget(ref: string): Result<BoxTarget, Failure> {
  const text = ref.trim();
  if (text === '' || text.length > 2048) {
    return fail('box-address-invalid', 'empty or too long');
  }
  let host: string;
  let portText: string | undefined;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return fail('box-address-invalid', 'not a URL');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      return fail('box-address-invalid', `scheme ${url.protocol}`);
    }
    if (url.username !== '' || url.password !== '') {
      return fail('box-address-invalid', 'credentials in URL');
    }
    host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    // `new URL` drops a port equal to the scheme's default; read it back from the text.
    const explicit = /^[a-z][a-z0-9+.-]*:\/\/(?:\[[^\]]*\]|[^/:?#]*):(\d+)/i.exec(text);
    portText = explicit?.[1];
  } else {
    const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
    const hostPort = /^([^:/\s]+)(?::(\d+))?$/.exec(text);
    if (bracketed !== null) {
      host = bracketed[1] ?? '';
      portText = bracketed[2];
    } else if (isIP(text) === 6) {
      host = text;
    } else if (hostPort !== null) {
      host = hostPort[1] ?? '';
      portText = hostPort[2];
    } else {
      return fail('box-address-invalid', 'not an address');
    }
  }
  host = host.toLowerCase();
  if (isIP(host) === 0 && !HOST_NAME.test(host)) {
    return fail('box-address-invalid', 'not an IP address or host name');
  }
  if (isIP(host) === 0 && /^[\d.]+$/.test(host)) {
    // `192.168.1` or `300.1.1.1`: digits and dots that are not an IPv4 address are a typo.
    return fail('box-address-invalid', 'malformed IPv4 address');
  }
  const port = portText === undefined ? DEFAULT_BOX_PORT : Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    return fail('box-address-invalid', 'port out of range');
  }
  return ok({ host: host.replace(/\.$/, ''), port });
}

/** A contract request whose `box` string was parsed at the edge (its `*-handlers.ts`). */
export type AtBox<Request extends { readonly box: string }> = Omit<Request, 'box'> & {
  readonly box: BoxTarget;
};

/**
 * The contract's box string, parsed where it enters the core (the handlers), then handed to
 * `use` as a target; an address that is not one fails here, before anything is sent.
 */
export async function withBoxTarget<T>(
  ref: string,
  use: (target: BoxTarget) => Promise<Result<T, Failure>>,
): Promise<Result<T, Failure>> {
  const target = parseBoxTarget(ref);
  return target.ok ? use(target.value) : target;
}

/** `http://host:port` with IPv6 hosts bracketed. */
export function boxBaseUrl(target: BoxTarget): string {
  const host = isIP(target.host) === 6 ? `[${target.host}]` : target.host;
  return `http://${host}:${target.port}`;
}

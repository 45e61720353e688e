import { isIP, isIPv4, isIPv6 } from 'node:net';

import type { DnsServer } from '../ports';
import type { ServerLists } from './dns-config/config-types';

/** `8.8.8.8`, `8.8.8.8:53`, `[2001:db8::1]:53`, `2001:db8::1` → address and port. */
export function parseServerSpec(spec: string): DnsServer | null {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(spec);
  const plain = /^([\d.]+)(?::(\d+))?$/.exec(spec);
  const [address, port] = bracketed
    ? [bracketed[1], bracketed[2]]
    : plain
      ? [plain[1], plain[2]]
      : [spec, undefined];
  const portNumber = port === undefined ? 53 : Number(port);
  if (!address || isIP(address) === 0 || !(portNumber > 0 && portNumber < 65_536)) {
    return null;
  }
  return { address, port: portNumber };
}

/** `8.8.8.8:53`, `[2001:db8::1]:53`: a server as the report and the settings page show it. */
export function formatServer(server: DnsServer): string {
  return isIPv6(server.address)
    ? `[${server.address}]:${server.port}`
    : `${server.address}:${server.port}`;
}

/*
 * The reference resolvers, decided here and nowhere else: Google Public DNS by default (the
 * production reference; tests always pass lab servers), replaced field by field by what the
 * caller says (CLI options, test ports), then the environment (IOTBOX_REFERENCE_DNS,
 * IOTBOX_DOH), then the user's settings.
 */
export const GOOGLE_DNS: readonly DnsServer[] = [
  { address: '8.8.8.8', port: 53 },
  { address: '8.8.4.4', port: 53 },
];
export const GOOGLE_IPV6: readonly string[] = ['2001:4860:4860::8888', '2001:4860:4860::8844'];
export const GOOGLE_DOH = 'https://dns.google/resolve';

export type DnsReferences = {
  /** Asked over UDP (any port). */
  readonly servers: readonly DnsServer[];
  /** DNS-over-HTTPS JSON endpoint, null = off. */
  readonly dohUrl: string | null;
};
/** One source's say on the references; an absent field leaves the choice to the next source. */
export type ReferenceChoice = Partial<DnsReferences>;

/** `8.8.8.8, 9.9.9.9:5353`: every entry valid, else null (a typo never silently drops one). */
export function parseReferenceList(text: string): DnsServer[] | null {
  const items = text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  const servers = items
    .map(parseServerSpec)
    .filter((server): server is DnsServer => server !== null);
  return servers.length > 0 && servers.length === items.length ? servers : null;
}

/** `off` → null (no DoH); an http(s) URL → itself; anything else → undefined (invalid). */
export function parseDohChoice(text: string): string | null | undefined {
  const value = text.trim();
  if (value === 'off') {
    return null;
  }
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** IOTBOX_REFERENCE_DNS (comma-separated `IP[:PORT]`) and IOTBOX_DOH (a URL or `off`). */
export function referencesFromEnv(env: Readonly<Record<string, string | undefined>>): {
  readonly choice: ReferenceChoice;
  readonly problems: readonly string[];
} {
  const problems: string[] = [];
  const choice: { servers?: DnsServer[]; dohUrl?: string | null } = {};
  const servers = env['IOTBOX_REFERENCE_DNS'];
  if (servers !== undefined && servers.trim() !== '') {
    const parsed = parseReferenceList(servers);
    if (parsed === null) {
      problems.push(`IOTBOX_REFERENCE_DNS must be comma-separated IP[:PORT], got '${servers}'`);
    } else {
      choice.servers = parsed;
    }
  }
  const doh = env['IOTBOX_DOH'];
  if (doh !== undefined && doh.trim() !== '') {
    const parsed = parseDohChoice(doh);
    if (parsed === undefined) {
      problems.push(`IOTBOX_DOH must be an http(s) URL or 'off', got '${doh}'`);
    } else {
      choice.dohUrl = parsed;
    }
  }
  return { choice, problems };
}

/** The first source that says something wins, field by field; Google fills the rest. */
export function chooseReferences(...sources: readonly ReferenceChoice[]): DnsReferences {
  const servers = sources.find((source) => source.servers !== undefined)?.servers;
  const doh = sources.find((source) => source.dohUrl !== undefined);
  return {
    servers: servers && servers.length > 0 ? servers : GOOGLE_DNS,
    dohUrl: doh?.dohUrl === undefined ? GOOGLE_DOH : doh.dohUrl,
  };
}

/** Servers a change may write: only port-53 references (resolver settings have no port). */
export function fixServersFrom(references: readonly DnsServer[]): ServerLists {
  const on53 = references.filter((server) => server.port === 53);
  const ipv4 = on53.filter((server) => isIPv4(server.address)).map((server) => server.address);
  const ipv6 = on53.filter((server) => isIPv6(server.address)).map((server) => server.address);
  const isGoogle = ipv4.every((address) => address.startsWith('8.8.'));
  return { ipv4, ipv6: ipv6.length ? ipv6 : isGoogle ? [...GOOGLE_IPV6] : [] };
}

/** The user's Settings → Advanced, as a reference choice (empty fields leave Google). */
export function referencesFromSettings(settings: {
  readonly referenceDns: readonly string[];
  readonly referenceDoh: string;
}): ReferenceChoice {
  const servers = parseReferenceList(settings.referenceDns.join(','));
  const doh = settings.referenceDoh === '' ? undefined : parseDohChoice(settings.referenceDoh);
  return {
    ...(servers === null ? {} : { servers }),
    ...(doh === undefined ? {} : { dohUrl: doh }),
  };
}

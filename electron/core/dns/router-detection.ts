import { parse } from 'node-html-parser';

import type { RouterFamily, RouterInfo } from '../../shared/schemas/dns';
import type { DnsServer, HttpPort } from '../ports';

type Clue = { readonly family: RouterFamily; readonly pattern: RegExp };

// Page titles, Server headers and redirect targets of router admin pages, most specific first.
const PAGE_CLUES: readonly Clue[] = [
  { family: 'fritzbox', pattern: /fritz!?\s?box/i },
  { family: 'opnsense', pattern: /opnsense/i },
  { family: 'pfsense', pattern: /pfsense/i },
  { family: 'dd-wrt', pattern: /dd-wrt/i },
  { family: 'openwrt', pattern: /openwrt|luci|uhttpd/i },
  { family: 'unifi', pattern: /unifi|ubiquiti/i },
  { family: 'adguard-home', pattern: /adguard\s?home/i },
  { family: 'pi-hole', pattern: /pi-hole/i },
  { family: 'asus', pattern: /asus|rt-a[cx]\d/i },
];

// Default DNS search domains of router firmwares.
const DOMAIN_CLUES: Readonly<Record<string, RouterFamily>> = {
  'fritz.box': 'fritzbox',
  lan: 'openwrt',
  'home.arpa': 'pfsense',
};

/** NextDNS anycast resolvers: the filter is the resolver itself, not the router. */
function isNextDns(address: string): boolean {
  return address.startsWith('45.90.28.') || address.startsWith('45.90.30.');
}

function matchClue(text: string): RouterFamily | null {
  return PAGE_CLUES.find((clue) => clue.pattern.test(text))?.family ?? null;
}

/**
 * Guesses the router family from its admin page (title, Server header, redirect target), the
 * DNS search domain it hands out, or the DNS servers in use. Everything it reads is untrusted and
 * bounded; a router with no web page is simply `unknown`.
 */
export async function detectRouter(
  deps: { readonly http: HttpPort },
  input: {
    readonly gateway: string | null;
    readonly searchDomains: readonly string[];
    readonly dnsServers: readonly DnsServer[];
  },
  options: { readonly timeoutMs: number; readonly signal: AbortSignal },
): Promise<RouterInfo> {
  const nextDns = input.dnsServers.find((server) => isNextDns(server.address));
  if (nextDns) {
    return { address: input.gateway, family: 'nextdns', evidence: nextDns.address };
  }
  if (input.gateway !== null) {
    const page = await deps.http.request(
      {
        method: 'GET',
        url: `http://${input.gateway}/`,
        timeoutMs: options.timeoutMs,
        maxBodyBytes: 256 * 1024,
      },
      options.signal,
    );
    if (page.ok) {
      const title = parse(page.value.body).querySelector('title')?.text.trim() ?? '';
      for (const evidence of [
        title,
        page.value.headers['server'] ?? '',
        page.value.headers['location'] ?? '',
      ]) {
        const family = evidence ? matchClue(evidence) : null;
        if (family) {
          return { address: input.gateway, family, evidence: evidence.slice(0, 120) };
        }
      }
    }
  }
  for (const domain of input.searchDomains) {
    const family = DOMAIN_CLUES[domain.toLowerCase().replace(/\.$/, '')];
    if (family) {
      return { address: input.gateway, family, evidence: domain };
    }
  }
  return { address: input.gateway, family: 'unknown', evidence: null };
}

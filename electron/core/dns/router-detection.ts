import { isIPv4 } from 'node:net';

import { parse } from 'node-html-parser';
import { z } from 'zod';

import type { RouterEvidence, RouterFamily, RouterInfo } from '../../shared/schemas/dns';
import type {
  DnsServer,
  HttpPort,
  HttpResult,
  NetworkInfoPort,
  ResolverPort,
  SsdpPort,
} from '../ports';
import {
  familyOfMac,
  familyOfText,
  GATEWAY_ADDRESSES,
  LOCAL_NAMES,
  REFINES,
  ROUTER_PROFILES,
  SEARCH_DOMAINS,
} from './router-catalog';

/*
 * Recognising the router, read-only and bounded: only the gateway's own address is ever asked,
 * only with GETs of public pages (plus one UPnP "Get" query on routers that publish their DNS
 * servers that way), never with credentials, and everything it answers is untrusted text.
 */

export type RouterDetectionDeps = {
  readonly http: HttpPort;
  readonly resolver: ResolverPort;
  readonly ssdp: SsdpPort;
  readonly network: Pick<NetworkInfoPort, 'gatewayMac'>;
};

export type RouterDetectionInput = {
  readonly gateway: string | null;
  readonly searchDomains: readonly string[];
  readonly dnsServers: readonly DnsServer[];
};

/** How much each kind of clue counts: what the router says about itself beats where it sits. */
const WEIGHT: Readonly<Record<RouterEvidence['source'], number>> = {
  user: 100,
  'status-url': 6,
  'dns-server': 6,
  upnp: 5,
  'admin-page': 4,
  'local-name': 4,
  'search-domain': 2,
  'mac-vendor': 2,
  'gateway-address': 1,
};

const MAX_PAGE = 256 * 1024;
const MAX_DESCRIPTION = 64 * 1024;

const clue = (
  source: RouterEvidence['source'],
  detail: string,
  family: RouterFamily | null,
): RouterEvidence => ({
  source,
  detail: detail.replaceAll(/\s+/g, ' ').trim().slice(0, 200),
  family,
});

/** NextDNS anycast resolvers: the filter is the resolver itself, not the router. */
function isNextDns(address: string): boolean {
  return address.startsWith('45.90.28.') || address.startsWith('45.90.30.');
}

type Found = { readonly evidence: readonly RouterEvidence[]; readonly model?: string | null };
const noModel = null;
type UpnpFound = Found & { readonly upstream: readonly string[] };

/** Picks the family the clues agree on most; a reseller's box inherits its maker's clues. */
export function chooseFamily(evidence: readonly RouterEvidence[]): RouterFamily {
  const score = new Map<RouterFamily, number>();
  for (const item of evidence) {
    if (item.family !== null) {
      score.set(item.family, (score.get(item.family) ?? 0) + WEIGHT[item.source]);
    }
  }
  for (const [family, makers] of Object.entries(REFINES) as [RouterFamily, RouterFamily[]][]) {
    const own = score.get(family);
    if (own !== undefined) {
      score.set(family, own + makers.reduce((sum, maker) => sum + (score.get(maker) ?? 0), 0));
    }
  }
  let best: RouterFamily = 'unknown';
  let bestScore = 0;
  for (const [family, value] of score) {
    if (value > bestScore) {
      best = family;
      bestScore = value;
    }
  }
  return best;
}

export async function detectRouter(
  deps: RouterDetectionDeps,
  input: RouterDetectionInput,
  options: {
    readonly timeoutMs: number;
    readonly signal: AbortSignal;
    /** Ends the SSDP search early (it keeps what it has); the rest follows `signal`. */
    readonly searchSignal?: AbortSignal;
  },
): Promise<RouterInfo> {
  const gateway = input.gateway !== null && isIPv4(input.gateway) ? input.gateway : null;
  const quick: RouterEvidence[] = [];
  for (const server of input.dnsServers) {
    if (isNextDns(server.address)) {
      quick.push(clue('dns-server', server.address, 'nextdns'));
    }
  }
  for (const domain of input.searchDomains) {
    const family = SEARCH_DOMAINS[domain.toLowerCase().replace(/\.$/, '')];
    if (family) {
      quick.push(clue('search-domain', domain, family));
    }
  }
  const fromAddress = gateway === null ? undefined : GATEWAY_ADDRESSES[gateway];
  if (gateway !== null && fromAddress) {
    quick.push(clue('gateway-address', gateway, fromAddress));
  }
  if (gateway === null) {
    return routerInfo(null, quick, null, []);
  }
  const get = (url: string, maxBodyBytes = MAX_PAGE) =>
    deps.http.request(
      { method: 'GET', url, timeoutMs: options.timeoutMs, maxBodyBytes },
      options.signal,
    );
  const [names, upnp, page, status, mac] = await Promise.all([
    localNames(deps.resolver, gateway, options),
    upnpDescription(deps, gateway, get, options),
    adminPage(get, gateway),
    statusUrls(get, gateway),
    deps.network
      .gatewayMac(gateway, options.signal)
      .catch(() => null)
      .then((address): Found => {
        const family = address === null ? null : familyOfMac(address);
        return {
          evidence: address === null ? [] : [clue('mac-vendor', address.slice(0, 8), family)],
          model: noModel,
        };
      }),
  ]);
  const found = [status, upnp, page, names, mac];
  const evidence = [...found.flatMap((item) => item.evidence), ...quick];
  const model = found.map((item) => item.model).find((value) => value) ?? null;
  return routerInfo(gateway, evidence, model, upnp.upstream);
}

function routerInfo(
  gateway: string | null,
  evidence: readonly RouterEvidence[],
  model: string | null,
  upstream: readonly string[],
): RouterInfo {
  const family = chooseFamily(evidence);
  const ordered = [...evidence].sort(
    (a, b) =>
      Number(b.family === family) - Number(a.family === family) ||
      WEIGHT[b.source] - WEIGHT[a.source],
  );
  return {
    address: gateway,
    family,
    model,
    evidence: ordered.slice(0, 24),
    filterAt: null,
    upstream: [...upstream],
    adminUrl: gateway === null ? null : `http://${gateway}/`,
    localNames: [...ROUTER_PROFILES[family].localNames],
  };
}

/** The user knows their router better than our clues: their choice replaces ours. */
export function correctRouter(router: RouterInfo, family: RouterFamily): RouterInfo {
  return {
    ...router,
    family,
    model: family === router.family ? router.model : null,
    evidence: [clue('user', family, family), ...router.evidence].slice(0, 24),
    localNames: [...ROUTER_PROFILES[family].localNames],
  };
}

async function localNames(
  resolver: ResolverPort,
  gateway: string,
  options: { readonly timeoutMs: number; readonly signal: AbortSignal },
): Promise<Found> {
  const server = { address: gateway, port: 53 };
  const answers = await Promise.all(
    Object.entries(LOCAL_NAMES).map(async ([name, family]) => {
      const result = await resolver.resolve4(name, server, options);
      return result.ok && result.addresses.includes(gateway)
        ? clue('local-name', name, family)
        : null;
    }),
  );
  return {
    evidence: answers.filter((item): item is RouterEvidence => item !== null),
    model: noModel,
  };
}

function textOf(result: HttpResult): { title: string; texts: string[]; body: string } | null {
  if (!result.ok) {
    return null;
  }
  const { headers, body } = result.value;
  const title = parse(body).querySelector('title')?.text.trim() ?? '';
  const realm = /realm="([^"]{1,120})"/i.exec(headers['www-authenticate'] ?? '')?.[1] ?? '';
  return {
    title,
    texts: [title, headers['server'] ?? '', realm, headers['location'] ?? ''].filter(Boolean),
    body,
  };
}

async function adminPage(
  get: (url: string) => Promise<HttpResult>,
  gateway: string,
): Promise<Found> {
  const page = textOf(await get(`http://${gateway}/`));
  const evidence: RouterEvidence[] = [];
  for (const text of page?.texts ?? []) {
    const family = familyOfText(text);
    if (family) {
      evidence.push(clue('admin-page', text, family));
    }
  }
  return { evidence, model: noModel };
}

const VodafoneLoginConfSchema = z.object({
  data: z.object({ ModelName: z.string().max(120) }).loose(),
});

/**
 * Read-only status URLs some ISP firmwares answer without a login (the fingerprints the
 * maintained aiovodafone library uses): Technicolor Homeware, Vodafone's Technicolor and Sercomm.
 */
async function statusUrls(
  get: (url: string) => Promise<HttpResult>,
  gateway: string,
): Promise<Found> {
  const base = `http://${gateway}`;
  const [homeware, loginConf, sercomm] = await Promise.all([
    get(`${base}/login.lp?getSessionStatus=true`),
    get(`${base}/api/v1/login_conf`),
    get(`${base}/login.html`),
  ]);
  const evidence: RouterEvidence[] = [];
  let model: string | null = null;
  if (
    homeware.ok &&
    homeware.value.status === 200 &&
    /"status"\s*:\s*"alive"/.test(homeware.value.body)
  ) {
    evidence.push(clue('status-url', '/login.lp?getSessionStatus=true', 'technicolor'));
  }
  if (loginConf.ok && loginConf.value.status === 200) {
    const conf = VodafoneLoginConfSchema.safeParse(safeJson(loginConf.value.body));
    if (conf.success) {
      model = conf.data.data.ModelName.trim() || null;
      evidence.push(
        clue('status-url', `/api/v1/login_conf: ${conf.data.data.ModelName}`, 'vodafone-station'),
      );
    }
  }
  if (
    sercomm.ok &&
    sercomm.value.status === 200 &&
    sercomm.value.body.includes('var csrf_token = ')
  ) {
    evidence.push(clue('status-url', '/login.html (csrf_token)', 'vodafone-station'));
  }
  return { evidence, model };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** `<tag>value</tag>`, first occurrence, from untrusted XML (no entities, no nesting needed). */
function xmlField(xml: string, tag: string): string {
  const match = new RegExp(`<${tag}>([^<]{1,200})</${tag}>`, 'i').exec(xml);
  return match?.[1]?.trim() ?? '';
}

function sameHost(url: string, gateway: string): URL | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' && parsed.hostname === gateway && parsed.username === ''
      ? parsed
      : null;
  } catch {
    return null;
  }
}

/**
 * SSDP, then the device description at the LOCATION the gateway gave (only if it is the gateway
 * itself): maker, model and name. A FRITZ!Box also tells its Internet DNS servers through its
 * IGD's X_AVM_DE_GetDNSServer (read-only, no login, when "status over UPnP" is on).
 */
async function upnpDescription(
  deps: RouterDetectionDeps,
  gateway: string,
  get: (url: string, maxBodyBytes?: number) => Promise<HttpResult>,
  options: {
    readonly timeoutMs: number;
    readonly signal: AbortSignal;
    readonly searchSignal?: AbortSignal;
  },
): Promise<UpnpFound> {
  const signal = options.searchSignal
    ? AbortSignal.any([options.signal, options.searchSignal])
    : options.signal;
  const replies = await deps.ssdp
    .search(gateway, { timeoutMs: options.timeoutMs, signal })
    .catch(() => []);
  const locations = [
    ...new Set(
      replies
        .map((reply) => (reply.location === null ? null : sameHost(reply.location, gateway)))
        .filter((url): url is URL => url !== null)
        .map((url) => url.href),
    ),
  ].slice(0, 2);
  const evidence: RouterEvidence[] = [];
  let model: string | null = null;
  let upstream: string[] = [];
  for (const reply of replies.slice(0, 1)) {
    const family = reply.server === null ? null : familyOfText(reply.server);
    if (reply.server !== null) {
      evidence.push(clue('upnp', reply.server, family));
    }
  }
  const descriptions = await Promise.all(locations.map((url) => get(url, MAX_DESCRIPTION)));
  for (const [index, result] of descriptions.entries()) {
    if (!result.ok || result.value.status !== 200) {
      continue;
    }
    const xml = result.value.body;
    const maker = xmlField(xml, 'manufacturer');
    const modelName = xmlField(xml, 'modelName');
    const friendly = xmlField(xml, 'friendlyName');
    const text = [maker, modelName, friendly, xmlField(xml, 'modelDescription')].join(' ');
    evidence.push(
      clue('upnp', [maker, modelName || friendly].filter(Boolean).join(', '), familyOfText(text)),
    );
    model ??= modelName || friendly || null;
    const location = locations[index];
    if (/avm/i.test(maker) && location !== undefined && upstream.length === 0) {
      upstream = await avmDnsServers(deps.http, xml, location, gateway, options);
    }
  }
  return { evidence, model, upstream };
}

const WAN_IP = 'urn:schemas-upnp-org:service:WANIPConnection:1';

async function avmDnsServers(
  http: HttpPort,
  description: string,
  location: string,
  gateway: string,
  options: { readonly timeoutMs: number; readonly signal: AbortSignal },
): Promise<string[]> {
  const service = description.split(/<service>/i).find((part) => part.includes(WAN_IP));
  const controlPath = service === undefined ? '' : xmlField(service, 'controlURL');
  const control = controlPath ? sameHost(new URL(controlPath, location).href, gateway) : null;
  if (control === null) {
    return [];
  }
  const action = 'X_AVM_DE_GetDNSServer';
  const answer = await http.request(
    {
      method: 'POST',
      url: control.href,
      headers: {
        'content-type': 'text/xml; charset="utf-8"',
        soapaction: `"${WAN_IP}#${action}"`,
      },
      body:
        '<?xml version="1.0"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" ' +
        's:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"><s:Body>' +
        `<u:${action} xmlns:u="${WAN_IP}"/></s:Body></s:Envelope>`,
      timeoutMs: options.timeoutMs,
      maxBodyBytes: 16 * 1024,
    },
    options.signal,
  );
  if (!answer.ok || answer.value.status !== 200) {
    return [];
  }
  return ['NewIPv4DNSServer1', 'NewIPv4DNSServer2']
    .map((tag) => xmlField(answer.value.body, tag))
    .filter((address) => isIPv4(address) && address !== '0.0.0.0');
}

// Runs DNS lookups the way the app will (getaddrinfo and c-ares) from inside a lab namespace.
// Usage: node --import tsx dns-query.ts '{"queries":[{"name":"…","method":"lookup"}]}'
import dns from 'node:dns';
import { readFileSync } from 'node:fs';

import { assertLabTarget } from '../guard';
import type { DnsProbeInput, DnsProbeOutput, DnsQuery, DnsQueryResult } from '../probe-types';

import { errorFields, isRecord, probeInput, probeOutput } from './probe-io';

function isInput(value: unknown): value is DnsProbeInput {
  return isRecord(value) && Array.isArray(value['queries']);
}

function resolvConfServers(): string[] {
  const text = readFileSync('/etc/resolv.conf', 'utf8');
  return [...text.matchAll(/^\s*nameserver\s+(\S+)/gm)].map((match) => match[1] ?? '');
}

async function runQuery(
  query: DnsQuery,
  systemServers: readonly string[],
): Promise<DnsQueryResult> {
  const started = performance.now();
  const base = {
    name: query.name,
    method: query.method,
    ...(query.server === undefined ? {} : { server: query.server }),
  };
  // The guard runs before every send: explicit server, or whatever the OS resolver will use.
  for (const server of query.server === undefined ? systemServers : [query.server]) {
    assertLabTarget(server);
  }
  try {
    let addresses: string[];
    if (query.method === 'lookup') {
      const found = await dns.promises.lookup(query.name, { family: 4, all: true });
      addresses = found.map((entry) => entry.address);
    } else {
      const resolver = new dns.promises.Resolver({ timeout: query.timeoutMs ?? 1_000, tries: 1 });
      resolver.setServers(query.server === undefined ? [...systemServers] : [query.server]);
      addresses = await resolver.resolve4(query.name);
    }
    return { ...base, ok: true, addresses, ms: Math.round(performance.now() - started) };
  } catch (error) {
    const { code, errno } = errorFields(error);
    return {
      ...base,
      ok: false,
      addresses: [],
      ...(code === undefined ? {} : { code }),
      ...(errno === undefined ? {} : { errno }),
      ms: Math.round(performance.now() - started),
    };
  }
}

const input = probeInput(isInput);
const servers = resolvConfServers();
const results: DnsQueryResult[] = [];
// Sequential on purpose: results stay readable in dnsmasq's query log.
for (const query of input.queries) results.push(await runQuery(query, servers));
const output: DnsProbeOutput = { resolvConf: servers, results };
probeOutput(output);

import type {
  DnsDiagnoseRequest,
  DnsReport,
  ResolverProbe,
  ResolverRole,
} from '../../shared/schemas/dns';
import { fail, ok, type Failure, type Result } from '../../shared/result';
import type {
  DnsServer,
  HttpPort,
  LogPort,
  LookupPort,
  NetworkInfoPort,
  ResolverPort,
  SsdpPort,
} from '../ports';
import { boxAddressOf, parseBoxDnsName, type BoxDnsName } from '../odoo-iot-name';
import { formatServer, type DnsReferences } from './references';
import { queryDoh } from './doh-client';
import { lookupOutcome, resolverOutcome } from './probe-outcome';
import { detectRouter } from './router-detection';
import { decideVerdict, locateFilter } from './verdict';

/**
 * Per-question budgets. Every question runs at once, so the whole diagnosis costs the slowest
 * budget (about 2 s) even when several resolvers never answer; the overall deadline caps the rest.
 */
export const DNS_TIMEOUTS = {
  udpMs: 1_500,
  dohMs: 2_000,
  /** This computer's resolver (getaddrinfo), as a browser would ask it. */
  lookupMs: 2_000,
  /** Each read-only question to the router (SSDP, pages, local names). */
  routerMs: 1_000,
  gatewayMs: 1_000,
  /** Is the box at the address its name encodes (TLS, on the LAN)? */
  boxMs: 1_500,
  /** How long SSDP may still wait once every resolver has answered. */
  ssdpGraceMs: 250,
  overallMs: 2_800,
} as const;

/** Finds the box's odoo-iot name from its address (the TLS certificate it serves). */
export type BoxNameFinder = (address: string, signal: AbortSignal) => Promise<string | null>;

export type DnsDiagnosisDeps = {
  readonly resolver: ResolverPort;
  readonly lookup: LookupPort;
  readonly http: HttpPort;
  readonly ssdp: SsdpPort;
  readonly network: NetworkInfoPort;
  readonly log: LogPort;
  readonly now?: () => number;
  /** The reference resolvers and DoH endpoint in force, asked at every diagnosis. */
  readonly references: () => Promise<DnsReferences>;
  /** Finds a box's name from its address; without it only full names are accepted. */
  readonly findBoxName?: BoxNameFinder;
};

/** The resolver differential for one box name, and the verdict it supports. */
export class DnsDiagnosisService {
  readonly #deps: DnsDiagnosisDeps;

  constructor(deps: DnsDiagnosisDeps) {
    this.#deps = deps;
  }

  /** Turns what the user typed into the box's odoo-iot name. */
  async resolveTarget(target: string, signal: AbortSignal): Promise<Result<BoxDnsName, Failure>> {
    const direct = parseBoxDnsName(target);
    if (direct) {
      return ok(direct);
    }
    const address = boxAddressOf(target);
    if (address === null) {
      return fail('dns-name-invalid', 'expected <a-b-c-d>.<hash>.odoo-iot.com, a box IP or URL');
    }
    // The finder talks to the box over TLS: a refusal, a timeout or a cancel means "unknown".
    const found = this.#deps.findBoxName
      ? await this.#deps.findBoxName(address, signal).catch(() => null)
      : null;
    const parsed = found === null ? null : parseBoxDnsName(found);
    return parsed
      ? ok(parsed)
      : fail('dns-name-unknown', `no odoo-iot name learnt from ${address}`);
  }

  async diagnose(
    request: DnsDiagnoseRequest,
    signal: AbortSignal,
    onProbe: (probe: ResolverProbe) => void = () => undefined,
  ): Promise<Result<DnsReport, Failure>> {
    const now = this.#deps.now ?? Date.now;
    const started = now();
    const deadline = AbortSignal.any([signal, AbortSignal.timeout(DNS_TIMEOUTS.overallMs)]);
    const target = await this.resolveTarget(request.target, deadline);
    if (!target.ok) {
      return target;
    }
    const { name, hash } = target.value;
    const expectedIp = request.expectedIp ?? target.value.ip;
    const { network, http, resolver, ssdp } = this.#deps;
    const chosen = await this.#deps.references();
    // Given an address, the name came from the box itself; given a name, ask the box at the
    // address it encodes whether it is that box (its certificate names it).
    const boxPromise: Promise<boolean> =
      parseBoxDnsName(request.target) === null
        ? Promise.resolve(true)
        : this.#boxAnswersAs(target.value, deadline);

    const configured = network.dnsServers();
    const gatewaySignal = AbortSignal.any([deadline, AbortSignal.timeout(DNS_TIMEOUTS.gatewayMs)]);
    const gatewayPromise = network.defaultGateway(gatewaySignal).catch(() => null);
    const report = (probe: ResolverProbe): ResolverProbe => {
      onProbe(probe);
      return probe;
    };

    const systemProbe = this.#lookup(name, deadline).then(report);
    const localProbes = gatewayPromise.then((gateway) => {
      const roles = new Map<string, { server: DnsServer; roles: ResolverRole[] }>();
      for (const server of configured) {
        roles.set(formatServer(server), { server, roles: ['configured'] });
      }
      if (gateway !== null) {
        const server = { address: gateway, port: 53 };
        const entry = roles.get(formatServer(server));
        if (entry) {
          entry.roles.push('gateway');
        } else {
          roles.set(formatServer(server), { server, roles: ['gateway'] });
        }
      }
      return Promise.all(
        [...roles.values()].map((entry) =>
          this.#resolve(name, entry.server, entry.roles, deadline).then(report),
        ),
      );
    });
    const referenceProbes = Promise.all(
      chosen.servers.map((server) =>
        this.#resolve(name, server, ['reference'], deadline).then(report),
      ),
    );
    const dohUrl = chosen.dohUrl;
    const dohProbe =
      dohUrl === null
        ? Promise.resolve([])
        : this.#doh(name, dohUrl, deadline).then((probe) => [report(probe)]);
    // The SSDP search waits for a router that is slow to answer only while the resolvers are
    // still being asked anyway: once they are done it gets a short grace, so a router without
    // UPnP costs no more than that.
    const searchWindow = new AbortController();
    const routerPromise = Promise.all([
      gatewayPromise,
      network.searchDomains().catch(() => []),
    ]).then(([gateway, searchDomains]) =>
      detectRouter(
        { http, resolver, ssdp, network },
        { gateway, searchDomains, dnsServers: configured },
        {
          timeoutMs: DNS_TIMEOUTS.routerMs,
          signal: AbortSignal.any([deadline, AbortSignal.timeout(DNS_TIMEOUTS.routerMs + 200)]),
          searchSignal: searchWindow.signal,
        },
      ),
    );
    const answers = Promise.all([systemProbe, localProbes, referenceProbes, dohProbe, boxPromise]);
    void answers.then(() => setTimeout(() => searchWindow.abort(), DNS_TIMEOUTS.ssdpGraceMs));

    const [[system, local, references, doh, boxReached], router] = await Promise.all([
      answers,
      routerPromise,
    ]);
    if (signal.aborted) {
      return fail('cancelled');
    }
    const probes = [system, ...local, ...references, ...doh];
    const decision = decideVerdict(probes, {
      expectedIp,
      encodedIp: target.value.ip,
      boxReached,
    });
    // The router named its own upstream: asking it tells the router's filter from the provider's.
    const upstream =
      decision.verdict === 'rebind-blocked'
        ? await Promise.all(
            router.upstream.map((address) =>
              this.#resolve(name, { address, port: 53 }, ['upstream'], deadline).then(report),
            ),
          )
        : [];
    const allProbes = [...probes, ...upstream];
    const filterAt = locateFilter(decision.verdict, allProbes, expectedIp);
    this.#deps.log.info('dns diagnosis', {
      name,
      verdict: decision.verdict,
      router: router.family,
      filterAt,
    });
    return ok({
      name,
      hash,
      expectedIp,
      verdict: decision.verdict,
      basis: decision.basis,
      outboundDnsBlocked: decision.outboundDnsBlocked,
      boxReached,
      publishedAddresses: [...decision.publishedAddresses],
      probes: allProbes,
      router: { ...router, filterAt },
      durationMs: Math.round(now() - started),
      checkedAt: new Date().toISOString(),
    });
  }

  /** The box at the name's address serves a certificate for this very name. */
  async #boxAnswersAs(target: BoxDnsName, deadline: AbortSignal): Promise<boolean> {
    if (!this.#deps.findBoxName) {
      return false;
    }
    const signal = AbortSignal.any([deadline, AbortSignal.timeout(DNS_TIMEOUTS.boxMs)]);
    const found = await this.#deps.findBoxName(target.ip, signal).catch(() => null);
    return found !== null && parseBoxDnsName(found)?.name === target.name;
  }

  /** The OS resolver alone: what a browser on this computer gets. */
  async lookupOnly(name: string, signal: AbortSignal): Promise<ResolverProbe> {
    return this.#lookup(name, signal);
  }

  async #lookup(name: string, signal: AbortSignal): Promise<ResolverProbe> {
    const started = performance.now();
    const result = await this.#deps.lookup.lookup(name, {
      timeoutMs: DNS_TIMEOUTS.lookupMs,
      signal,
    });
    const ms = Math.round(performance.now() - started);
    return result.ok
      ? probe(['system'], 'system', 'answer', result.addresses, null, null, ms)
      : probe(
          ['system'],
          'system',
          lookupOutcome(result.code, result.errno),
          [],
          result.code,
          result.errno ?? null,
          ms,
        );
  }

  async #resolve(
    name: string,
    server: DnsServer,
    roles: ResolverRole[],
    signal: AbortSignal,
  ): Promise<ResolverProbe> {
    const started = performance.now();
    const result = await this.#deps.resolver.resolve4(name, server, {
      timeoutMs: DNS_TIMEOUTS.udpMs,
      signal,
    });
    const ms = Math.round(performance.now() - started);
    const address = formatServer(server);
    return result.ok
      ? probe(roles, address, 'answer', result.addresses, null, null, ms)
      : probe(roles, address, resolverOutcome(result.code), [], result.code, null, ms);
  }

  async #doh(name: string, url: string, signal: AbortSignal): Promise<ResolverProbe> {
    const started = performance.now();
    const result = await queryDoh(this.#deps.http, url, name, {
      timeoutMs: DNS_TIMEOUTS.dohMs,
      signal,
    });
    const ms = Math.round(performance.now() - started);
    return probe(['doh'], url, result.outcome, [...result.addresses], result.error, null, ms);
  }
}

function probe(
  roles: ResolverRole[],
  address: string,
  outcome: ResolverProbe['outcome'],
  addresses: readonly string[],
  error: string | null,
  errno: number | null,
  ms: number,
): ResolverProbe {
  return { roles, address, outcome, addresses: [...addresses], error, errno, ms };
}

import { isIPv4, isIPv6 } from 'node:net';

import type { DnsReport } from '../../shared/schemas/dns';
import { ok } from '../../shared/result';
import { createNodeCommand } from '../adapters/node-command';
import { createNodeHttp } from '../adapters/node-http';
import { createNodeLookup } from '../adapters/node-lookup';
import { createNodeNetworkInfo } from '../adapters/node-network-info';
import { createNodeResolver } from '../adapters/node-resolver';
import { createNodeTextFile } from '../adapters/node-text-file';
import type { ActivityTracker } from '../activity';
import type { Handlers } from '../dispatch';
import type {
  CommandPort,
  DnsServer,
  EventSink,
  HttpPort,
  JsonFilePort,
  LogPort,
  LookupPort,
  ResolverPort,
} from '../ports';
import { verifyBoxHttps } from '../tls/https-verifier';
import { DnsChangeService, type DnsConfigProvider } from './dns-config/dns-change-service';
import { createDnsConfig } from './dns-config/select-backend';
import { DnsDiagnosisService, GOOGLE_DNS, GOOGLE_DOH } from './dns-diagnosis-service';
import type { NetworkInfoPort, TextFilePort } from './dns-ports';
import { buildFixPlans, GOOGLE_IPV6 } from './fix-plans';
import { recheckBox } from './recheck';

/** What the DNS repair can be given instead of the real computer (tests, the preview, the lab). */
export type DnsPorts = {
  readonly resolver?: ResolverPort;
  readonly lookup?: LookupPort;
  readonly http?: HttpPort;
  readonly command?: CommandPort;
  readonly files?: TextFilePort;
  readonly network?: NetworkInfoPort;
  /** Reference resolvers over UDP (default Google); also the servers a change applies. */
  readonly references?: readonly DnsServer[];
  /** DoH JSON endpoint (default Google), null = off. */
  readonly dohUrl?: string | null;
  /** The change journal in the app's data folder; without it changes are refused. */
  readonly journal?: JsonFilePort;
  /** How this computer's DNS is changed (default: detected; the preview passes a fake). */
  readonly config?: DnsConfigProvider;
  readonly platform?: NodeJS.Platform;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** resolv.conf to read and manage on Linux (tests and the lab). */
  readonly resolvConfPath?: string;
  /** PEM CAs the re-check trusts besides the system store (the lab CA). */
  readonly extraCa?: readonly string[];
  readonly confirmWindowMs?: number;
  /** Servers a change applies, when not the port-53 references (tests on loopback ports). */
  readonly fixServers?: { readonly ipv4: readonly string[]; readonly ipv6: readonly string[] };
};

export type DnsServices = {
  readonly diagnosis: DnsDiagnosisService;
  readonly change: DnsChangeService;
  readonly plans: (report: DnsReport) => ReturnType<typeof buildFixPlans>;
  readonly recheck: (
    name: string,
    expectedIp: string,
    signal: AbortSignal,
  ) => ReturnType<typeof recheckBox>;
  /** The servers a "this computer" change applies: the IPv4 references, Google's IPv6. */
  readonly fixServers: { readonly ipv4: readonly string[]; readonly ipv6: readonly string[] };
};

/** Servers a change may write: only port-53 references (resolver settings have no port). */
export function fixServersFrom(references: readonly DnsServer[]): {
  ipv4: string[];
  ipv6: string[];
} {
  const on53 = references.filter((server) => server.port === 53);
  const ipv4 = on53.filter((server) => isIPv4(server.address)).map((server) => server.address);
  const ipv6 = on53.filter((server) => isIPv6(server.address)).map((server) => server.address);
  const isGoogle = ipv4.every((address) => address.startsWith('8.8.'));
  return { ipv4, ipv6: ipv6.length ? ipv6 : isGoogle ? [...GOOGLE_IPV6] : [] };
}

export function createDnsServices(
  ports: DnsPorts & { readonly log: LogPort; readonly onAutoRollback?: DnsChangeServiceHook },
): DnsServices {
  const platform = ports.platform ?? process.platform;
  const env = ports.env ?? process.env;
  const command = ports.command ?? createNodeCommand();
  const files = ports.files ?? createNodeTextFile();
  const http = ports.http ?? createNodeHttp();
  const lookup = ports.lookup ?? createNodeLookup();
  const resolvConfPath = ports.resolvConfPath ?? env['IOTBOX_RESOLV_CONF'];
  const references = ports.references ?? GOOGLE_DNS;
  const now = () => new Date();
  const verifierDeps = {
    lookup,
    now,
    ...(ports.extraCa === undefined ? {} : { extraCa: ports.extraCa }),
    timeoutMs: 3_000,
  };
  const diagnosis = new DnsDiagnosisService({
    resolver: ports.resolver ?? createNodeResolver(),
    lookup,
    http,
    network:
      ports.network ??
      createNodeNetworkInfo({
        command,
        platform,
        ...(resolvConfPath === undefined ? {} : { resolvConfPath }),
      }),
    log: ports.log,
    references,
    dohUrl: ports.dohUrl === undefined ? GOOGLE_DOH : ports.dohUrl,
    // The TLS inspector learns the name from the certificate the box serves (any generation).
    findBoxName: async (address, signal) =>
      (await verifyBoxHttps({ ip: address, via: 'ip' }, verifierDeps, signal)).hostname,
  });
  const fixServers = ports.fixServers ?? fixServersFrom(references);
  const config: DnsConfigProvider =
    ports.config ??
    (() =>
      createDnsConfig(
        { command, files },
        {
          platform,
          env,
          uid: typeof process.getuid === 'function' ? process.getuid() : null,
          ...(resolvConfPath === undefined ? {} : { resolvConfPath }),
        },
        new AbortController().signal,
      ));
  const change = new DnsChangeService({
    config: ports.journal ? config : () => Promise.resolve({ backend: null, runner: noRunner }),
    journal: ports.journal ?? missingJournal,
    lookup,
    log: ports.log,
    ...(ports.confirmWindowMs === undefined ? {} : { confirmWindowMs: ports.confirmWindowMs }),
    ...(ports.onAutoRollback ? { onAutoRollback: ports.onAutoRollback } : {}),
  });
  return {
    diagnosis,
    change,
    plans: (report) =>
      buildFixPlans(report, {
        fixServers: fixServers.ipv4,
        canChangeThisDevice: ports.journal !== undefined && fixServers.ipv4.length > 0,
      }),
    recheck: (name, expectedIp, signal) =>
      recheckBox({ diagnosis, verifierDeps }, name, expectedIp, signal),
    fixServers,
  };
}

type DnsChangeServiceHook = NonNullable<
  ConstructorParameters<typeof DnsChangeService>[0]['onAutoRollback']
>;

const noRunner = { run: () => Promise.resolve({ ok: true } as const) };
const missingJournal: JsonFilePort = {
  read: () => Promise.resolve(undefined),
  write: () => Promise.reject(new Error('no journal file configured')),
};

export function dnsHandlers(
  services: DnsServices,
  events: EventSink,
  activity: ActivityTracker,
): Pick<
  Handlers,
  | 'dns:diagnose'
  | 'dns:plan'
  | 'dns:apply-fix'
  | 'dns:confirm-fix'
  | 'dns:restore'
  | 'dns:get-journal'
  | 'dns:recheck'
> {
  // From apply until kept, undone or rolled back, an update restart must wait.
  let endChange: (() => void) | null = null;
  const settle = <T>(result: T): T => {
    endChange?.();
    endChange = null;
    return result;
  };
  return {
    'dns:diagnose': ([request], { signal }) =>
      services.diagnosis.diagnose(request, signal, (probe) =>
        events.emit('dns:resolver-answered', probe),
      ),
    'dns:plan': ([report]) => Promise.resolve(ok(services.plans(report))),
    'dns:apply-fix': async ([request], { signal }) => {
      endChange ??= activity.begin('dns-change');
      const result = await services.change.apply(
        { ...request, servers: services.fixServers },
        signal,
      );
      return result.ok ? result : settle(result);
    },
    'dns:confirm-fix': async ([request]) => settle(await services.change.confirm(request.id)),
    'dns:restore': async (_args, { signal }) => settle(await services.change.restore(signal)),
    'dns:get-journal': () => services.change.current(),
    'dns:recheck': async ([request], { signal }) =>
      ok(await services.recheck(request.name, request.expectedIp, signal)),
  };
}

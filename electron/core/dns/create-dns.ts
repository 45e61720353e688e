import { homedir } from 'node:os';
import { isIPv4, isIPv6 } from 'node:net';

import type { Language } from '../../shared/languages';
import { locales } from '../../shared/locales';
import type { DnsReport } from '../../shared/schemas/dns';
import { ok } from '../../shared/result';
import { createNodeCommand } from '../adapters/node-command';
import { createNodeScratchFile } from '../adapters/node-scratch-file';
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
  LogPort,
  LookupPort,
  ResolverPort,
} from '../ports';
import { verifyBoxHttps } from '../tls/https-verifier';
import type { TlsPort } from '../tls/tls-inspector';
import { browsersBypassingOsDns } from './dns-config/browser-secure-dns';
import {
  DnsChangeService,
  type DnsChangeAction,
  type DnsConfigProvider,
} from './dns-config/dns-change-service';
import { createDnsConfig } from './dns-config/select-backend';
import { DnsDiagnosisService, GOOGLE_DNS, GOOGLE_DOH } from './dns-diagnosis-service';
import type { DnsJournalStore, NetworkInfoPort, ScratchFilePort, TextFilePort } from './dns-ports';
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
  /** The change journal, lock and key in the app's data folder; without it changes are refused. */
  readonly journal?: DnsJournalStore;
  /** Windows: where the elevated batch file is written (default: a private temp folder). */
  readonly scratch?: ScratchFilePort;
  /** Windows: the app window's handle (decimal), so the UAC prompt opens in front of it. */
  readonly promptOwner?: () => string | null;
  /** The language of the administrator prompt's text (macOS shows it in its dialog). */
  readonly language?: () => Promise<Language>;
  /** The user's home folder, where browsers keep their settings (default: os.homedir()). */
  readonly home?: string;
  /** How this computer's DNS is changed (default: detected; the preview passes a fake). */
  readonly config?: DnsConfigProvider;
  readonly platform?: NodeJS.Platform;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** resolv.conf to read and manage on Linux (tests and the lab). */
  readonly resolvConfPath?: string;
  /** PEM CAs the re-check trusts besides the system store (the lab CA). */
  readonly extraCa?: readonly string[];
  /** Node's TLS when omitted (learning a box's name, the re-check). */
  readonly tls?: TlsPort;
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

/** A locale string by its dotted key ('' when absent). */
function textAt(messages: unknown, key: string): string {
  const value = key
    .split('.')
    .reduce<unknown>(
      (node, part) =>
        typeof node === 'object' && node !== null
          ? (node as Record<string, unknown>)[part]
          : undefined,
      messages,
    );
  return typeof value === 'string' ? value : '';
}

/** The administrator prompt's text: what is about to change, in the user's language. */
export function promptText(
  language: Language,
  action: DnsChangeAction,
  adapters: readonly string[],
): string {
  const template = textAt(locales[language], `dns.prompt.${action}`);
  return template.replace('{{adapters}}', adapters.join(', '));
}

export function createDnsServices(
  ports: DnsPorts & {
    readonly log: LogPort;
    readonly onAutoRollback?: DnsChangeServiceHook;
    readonly onPrompt?: (action: DnsChangeAction) => void;
  },
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
    ...(ports.tls === undefined ? {} : { tls: ports.tls }),
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
  const scratch = ports.scratch ?? createNodeScratchFile();
  const config: DnsConfigProvider =
    ports.config ??
    (() =>
      createDnsConfig(
        { command, files, scratch, ...(ports.promptOwner ? { owner: ports.promptOwner } : {}) },
        {
          platform,
          env,
          uid: typeof process.getuid === 'function' ? process.getuid() : null,
          ...(resolvConfPath === undefined ? {} : { resolvConfPath }),
        },
        new AbortController().signal,
      ));
  const journal = ports.journal;
  const change = new DnsChangeService({
    config: journal ? config : () => Promise.resolve({ backend: null, runner: noRunner }),
    store: journal ?? missingStore,
    lookup,
    log: ports.log,
    promptText: async (action, adapters) =>
      promptText((await ports.language?.()) ?? 'en', action, adapters),
    // Only for this computer's own settings: an injected configuration is not this computer.
    ...(ports.config
      ? {}
      : {
          browserWarnings: () =>
            browsersBypassingOsDns(files, { platform, env, home: ports.home ?? homedir() }),
        }),
    ...(ports.confirmWindowMs === undefined ? {} : { confirmWindowMs: ports.confirmWindowMs }),
    ...(ports.onAutoRollback ? { onAutoRollback: ports.onAutoRollback } : {}),
    ...(ports.onPrompt ? { onPrompt: ports.onPrompt } : {}),
  });
  return {
    diagnosis,
    change,
    plans: (report) =>
      buildFixPlans(report, {
        fixServers: fixServers.ipv4,
        canChangeThisDevice: journal !== undefined && fixServers.ipv4.length > 0,
      }),
    recheck: (name, expectedIp, signal) =>
      recheckBox({ diagnosis, verifierDeps }, name, expectedIp, signal),
    fixServers,
  };
}

type DnsChangeServiceHook = NonNullable<
  ConstructorParameters<typeof DnsChangeService>[0]['onAutoRollback']
>;

const noRunner = { prompts: false, run: () => Promise.resolve({ ok: true } as const) };
const missingStore: DnsJournalStore = {
  file: {
    read: () => Promise.resolve(undefined),
    write: () => Promise.reject(new Error('no journal file configured')),
  },
  lock: { acquire: () => Promise.resolve(() => Promise.resolve()) },
  key: { key: () => Promise.reject(new Error('no journal key configured')) },
};

export function dnsHandlers(
  services: DnsServices,
  events: EventSink,
  activity: ActivityTracker,
): Pick<
  Handlers,
  | 'dns:diagnose'
  | 'dns:plan'
  | 'dns:preview-fix'
  | 'dns:apply-fix'
  | 'dns:confirm-fix'
  | 'dns:restore'
  | 'dns:forget'
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
    'dns:preview-fix': (_args, { signal }) => services.change.preview(signal),
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
    'dns:forget': async () => settle(await services.change.forget()),
    'dns:get-journal': () => services.change.current(),
    'dns:recheck': async ([request], { signal }) =>
      ok(await services.recheck(request.name, request.expectedIp, signal)),
  };
}

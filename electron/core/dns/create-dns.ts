import { homedir } from 'node:os';
import { isIPv4, isIPv6 } from 'node:net';

import type { Language } from '../../shared/languages';
import { locales, messageAt } from '../../shared/locales';
import type { DnsPlan, DnsReport, RouterFamily } from '../../shared/schemas/dns';
import { ok } from '../../shared/result';
import { createNodeCommand } from '../adapters/node-command';
import { createNodeScratchFile } from '../adapters/node-scratch-file';
import { createNodeHttp } from '../adapters/node-http';
import { createNodeLookup } from '../adapters/node-lookup';
import { createNodeNetworkInfo, parseServerSpec } from '../adapters/node-network-info';
import { createNodeResolver } from '../adapters/node-resolver';
import { createNodeSsdp } from '../adapters/node-ssdp';
import { createNodeTextFile } from '../adapters/node-text-file';
import type { ActivityTracker } from '../activity';
import type { Handlers } from '../dispatch';
import type {
  CommandPort,
  DnsJournalStore,
  DnsServer,
  EventSink,
  HttpPort,
  LogPort,
  LookupPort,
  NetworkInfoPort,
  ResolverPort,
  ScratchFilePort,
  SsdpPort,
  TextFilePort,
  TlsPort,
} from '../ports';
import { verifyBoxHttps } from '../tls/https-verifier';
import { browsersBypassingOsDns } from './dns-config/browser-secure-dns';
import type { ServerLists } from './dns-config/config-types';
import {
  DnsChangeService,
  type DnsChangeAction,
  type DnsConfigProvider,
} from './dns-config/dns-change-service';
import { createDnsConfig, SYSTEM_RESOLV_CONF } from './dns-config/select-backend';
import { DnsDiagnosisService, formatServer } from './dns-diagnosis-service';
import { buildFixPlans } from './fix-plans';
import { recheckBox } from './recheck';
import { correctRouter } from './router-detection';

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

/** What the DNS repair can be given instead of the real computer (tests, the preview, the lab). */
export type DnsPorts = {
  readonly resolver?: ResolverPort;
  readonly lookup?: LookupPort;
  readonly http?: HttpPort;
  readonly command?: CommandPort;
  readonly files?: TextFilePort;
  readonly network?: NetworkInfoPort;
  readonly ssdp?: SsdpPort;
  /** Reference resolvers over UDP; beats the environment and the settings. */
  readonly references?: readonly DnsServer[];
  /** DoH JSON endpoint, null = off; beats the environment and the settings. */
  readonly dohUrl?: string | null;
  /** The user's choice (Settings → Advanced), read at every diagnosis. */
  readonly settingsReferences?: () => Promise<ReferenceChoice>;
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
  /** resolv.conf to read and manage on Linux (tests and the lab); else IOTBOX_RESOLV_CONF. */
  readonly resolvConfPath?: string;
  /** PEM CAs the re-check trusts besides the system store (the lab CA). */
  readonly extraCa?: readonly string[];
  /** Node's TLS when omitted (learning a box's name, the re-check). */
  readonly tls?: TlsPort;
  readonly confirmWindowMs?: number;
  /** Servers a change applies, when not the port-53 references (tests on loopback ports). */
  readonly fixServers?: ServerLists;
};

export type DnsServices = {
  readonly diagnosis: DnsDiagnosisService;
  readonly change: DnsChangeService;
  /** The fixes for a report, for the router the user chose when they corrected ours. */
  readonly plans: (report: DnsReport, router?: RouterFamily) => Promise<DnsPlan>;
  readonly recheck: (
    name: string,
    expectedIp: string,
    signal: AbortSignal,
  ) => ReturnType<typeof recheckBox>;
  /** The servers a "this computer" change applies: the IPv4 references, Google's IPv6. */
  readonly fixServers: () => Promise<ServerLists>;
  /** The references in force now (for the report and the settings page). */
  readonly references: () => Promise<DnsReferences>;
  /** Which references the environment imposes over the settings. */
  readonly fromEnv: { readonly servers: boolean; readonly doh: boolean };
};

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

/** The administrator prompt's text: what is about to change, in the user's language. */
export function promptText(
  language: Language,
  action: DnsChangeAction,
  adapters: readonly string[],
): string {
  const template = messageAt(locales[language], `dns.prompt.${action}`) ?? '';
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
  const resolver = ports.resolver ?? createNodeResolver();
  const resolvConfPath = ports.resolvConfPath ?? env['IOTBOX_RESOLV_CONF'] ?? SYSTEM_RESOLV_CONF;
  const fromEnv = referencesFromEnv(env);
  for (const problem of fromEnv.problems) {
    ports.log.warn('ignoring a DNS reference setting', { problem });
  }
  const explicit: ReferenceChoice = {
    ...(ports.references === undefined ? {} : { servers: ports.references }),
    ...(ports.dohUrl === undefined ? {} : { dohUrl: ports.dohUrl }),
  };
  const references = async (): Promise<DnsReferences> =>
    chooseReferences(
      explicit,
      fromEnv.choice,
      ports.settingsReferences ? await ports.settingsReferences().catch(() => ({})) : {},
    );
  const now = () => new Date();
  const verifierDeps = {
    lookup,
    now,
    ...(ports.extraCa === undefined ? {} : { extraCa: ports.extraCa }),
    ...(ports.tls === undefined ? {} : { tls: ports.tls }),
    timeoutMs: 3_000,
  };
  const diagnosis = new DnsDiagnosisService({
    resolver,
    lookup,
    http,
    ssdp: ports.ssdp ?? createNodeSsdp(),
    network: ports.network ?? createNodeNetworkInfo({ command, platform, env, resolvConfPath }),
    log: ports.log,
    references,
    // The TLS inspector learns the name from the certificate the box serves (any generation).
    findBoxName: async (address, signal) =>
      (await verifyBoxHttps({ ip: address, via: 'ip' }, verifierDeps, signal)).hostname,
  });
  const fixServers = async (): Promise<ServerLists> =>
    ports.fixServers ?? fixServersFrom((await references()).servers);
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
          resolvConfPath,
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
    // The report may come back from the renderer: the servers always come from here.
    plans: async (report, router) => {
      const servers = await fixServers();
      const chosen = router === undefined ? report.router : correctRouter(report.router, router);
      return {
        router: chosen,
        plans: buildFixPlans(
          { ...report, router: chosen },
          {
            fixServers: servers,
            canChangeThisDevice: journal !== undefined && servers.ipv4.length > 0,
          },
        ),
      };
    },
    recheck: (name, expectedIp, signal) =>
      recheckBox({ diagnosis, verifierDeps }, name, expectedIp, signal),
    fixServers,
    references,
    fromEnv: {
      servers: fromEnv.choice.servers !== undefined,
      doh: fromEnv.choice.dohUrl !== undefined,
    },
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
  | 'dns:references'
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
    'dns:plan': async ([report, router]) => ok(await services.plans(report, router ?? undefined)),
    'dns:preview-fix': (_args, { signal }) => services.change.preview(signal),
    'dns:apply-fix': async ([request], { signal }) => {
      endChange ??= activity.begin('dns-change');
      const result = await services.change.apply(
        { ...request, servers: await services.fixServers() },
        signal,
      );
      return result.ok ? result : settle(result);
    },
    'dns:confirm-fix': async ([request]) => settle(await services.change.confirm(request.id)),
    'dns:restore': async (_args, { signal }) => settle(await services.change.restore(signal)),
    'dns:forget': async () => settle(await services.change.forget()),
    'dns:get-journal': () => services.change.current(),
    'dns:references': async () => {
      const current = await services.references();
      return ok({
        servers: current.servers.map(formatServer),
        dohUrl: current.dohUrl,
        fromEnv: services.fromEnv,
      });
    },
    'dns:recheck': async ([request], { signal }) =>
      ok(await services.recheck(request.name, request.expectedIp, signal)),
  };
}

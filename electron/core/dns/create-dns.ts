import type { Language } from '../../shared/languages';
import { locales, messageAt } from '../../shared/locales';
import type { DnsPlan, DnsReport, RouterFamily } from '../../shared/schemas/dns';
import type { DnsJournalStore, DnsServer, Ports } from '../ports';
import { verifyBoxHttps, type VerifyBoxHttpsDeps } from '../tls/https-verifier';
import { browsersBypassingOsDns } from './dns-config/browser-secure-dns';
import type { ServerLists } from './dns-config/config-types';
import {
  DnsChangeService,
  type DnsChangeAction,
  type DnsConfigProvider,
} from './dns-config/dns-change-service';
import { createDnsConfig } from './dns-config/select-backend';
import { DnsDiagnosisService } from './dns-diagnosis-service';
import { buildFixPlans } from './fix-plans';
import { recheckBox } from './recheck';
import {
  chooseReferences,
  fixServersFrom,
  referencesFromEnv,
  type DnsReferences,
  type ReferenceChoice,
} from './references';
import { correctRouter } from './router-detection';

export type DnsOptions = {
  /** Reference resolvers over UDP; beats the environment and the settings. */
  readonly references?: readonly DnsServer[];
  /** DoH JSON endpoint, null = off; beats the environment and the settings. */
  readonly dohUrl?: string | null;
  /** Servers a change applies, when not the port-53 references (tests on loopback ports). */
  readonly fixServers?: ServerLists;
  /** PEM CAs the re-check trusts besides the system store (the lab CA). */
  readonly extraCa?: readonly string[];
  readonly confirmWindowMs?: number;
  /** A stand-in for this computer's DNS settings (tests, the preview); detected when absent. */
  readonly config?: DnsConfigProvider;
};

/** What the DNS work asks the rest of the core: the user's language and settings. */
export type DnsHooks = {
  /** The language of the administrator prompt's text (macOS shows it in its dialog). */
  readonly language: () => Promise<Language>;
  /** The user's choice (Settings → Advanced), read at every diagnosis. */
  readonly settingsReferences: () => Promise<ReferenceChoice>;
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

/** The administrator prompt's text: what is about to change, in the user's language. */
export function promptText(
  language: Language,
  action: DnsChangeAction,
  adapters: readonly string[],
): string {
  const template = messageAt(locales[language], `dns.prompt.${action}`) ?? '';
  return template.replace('{{adapters}}', adapters.join(', '));
}

type DnsPorts = Pick<
  Ports,
  | 'resolver'
  | 'lookup'
  | 'http'
  | 'tls'
  | 'command'
  | 'textFiles'
  | 'scratch'
  | 'networkInfo'
  | 'ssdp'
  | 'system'
  | 'log'
  | 'events'
  | 'dnsJournal'
  | 'promptOwner'
>;

/** The DNS diagnosis, this computer's DNS change, and the references both compare with. */
export function createDnsServices(
  ports: DnsPorts,
  hooks: DnsHooks,
  options: DnsOptions = {},
): DnsServices {
  const { system, log } = ports;
  const fromEnv = referencesFromEnv(system.env);
  for (const problem of fromEnv.problems) {
    log.warn('ignoring a DNS reference setting', { problem });
  }
  const explicit: ReferenceChoice = {
    ...(options.references === undefined ? {} : { servers: options.references }),
    ...(options.dohUrl === undefined ? {} : { dohUrl: options.dohUrl }),
  };
  const references = async (): Promise<DnsReferences> =>
    chooseReferences(explicit, fromEnv.choice, await hooks.settingsReferences().catch(() => ({})));
  const verifierDeps: VerifyBoxHttpsDeps = {
    lookup: ports.lookup,
    tls: ports.tls,
    now: () => new Date(),
    ...(options.extraCa === undefined ? {} : { extraCa: options.extraCa }),
    timeoutMs: 3_000,
    lookupTimeoutMs: 2_000,
  };
  const diagnosis = new DnsDiagnosisService({
    resolver: ports.resolver,
    lookup: ports.lookup,
    http: ports.http,
    ssdp: ports.ssdp,
    network: ports.networkInfo,
    log,
    references,
    // The TLS inspector learns the name from the certificate the box serves (any generation).
    findBoxName: async (address, signal) =>
      (await verifyBoxHttps({ ip: address, via: 'ip' }, verifierDeps, signal)).hostname,
  });
  const fixServers = async (): Promise<ServerLists> =>
    options.fixServers ?? fixServersFrom((await references()).servers);
  const config: DnsConfigProvider =
    options.config ??
    (() =>
      createDnsConfig(
        {
          command: ports.command,
          files: ports.textFiles,
          scratch: ports.scratch,
          ...(ports.promptOwner ? { owner: ports.promptOwner } : {}),
        },
        system,
        new AbortController().signal,
      ));
  const journal = ports.dnsJournal;
  const change = new DnsChangeService({
    config: journal ? config : () => Promise.resolve({ backend: null, runner: noRunner }),
    store: journal ?? missingStore,
    lookup: ports.lookup,
    log,
    promptText: async (action, adapters) => promptText(await hooks.language(), action, adapters),
    // Only for this computer's own settings: a stand-in configuration is not this computer.
    ...(options.config
      ? {}
      : { browserWarnings: () => browsersBypassingOsDns(ports.textFiles, system) }),
    ...(options.confirmWindowMs === undefined ? {} : { confirmWindowMs: options.confirmWindowMs }),
    onAutoRollback: (summary) => ports.events.emit('dns:fix-rolled-back', summary),
    onPrompt: (action) => ports.events.emit('dns:prompt-waiting', { action }),
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

const noRunner = { prompts: false, run: () => Promise.resolve({ ok: true } as const) };
const missingStore: DnsJournalStore = {
  file: {
    read: () => Promise.resolve(undefined),
    write: () => Promise.reject(new Error('no journal file configured')),
  },
  lock: { acquire: () => Promise.resolve(() => Promise.resolve()) },
  key: { key: () => Promise.reject(new Error('no journal key configured')) },
};

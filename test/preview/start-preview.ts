import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { defaultDataDir } from '../../electron/cli/cli-core';
import { silentLog } from '../../electron/core/adapters/console-log';
import { createDnsJournalStore } from '../../electron/core/adapters/dns-journal-store';
import { createJsonFile } from '../../electron/core/adapters/json-file';
import { createNodePorts } from '../../electron/core/adapters/node-ports';
import type { CertificateOptions } from '../../electron/core/certificate/create-certificate';
import { createCore } from '../../electron/core/create-core';
import type { DiscoveryDefaults } from '../../electron/core/discovery/create-discovery';
import type { DnsOptions } from '../../electron/core/dns/create-dns';
import type {
  DnsJournalStore,
  LogPort,
  NodePorts,
  ReportSaverPort,
} from '../../electron/core/ports';
import packageJson from '../../package.json';
import { createBridgeEventHub, startBridgeServer, type BridgeServer } from './bridge-server';
import {
  labCertificateOptions,
  labDiscoveryDefaults,
  labDnsOptions,
  labPorts,
} from './lab-confinement';
import { PREVIEW_DNS, PREVIEW_NETWORK_PORTS } from './preview-dns';

export const PREVIEW_DIR = fileURLToPath(new URL('../../out-preview', import.meta.url));

/** The simulated boxes' loopback range (`npm run lab` uses 127.0.0.11–14); no mDNS. */
export const PREVIEW_DISCOVERY: DiscoveryDefaults = {
  subnets: ['127.0.0.8/29'],
  mdns: false,
  localhost: false,
};

/**
 * Certificate checks from the preview: box names resolve only to the loopback address they
 * encode (PREVIEW_NETWORK_PORTS), and this computer's odoo.com check goes to a loopback port
 * where nothing listens. Trust for lab certificates comes from NODE_EXTRA_CA_CERTS (printed by
 * `npm run lab`).
 */
export const PREVIEW_CERTIFICATE = {
  odooComUrl: 'http://127.0.0.1:9/',
} satisfies CertificateOptions;

export type Preview = BridgeServer & { readonly dataDir: string };

/** The preview has no save dialog: reports go to `<dataDir>/reports/<name>.html` and `.json`. */
export function previewReportSaver(dataDir: string): ReportSaverPort {
  return {
    async save({ html, json, suggestedName }) {
      const folder = join(dataDir, 'reports');
      await mkdir(folder, { recursive: true });
      const name = basename(suggestedName);
      const page = join(folder, `${name}.html`);
      await writeFile(page, html);
      await writeFile(join(folder, `${name}.json`), json);
      return page;
    },
  };
}

/** The real core in Node behind the loopback bridge, serving the preview build of the renderer. */
export async function startPreview(
  options: {
    port?: number;
    dataDir?: string;
    log?: LogPort;
    /**
     * Stand-ins for this computer's adapters: HTTP through a port forward, an OS keychain for
     * "remember the enterprise code", a resolver reading a test's resolv.conf… In lab mode every
     * port that sends or listens is still confined to the lab, whatever is passed here.
     */
    ports?: Partial<NodePorts>;
    /** The DNS change journal; the lab keeps none unless a test passes one (changes refused). */
    dnsJournal?: DnsJournalStore;
    /** What the wizard's search may touch; loopback only unless a test says otherwise. */
    discovery?: DiscoveryDefaults;
    /** Certificate checks: the odoo.com check on loopback unless a test says otherwise. */
    certificate?: CertificateOptions;
    /** DNS repair: loopback-only references unless a test passes its own (never the real DNS). */
    dns?: DnsOptions;
    /** Pairing: how long a box may show no code before the wizard says why (tests shorten it). */
    noCodeAfterMs?: number;
    /**
     * `lab` (default, every test): discovery, certificate and DNS confined to loopback and the
     * lab's subnets; options above may choose lab addresses and stand-ins, never real ones.
     * `real`: the checks a user runs on their own network (`npm run preview`), with the DNS
     * change journal in a data folder that outlives the preview (so a change made here can
     * always be undone); options above override its defaults.
     */
    network?: 'lab' | 'real';
  } = {},
): Promise<Preview> {
  const real = options.network === 'real';
  // A temp folder only for the lab: a real DNS change's journal must survive this process.
  const ownsDataDir = options.dataDir === undefined && !real;
  const dataDir =
    options.dataDir ??
    (real
      ? join(defaultDataDir(process.env), 'preview')
      : await mkdtemp(join(tmpdir(), 'iotbox-preview-')));
  const hub = createBridgeEventHub();
  const log = options.log ?? silentLog;
  const pairing =
    options.noCodeAfterMs === undefined ? {} : { noCodeAfterMs: options.noCodeAfterMs };
  const world = real
    ? createNodePorts({ log, ...options.ports })
    : labPorts(createNodePorts({ log, ...PREVIEW_NETWORK_PORTS, ...options.ports }));
  const dnsJournal = options.dnsJournal ?? (real ? createDnsJournalStore(dataDir) : undefined);
  const core = createCore(
    {
      ...world,
      appInfo: () => ({
        name: packageJson.productName,
        version: packageJson.version,
        platform: 'other',
        runtime: 'preview',
        // The page replaces this with navigator.languages: in a browser, "the OS language".
        preferredLanguages: [],
        // The browser preview is no installed app: it never updates itself.
        selfUpdates: false,
      }),
      settingsFile: createJsonFile(join(dataDir, 'settings.json')),
      events: hub,
      onRendererReady: () => hub.markReady(),
      ...(dnsJournal === undefined ? {} : { dnsJournal }),
      // Reports are saved into the data folder; no app clipboard.
      reportSaver: previewReportSaver(dataDir),
    },
    real
      ? {
          discovery: options.discovery ? { defaults: options.discovery } : {},
          pairing,
          ...(options.certificate ? { certificate: options.certificate } : {}),
          ...(options.dns ? { dns: options.dns } : {}),
        }
      : {
          discovery: {
            defaults: labDiscoveryDefaults(options.discovery, PREVIEW_DISCOVERY, log),
          },
          pairing,
          certificate: labCertificateOptions(options.certificate ?? {}, PREVIEW_CERTIFICATE),
          dns: labDnsOptions(options.dns ?? {}, PREVIEW_DNS),
        },
  );
  const server = await startBridgeServer({
    staticDir: PREVIEW_DIR,
    dispatch: core.dispatch,
    hub,
    ...(options.port === undefined ? {} : { port: options.port }),
  });
  return {
    ...server,
    dataDir,
    close: async () => {
      // A change nobody confirmed is rolled back while this process can still do it.
      await core.close();
      await server.close();
      if (ownsDataDir) {
        await rm(dataDir, { recursive: true, force: true });
      }
    },
  };
}

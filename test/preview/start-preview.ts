import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { silentLog } from '../../electron/core/adapters/console-log';
import { createDnsJournalStore } from '../../electron/core/adapters/dns-journal-store';
import { createJsonFile } from '../../electron/core/adapters/json-file';
import { defaultDataDir } from '../../electron/cli/commands/dns';
import { createNodeHttp } from '../../electron/core/adapters/node-http';
import { createNodeResolver } from '../../electron/core/adapters/node-resolver';
import type { CertificatePorts } from '../../electron/core/certificate/create-certificate';
import { createCore } from '../../electron/core/create-core';
import type { DiscoveryDefaults } from '../../electron/core/discovery/create-discovery';
import type { DnsPorts } from '../../electron/core/dns/create-dns';
import type {
  HttpPort,
  LogPort,
  ReportSaverPort,
  SecretStorePort,
} from '../../electron/core/ports';
import packageJson from '../../package.json';
import { createBridgeEventHub, startBridgeServer, type BridgeServer } from './bridge-server';
import {
  labCertificatePorts,
  labDeviceCheckPorts,
  labDiscoveryDefaults,
  labDiscoveryPorts,
  labDnsPorts,
  labOnlyHttp,
} from './lab-confinement';
import { loopbackBoxNameLookup } from './lab-name-lookup';
import { PREVIEW_DNS } from './preview-dns';

export const PREVIEW_DIR = fileURLToPath(new URL('../../out-preview', import.meta.url));

/** The simulated boxes' loopback range (`npm run lab` uses 127.0.0.11–14); no mDNS. */
export const PREVIEW_DISCOVERY: DiscoveryDefaults = {
  subnets: ['127.0.0.8/29'],
  mdns: false,
  localhost: false,
};

/**
 * Certificate checks from the preview: box names resolve only to the loopback address they
 * encode, and this computer's odoo.com check goes to a loopback port where nothing listens.
 * Trust for lab certificates comes from NODE_EXTRA_CA_CERTS (printed by `npm run lab`).
 */
export const PREVIEW_CERTIFICATE = {
  lookup: loopbackBoxNameLookup,
  odooComUrl: 'http://127.0.0.1:9/',
} satisfies CertificatePorts;

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
    /** Lab mode: what HTTP goes through before the lab guard (tests: a port forward). */
    http?: HttpPort;
    /** Lab mode: an OS keychain stand-in, for "remember the enterprise code" (none by default). */
    secrets?: SecretStorePort;
    /** What the wizard's search may touch; loopback only unless a test says otherwise. */
    discovery?: DiscoveryDefaults;
    /** Certificate checks: loopback-only name lookup and odoo.com check unless a test says otherwise. */
    certificate?: CertificatePorts;
    /** DNS repair: loopback-only stand-ins unless a test passes its own (never the real DNS). */
    dns?: DnsPorts;
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
  // The one HTTP adapter the lab preview sends through, guarded for every feature.
  const labHttp = labOnlyHttp(options.http ?? createNodeHttp());
  const core = createCore({
    appInfo: () => ({
      name: packageJson.productName,
      version: packageJson.version,
      platform: 'other',
      runtime: 'preview',
      // The page replaces this with navigator.languages: in a browser, that is "the OS language".
      preferredLanguages: [],
      // The browser preview is no installed app: it never updates itself.
      selfUpdates: false,
    }),
    settingsFile: createJsonFile(join(dataDir, 'settings.json')),
    events: hub,
    log,
    onRendererReady: () => hub.markReady(),
    ...(real
      ? {
          discovery: options.discovery ? { defaults: options.discovery } : {},
          certificate: { ...options.certificate },
          dns: { journal: createDnsJournalStore(dataDir), ...options.dns },
        }
      : {
          discovery: {
            ...labDiscoveryPorts(labHttp),
            defaults: labDiscoveryDefaults(options.discovery, PREVIEW_DISCOVERY, log),
          },
          pairing: {
            http: labHttp,
            ...(options.secrets ? { secrets: options.secrets } : {}),
            ...(options.noCodeAfterMs === undefined
              ? {}
              : { noCodeAfterMs: options.noCodeAfterMs }),
          },
          certificate: labCertificatePorts(options.certificate ?? {}, PREVIEW_CERTIFICATE, labHttp),
          dns: labDnsPorts(options.dns ?? {}, PREVIEW_DNS, {
            http: labHttp,
            resolver: createNodeResolver(),
          }),
          deviceCheck: labDeviceCheckPorts(),
        }),
    // Reports are saved into the data folder; no app clipboard.
    report: { saver: previewReportSaver(dataDir), ...(real ? {} : { http: labHttp }) },
  });
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

import { resolveLanguage } from '../shared/languages';
import { ok } from '../shared/result';
import { createActivityTracker, type ActivityTracker } from './activity';
import { createPairing, pairingHandlers, type PairingPorts } from './box/create-pairing';
import {
  certificateHandlers,
  createCertificateService,
  type CertificatePorts,
} from './certificate/create-certificate';
import {
  createDiscoveryService,
  discoveryHandlers,
  type DiscoveryDefaults,
  type DiscoveryPorts,
} from './discovery/create-discovery';
import { createDeviceCheckAdapters } from './adapters/device-check-adapters';
import {
  createDeviceCheckService,
  deviceCheckHandlers,
  type DeviceCheckPorts,
} from './device-check/create-device-check';
import { createDispatch, type Dispatch, type Handlers } from './dispatch';
import {
  createDnsServices,
  dnsHandlers,
  referencesFromSettings,
  type DnsPorts,
} from './dns/create-dns';
import { createNodeHttp } from './adapters/node-http';
import type {
  AppInfoPort,
  ClipboardPort,
  EventSink,
  HttpPort,
  JsonFilePort,
  LogPort,
  ReportSaverPort,
} from './ports';
import { createReportService, reportHandlers } from './report/create-report';
import { SettingsService } from './settings/settings-service';

export type CorePorts = {
  readonly appInfo: AppInfoPort;
  readonly settingsFile: JsonFilePort;
  readonly events: EventSink;
  readonly log: LogPort;
  /** Called once the renderer has subscribed to events and is ready to receive them. */
  readonly onRendererReady?: () => void;
  /** Real network adapters when omitted; `defaults` limit scans started by the renderer. */
  readonly discovery?: Omit<DiscoveryPorts, 'log'> & { readonly defaults?: DiscoveryDefaults };
  /** Real network and clock when omitted; without `secrets`, "remember" keeps nothing. */
  readonly pairing?: PairingPorts;
  /** Real network, system resolver and trust store when omitted. */
  readonly certificate?: CertificatePorts;
  /** Real resolvers and OS commands when omitted; without `journal`, DNS changes are refused. */
  readonly dns?: DnsPorts;
  /** "Check another device": the real LAN page server and interfaces when omitted. */
  readonly deviceCheck?: Partial<DeviceCheckPorts>;
  /** Where reports are saved and the summary copied; absent: those requests are refused. */
  readonly report?: {
    readonly saver?: ReportSaverPort;
    readonly clipboard?: ClipboardPort;
    readonly http?: HttpPort;
  };
};

export type Core = {
  readonly dispatch: Dispatch;
  readonly settings: SettingsService;
  /** Work that must not be interrupted by an update restart (e.g. a DNS change). */
  readonly activity: ActivityTracker;
  /** Before the process exits: roll back a DNS change that nobody confirmed. */
  readonly close: () => Promise<void>;
};

/** Builds the service graph by hand from a ports object; no container, no globals. */
export function createCore(ports: CorePorts): Core {
  const settings = new SettingsService({ file: ports.settingsFile, log: ports.log });
  const activity = createActivityTracker();
  const discovery = createDiscoveryService({ log: ports.log, ...ports.discovery });
  const pairing = createPairing({ log: ports.log, ...ports.pairing });
  const certificate = createCertificateService({ log: ports.log, ...ports.certificate });
  const dns = createDnsServices({
    log: ports.log,
    onAutoRollback: (summary) => ports.events.emit('dns:fix-rolled-back', summary),
    onPrompt: (action) => ports.events.emit('dns:prompt-waiting', { action }),
    // The administrator prompt speaks the language the wizard speaks.
    language: async () => {
      const current = await settings.get();
      const chosen = current.ok ? current.value.language : 'system';
      return chosen === 'system' ? resolveLanguage(ports.appInfo().preferredLanguages) : chosen;
    },
    // Settings → Advanced, read at each check (the environment and explicit ports come first).
    settingsReferences: async () => {
      const current = await settings.get();
      return current.ok ? referencesFromSettings(current.value) : {};
    },
    ...ports.dns,
  });

  const handlers: Handlers = {
    'app:get-info': () => Promise.resolve(ok(ports.appInfo())),
    'app:signal-ready': () => {
      ports.onRendererReady?.();
      return Promise.resolve(ok(null));
    },
    'settings:get': () => settings.get(),
    'settings:set': ([patch]) => settings.set(patch),
    ...discoveryHandlers(discovery, ports.events, ports.discovery?.defaults),
    ...pairingHandlers(pairing, ports.events),
    ...certificateHandlers(certificate, ports.events),
    ...dnsHandlers(dns, ports.events, activity),
    ...deviceCheckHandlers(
      createDeviceCheckService({
        log: ports.log,
        events: ports.events,
        ...createDeviceCheckAdapters(),
        ...ports.deviceCheck,
      }),
    ),
    ...reportHandlers(
      createReportService({
        http: ports.report?.http ?? createNodeHttp(),
        log: ports.log,
        certificate,
        dns,
        app: () => {
          const info = ports.appInfo();
          return { name: info.name, version: info.version, runtime: info.runtime };
        },
      }),
      ports.report ?? {},
    ),
  };

  return {
    dispatch: createDispatch(handlers, ports.log),
    settings,
    activity,
    close: async () => {
      const rolledBack = await dns.change.rollbackUnconfirmed();
      if (!rolledBack.ok) {
        ports.log.error('unconfirmed DNS change not rolled back at close', { ...rolledBack.error });
      }
    },
  };
}

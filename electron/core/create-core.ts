import { resolveLanguage } from '../shared/languages';
import { ok } from '../shared/result';
import { createActivityTracker, type ActivityTracker } from './activity';
import type { BoxClient } from './box/box-client';
import type { Pairing, PairingOptions } from './box/create-pairing';
import { lazyBoxClient } from './box/lazy-box-client';
import { pairingHandlers } from './box/pairing-handlers';
import { certificateHandlers } from './certificate/certificate-handlers';
import type { CertificateService } from './certificate/certificate-service';
import type { CertificateOptions } from './certificate/create-certificate';
import type { DeviceCheckOptions } from './device-check/create-device-check';
import { deviceCheckHandlers } from './device-check/device-check-handlers';
import type { DeviceCheckService } from './device-check/device-check-service';
import type { DiscoveryOptions } from './discovery/create-discovery';
import { discoveryHandlers } from './discovery/discovery-handlers';
import type { DiscoveryService } from './discovery/discovery-service';
import type { Dispatch, Handlers } from './dispatch';
import type { DnsOptions, DnsServices } from './dns/create-dns';
import { dnsHandlers } from './dns/dns-handlers';
import { referencesFromSettings } from './dns/references';
import { once, type Lazy } from './lazy';
import type { Ports } from './ports';
import type { ReportService } from './report/create-report';
import { reportHandlers } from './report/report-handlers';
import { SettingsService } from './settings/settings-service';

/** What a host tunes, feature by feature (the preview and tests confine or shorten things). */
export type CoreOptions = {
  readonly discovery?: DiscoveryOptions;
  readonly pairing?: PairingOptions;
  readonly certificate?: CertificateOptions;
  readonly dns?: DnsOptions;
  readonly deviceCheck?: DeviceCheckOptions;
};

/**
 * Each service, built once on first use, its code loaded then: `iotbox discover` loads
 * discovery and nothing of the DNS repair, the certificate checks or their TLS library.
 */
export type CoreServices = {
  readonly box: BoxClient;
  readonly discovery: Lazy<DiscoveryService>;
  readonly pairing: Lazy<Pairing>;
  readonly certificate: Lazy<CertificateService>;
  readonly dns: Lazy<DnsServices>;
  readonly deviceCheck: Lazy<DeviceCheckService>;
  readonly report: Lazy<ReportService>;
};

export type Core = {
  readonly dispatch: Dispatch;
  readonly settings: SettingsService;
  readonly services: CoreServices;
  /** Work that must not be interrupted by an update restart (e.g. a DNS change). */
  readonly activity: ActivityTracker;
  /** Before the process exits: roll back a DNS change that nobody confirmed. */
  readonly close: () => Promise<void>;
};

/**
 * The composition root of the core: every service built by hand, once, from one flat set of
 * ports (adapters/node-ports.ts builds the real ones); no container, no globals. All features
 * share one box client, one HTTP port, one clock.
 */
export function createCore(ports: Ports, options: CoreOptions = {}): Core {
  const settings = new SettingsService({ file: ports.settingsFile, log: ports.log });
  const activity = createActivityTracker();
  const box = lazyBoxClient(
    once(async () => (await import('./box/box-client')).createBoxClient(ports)),
  );
  const certificate = once(async () =>
    (await import('./certificate/create-certificate')).createCertificateService(
      ports,
      box,
      options.certificate,
    ),
  );
  const dns = once(async () =>
    (await import('./dns/create-dns')).createDnsServices(
      ports,
      {
        // The administrator prompt speaks the language the wizard speaks.
        language: async () => {
          const current = await settings.get();
          const chosen = current.ok ? current.value.language : 'system';
          return chosen === 'system' ? resolveLanguage(ports.appInfo().preferredLanguages) : chosen;
        },
        // Settings → Advanced, read at each check (the environment and options come first).
        settingsReferences: async () => {
          const current = await settings.get();
          return current.ok ? referencesFromSettings(current.value) : {};
        },
      },
      options.dns,
    ),
  );
  const services: CoreServices = {
    box,
    discovery: once(async () =>
      (await import('./discovery/create-discovery')).createDiscoveryService(
        ports,
        box,
        options.discovery,
      ),
    ),
    pairing: once(async () =>
      (await import('./box/create-pairing')).createPairing(ports, box, options.pairing),
    ),
    certificate,
    dns,
    deviceCheck: once(async () =>
      (await import('./device-check/create-device-check')).createDeviceCheckService(
        ports,
        options.deviceCheck,
      ),
    ),
    report: once(async () =>
      (await import('./report/create-report')).createReportService(ports, {
        box,
        certificate: await certificate(),
        dns: await dns(),
      }),
    ),
  };

  const handlers: Handlers = {
    'app:get-info': () => Promise.resolve(ok(ports.appInfo())),
    'app:signal-ready': () => {
      ports.onRendererReady?.();
      return Promise.resolve(ok(null));
    },
    'settings:get': () => settings.get(),
    'settings:set': ([patch]) => settings.set(patch),
    ...discoveryHandlers(services.discovery, ports.events, options.discovery?.defaults),
    ...pairingHandlers(services.pairing, ports.events),
    ...certificateHandlers(certificate, ports.events),
    ...dnsHandlers(dns, ports.events, activity),
    ...deviceCheckHandlers(services.deviceCheck),
    ...reportHandlers(services.report, ports),
  };
  const dispatch = once(async () =>
    (await import('./dispatch')).createDispatch(handlers, ports.log),
  );

  return {
    // The contract's validation (every schema of every feature) loads with the first request:
    // a CLI command uses its services directly and never pays for it.
    dispatch: async (channel, rawArgs, context) => (await dispatch())(channel, rawArgs, context),
    settings,
    services,
    activity,
    close: async () => {
      // Whatever process left it: a change awaiting confirmation never outlives the app.
      const rolledBack = await (await dns()).change.rollbackUnconfirmed();
      if (!rolledBack.ok) {
        ports.log.error('unconfirmed DNS change not rolled back at close', { ...rolledBack.error });
      }
    },
  };
}

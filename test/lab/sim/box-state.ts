import { createHash } from 'node:crypto';

import type { CertificateManager } from './certificate-manager';
import type { PairingState } from './connection-manager';
import type { ReceivedRequest } from './listener';
import type { WireResponse } from './odoo-wire';

export type Generation = 'g1' | 'g2' | 'g3' | 'g4';
export type BoxSystem = 'Linux' | 'Windows';
export type LogLevel = 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR';

/** The access-point address every image uses (hostapd on wlan0). */
export const ACCESS_POINT_IP = '10.11.12.1';

/**
 * What the box keeps in `odoo.conf [iot.box]` (G2–G4) or in `~/odoo-*.conf` files (G1).
 * `null` = key absent: the box's update_conf() removes keys set to an empty value.
 */
export type BoxConfig = {
  serverUrl: string | null;
  token: string | null;
  dbUuid: string | null;
  enterpriseCode: string | null;
  dbName: string | null;
  subject: string | null;
  hostname: string;
  wifiSsid: string | null;
  sixTerminal: string | null;
};

export type BoxIdentity = {
  readonly ip: string;
  readonly mac: string;
  readonly identifier: string;
  readonly version: string;
};

export type RestartKind = 'restart' | 'reboot';

/** Which jinja homepage a G1 box serves: the classic `homepage.html`, or the later refactor. */
export type G1Pages = 'homepage-html' | 'technical-jinja2';

/** Code differences between trees of the same generation. */
export type BoxFeatures = {
  /** `<prefix>/update_hostname` (odoo/odoo#198785): `iotname` to connect_to_server is ignored. */
  readonly updateHostname: boolean;
  /** G3: `save_conf_server(..., db_name=None)`; older trees lack the keyword. */
  readonly acceptsDbName: boolean;
};

/** The box's network as routes see and change it (a Wi-Fi change ends the access point). */
export type NetworkState = { accessPoint: boolean };

/**
 * Thrown by a route whose box drops the connection before answering: the access point it was
 * reached through went down, or a script rebooted the box first.
 */
export class ReplyLost extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'ReplyLost';
  }
}

/** What route modules may use; implemented by the simulator. */
export type BoxRuntime = {
  /** Changes when a branch switch brings another API (see branchSwitch). */
  generation: Generation;
  readonly system: BoxSystem;
  readonly config: BoxConfig;
  readonly identity: BoxIdentity;
  readonly certificates: CertificateManager;
  readonly network: NetworkState;
  readonly g1Pages: G1Pages;
  readonly features: BoxFeatures;
  /** The pairing thread's state now (connection_manager: code, expiry, database it connected to). */
  pairing(): PairingState;
  /** `get_odoo_server_url()`: false/None in access-point mode on every generation we model. */
  serverUrl(): string | null;
  /** The server configured when Odoo last started (module-level constants read it once). */
  serverAtStart(): string | null;
  /** `odoo_restart(delay)`: the response goes out first, then the port closes. */
  scheduleRestart(delaySeconds: number, kind?: RestartKind): void;
  log(level: LogLevel, logger: string, message: string): void;
  logText(): string;
  /** Odoo's `logfile` option: download_logs serves that file only. */
  readonly logfileConfigured: boolean;
  odooUptimeSeconds(): number;
  systemUptimeSeconds(): number;
};

/** An HTTP request as a route sees it; `params` merges query string and form fields (werkzeug). */
export type RouteRequest = ReceivedRequest & { readonly params: Readonly<Record<string, string>> };

export type HttpRoute = {
  readonly kind: 'http';
  readonly path: string;
  readonly methods?: readonly string[];
  handle(request: RouteRequest, box: BoxRuntime): Promise<WireResponse> | WireResponse;
};

export type JsonRoute = {
  readonly kind: 'json';
  readonly path: string;
  /** Returns the JSON-RPC `result` (or a promise of it). */
  handle(params: Readonly<Record<string, unknown>>, box: BoxRuntime): unknown;
};

export type BoxRoute = HttpRoute | JsonRoute;

function hexFrom(seed: string, length: number): string {
  return createHash('sha256').update(seed).digest('hex').slice(0, length);
}

export function defaultVersion(generation: Generation, system: BoxSystem): string {
  if (system === 'Windows') {
    return 'W23.11';
  }
  // Plausible image versions per era; only the `L`/`W` prefix and digits matter to clients.
  return { g1: 'L23.11', g2: 'L24.10', g3: 'L24.10', g4: 'L25.03' }[generation];
}

export function defaultMac(seed: string): string {
  const hex = hexFrom(`mac:${seed}`, 6);
  // 2c:cf:67 is a Raspberry Pi Ltd OUI; the rest is stable per simulator seed.
  return `2c:cf:67:${hex.slice(0, 2)}:${hex.slice(2, 4)}:${hex.slice(4, 6)}`;
}

export function defaultIdentifier(seed: string, system: BoxSystem): string {
  if (system === 'Windows') {
    const hex = hexFrom(`uuid:${seed}`, 32).toUpperCase();
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
  // Pi serial numbers read from the device tree look like 16 lowercase hex digits.
  return `10000000${hexFrom(`serial:${seed}`, 8)}`;
}

/** Real wifi code derives the AP SSID from the identifier (G4) or the wlan0 MAC (older). */
export function accessPointSsid(generation: Generation, identity: BoxIdentity): string {
  return generation === 'g4'
    ? `IoTBox-${identity.identifier}`
    : `IoTBox-${identity.mac.replaceAll(':', '')}`;
}

import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';

import {
  ACCESS_POINT_IP,
  defaultIdentifier,
  defaultMac,
  defaultVersion,
  ReplyLost,
} from './box-state';
import type {
  BoxConfig,
  BoxIdentity,
  BoxRoute,
  BoxRuntime,
  BoxSystem,
  G1Pages,
  Generation,
  LogLevel,
  NetworkState,
  RestartKind,
} from './box-state';
import { CertificateManager } from './certificate-manager';
import type { InstalledCertificate } from './certificate-manager';
import { startConnectionManager } from './connection-manager';
import type { ConnectionManager, PairedServer, PairingState } from './connection-manager';
import { issueTemporaryCertificate, createLabCa } from './lab-ca';
import type { CertificatePems, LabCa } from './lab-ca';
import {
  formatHostForUrl,
  isLabAddress,
  listen,
  readRequest,
  sendWire,
  stopListening,
} from './listener';
import type { ReceivedRequest } from './listener';
import { hashForDbUuid } from './odoo-com-simulator';
import {
  badRequestPage,
  internalServerErrorPage,
  isJsonContentType,
  jsonResponse,
  jsonRpcErrorBody,
  jsonRpcResultBody,
  methodNotAllowedPage,
  notFoundPage,
  OdooError,
  parseJsonRpcBody,
  pythonTraceback,
} from './odoo-wire';
import type { WireResponse } from './odoo-wire';
import { routesG1 } from './routes-g1';
import { routesG2G3 } from './routes-g2-g3';
import { routesG4 } from './routes-g4';
import { saveServerConfiguration } from './server-token';

export type { Generation, BoxSystem, G1Pages } from './box-state';

/** What `/etc/ssl/certs/nginx-cert.crt` holds when the box starts. */
export type InitialCertificate =
  'temporary' | 'valid' | 'expired' | 'expiring' | 'none' | 'unreadable';

export type BoxSimulatorOptions = {
  readonly generation: Generation;
  /** Listen address (default 127.0.0.1). */
  readonly host?: string;
  /** Port for the Odoo (8069) role; 0 = random. */
  readonly port?: number;
  /** Port for the nginx (443) role; 0 = random, null/undefined = no TLS listener. */
  readonly httpsPort?: number | null;
  readonly system?: BoxSystem;
  /** How long the port stays closed on an Odoo restart (default 1500 ms). */
  readonly restartDowntimeMs?: number;
  /** How long everything stays closed on a reboot (default 3 × restartDowntimeMs). */
  readonly rebootDowntimeMs?: number;
  /** Multiplies the box's own restart delays (1 s, 3 s, 5 s); tests use e.g. 0.01. */
  readonly delayScale?: number;
  /** Simulated odoo.com x509 endpoint; undefined = odoo.com unreachable (nothing is sent). */
  readonly x509Url?: string | undefined;
  /**
   * Timeout for each x509 request: 5 s in the G1–G3 helpers, 95 s per attempt in iot_drivers
   * @371fe6a0 (scaled by delayScale), unless given.
   */
  readonly x509TimeoutMs?: number;
  /**
   * G2/G3: whether /data carries is_certificate_ok/certificate_details (default true). false:
   * the certificate refactor (odoo/odoo#206130) reached this tree — no codes, the certificate is
   * fetched at Odoo start only, and its reasons are in the log.
   */
  readonly certificateFields?: boolean;
  /** CA for the `valid`/`expired`/`expiring` initial certificates (default: a fresh lab CA). */
  readonly ca?: LabCa;
  /** `<hash>` of the initial certificate (default: derived from dbUuid like the odoo.com sim). */
  readonly certificateHash?: string;
  readonly hostname?: string;
  /** Reported IP (default: host, or 10.11.12.1 in access-point mode). */
  readonly ip?: string;
  readonly mac?: string;
  readonly identifier?: string;
  readonly version?: string;
  readonly serverUrl?: string;
  readonly token?: string;
  readonly dbUuid?: string;
  readonly enterpriseCode?: string;
  readonly dbName?: string;
  readonly certificate?: InitialCertificate;
  readonly accessPoint?: boolean;
  /** G1 only: the classic homepage (default) or the refactor with its `/technical` pages. */
  readonly g1Pages?: G1Pages;
  /** G3/G4: renaming through `<prefix>/update_hostname` (default false: G3 `iotname`, G4 none). */
  readonly updateHostname?: boolean;
  /** G3: whether save_conf_server takes `db_name` (default true). */
  readonly acceptsDbName?: boolean;
  /**
   * The database's git branch differs from the box's (hw_drivers main.py Manager.run →
   * helpers.check_git_branch): once connected, the box checks that branch out and restarts
   * Odoo `checkoutMs` later, into `becomes` (default: the same generation).
   */
  readonly branchSwitch?: { readonly checkoutMs: number; readonly becomes?: Generation };
  /** Older log lines already in the file when the box starts: months of a real box's log. */
  readonly logPaddingBytes?: number;
  /** Odoo's `logfile` option (default true); without it download_logs has no file to send. */
  readonly logfileConfigured?: boolean;
  /** A code the box shows whatever happens (no pairing service behind it). */
  readonly pairingCode?: string;
  /**
   * Odoo's pairing service as this box reaches it (the lab's stand-in: iot-proxy-simulator.ts);
   * the box then registers for a code at every start while it has no database. Undefined: no
   * Internet for pairing, so no code (unless `pairingCode` fixes one).
   */
  readonly iotProxyUrl?: string;
  /** Multiplies the pairing thread's pauses (14 + 1.01^n s); tests use e.g. 0.01. */
  readonly pairingPollScale?: number;
  /** Run the "Odoo start" certificate check when starting (default true). */
  readonly checkCertificateAtStart?: boolean;
  /**
   * Every answer on the Odoo port waits this long first (default 0): a busy Raspberry Pi, or a
   * box still loading after it started, answers its first requests after seconds.
   */
  readonly answerDelayMs?: number;
};

export type BoxStateSnapshot = {
  readonly generation: Generation;
  readonly system: BoxSystem;
  readonly serverUrl: string | null;
  readonly token: string | null;
  readonly dbUuid: string | null;
  readonly enterpriseCode: string | null;
  readonly dbName: string | null;
  readonly hostname: string;
  /** Same as hostname: what `iotname` renamed the box to. */
  readonly iotname: string;
  readonly pairingCode: string | false;
  readonly pairing: PairingState;
  readonly subject: string | null;
  readonly wifiSsid: string | null;
  readonly accessPoint: boolean;
  readonly certificate: { readonly subjectCn: string; readonly notAfter: Date } | null;
  /** Certificate served on the HTTPS port right now (differs on Windows until the restart). */
  readonly servedCertificate: { readonly subjectCn: string; readonly notAfter: Date } | null;
  readonly lastCertificateError: string | null;
  readonly restarting: boolean;
};

export type BoxSimulator = {
  readonly generation: Generation;
  readonly httpUrl: string;
  readonly httpsUrl: string | null;
  readonly host: string;
  readonly port: number;
  readonly httpsPort: number | null;
  readonly state: BoxStateSnapshot;
  /** Its serial number (identifier), MAC, image version and reported IP. */
  readonly identity: BoxIdentity;
  /** Every request received on either port, in order, with the raw body. */
  readonly received: readonly ReceivedRequest[];
  readonly restarts: number;
  /** Box log lines (what /iot_drivers/iot_logs returns). */
  readonly logs: readonly string[];
  /** Writes one line to the box log, as the box's own Python logger would. */
  log(level: LogLevel, logger: string, message: string): void;
  /** G4 end dates that would be reported to `<server>/iot/box/update_certificate_status`. */
  readonly informedEndDates: readonly string[];
  setX509Url(url: string | undefined): void;
  /** How long each answer on the Odoo port waits from now on (0: at once). */
  setAnswerDelay(ms: number): void;
  /** Trigger an Odoo restart (or reboot) as if a route had asked for it. */
  restart(kind?: RestartKind): void;
  /** Wait until no restart or certificate check is pending. */
  settled(): Promise<void>;
  close(): Promise<void>;
};

const CORS_HEADERS = { 'Access-Control-Allow-Origin': '*' };

const NGINX_502 =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.22.1</center>\r\n</body>\r\n</html>\r\n';

/** The routes Odoo registers when it starts (some depend on the configuration at that time). */
function routesFor(box: BoxRuntime): BoxRoute[] {
  switch (box.generation) {
    case 'g1':
      return routesG1(box);
    case 'g2':
    case 'g3':
      return routesG2G3(box.generation, box.features);
    case 'g4':
      return routesG4(box.system, box.features);
  }
}

function initialCertificate(options: BoxSimulatorOptions): CertificatePems | null {
  const kind = options.certificate ?? 'temporary';
  if (kind === 'temporary') {
    return issueTemporaryCertificate();
  }
  if (kind === 'none' || kind === 'unreadable') {
    return null;
  }
  const ca = options.ca ?? createLabCa();
  const hash = options.certificateHash ?? hashForDbUuid(options.dbUuid ?? 'lab');
  if (kind === 'valid') {
    return ca.issueGood(hash);
  }
  return kind === 'expired' ? ca.issueExpired(hash) : ca.issueExpiringWithin(hash, 5);
}

function installed(pems: CertificatePems): InstalledCertificate {
  return {
    certPem: pems.chain,
    keyPem: pems.key,
    subjectCn: pems.subjectCn,
    notAfter: pems.notAfter,
  };
}

function formFields(record: ReceivedRequest): Record<string, string> {
  const type = String(record.headers['content-type'] ?? '').toLowerCase();
  if (!type.startsWith('application/x-www-form-urlencoded')) {
    return {};
  }
  const fields: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(record.body)) {
    if (!(key in fields)) {
      fields[key] = value;
    }
  }
  return fields;
}

/** The git branch each generation's code sits on in the lab (any 16.0…saas-18.x works alike). */
const GIT_BRANCHES: Readonly<Record<Generation, string>> = {
  g1: '16.0',
  g2: '17.0',
  g3: 'saas-18.2',
  g4: 'saas-18.4',
};

/** Old, unremarkable log lines: what fills a box's log over the months. */
function paddingLines(bytes: number): string {
  const lines: string[] = [];
  let size = 0;
  for (let index = 0; size < bytes; index += 1) {
    const line = `2026-01-01 00:00:00,000 4242 INFO ? odoo.addons.hw_drivers.main: Ignoring sending the devices to the database: no associated database #${index}`;
    lines.push(line);
    size += line.length + 1;
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

function pad(value: number, length = 2): string {
  return String(value).padStart(length, '0');
}

function logTimestamp(date: Date): string {
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(
    date.getUTCHours(),
  )}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())},${pad(date.getUTCMilliseconds(), 3)}`;
}

export async function startBoxSimulator(options: BoxSimulatorOptions): Promise<BoxSimulator> {
  const running = { generation: options.generation };
  const generation = options.generation;
  const system: BoxSystem = options.system ?? 'Linux';
  const host = options.host ?? '127.0.0.1';
  const network: NetworkState = { accessPoint: options.accessPoint ?? false };
  const restartDowntimeMs = options.restartDowntimeMs ?? 1500;
  const rebootDowntimeMs = options.rebootDowntimeMs ?? restartDowntimeMs * 3;
  const delayScale = options.delayScale ?? 1;
  const seed = `${generation}:${host}:${options.port ?? 0}`;
  let x509Url = options.x509Url;
  let answerDelayMs = options.answerDelayMs ?? 0;
  const checkX509Url = (url: string | undefined): void => {
    if (url !== undefined && !isLabAddress(new URL(url).hostname)) {
      throw new Error(`x509Url must point to loopback or a lab subnet, got ${url}`);
    }
  };
  checkX509Url(x509Url);
  if (options.iotProxyUrl !== undefined && !isLabAddress(new URL(options.iotProxyUrl).hostname)) {
    throw new Error(
      `iotProxyUrl must point to loopback or a lab subnet, got ${options.iotProxyUrl}`,
    );
  }

  const config: BoxConfig = {
    serverUrl: options.serverUrl ?? null,
    token: options.token ?? null,
    dbUuid: options.dbUuid ?? null,
    enterpriseCode: options.enterpriseCode ?? null,
    dbName: options.dbName ?? null,
    subject: null,
    hostname: options.hostname ?? 'iotbox',
    wifiSsid: null,
    sixTerminal: null,
  };
  const identity = {
    ip: options.ip ?? (network.accessPoint ? ACCESS_POINT_IP : host),
    mac: options.mac ?? defaultMac(seed),
    identifier: options.identifier ?? defaultIdentifier(seed, system),
    version: options.version ?? defaultVersion(generation, system),
  };

  const logs: string[] = [];
  let branchSwitch = options.branchSwitch;
  const logPadding = paddingLines(options.logPaddingBytes ?? 0);
  const received: ReceivedRequest[] = [];
  const pending = new Set<Promise<void>>();
  const sleepers = new Set<() => void>();
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;
  let restarting = false;
  let restartScheduled = false;
  let restarts = 0;
  let odooStartedAt = Date.now();
  let serverAtStart: string | null = null;
  let systemStartedAt = Date.now();

  const log = (level: LogLevel, logger: string, message: string): void => {
    logs.push(`${logTimestamp(new Date())} 4242 ${level} ? ${logger}: ${message}`);
  };

  const track = (work: Promise<void>): void => {
    const tracked = work.finally(() => {
      pending.delete(tracked);
    });
    pending.add(tracked);
  };

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        sleepers.delete(resolve);
        resolve();
      }, ms);
      timers.add(timer);
      sleepers.add(resolve);
    });

  // --- TLS (nginx role) ------------------------------------------------------------------
  const startCert = initialCertificate(options);
  let served: InstalledCertificate | null = startCert === null ? null : installed(startCert);
  let pendingHttps: InstalledCertificate | null = null;
  const placeholder = served ?? installed(issueTemporaryCertificate());
  const httpsServer =
    options.httpsPort === null || options.httpsPort === undefined
      ? null
      : createHttpsServer({ cert: placeholder.certPem, key: placeholder.keyPem });
  let httpsPort: number | null = null;

  const applyToHttps = (certificate: InstalledCertificate): void => {
    served = certificate;
    if (httpsServer === null) {
      return;
    }
    httpsServer.setSecureContext({ cert: certificate.certPem, key: certificate.keyPem });
    if (!httpsServer.listening && !closed && !restarting && httpsPort !== null) {
      track(listen(httpsServer, httpsPort, host).then(() => undefined));
    }
  };

  // --- runtime exposed to routes ----------------------------------------------------------
  const runtime: Omit<BoxRuntime, 'certificates'> = {
    generation,
    system,
    config,
    identity,
    network,
    g1Pages: options.g1Pages ?? 'homepage-html',
    features: {
      updateHostname: options.updateHostname ?? false,
      acceptsDbName: options.acceptsDbName ?? true,
    },
    pairing: () =>
      connectionManager?.state ?? {
        code: options.pairingCode ?? false,
        expired: false,
        newDatabaseUrl: false,
      },
    serverUrl: () => (network.accessPoint ? null : config.serverUrl),
    serverAtStart: () => serverAtStart,
    scheduleRestart: (delaySeconds, kind = 'restart') => {
      if (closed || restartScheduled) {
        // Python would start a second restart thread; one restart is indistinguishable.
        return;
      }
      restartScheduled = true;
      const timer = setTimeout(
        () => {
          timers.delete(timer);
          track(doRestart(kind));
        },
        delaySeconds * 1000 * delayScale,
      );
      timers.add(timer);
    },
    log,
    logText: () => `${logPadding}${logs.join('\n')}\n`,
    logfileConfigured: options.logfileConfigured ?? true,
    odooUptimeSeconds: () => (Date.now() - odooStartedAt) / 1000,
    systemUptimeSeconds: () => (Date.now() - systemStartedAt) / 1000,
  };
  const certificates = new CertificateManager(
    {
      generation: () => running.generation,
      code: options.certificateFields === false ? 'ensure-validity' : 'codes',
      system,
      config,
      timeoutMs:
        options.x509TimeoutMs ?? (options.generation === 'g4' ? 95_000 * delayScale : 5_000),
      x509Url: () => x509Url,
      serverUrl: runtime.serverUrl,
      isAccessPoint: () => network.accessPoint,
      log,
      applyToHttps,
      scheduleRestart: (delaySeconds) => {
        pendingHttps = certificates.certificate;
        runtime.scheduleRestart(delaySeconds);
      },
    },
    startCert === null ? null : installed(startCert),
  );
  certificates.unreadable = options.certificate === 'unreadable';
  if (
    startCert !== null &&
    options.certificate !== 'temporary' &&
    options.certificate !== undefined
  ) {
    config.subject = startCert.subjectCn;
  }
  const box: BoxRuntime = { ...runtime, certificates };

  // --- pairing (connection_manager.py): one thread per Odoo start ----------------------
  let connectionManager: ConnectionManager | null = null;
  /** `_connect_to_server`: save, switch branch first (one restart only), restart after 2 s. */
  const connectPaired = (server: PairedServer): void => {
    saveServerConfiguration(config, { ...server, dbName: null });
    const switchTo = branchSwitch;
    if (switchTo === undefined || running.generation === 'g4' || system !== 'Linux') {
      runtime.scheduleRestart(2);
      return;
    }
    // helpers.check_git_branch() checks the database's branch out before that restart.
    branchSwitch = undefined;
    const next = switchTo.becomes ?? running.generation;
    log(
      'INFO',
      'odoo.addons.hw_drivers.tools.helpers',
      `Updating odoo folder to the branch ${GIT_BRANCHES[next]}`,
    );
    const timer = setTimeout(() => {
      timers.delete(timer);
      running.generation = next;
      box.generation = next;
      runtime.scheduleRestart(2);
    }, switchTo.checkoutMs);
    timers.add(timer);
  };
  const startPairingThread = (): void => {
    connectionManager?.stop();
    // [I] Without a pairing service the thread is left out: its calls would only log failures.
    connectionManager =
      options.iotProxyUrl === undefined
        ? null
        : startConnectionManager({
            flavour: running.generation === 'g4' ? 'iot_drivers' : 'hw_drivers',
            serialNumber: identity.identifier,
            proxyUrl: options.iotProxyUrl,
            pollScale: options.pairingPollScale ?? 1,
            canPoll: () => runtime.serverUrl() === null && !network.accessPoint,
            connect: connectPaired,
            log,
          });
  };

  // --- dispatch ---------------------------------------------------------------------------
  let routes = new Map<string, BoxRoute>();
  const registerRoutes = (): void => {
    serverAtStart = config.serverUrl;
    routes = new Map(routesFor(box).map((route) => [route.path, route]));
  };
  registerRoutes();

  const dispatch = async (
    record: ReceivedRequest,
    deferred: [number, RestartKind][],
  ): Promise<WireResponse> => {
    if (record.method === 'OPTIONS') {
      return {
        status: 200,
        headers: {
          'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
          'Access-Control-Allow-Headers': 'Content-Type, Authorization',
          'Access-Control-Max-Age': '86400',
        },
        body: '',
      };
    }
    const route = routes.get(record.path);
    if (route === undefined) {
      return notFoundPage();
    }
    // Restarts wait until the response is on the wire, as the real restart thread does.
    const requestBox: BoxRuntime = {
      ...box,
      scheduleRestart: (delaySeconds, kind = 'restart') => {
        deferred.push([delaySeconds, kind]);
      },
    };
    if (route.kind === 'http') {
      if (route.methods !== undefined && !route.methods.includes(record.method)) {
        return methodNotAllowedPage(route.methods.join(', '));
      }
      try {
        return await route.handle(
          { ...record, params: { ...record.query, ...formFields(record) } },
          requestBox,
        );
      } catch (error) {
        if (error instanceof ReplyLost) {
          throw error;
        }
        log('ERROR', 'odoo.http', `Exception during request handling.\n${pythonTraceback(error)}`);
        return internalServerErrorPage();
      }
    }
    if (record.method !== 'POST') {
      return methodNotAllowedPage('POST');
    }
    if (!isJsonContentType(record.headers['content-type'])) {
      return badRequestPage(
        `Request inferred type is compatible with ['http'] but ${record.path} is type=json.`,
      );
    }
    const rpc = parseJsonRpcBody(record.body);
    if (rpc === null) {
      return badRequestPage('Invalid JSON data');
    }
    try {
      return jsonResponse(jsonRpcResultBody(rpc.id, await route.handle(rpc.params, requestBox)));
    } catch (error) {
      if (error instanceof ReplyLost) {
        throw error;
      }
      const odooError =
        error instanceof OdooError ? error : new OdooError('builtins.Exception', String(error));
      log('ERROR', 'odoo.http', `Exception during JSON request handling.\n${odooError.message}`);
      return jsonResponse(jsonRpcErrorBody(rpc.id, odooError));
    }
  };

  const serve = async (
    request: IncomingMessage,
    response: ServerResponse,
    tls: boolean,
  ): Promise<void> => {
    const record = await readRequest(request, tls);
    received.push(record);
    if (!tls && answerDelayMs > 0) {
      await sleep(answerDelayMs);
    }
    if (tls && restarting) {
      // nginx stays up while Odoo restarts and answers 502 for the proxied request.
      sendWire(response, {
        status: 502,
        headers: { 'Content-Type': 'text/html', Server: 'nginx/1.22.1' },
        body: NGINX_502,
      });
      return;
    }
    const deferred: [number, RestartKind][] = [];
    let wire: WireResponse;
    try {
      wire = await dispatch(record, deferred);
    } catch (error) {
      if (!(error instanceof ReplyLost)) {
        throw error;
      }
      // The box went away mid-request: the client sees its connection die without an answer.
      log('INFO', 'odoo.http', `no answer: ${error.message}`);
      request.socket.destroy();
      for (const [delaySeconds, kind] of deferred) {
        runtime.scheduleRestart(delaySeconds, kind);
      }
      return;
    }
    response.on('finish', () => {
      for (const [delaySeconds, kind] of deferred) {
        runtime.scheduleRestart(delaySeconds, kind);
      }
    });
    sendWire(
      response,
      { ...wire, headers: { ...CORS_HEADERS, ...wire.headers } },
      record.method === 'HEAD',
    );
  };

  const handler =
    (tls: boolean) =>
    (request: IncomingMessage, response: ServerResponse): void => {
      serve(request, response, tls).catch((error: unknown) => {
        log('ERROR', 'odoo.http', String(error));
        if (!response.headersSent) {
          sendWire(response, internalServerErrorPage());
        }
      });
    };

  const httpServer = createServer(handler(false));
  httpsServer?.on('request', handler(true));

  async function doRestart(kind: RestartKind): Promise<void> {
    if (closed) {
      return;
    }
    restarting = true;
    restarts += 1;
    connectionManager?.stop();
    log(
      'INFO',
      'odoo.service.server',
      kind === 'reboot' ? 'Rebooting the IoT box' : 'Restarting server',
    );
    await stopListening(httpServer);
    if (kind === 'reboot' && httpsServer !== null) {
      await stopListening(httpsServer);
    }
    await sleep(kind === 'reboot' ? rebootDowntimeMs : restartDowntimeMs);
    if (closed) {
      return;
    }
    if (pendingHttps !== null) {
      const next = pendingHttps;
      pendingHttps = null;
      applyToHttps(next);
    }
    registerRoutes();
    await listen(httpServer, port, host);
    if (httpsServer !== null && httpsPort !== null && served !== null && !httpsServer.listening) {
      await listen(httpsServer, httpsPort, host);
    }
    odooStartedAt = Date.now();
    if (kind === 'reboot') {
      systemStartedAt = odooStartedAt;
    }
    restarting = false;
    restartScheduled = false;
    log('INFO', 'odoo.service.server', 'HTTP service (werkzeug) running');
    startPairingThread();
    checkGitBranch();
    track(certificates.runStartupCheck());
  }

  /**
   * helpers.check_git_branch() at each start of a connected G1–G3 box: the requests-era helpers
   * log both branches, then the checkout; the urllib3 ones (G1) log nothing. The restart that
   * ends the checkout comes `checkoutMs` later.
   */
  function checkGitBranch(): void {
    const current = running.generation;
    if (current === 'g4' || system !== 'Linux' || config.serverUrl === null) {
      return;
    }
    const local = GIT_BRANCHES[current];
    // A database branch the box has no code for makes it fall back to master.
    const becomes = branchSwitch?.becomes;
    const target =
      branchSwitch === undefined
        ? local
        : becomes === undefined || becomes === current
          ? 'master'
          : GIT_BRANCHES[becomes];
    const branchLogger = 'odoo.addons.hw_drivers.tools.helpers';
    if (current !== 'g1') {
      log(
        'INFO',
        branchLogger,
        `Current IoT Box local git branch: ${local} / Associated Odoo database's git branch: ${target}`,
      );
    }
    if (branchSwitch === undefined) {
      return;
    }
    const next = branchSwitch.becomes ?? current;
    if (current !== 'g1') {
      log('INFO', branchLogger, `Updating odoo folder to the branch ${target}`);
    }
    branchSwitch = undefined;
    const timer = setTimeout(() => {
      timers.delete(timer);
      running.generation = next;
      box.generation = next;
      runtime.scheduleRestart(0);
    }, options.branchSwitch?.checkoutMs ?? 0);
    timers.add(timer);
  }

  const port = await listen(httpServer, options.port ?? 0, host);
  if (httpsServer !== null) {
    httpsPort = await listen(httpsServer, options.httpsPort ?? 0, host);
    if (served === null) {
      // nginx without a certificate file does not start: keep the port reserved but closed.
      await stopListening(httpsServer);
    }
  }
  log('INFO', 'odoo.service.server', 'HTTP service (werkzeug) running');
  startPairingThread();
  checkGitBranch();
  if (options.checkCertificateAtStart ?? true) {
    track(certificates.runStartupCheck());
  }

  const summary = (
    certificate: InstalledCertificate | null,
  ): { subjectCn: string; notAfter: Date } | null =>
    certificate === null
      ? null
      : { subjectCn: certificate.subjectCn, notAfter: certificate.notAfter };

  return {
    get generation() {
      return running.generation;
    },
    httpUrl: `http://${formatHostForUrl(host)}:${port}`,
    httpsUrl: httpsPort === null ? null : `https://${formatHostForUrl(host)}:${httpsPort}`,
    host,
    port,
    httpsPort,
    identity,
    get state(): BoxStateSnapshot {
      return {
        generation: running.generation,
        system,
        serverUrl: config.serverUrl,
        token: config.token,
        dbUuid: config.dbUuid,
        enterpriseCode: config.enterpriseCode,
        dbName: config.dbName,
        hostname: config.hostname,
        iotname: config.hostname,
        pairingCode: runtime.pairing().code,
        pairing: runtime.pairing(),
        subject: config.subject,
        wifiSsid: config.wifiSsid,
        accessPoint: network.accessPoint,
        certificate: summary(certificates.certificate),
        servedCertificate: summary(served),
        lastCertificateError: certificates.lastCertificateError,
        restarting,
      };
    },
    received,
    get restarts() {
      return restarts;
    },
    logs,
    log,
    informedEndDates: certificates.informedEndDates,
    setX509Url(url) {
      checkX509Url(url);
      x509Url = url;
    },
    setAnswerDelay(ms) {
      answerDelayMs = ms;
    },
    restart(kind = 'restart') {
      runtime.scheduleRestart(0, kind);
    },
    async settled() {
      // Restart timers count as pending work too; loop until everything has drained.
      while (pending.size > 0 || (restartScheduled && !closed)) {
        if (pending.size > 0) {
          await Promise.allSettled([...pending]);
        } else {
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      }
    },
    async close() {
      closed = true;
      connectionManager?.stop();
      for (const timer of timers) {
        clearTimeout(timer);
      }
      timers.clear();
      for (const wake of sleepers) {
        wake();
      }
      sleepers.clear();
      await Promise.allSettled([...pending]);
      await stopListening(httpServer);
      if (httpsServer !== null) {
        await stopListening(httpsServer);
      }
    },
  };
}

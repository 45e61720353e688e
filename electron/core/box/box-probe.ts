import type { BoxInfo } from '../../shared/schemas/box';
import { fail, ok, type Failure, type Result } from '../../shared/result';
import { boxGet, boxGetJson, parseJsonBody, statusFailure, type BoxHttp } from './box-http';
import {
  G4DataSchema,
  OwlDataSchema,
  PongSchema,
  type G4Data,
  type NetworkInterfaceEntry,
  type OwlData,
} from './box-schemas';
import type { BoxTarget } from './box-target';
import { helloAnswers } from './hello';
import { isDataServerError, probeOwlAfterDataError } from './owl-data-error';
import { g4CertificateStatus, oldCertificateStatus } from './certificate-status';
import { rememberSecret } from '../redact';
import {
  isAccessPointRedirect,
  isG1Homepage,
  parseG1Credentials,
  parseG1Homepage,
  parseG1ServerPageName,
  parseG1Technical,
} from './g1-pages';

/*
 * Which API generation a box speaks and what it says about itself (doc §3 probe order):
 * 1. `/hw_proxy/hello` must answer exactly `ping` (every generation) — otherwise not a box;
 * 2. `/iot_drivers/ping` → pong ⇒ G4, then one `/iot_drivers/data`;
 * 3. `/hw_posbox_homepage/ping` → pong ⇒ G2/G3, then ONE `/hw_posbox_homepage/data`, split on
 *    its fields. Each `/data` read makes a G2/G3 box re-check (and maybe re-request) its
 *    certificate from odoo.com, so this is read once per probe and never polled;
 * 4. otherwise G1: the jinja homepage `/` (its refactor: plus `/technical`), and
 *    `/list_credential` for which credentials are set.
 */

/** G2/G3 `/data` may wait for the box's own odoo.com request (5 s timeout on the box). */
const DATA_TIMEOUT_MS = 20_000;

/**
 * The G2/G3 status read. Each read makes the box re-check (and maybe re-request) its certificate
 * from odoo.com, so callers read it once and never poll it.
 */
export function readOwlData(
  box: BoxHttp,
  target: BoxTarget,
  signal: AbortSignal,
): Promise<Result<OwlData, Failure>> {
  return boxGetJson(
    box,
    target,
    '/hw_posbox_homepage/data',
    OwlDataSchema,
    signal,
    DATA_TIMEOUT_MS,
  );
}

/** true = pong, false = route absent (404), a failure for anything else. */
async function answersPong(
  box: BoxHttp,
  target: BoxTarget,
  path: string,
  signal: AbortSignal,
): Promise<Result<boolean, Failure>> {
  const answer = await boxGet(box, target, path, signal);
  if (!answer.ok) {
    return answer;
  }
  if (answer.value.status === 404) {
    return ok(false);
  }
  if (answer.value.status !== 200) {
    return { ok: false, error: statusFailure(path, answer.value.status) };
  }
  const pong = parseJsonBody(path, answer.value.body, PongSchema);
  return pong.ok ? ok(true) : pong;
}

/** A stored secret: a value, or null/false/'' when unset (update_conf drops empty keys). */
function secretSet(value: string | null | false | undefined): boolean {
  return typeof value === 'string' && value.trim() !== '';
}

/** The box's own credentials, read only to know they are set: from now on no report shows them. */
function rememberBoxSecrets(data: {
  readonly db_uuid?: string | null | false | undefined;
  readonly enterprise_code?: string | null | false | undefined;
}): void {
  rememberSecret(nonEmpty(data.db_uuid), nonEmpty(data.enterprise_code));
}

function nonEmpty(value: string | null | false | undefined): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function systemOf(value: string): 'Linux' | 'Windows' | null {
  return value === 'Linux' || value === 'Windows' ? value : null;
}

/**
 * The LAN IP the box reports (only shown, and used to build its odoo-iot name), else the address
 * we reached it at.
 */
function reportedIp(value: string | null | undefined, target: BoxTarget): string {
  const text = (value ?? '').trim();
  return /^(\d{1,3}\.){3}\d{1,3}$/.test(text) ? text : target.host;
}

/** The access point's SSID: the Wi-Fi interface's network while the access point is up. */
function accessPointSsid(
  up: boolean,
  interfaces: readonly NetworkInterfaceEntry[] | undefined,
): string | null {
  if (!up) {
    return null;
  }
  return nonEmpty(interfaces?.find((entry) => entry.is_wifi)?.ssid ?? null);
}

export function fromG4(data: G4Data, target: BoxTarget): BoxInfo {
  const server = nonEmpty(data.server_status);
  const system = systemOf(data.system);
  const accessPoint = data.is_access_point_up === true;
  return {
    address: { host: target.host, port: target.port },
    ip: reportedIp(data.ip, target),
    api: 'g4',
    // 19.0 dropped `hostname` from /data with renaming; the name lives in the database's IoT app.
    name: nonEmpty(data.hostname ?? null),
    identifier: nonEmpty(data.identifier ?? null),
    mac: nonEmpty(data.mac_address ?? null),
    version: nonEmpty(data.version),
    system,
    serverUrl: server,
    pairingCode: nonEmpty(data.pairing_code),
    accessPoint,
    accessPointSsid: accessPointSsid(accessPoint, data.network_interfaces),
    dbUuidSet: secretSet(data.db_uuid),
    enterpriseCodeSet: secretSet(data.enterprise_code),
    canRename: system === 'Linux' && data.hostname !== undefined,
    certificate: g4CertificateStatus(data.certificate_end_date),
  };
}

export function fromOwl(data: OwlData, target: BoxTarget): BoxInfo {
  const server = nonEmpty(data.server_status);
  const mac = nonEmpty(data.mac ?? null);
  const system = systemOf(data.system);
  const accessPoint =
    data.is_access_point_up === true || data.network_status === 'Wifi access point';
  return {
    address: { host: target.host, port: target.port },
    ip: reportedIp(data.ip, target),
    api:
      data.network_interfaces !== undefined || data.is_access_point_up !== undefined ? 'g3' : 'g2',
    name: nonEmpty(data.hostname ?? null),
    // Up to 18.0 the box identifies itself to the database by its MAC (doc §8).
    identifier: mac,
    mac,
    version: nonEmpty(data.version),
    system,
    serverUrl: server === 'Not Configured' ? null : server,
    pairingCode: nonEmpty(data.pairing_code),
    accessPoint,
    accessPointSsid: accessPointSsid(accessPoint, data.network_interfaces),
    dbUuidSet: secretSet(data.db_uuid),
    enterpriseCodeSet: secretSet(data.enterprise_code),
    canRename: system === 'Linux',
    certificate:
      data.is_certificate_ok === undefined || data.certificate_details === undefined
        ? { state: 'unknown' }
        : oldCertificateStatus(data.is_certificate_ok, data.certificate_details),
  };
}

/** GET a G1 page: its body on 200, null on 404 (a page this box does not have), else a failure. */
async function g1Page(
  box: BoxHttp,
  target: BoxTarget,
  path: string,
  signal: AbortSignal,
): Promise<Result<string | null, Failure>> {
  // The homepage and `/technical` run the certificate check, which may wait for odoo.com.
  const page = await boxGet(box, target, path, signal, { timeoutMs: DATA_TIMEOUT_MS });
  if (!page.ok) {
    return page;
  }
  if (page.value.status === 404) {
    return ok(null);
  }
  return page.value.status === 200
    ? ok(page.value.body)
    : fail('box-page-changed', `${path} answered HTTP ${page.value.status}`);
}

/**
 * `/list_credential`. The refactored pages have it only while a server is connected (its menu is
 * built when Odoo starts): a 404 there means "not shown", never a changed page.
 */
async function readG1Credentials(
  box: BoxHttp,
  target: BoxTarget,
  signal: AbortSignal,
): Promise<Result<{ dbUuid: boolean | null; enterpriseCode: boolean | null }, Failure>> {
  const page = await g1Page(box, target, '/list_credential', signal);
  if (!page.ok) {
    return page;
  }
  if (page.value === null) {
    return ok({ dbUuid: null, enterpriseCode: null });
  }
  const credentials = parseG1Credentials(page.value);
  if (credentials === null) {
    return fail('box-page-changed', '/list_credential inputs not found');
  }
  rememberSecret(credentials.dbUuid, credentials.enterpriseCode);
  return ok({
    dbUuid: credentials.dbUuid !== '',
    enterpriseCode: credentials.enterpriseCode !== '',
  });
}

/** The box's own first-boot Wi-Fi: the homepage is replaced by a refresh to `/steps`. */
async function probeG1AccessPoint(
  box: BoxHttp,
  target: BoxTarget,
  signal: AbortSignal,
): Promise<Result<BoxInfo, Failure>> {
  const server = await g1Page(box, target, '/server', signal);
  const technical = await g1Page(box, target, '/technical', signal);
  const details =
    technical.ok && technical.value !== null ? parseG1Technical(technical.value) : null;
  let version = details?.version ?? null;
  if (version === null) {
    const answer = await boxGet(box, target, '/hw_proxy/get_version', signal);
    version = answer.ok && answer.value.status === 200 ? answer.value.body.trim() || null : null;
  }
  const mac = nonEmpty(details?.mac ?? null);
  return ok({
    address: { host: target.host, port: target.port },
    ip: target.host,
    api: 'g1',
    name: server.ok && server.value !== null ? parseG1ServerPageName(server.value) : null,
    identifier: mac,
    mac,
    version,
    system: 'Linux',
    serverUrl: null,
    pairingCode: null,
    accessPoint: true,
    accessPointSsid: null,
    dbUuidSet: null,
    enterpriseCodeSet: null,
    canRename: true,
    certificate: { state: 'unknown' },
  });
}

async function probeG1(
  box: BoxHttp,
  target: BoxTarget,
  signal: AbortSignal,
): Promise<Result<BoxInfo, Failure>> {
  const home = await boxGet(box, target, '/', signal, { timeoutMs: DATA_TIMEOUT_MS });
  if (!home.ok) {
    return home;
  }
  const location = home.value.headers['location'] ?? '';
  const redirected = home.value.status >= 300 && home.value.status < 400;
  if (
    (redirected && location.endsWith('/steps')) ||
    (home.value.status === 200 && isAccessPointRedirect(home.value.body))
  ) {
    return probeG1AccessPoint(box, target, signal);
  }
  if (home.value.status !== 200) {
    return fail('box-page-changed', `/ answered HTTP ${home.value.status}`);
  }
  const page = parseG1Homepage(home.value.body);
  if (page === null) {
    return fail(
      'box-page-changed',
      isG1Homepage(home.value.body) ? 'homepage rows not found' : 'homepage marker not found',
    );
  }
  let technical = page.technical;
  if (technical === null) {
    const more = await g1Page(box, target, '/technical', signal);
    if (!more.ok) {
      return more;
    }
    technical = more.value === null ? null : parseG1Technical(more.value);
    if (technical === null) {
      return fail('box-page-changed', '/technical rows not found');
    }
  }
  const credentials = await readG1Credentials(box, target, signal);
  if (!credentials.ok) {
    return credentials;
  }
  const windows = page.virtual || technical.version.startsWith('W');
  const mac = nonEmpty(technical.mac);
  return ok({
    address: { host: target.host, port: target.port },
    ip: reportedIp(technical.ip, target),
    api: 'g1',
    name: page.name,
    identifier: mac,
    mac,
    version: technical.version,
    system: windows ? 'Windows' : 'Linux',
    serverUrl: page.serverUrl,
    pairingCode: page.pairingCode,
    accessPoint: technical.accessPoint,
    accessPointSsid: null,
    dbUuidSet: credentials.value.dbUuid,
    enterpriseCodeSet: credentials.value.enterpriseCode,
    canRename: !windows,
    certificate: technical.certificate,
  });
}

export type ProbeOptions = {
  /** The caller has just heard this address answer the hello (discovery): it is not asked again. */
  readonly greeted?: boolean;
};

/** The whole probe: hello, then generation, then one status read. */
export async function probeBox(
  box: BoxHttp,
  target: BoxTarget,
  signal: AbortSignal,
  options: ProbeOptions = {},
): Promise<Result<BoxInfo, Failure>> {
  if (options.greeted !== true) {
    const hello = await helloAnswers(box, target, signal);
    if (!hello.ok) {
      return hello;
    }
  }
  const g4 = await answersPong(box, target, '/iot_drivers/ping', signal);
  if (!g4.ok) {
    return g4;
  }
  if (g4.value) {
    const data = await boxGetJson(box, target, '/iot_drivers/data', G4DataSchema, signal);
    if (!data.ok) {
      return data;
    }
    rememberBoxSecrets(data.value);
    return ok(fromG4(data.value, target));
  }
  const owl = await answersPong(box, target, '/hw_posbox_homepage/ping', signal);
  if (!owl.ok) {
    return owl;
  }
  if (owl.value) {
    const data = await readOwlData(box, target, signal);
    if (!data.ok) {
      return isDataServerError(data.error)
        ? probeOwlAfterDataError(box, target, data.error, signal)
        : data;
    }
    rememberBoxSecrets(data.value);
    return ok(fromOwl(data.value, target));
  }
  return probeG1(box, target, signal);
}

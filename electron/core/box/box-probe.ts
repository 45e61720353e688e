import type { BoxInfo } from '../../shared/schemas/box';
import { fail, ok, type Failure, type Result } from '../../shared/result';
import { boxGet, boxGetJson, parseJsonBody, statusFailure, type BoxHttp } from './box-http';
import { G4DataSchema, OwlDataSchema, PongSchema, type G4Data, type OwlData } from './box-schemas';
import type { BoxTarget } from './box-target';
import { g4CertificateStatus, oldCertificateStatus } from './certificate-status';
import { rememberSecret } from '../redact';
import { isG1Homepage, parseG1Credentials, parseG1Homepage } from './g1-pages';

/*
 * Which API generation a box speaks and what it says about itself (doc §3 probe order):
 * 1. `/hw_proxy/hello` must answer exactly `ping` (every generation) — otherwise not a box;
 * 2. `/iot_drivers/ping` → pong ⇒ G4, then one `/iot_drivers/data`;
 * 3. `/hw_posbox_homepage/ping` → pong ⇒ G2/G3, then ONE `/hw_posbox_homepage/data`, split on
 *    its fields. Each `/data` read makes a G2/G3 box re-check (and maybe re-request) its
 *    certificate from odoo.com, so this is read once per probe and never polled;
 * 4. otherwise G1: the jinja homepage `/` (plus `/list_credential` for "credentials set").
 */

/** G2/G3 `/data` may wait for the box's own odoo.com request (5 s timeout on the box). */
const DATA_TIMEOUT_MS = 20_000;

export async function helloAnswers(
  box: BoxHttp,
  target: BoxTarget,
  signal: AbortSignal,
  timeoutMs?: number,
): Promise<Result<true, Failure>> {
  const hello = await boxGet(box, target, '/hw_proxy/hello', signal, timeoutMs);
  if (!hello.ok) {
    return hello;
  }
  if (hello.value.status !== 200 || hello.value.body !== 'ping') {
    return fail('box-not-odoo', `/hw_proxy/hello answered HTTP ${hello.value.status}`);
  }
  return ok(true);
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

/** The reported IP when it is one, else the address we reached the box at. */
function reportedIp(value: string, target: BoxTarget): string {
  return /^(\d{1,3}\.){3}\d{1,3}$/.test(value.trim()) ? value.trim() : target.host;
}

export function fromG4(data: G4Data, target: BoxTarget): BoxInfo {
  const server = nonEmpty(data.server_status);
  return {
    ip: reportedIp(data.ip, target),
    port: target.port,
    api: 'g4',
    // G4 dropped `hostname` from /data; the name lives only in the database's IoT app.
    name: null,
    identifier: nonEmpty(data.identifier ?? null),
    mac: nonEmpty(data.mac_address ?? null),
    version: nonEmpty(data.version),
    system: systemOf(data.system),
    serverUrl: server,
    pairingCode: nonEmpty(data.pairing_code),
    accessPoint: data.is_access_point_up === true,
    credentialsSet: secretSet(data.db_uuid) && secretSet(data.enterprise_code),
    certificate: g4CertificateStatus(data.certificate_end_date),
  };
}

export function fromOwl(data: OwlData, target: BoxTarget): BoxInfo {
  const server = nonEmpty(data.server_status);
  const mac = nonEmpty(data.mac ?? null);
  return {
    ip: reportedIp(data.ip, target),
    port: target.port,
    api:
      data.network_interfaces !== undefined || data.is_access_point_up !== undefined ? 'g3' : 'g2',
    name: nonEmpty(data.hostname ?? null),
    // Up to 18.0 the box identifies itself to the database by its MAC (doc §8).
    identifier: mac,
    mac,
    version: nonEmpty(data.version),
    system: systemOf(data.system),
    serverUrl: server === 'Not Configured' ? null : server,
    pairingCode: nonEmpty(data.pairing_code),
    accessPoint: data.is_access_point_up === true || data.network_status === 'Wifi access point',
    credentialsSet: secretSet(data.db_uuid) && secretSet(data.enterprise_code),
    certificate: oldCertificateStatus(data.is_certificate_ok, data.certificate_details),
  };
}

async function probeG1(
  box: BoxHttp,
  target: BoxTarget,
  signal: AbortSignal,
): Promise<Result<BoxInfo, Failure>> {
  const home = await boxGet(box, target, '/', signal, DATA_TIMEOUT_MS);
  if (!home.ok) {
    return home;
  }
  const credentials = await readG1CredentialsSet(box, target, signal);
  if (!credentials.ok) {
    return credentials;
  }
  const location = home.value.headers['location'] ?? '';
  if (home.value.status >= 300 && home.value.status < 400 && location.endsWith('/steps')) {
    // First-boot access-point mode: the homepage is replaced by the set-up steps.
    const version = await boxGet(box, target, '/hw_proxy/get_version', signal);
    return ok({
      ip: target.host,
      port: target.port,
      api: 'g1',
      name: null,
      identifier: null,
      mac: null,
      version:
        version.ok && version.value.status === 200 ? version.value.body.trim() || null : null,
      system: null,
      serverUrl: null,
      pairingCode: null,
      accessPoint: true,
      credentialsSet: credentials.value,
      certificate: { state: 'unknown' },
    });
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
  return ok({
    ip: reportedIp(page.ip, target),
    port: target.port,
    api: 'g1',
    name: page.name,
    identifier: page.mac || null,
    mac: page.mac || null,
    version: page.version,
    system: page.version.startsWith('W') ? 'Windows' : 'Linux',
    serverUrl: page.serverUrl,
    pairingCode: page.pairingCode,
    accessPoint: page.accessPoint,
    credentialsSet: credentials.value,
    certificate: page.certificate,
  });
}

async function readG1CredentialsSet(
  box: BoxHttp,
  target: BoxTarget,
  signal: AbortSignal,
): Promise<Result<boolean, Failure>> {
  const page = await boxGet(box, target, '/list_credential', signal);
  if (!page.ok) {
    return page;
  }
  const credentials = page.value.status === 200 ? parseG1Credentials(page.value.body) : null;
  if (credentials === null) {
    return fail('box-page-changed', '/list_credential rows not found');
  }
  rememberBoxSecrets(credentials);
  return ok(secretSet(credentials.db_uuid) && secretSet(credentials.enterprise_code));
}

/** The whole probe: hello, then generation, then one status read. */
export async function probeBox(
  box: BoxHttp,
  target: BoxTarget,
  signal: AbortSignal,
): Promise<Result<BoxInfo, Failure>> {
  const hello = await helloAnswers(box, target, signal);
  if (!hello.ok) {
    return hello;
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
    const data = await boxGetJson(
      box,
      target,
      '/hw_posbox_homepage/data',
      OwlDataSchema,
      signal,
      DATA_TIMEOUT_MS,
    );
    if (!data.ok) {
      return data;
    }
    rememberBoxSecrets(data.value);
    return ok(fromOwl(data.value, target));
  }
  return probeG1(box, target, signal);
}

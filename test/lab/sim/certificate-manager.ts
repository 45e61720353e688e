import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

import type { BoxConfig, BoxSystem, Generation, LogLevel } from './box-state';
import { describeCertificate, TEMPORARY_CERTIFICATE_CN } from './lab-ca';
import { isLabAddress } from './listener';
import { OdooError, pyDatetime, pyJsonDumps, pyRepr, pythonTraceback } from './odoo-wire';

// The box's HTTPS certificate logic (protocol doc §11): old `get_certificate_status()` with
// ERR_IOT_HTTPS_* codes for G1–G3, new `ensure_validity()` with log lines only for G4.

export const REAL_X509_URL = 'https://www.odoo.com/odoo-enterprise/iot/x509';
const DAY_MS = 24 * 60 * 60 * 1000;

export type InstalledCertificate = {
  /** What nginx serves (leaf, possibly followed by its chain). */
  readonly certPem: string;
  readonly keyPem: string;
  readonly subjectCn: string;
  readonly notAfter: Date;
};

/**
 * Which certificate code the box runs:
 * - `codes`: `get_certificate_status()` with ERR_IOT_HTTPS_* codes (G1 urllib3 helpers, G2/G3
 *   requests helpers), run by every homepage status read;
 * - `ensure-validity`: the refactor (odoo/odoo#206130): `tools/certificate.py`, run at Odoo start
 *   and daily; the status read only reads the file. G4 always; G2/G3 trees it reached.
 */
export type CertificateCode = 'codes' | 'ensure-validity';

export type CertificateManagerDeps = {
  generation(): Generation;
  readonly code: CertificateCode;
  readonly system: BoxSystem;
  readonly config: BoxConfig;
  readonly timeoutMs: number;
  x509Url(): string | undefined;
  serverUrl(): string | null;
  isAccessPoint(): boolean;
  log(level: LogLevel, logger: string, message: string): void;
  /** Swap nginx's certificate now (Linux: `service nginx restart`). */
  applyToHttps(certificate: InstalledCertificate): void;
  /** Windows relaunches nginx through an Odoo restart. */
  scheduleRestart(delaySeconds: number): void;
};

type X509Outcome =
  | {
      readonly kind: 'response';
      readonly status: number;
      readonly reason: string;
      readonly body: string;
    }
  | { readonly kind: 'exception'; readonly text: string };

const G4_LOGGER = 'odoo.addons.iot_drivers.tools.certificate';
const OLD_LOGGER = 'odoo.addons.hw_drivers.tools.helpers';
/** hw_drivers trees that got the refactored tools/certificate.py. */
const NEW_OLD_TREE_LOGGER = 'odoo.addons.hw_drivers.tools.certificate';

// A fixed fake object address keeps exception texts stable for assertions on the prefix.
const OBJECT_AT = '0x7f1c2a3b4c50';

function poolName(url: URL): string {
  const https = url.protocol === 'https:';
  const port = url.port === '' ? (https ? '443' : '80') : url.port;
  return `${https ? 'HTTPS' : 'HTTP'}ConnectionPool(host='${url.hostname}', port=${port})`;
}

/** Text shaped like the urllib3/requests exception the real box would print. */
function exceptionText(url: URL, code: string | undefined, timeoutMs: number): string {
  const pool = poolName(url);
  const connection = `urllib3.connection.${url.protocol === 'https:' ? 'HTTPS' : 'HTTP'}Connection`;
  const retries = `Max retries exceeded with url: ${url.pathname}`;
  switch (code ?? 'unknown') {
    case 'ECONNREFUSED':
      return `${pool}: ${retries} (Caused by NewConnectionError('<${connection} object at ${OBJECT_AT}>: Failed to establish a new connection: [Errno 111] Connection refused'))`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `${pool}: ${retries} (Caused by NameResolutionError("<${connection} object at ${OBJECT_AT}>: Failed to resolve '${url.hostname}' ([Errno -3] Temporary failure in name resolution)"))`;
    case 'ETIMEDOUT':
      return `${pool}: Read timed out. (read timeout=${timeoutMs / 1000})`;
    case 'ECONNRESET':
      return `${pool}: ${retries} (Caused by ProtocolError('Connection aborted.', RemoteDisconnected('Remote end closed connection without response')))`;
    default:
      return `${pool}: ${retries} (Caused by ${code ?? 'OSError'})`;
  }
}

/** POST the x509 request the way the box does, with a bounded wait (requests' timeout=5). */
/** The text of the HTTPError requests' `raise_for_status()` raises for odoo.com's answer. */
function raiseForStatusText(status: number, reason: string): string {
  const kind = status >= 500 ? 'Server Error' : 'Client Error';
  return `${status} ${kind}: ${reason} for url: ${REAL_X509_URL}`;
}

function postX509(
  target: string | undefined,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<X509Outcome> {
  // The box always asks www.odoo.com: its messages name that, whatever stands in for it here.
  const real = new URL(REAL_X509_URL);
  if (target === undefined) {
    // No simulated odoo.com configured: behave like a box without Internet, sending nothing.
    return Promise.resolve({
      kind: 'exception',
      text: exceptionText(real, 'EAI_AGAIN', timeoutMs),
    });
  }
  const url = new URL(target);
  if (!isLabAddress(url.hostname)) {
    throw new Error(`x509Url ${target} is outside loopback/lab subnets; refusing to send`);
  }
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: X509Outcome): void => {
      if (!settled) {
        settled = true;
        resolve(outcome);
      }
    };
    const request = send(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
        // Old box code disabled verification (cert_reqs='CERT_NONE').
        rejectUnauthorized: false,
        timeout: timeoutMs,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          finish({
            kind: 'response',
            status: response.statusCode ?? 0,
            reason: response.statusMessage ?? '',
            body: Buffer.concat(chunks).toString('utf8'),
          });
        });
        response.on('error', () => {
          finish({ kind: 'exception', text: exceptionText(real, 'ECONNRESET', timeoutMs) });
        });
      },
    );
    request.on('timeout', () => {
      request.destroy();
      finish({ kind: 'exception', text: exceptionText(real, 'ETIMEDOUT', timeoutMs) });
    });
    request.on('error', (error: NodeJS.ErrnoException) => {
      finish({ kind: 'exception', text: exceptionText(real, error.code, timeoutMs) });
    });
    request.end(body);
  });
}

function isPythonFalsy(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === '') {
    return true;
  }
  if (Array.isArray(value)) {
    return value.length === 0;
  }
  return typeof value === 'object' && Object.keys(value).length === 0;
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

function keyError(key: string): OdooError {
  return new OdooError('builtins.KeyError', `'${key}'`, [key]);
}

export class CertificateManager {
  certificate: InstalledCertificate | null;
  /** The file exists but cannot be read (ERR_IOT_HTTPS_CHECK_CERT_READ_EXCEPTION). */
  unreadable = false;
  /** G1–G3: the last `certificate_details` error; G4: the last warning/error logged. */
  lastCertificateError: string | null = null;
  /** G4: end dates the box would POST to `<server>/iot/box/update_certificate_status`. */
  readonly informedEndDates: string[] = [];
  private readonly deps: CertificateManagerDeps;

  constructor(deps: CertificateManagerDeps, initial: InstalledCertificate | null) {
    this.deps = deps;
    this.certificate = initial;
  }

  /** Whether a homepage status read runs the old get_certificate_status() (with its codes). */
  get reportsCodes(): boolean {
    return this.deps.generation() !== 'g4' && this.deps.code === 'codes';
  }

  private needsRefresh(certificate: InstalledCertificate): boolean {
    return (
      certificate.subjectCn === TEMPORARY_CERTIFICATE_CN ||
      Date.now() > certificate.notAfter.getTime() - 10 * DAY_MS
    );
  }

  private install(
    certPem: string,
    keyPem: string,
    subjectFromResult: string,
  ): InstalledCertificate {
    let summary: { subjectCn: string; notAfter: Date };
    try {
      summary = describeCertificate(certPem);
    } catch {
      // nginx refuses to start on a bad PEM; `check_call` raises.
      throw new OdooError(
        'subprocess.CalledProcessError',
        "Command '['sudo', 'service', 'nginx', 'restart']' returned non-zero exit status 1.",
      );
    }
    const installed: InstalledCertificate = {
      certPem,
      keyPem,
      subjectCn: summary.subjectCn || subjectFromResult,
      notAfter: summary.notAfter,
    };
    this.certificate = installed;
    this.unreadable = false;
    if (this.deps.system === 'Windows') {
      this.deps.scheduleRestart(3);
    } else {
      this.deps.applyToHttps(installed);
    }
    return installed;
  }

  // ---------------------------------------------------------------- G1–G3 (error codes)

  private check():
    { status: 'ok'; message: string } | { status: 'refresh' } | { status: 'error'; code: string } {
    if (this.deps.serverUrl() === null) {
      return { status: 'error', code: 'ERR_IOT_HTTPS_CHECK_NO_SERVER' };
    }
    if (this.certificate === null && !this.unreadable) {
      return { status: 'refresh' };
    }
    if (this.unreadable || this.certificate === null) {
      this.deps.log('ERROR', OLD_LOGGER, 'Unable to read certificate file');
      return { status: 'error', code: 'ERR_IOT_HTTPS_CHECK_CERT_READ_EXCEPTION' };
    }
    const { subjectCn, notAfter } = this.certificate;
    if (this.needsRefresh(this.certificate)) {
      this.deps.log('INFO', OLD_LOGGER, `Your certificate ${subjectCn} must be updated`);
      return { status: 'refresh' };
    }
    // The old code reports notAfter minus its 10-day margin, not notAfter itself.
    const message = `Your certificate ${subjectCn} is valid until ${pyDatetime(
      new Date(notAfter.getTime() - 10 * DAY_MS),
    )}`;
    this.deps.log('INFO', OLD_LOGGER, message);
    return { status: 'ok', message };
  }

  /** `helpers.check_certificate()` alone (the daily cron's route): reads, logs, requests nothing. */
  checkOnly(): void {
    this.check();
  }

  /** `load_certificate()`: the file-era urllib3 helpers on G1, the requests ones on G2/G3. */
  private loadCertificate(): Promise<true | string> {
    return this.deps.generation() === 'g1'
      ? this.loadCertificateUrllib3()
      : this.loadCertificateRequests();
  }

  /** POSTs db_uuid and enterprise_code to odoo.com as the box does; null without both. */
  private async postCredentials(headers: Record<string, string>): Promise<X509Outcome | null> {
    const { dbUuid, enterpriseCode } = this.deps.config;
    if (!(dbUuid && enterpriseCode)) {
      return null;
    }
    return postX509(
      this.deps.x509Url(),
      pyJsonDumps({ params: { db_uuid: dbUuid, enterprise_code: enterpriseCode } }),
      headers,
      this.deps.timeoutMs,
    );
  }

  /**
   * requests variant (hw_drivers/tools/helpers.py, odoo.conf era, id:85839477): any failure
   * reaching odoo.com, a non-2xx answer (`raise_for_status`) and an undecodable body (requests
   * ≥ 2.27) are all REQUEST_EXCEPTION with the exception text; an answer without a usable
   * `result` (a refusal) raises out of get_certificate_status(), so /data answers 500.
   */
  private async loadCertificateRequests(): Promise<true | string> {
    const outcome = await this.postCredentials({
      'User-Agent': 'python-requests/2.31.0',
      Accept: '*/*',
      'Content-Type': 'application/json',
    });
    if (outcome === null) {
      return 'ERR_IOT_HTTPS_LOAD_NO_CREDENTIAL';
    }
    const failed = (text: string): string => {
      this.deps.log(
        'ERROR',
        OLD_LOGGER,
        `An error occurred while trying to reach odoo.com servers.\nTraceback (most recent call last):\n  File "/home/pi/odoo/addons/hw_drivers/tools/helpers.py", line 286, in load_certificate\nrequests.exceptions.RequestException: ${text}`,
      );
      return `ERR_IOT_HTTPS_LOAD_REQUEST_EXCEPTION\n\n${text}`;
    };
    if (outcome.kind === 'exception') {
      return failed(outcome.text);
    }
    if (outcome.status < 200 || outcome.status >= 400) {
      return failed(raiseForStatusText(outcome.status, outcome.reason));
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(outcome.body);
    } catch {
      return failed('Expecting value: line 1 column 1 (char 0)');
    }
    const frame = [
      '  File "/home/pi/odoo/addons/hw_posbox_homepage/controllers/homepage.py", line 150, in get_homepage_data',
      '    is_certificate_ok, certificate_details = helpers.get_certificate_status()',
      '  File "/home/pi/odoo/addons/hw_drivers/tools/helpers.py", line 217, in get_certificate_status',
      '    certificate_process = load_certificate()',
      '  File "/home/pi/odoo/addons/hw_drivers/tools/helpers.py", line 289, in load_certificate',
    ];
    const body = asRecord(parsed);
    if (body === null || !('result' in body)) {
      throw new OdooError(
        'builtins.KeyError',
        "'result'",
        ['result'],
        [...frame, "    result = response.json()['result']"],
      );
    }
    const fields = asRecord(body['result']);
    const result = body['result'];
    if (fields === null) {
      const type =
        result === false || result === true ? 'bool' : result === null ? 'NoneType' : 'list';
      throw new OdooError(
        'builtins.TypeError',
        `'${type}' object is not subscriptable`,
        [],
        [...frame, "    update_conf({'subject': result['subject_cn']})"],
      );
    }
    for (const key of ['subject_cn', 'x509_pem', 'private_key_pem']) {
      if (typeof fields[key] !== 'string') {
        throw new OdooError(
          'builtins.KeyError',
          `'${key}'`,
          [key],
          [...frame, `    result['${key}']`],
        );
      }
    }
    const subject = String(fields['subject_cn']);
    this.deps.config.subject = subject;
    this.install(String(fields['x509_pem']), String(fields['private_key_pem']), subject);
    return true;
  }

  /** urllib3 variant of `load_certificate()` (id:28609526): `true` or an error code; may throw. */
  private async loadCertificateUrllib3(): Promise<true | string> {
    const outcome = await this.postCredentials({
      'Content-type': 'application/json',
      Accept: 'text/plain',
      'User-Agent': 'python-urllib3/1.26.12',
    });
    if (outcome === null) {
      return 'ERR_IOT_HTTPS_LOAD_NO_CREDENTIAL';
    }
    if (outcome.kind === 'exception') {
      this.deps.log(
        'ERROR',
        OLD_LOGGER,
        'An error occurred while trying to reach odoo.com servers.',
      );
      return `ERR_IOT_HTTPS_LOAD_REQUEST_EXCEPTION\n\n${outcome.text}`;
    }
    if (outcome.status !== 200) {
      return `ERR_IOT_HTTPS_LOAD_REQUEST_STATUS ${outcome.status}\n\n${outcome.reason}`;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(outcome.body);
    } catch {
      throw new OdooError(
        'json.decoder.JSONDecodeError',
        'Expecting value: line 1 column 1 (char 0)',
      );
    }
    const body = asRecord(parsed);
    // `json.loads(...)['result']`: a body without `result` (e.g. a JSON-RPC error) is a KeyError.
    if (body === null || !('result' in body)) {
      throw keyError('result');
    }
    const result = body['result'];
    if (isPythonFalsy(result)) {
      return 'ERR_IOT_HTTPS_LOAD_REQUEST_NO_RESULT';
    }
    const fields = asRecord(result);
    if (fields === null || typeof fields['subject_cn'] !== 'string') {
      throw keyError('subject_cn');
    }
    this.deps.config.subject = fields['subject_cn'];
    const certPem = fields['x509_pem'];
    const keyPem = fields['private_key_pem'];
    if (typeof certPem !== 'string' || typeof keyPem !== 'string') {
      throw keyError(typeof certPem !== 'string' ? 'x509_pem' : 'private_key_pem');
    }
    this.install(certPem, keyPem, fields['subject_cn']);
    return true;
  }

  /** `get_certificate_status()`: `[is_certificate_ok, certificate_details]`. May throw (→ 500). */
  async getCertificateStatus(isFirst = true): Promise<[boolean, string]> {
    const checked = this.check();
    if (checked.status === 'error') {
      this.lastCertificateError = checked.code;
      return [false, checked.code];
    }
    if (checked.status === 'refresh' && isFirst) {
      const loaded = await this.loadCertificate();
      if (loaded !== true) {
        this.lastCertificateError = loaded;
        return [false, loaded];
      }
      return this.getCertificateStatus(false);
    }
    this.lastCertificateError = null;
    return [
      true,
      checked.status === 'ok' ? checked.message : 'The HTTPS certificate was generated correctly',
    ];
  }

  // ------------------------------------------- ensure_validity (G4, refactored G2/G3 trees)

  /** The logger of the refactored certificate module of this tree. */
  private newLogger(): string {
    return this.deps.generation() === 'g4' ? G4_LOGGER : NEW_OLD_TREE_LOGGER;
  }

  private newWarn(level: LogLevel, message: string): void {
    this.lastCertificateError = message;
    this.deps.log(level, this.newLogger(), message);
  }

  /**
   * `get_certificate_end_date()`: `str(not_valid_after)` or null. Its "valid until" / "must be
   * updated" lines are DEBUG in the code we follow (iot_drivers @371fe6a0, hw_drivers
   * @00f96124), so they never reach a box's log at its usual INFO level.
   */
  certificateEndDate(): string | null {
    if (this.unreadable) {
      this.deps.log('ERROR', this.newLogger(), 'Unable to read certificate file.');
      return null;
    }
    if (this.certificate === null || this.needsRefresh(this.certificate)) {
      return null;
    }
    return pyDatetime(this.certificate.notAfter);
  }

  /**
   * `download_odoo_certificate()`. iot_drivers @371fe6a0 waits up to 95 s per attempt (the
   * timeout of Let's Encrypt behind odoo.com) and tries 6 times, logging each failure and then
   * "Maximum attempt…"; the hw_drivers tree (@00f96124) tries once with 5 s and logs the
   * exception. Only the database UUID is needed (the code may be empty).
   */
  private async downloadOdooCertificate(attempt = 0): Promise<string | null> {
    const { dbUuid, enterpriseCode } = this.deps.config;
    if (!dbUuid) {
      return null;
    }
    const retries = this.deps.generation() === 'g4';
    const outcome = await postX509(
      this.deps.x509Url(),
      pyJsonDumps({ params: { db_uuid: dbUuid, enterprise_code: enterpriseCode } }),
      { 'User-Agent': 'python-requests/2.31.0', Accept: '*/*', 'Content-Type': 'application/json' },
      this.deps.timeoutMs,
    );
    let parsedBody: unknown;
    let failure: string | null = null;
    if (outcome.kind === 'exception') {
      failure = outcome.text;
    } else if (outcome.status < 200 || outcome.status >= 400) {
      failure = raiseForStatusText(outcome.status, outcome.reason);
    } else {
      try {
        parsedBody = JSON.parse(outcome.body);
      } catch {
        failure = 'Expecting value: line 1 column 1 (char 0)';
      }
    }
    if (failure !== null) {
      if (!retries) {
        this.newWarn(
          'ERROR',
          `An error occurred while trying to reach odoo.com\nTraceback (most recent call last):\nrequests.exceptions.RequestException: ${failure}`,
        );
        return null;
      }
      this.newWarn(
        'WARNING',
        `An error occurred while trying to reach odoo.com to get a new certificate: ${failure}`,
      );
      if (attempt < 5) {
        return this.downloadOdooCertificate(attempt + 1);
      }
      this.newWarn(
        'ERROR',
        'Maximum attempt to download the odoo.com certificate reached\nNoneType: None',
      );
      return null;
    }
    const body = asRecord(parsedBody) ?? {};
    const serverError = body['error'];
    if (!isPythonFalsy(serverError)) {
      this.newWarn(
        'ERROR',
        `Server error received from odoo.com while trying to get the certificate: ${pyRepr(serverError)}`,
      );
      return null;
    }
    const result = 'result' in body ? body['result'] : {};
    const fields = asRecord(result);
    if (fields === null) {
      // `result.get(...)` on False/None: AttributeError escapes ensure_validity().
      throw new OdooError(
        'builtins.AttributeError',
        `'${result === false || result === true ? 'bool' : 'NoneType'}' object has no attribute 'get'`,
      );
    }
    const certificateError = fields['error'];
    if (!isPythonFalsy(certificateError)) {
      this.newWarn(
        'WARNING',
        `Error received from odoo.com while trying to get the certificate: ${String(certificateError)}`,
      );
      return null;
    }
    if (!('subject_cn' in fields)) {
      throw keyError('subject_cn');
    }
    this.deps.config.subject =
      typeof fields['subject_cn'] === 'string' ? fields['subject_cn'] : null;
    const certPem = fields['x509_pem'];
    const keyPem = fields['private_key_pem'];
    if (
      isPythonFalsy(certPem) ||
      isPythonFalsy(keyPem) ||
      typeof certPem !== 'string' ||
      typeof keyPem !== 'string'
    ) {
      this.newWarn('ERROR', 'The certificate received from odoo.com is not valid.');
      return null;
    }
    const installed = this.install(certPem, keyPem, this.deps.config.subject ?? '');
    this.lastCertificateError = null;
    // Windows returns None here and reports after the restart.
    return this.deps.system === 'Windows' ? null : pyDatetime(installed.notAfter);
  }

  /** `ensure_validity()` behind `@require_db`: skipped without a server or in AP mode. */
  async ensureValidity(): Promise<void> {
    if (this.deps.serverUrl() === null || this.deps.isAccessPoint()) {
      return;
    }
    const endDate = this.certificateEndDate() ?? (await this.downloadOdooCertificate());
    if (endDate !== null) {
      // The real box POSTs this to the database; the simulator only records it (no traffic
      // to arbitrary server URLs).
      this.informedEndDates.push(endDate);
    }
  }

  /** What "Odoo start" runs (Manager.run). Exceptions are logged, never thrown. */
  async runStartupCheck(): Promise<void> {
    const refactored = this.deps.generation() === 'g4' || this.deps.code === 'ensure-validity';
    try {
      if (refactored) {
        await this.ensureValidity();
      } else {
        await this.getCertificateStatus();
      }
    } catch (error) {
      const text = pythonTraceback(error);
      this.lastCertificateError = text;
      this.deps.log(
        'ERROR',
        refactored ? this.newLogger() : OLD_LOGGER,
        `Exception in certificate check\n${text}`,
      );
    }
  }
}

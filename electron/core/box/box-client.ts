import type { BoxInfo } from '../../shared/schemas/box';
import type { Failure, Result } from '../../shared/result';
import type { ClockPort, HttpPort, LogPort } from '../ports';
import type { BoxRestartProgress } from '../../shared/schemas/pairing';
import { followBranchSwitch } from './branch-switch';
import type { BoxHttp } from './box-http';
import { readLog, type BoxLog } from './box-log';
import * as operations from './box-operations';
import type { OperationResult, WifiSent } from './box-operations';
import { probeBox, type ProbeOptions } from './box-probe';
import { readPairingStatus, type PairingStatus } from './pairing-status';
import type { BoxTarget } from './box-target';
import type { Credentials } from './pairing-input';
import { waitUntilBack, type WaitOptions } from './wait-until-back';

/*
 * The box client: one interface over the four box API generations (protocol doc §3–§9).
 *
 * Stable API (discovery uses getInfo as its fingerprint, the certificate step its
 * `certificate` field). Targets arrive parsed (box-target.ts), where they entered the core.
 *
 *   client.getInfo(target, signal, { greeted? }) → Result<BoxInfo>
 *       hello (`ping`, skipped when the caller has just heard it) → G4 ping → G2/G3 ping + ONE `/data` read → G1 homepage. Normalised to the
 *       contract's BoxInfo; `certificate` is the box's own view: G1–G3 `ERR_IOT_HTTPS_*` →
 *       `failed` (code matched by prefix, `httpStatus` for LOAD_REQUEST_STATUS, `detail` for the
 *       reason/exception text), "Your certificate <CN> is valid until …" → `ok` with subject and
 *       the real end date, G4 `certificate_end_date` null → `missing`, a date → `ok`,
 *       `OdooTempIoTBoxCertificate` → `temporary`. Credentials are reported only as
 *       `dbUuidSet`/`enterpriseCodeSet`. Failures: box-unreachable, box-connection-dropped, box-not-odoo,
 *       box-unrecognised, box-page-changed, box-error, cancelled.
 *       A G2/G3 `/data` read makes the box re-check its certificate with odoo.com: call getInfo
 *       when you need a fresh status, never in a polling loop.
 *
 * State-changing calls take the BoxInfo of a fresh getInfo (its `api` picks the routes), send
 * once, and answer the box's aftermath ('none' | 'restart' | 'reboot'); then `waitUntilBack`
 * polls `/hw_proxy/hello` with backoff and re-probes. Inputs must be validated first
 * (pairing-input.ts): these calls send what they are given.
 *   saveCredentials, clearCredentials, connectToServer (token already adapted with
 *   tokenForGeneration), renameBox, setWifi (a lost reply is the usual success), restartOdoo,
 *   requestCertificateCheck (nothing where a status read asks odoo.com — G1, G2/G3 with codes —,
 *   else restart_odoo_service), followBranchSwitch, readLog.
 */

export type BoxClientDeps = {
  readonly http: HttpPort;
  readonly log: LogPort;
  readonly clock: ClockPort;
  /** Per-request deadline for ordinary box routes (default 5 s). */
  readonly timeoutMs?: number;
  /** How long a silent box is watched for a branch switch after connecting (default 20 s). */
  readonly branchSettleMs?: number;
};

export type BoxClient = {
  getInfo(
    target: BoxTarget,
    signal: AbortSignal,
    options?: ProbeOptions,
  ): Promise<Result<BoxInfo, Failure>>;
  saveCredentials(
    target: BoxTarget,
    info: BoxInfo,
    credentials: Credentials,
    signal: AbortSignal,
  ): Promise<OperationResult>;
  clearCredentials(target: BoxTarget, info: BoxInfo, signal: AbortSignal): Promise<OperationResult>;
  connectToServer(
    target: BoxTarget,
    info: BoxInfo,
    token: string,
    iotname: string | null,
    signal: AbortSignal,
  ): Promise<OperationResult>;
  renameBox(
    target: BoxTarget,
    info: BoxInfo,
    name: string,
    signal: AbortSignal,
  ): Promise<OperationResult>;
  setWifi(
    target: BoxTarget,
    info: BoxInfo,
    wifi: { readonly essid: string; readonly password: string },
    signal: AbortSignal,
  ): Promise<Result<WifiSent, Failure>>;
  restartOdoo(target: BoxTarget, info: BoxInfo, signal: AbortSignal): Promise<OperationResult>;
  requestCertificateCheck(
    target: BoxTarget,
    info: BoxInfo,
    signal: AbortSignal,
  ): Promise<OperationResult>;
  waitUntilBack(
    target: BoxTarget,
    before: BoxInfo,
    options: WaitOptions,
    signal: AbortSignal,
  ): Promise<Result<BoxInfo, Failure>>;
  /** After a connection: waits through the box's switch to the database's branch, if any. */
  followBranchSwitch(
    target: BoxTarget,
    info: BoxInfo,
    onProgress: ((progress: BoxRestartProgress) => void) | undefined,
    signal: AbortSignal,
  ): Promise<Result<BoxInfo, Failure>>;
  /** What the box's pairing thread shows now (pairing-status.ts): one status read. */
  readPairingStatus(
    target: BoxTarget,
    info: BoxInfo,
    signal: AbortSignal,
  ): Promise<Result<PairingStatus, Failure>>;
  /** The end of the box's log (readLog in box-log.ts): no side effects on the box. */
  readLog(target: BoxTarget, info: BoxInfo, signal: AbortSignal): Promise<Result<BoxLog, Failure>>;
};

const DEFAULT_TIMEOUT_MS = 5_000;

export function createBoxClient(deps: BoxClientDeps): BoxClient {
  const box: BoxHttp = { http: deps.http, timeoutMs: deps.timeoutMs ?? DEFAULT_TIMEOUT_MS };
  const { clock } = deps;
  const logged =
    (name: string) =>
    (target: BoxTarget, info: BoxInfo, result: OperationResult): OperationResult => {
      // Only the operation and its outcome: never the values that were sent.
      deps.log.info(`box ${name}`, {
        host: target.host,
        api: info.api,
        ...(result.ok ? { aftermath: result.value } : result.error),
      });
      return result;
    };

  return {
    async getInfo(target, signal, options) {
      const info = await probeBox(box, target, signal, options);
      if (info.ok) {
        deps.log.debug('box probed', { host: target.host, port: target.port, api: info.value.api });
      } else {
        deps.log.info('box probe failed', { host: target.host, port: target.port, ...info.error });
      }
      return info;
    },
    saveCredentials: async (target, info, credentials, signal) =>
      logged('save credentials')(
        target,
        info,
        await operations.saveCredentials(box, target, info, credentials, signal),
      ),
    clearCredentials: async (target, info, signal) =>
      logged('clear credentials')(
        target,
        info,
        await operations.clearCredentials(box, target, info, signal),
      ),
    connectToServer: async (target, info, token, iotname, signal) =>
      logged('connect to server')(
        target,
        info,
        await operations.connectToServer(box, target, info, token, iotname, signal),
      ),
    renameBox: async (target, info, name, signal) =>
      logged('rename')(target, info, await operations.renameBox(box, target, info, name, signal)),
    async setWifi(target, info, wifi, signal) {
      const sent = await operations.setWifi(box, target, info, wifi, signal);
      // Only the outcome: never the network's name or password.
      deps.log.info('box set wifi', {
        host: target.host,
        api: info.api,
        ...(sent.ok ? { replied: sent.value.replied } : sent.error),
      });
      return sent;
    },
    restartOdoo: async (target, info, signal) =>
      logged('restart odoo')(target, info, await operations.restartOdoo(box, target, info, signal)),
    requestCertificateCheck: async (target, info, signal) =>
      logged('certificate check')(
        target,
        info,
        await operations.requestCertificateCheck(box, target, info, signal),
      ),
    waitUntilBack: (target, before, options, signal) =>
      waitUntilBack(box, clock, target, before, options, signal),
    readLog: (target, info, signal) => readLog(box, target, info, signal),
    readPairingStatus: (target, info, signal) => readPairingStatus(box, target, info, signal),
    followBranchSwitch: (target, info, onProgress, signal) =>
      followBranchSwitch(box, clock, target, info, onProgress, signal, deps.branchSettleMs),
  };
}

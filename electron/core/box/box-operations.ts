import { z } from 'zod';

import type { BoxInfo } from '../../shared/schemas/box';
import { fail, ok, type Failure, type Result } from '../../shared/result';
import { boxGetJson, boxPost, boxRpc, statusFailure, type BoxHttp } from './box-http';
import { StatusReplySchema } from './box-schemas';
import type { BoxTarget } from './box-target';
import type { Credentials } from './pairing-input';

/*
 * The state-changing routes, per generation (doc §5–§9). Each takes the BoxInfo of a fresh probe
 * (its `api` picks the routes) and returns how the box will restart, so the caller knows what to
 * wait for. Everything is sent once: no retries, because a retried save could land twice.
 */

/** What the box does after an operation: nothing, restart Odoo, or reboot (rename). */
export type Aftermath = 'none' | 'restart' | 'reboot';

export type OperationResult = Result<Aftermath, Failure>;

// G1 answers its JSON-RPC restart route with the bare string "success".
const G1RestartReplySchema = z.literal('success');

const OWL = '/hw_posbox_homepage';
const G4 = '/iot_drivers';

function prefix(api: 'g2' | 'g3' | 'g4'): string {
  return api === 'g4' ? G4 : OWL;
}

/** A G2–G4 `{status, message}` reply: anything but `success` is the box refusing. */
function accepted(
  reply: Result<z.infer<typeof StatusReplySchema>, Failure>,
): Result<true, Failure> {
  if (!reply.ok) {
    return reply;
  }
  return reply.value.status === 'success'
    ? ok(true)
    : fail('box-refused', reply.value.message ?? reply.value.status);
}

/**
 * Calls that run a script before the box answers (connect_to_wifi.sh, rename_iot.sh, nmcli):
 * they take longer than a status read, and often end with no answer at all.
 */
const SCRIPT_CALL_TIMEOUT_MS = 30_000;

/**
 * The box dropped or never sent its answer. For a rename (the script reboots first) or a Wi-Fi
 * change (the access point the request came through goes down) that is the normal outcome:
 * Odoo's own dialogs treat it as "restarting" (HostnameDialog.js, server_config.html).
 */
function replyLost(result: Result<unknown, Failure>): boolean {
  return (
    !result.ok &&
    (result.error.code === 'box-connection-dropped' || result.error.code === 'box-unreachable')
  );
}

/** G1 `type='http'` routes: form fields in, an HTML (meta refresh) or text answer out. */
async function postForm(
  box: BoxHttp,
  target: BoxTarget,
  path: string,
  fields: Readonly<Record<string, string>>,
  signal: AbortSignal,
  timeoutMs = box.timeoutMs,
): Promise<Result<string, Failure>> {
  const answer = await boxPost(
    box,
    target,
    path,
    { type: 'application/x-www-form-urlencoded', body: new URLSearchParams(fields).toString() },
    signal,
    timeoutMs,
  );
  if (!answer.ok) {
    return answer;
  }
  return answer.value.status === 200
    ? ok(answer.value.body)
    : { ok: false, error: statusFailure(path, answer.value.status) };
}

/** A route the box does not have (HTTP 404): the request changed nothing. */
function notFound(result: Result<unknown, Failure>): boolean {
  return !result.ok && /HTTP 404$/.test(result.error.detail ?? '');
}

/**
 * The refactored G1 pages register their credential routes only when a server was configured
 * at Odoo's start (hw_posbox_homepage controllers/technical.py @2fb85bf0): a 404 there means
 * "connect the box first", which the token does with the credentials in it.
 */
function g1CredentialRoute(sent: Result<string, Failure>): Result<string, Failure> {
  return notFound(sent) ? fail('box-credentials-need-server', 'credential routes absent') : sent;
}

export async function saveCredentials(
  box: BoxHttp,
  target: BoxTarget,
  info: BoxInfo,
  credentials: Credentials,
  signal: AbortSignal,
): Promise<OperationResult> {
  const params = { db_uuid: credentials.dbUuid, enterprise_code: credentials.enterpriseCode };
  const sent =
    info.api === 'g1'
      ? g1CredentialRoute(await postForm(box, target, '/save_credential', params, signal))
      : accepted(
          await boxRpc(
            box,
            target,
            `${prefix(info.api)}/save_credential`,
            params,
            StatusReplySchema,
            signal,
          ),
        );
  return sent.ok ? ok('restart') : sent;
}

export async function clearCredentials(
  box: BoxHttp,
  target: BoxTarget,
  info: BoxInfo,
  signal: AbortSignal,
): Promise<OperationResult> {
  const sent =
    info.api === 'g1'
      ? g1CredentialRoute(await postForm(box, target, '/clear_credential', {}, signal))
      : accepted(
          await boxGetJson(
            box,
            target,
            `${prefix(info.api)}/clear_credential`,
            StatusReplySchema,
            signal,
          ),
        );
  return sent.ok ? ok('restart') : sent;
}

/** What `rename_iot.sh` keeps of a name (@15744c7d): ASCII letters, digits and hyphens. */
export function sanitizedBoxName(name: string): string {
  return name.replace(/[^a-zA-Z0-9-]/g, '');
}

/** Whether sending this name makes the box rename itself, which reboots it. */
function renames(info: BoxInfo, iotname: string | null): boolean {
  return (
    iotname !== null &&
    info.canRename &&
    sanitizedBoxName(iotname) !== '' &&
    sanitizedBoxName(iotname) !== info.name
  );
}

/** The refactored G1 `/server_connect` answers its failure as text, with HTTP 200. */
const G1_WRITE_FAILED = /^Failed to write server configuration files/;

/**
 * `token` is already adapted to the generation (tokenForGeneration). `iotname` renames the box
 * where connecting can (G1–G3 `rename_iot.sh`, which reboots before answering: a lost reply is
 * then the box rebooting). G4 takes the token only; renaming there is renameBox.
 */
export async function connectToServer(
  box: BoxHttp,
  target: BoxTarget,
  info: BoxInfo,
  token: string,
  iotname: string | null,
  signal: AbortSignal,
): Promise<OperationResult> {
  if (iotname !== null && !info.canRename) {
    return fail('box-action-unsupported', 'this box cannot be renamed');
  }
  const rebooting = info.api !== 'g4' && renames(info, iotname);
  let sent: Result<true, Failure>;
  if (info.api === 'g1') {
    // G1 indexes both form fields: a missing `iotname` is a TypeError (HTTP 500) on the box.
    const answer = await postForm(
      box,
      target,
      '/server_connect',
      { token, iotname: iotname ?? '' },
      signal,
      rebooting ? SCRIPT_CALL_TIMEOUT_MS : box.timeoutMs,
    );
    sent = !answer.ok
      ? answer
      : G1_WRITE_FAILED.test(answer.value.trim())
        ? fail('box-refused', answer.value.trim())
        : ok(true);
  } else {
    const params = iotname === null || info.api === 'g4' ? { token } : { token, iotname };
    sent = accepted(
      await boxRpc(
        box,
        target,
        `${prefix(info.api)}/connect_to_server`,
        params,
        StatusReplySchema,
        signal,
        rebooting ? SCRIPT_CALL_TIMEOUT_MS : box.timeoutMs,
      ),
    );
  }
  if (rebooting && replyLost(sent)) {
    return ok('reboot');
  }
  if (!sent.ok) {
    return sent;
  }
  return ok(rebooting ? 'reboot' : 'restart');
}

/**
 * Renames the box on its own (doc §17 C9): newer homepages have `<prefix>/update_hostname`
 * (odoo/odoo#198785), which ignores `iotname` in connect_to_server and reboots before it answers;
 * older G3 trees and G1/G2 rename through `iotname`. 19.0 has no renaming (#219589).
 */
export async function renameBox(
  box: BoxHttp,
  target: BoxTarget,
  info: BoxInfo,
  name: string,
  signal: AbortSignal,
): Promise<OperationResult> {
  if (!info.canRename) {
    return fail('box-action-unsupported', 'this box cannot be renamed');
  }
  if (info.api === 'g1' || info.api === 'g2') {
    return connectToServer(box, target, info, '', name, signal);
  }
  const sent = await boxRpc(
    box,
    target,
    `${prefix(info.api)}/update_hostname`,
    { hostname: name },
    StatusReplySchema,
    signal,
    SCRIPT_CALL_TIMEOUT_MS,
  );
  if (replyLost(sent)) {
    return ok('reboot');
  }
  if (info.api === 'g3' && notFound(sent)) {
    // A G3 tree from before update_hostname: connect_to_server without a token renames.
    return connectToServer(box, target, info, '', name, signal);
  }
  const reply = accepted(sent);
  return reply.ok ? ok('reboot') : reply;
}

/** Whether the box answered its Wi-Fi change; a lost answer is the usual success (doc §17 C8). */
export type WifiSent = { readonly replied: boolean };

/**
 * Gives the box a Wi-Fi network. G1/G2 run `connect_to_wifi.sh` before answering and G4 stops its
 * access point before answering (`wifi.reconnect(force_update=True)`): a computer that reached
 * the box through that access point usually never gets the reply. Only finding the box again on
 * the shop network tells whether it joined.
 */
export async function setWifi(
  box: BoxHttp,
  target: BoxTarget,
  info: BoxInfo,
  wifi: { readonly essid: string; readonly password: string },
  signal: AbortSignal,
): Promise<Result<WifiSent, Failure>> {
  if (info.system === 'Windows') {
    return fail('box-action-unsupported', 'Windows virtual boxes have no Wi-Fi settings');
  }
  let sent: Result<true, Failure>;
  if (info.api === 'g1') {
    const answer = await postForm(
      box,
      target,
      '/wifi_connect',
      { essid: wifi.essid, password: wifi.password, persistent: 'on' },
      signal,
      SCRIPT_CALL_TIMEOUT_MS,
    );
    sent = answer.ok ? ok(true) : answer;
  } else {
    // G2's update_wifi also takes `persistent`; G3/G4 always persist.
    const params = info.api === 'g2' ? { ...wifi, persistent: true } : { ...wifi };
    const reply = await boxRpc(
      box,
      target,
      `${prefix(info.api)}/update_wifi`,
      params,
      StatusReplySchema,
      signal,
      SCRIPT_CALL_TIMEOUT_MS,
    );
    sent =
      !reply.ok && reply.error.code === 'box-unrecognised'
        ? fail('box-action-unsupported', reply.error.detail)
        : accepted(reply);
  }
  if (replyLost(sent)) {
    return ok({ replied: false });
  }
  return sent.ok ? ok({ replied: true }) : sent;
}

export async function restartOdoo(
  box: BoxHttp,
  target: BoxTarget,
  info: BoxInfo,
  signal: AbortSignal,
): Promise<OperationResult> {
  if (info.api === 'g1') {
    const reply = await boxRpc(
      box,
      target,
      '/iot_restart_odoo_or_reboot',
      { action: 'restart_odoo' },
      G1RestartReplySchema,
      signal,
    );
    return reply.ok ? ok('restart') : reply;
  }
  const sent = accepted(
    await boxGetJson(
      box,
      target,
      `${prefix(info.api)}/restart_odoo_service`,
      StatusReplySchema,
      signal,
    ),
  );
  return sent.ok ? ok('restart') : sent;
}

/**
 * What makes the box ask odoo.com for its certificate now (doc §17 C14):
 * - G1 and G2/G3 with their codes: reading the status does (the homepage or `/technical` on G1,
 *   `/data` on G2/G3 run get_certificate_status()), so the caller's next read is the request;
 *   `/hw_drivers/check_certificate` only checks and never asks odoo.com;
 * - G4 and G2/G3 trees with the certificate refactor (no certificate fields): only at Odoo start
 *   (and daily at 00:00), so Odoo is restarted.
 */
export async function requestCertificateCheck(
  box: BoxHttp,
  target: BoxTarget,
  info: BoxInfo,
  signal: AbortSignal,
): Promise<OperationResult> {
  const fetchesAtStart =
    info.api === 'g4' ||
    (info.api !== 'g1' &&
      (info.certificate.state === 'unknown' || info.certificate.state === 'missing'));
  return fetchesAtStart ? restartOdoo(box, target, info, signal) : ok('none');
}

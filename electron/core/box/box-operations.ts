import { z } from 'zod';

import type { BoxInfo } from '../../shared/schemas/box';
import { fail, ok, type Failure, type Result } from '../../shared/result';
import {
  boxGet,
  boxGetJson,
  boxRpc,
  statusFailure,
  transportFailure,
  type BoxHttp,
} from './box-http';
import { StatusReplySchema } from './box-schemas';
import { boxBaseUrl, type BoxTarget } from './box-target';
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

/** G1 `type='http'` routes: form fields, an HTML (meta refresh) or text answer. */
async function postForm(
  box: BoxHttp,
  target: BoxTarget,
  path: string,
  fields: Readonly<Record<string, string>>,
  signal: AbortSignal,
): Promise<Result<true, Failure>> {
  if (signal.aborted) {
    return fail('cancelled');
  }
  const answer = await box.http.request(
    {
      method: 'POST',
      url: `${boxBaseUrl(target)}${path}`,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
      timeoutMs: box.timeoutMs,
    },
    signal,
  );
  if (!answer.ok) {
    return { ok: false, error: transportFailure(answer.error) };
  }
  return answer.value.status === 200
    ? ok(true)
    : { ok: false, error: statusFailure(path, answer.value.status) };
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
      ? await postForm(box, target, '/save_credential', params, signal)
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
      ? await postForm(box, target, '/clear_credential', {}, signal)
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

/**
 * `token` is already adapted to the generation (tokenForGeneration). `iotname` renames the box
 * (G1–G3 only), which REBOOTS a Linux box when the name differs.
 */
export async function connectToServer(
  box: BoxHttp,
  target: BoxTarget,
  info: BoxInfo,
  token: string,
  iotname: string | null,
  signal: AbortSignal,
): Promise<OperationResult> {
  if (iotname !== null && info.api === 'g4') {
    return fail('box-action-unsupported', 'G4 boxes cannot be renamed from here');
  }
  const renames = iotname !== null && iotname !== info.name && info.system !== 'Windows';
  let sent: Result<true, Failure>;
  if (info.api === 'g1') {
    // G1 indexes both form fields: a missing `iotname` is a TypeError (HTTP 500) on the box.
    sent = await postForm(
      box,
      target,
      '/server_connect',
      { token, iotname: iotname ?? '' },
      signal,
    );
  } else {
    const params = iotname === null ? { token } : { token, iotname };
    sent = accepted(
      await boxRpc(
        box,
        target,
        `${prefix(info.api)}/connect_to_server`,
        params,
        StatusReplySchema,
        signal,
      ),
    );
  }
  if (!sent.ok) {
    return sent;
  }
  return ok(renames ? 'reboot' : 'restart');
}

export async function setWifi(
  box: BoxHttp,
  target: BoxTarget,
  info: BoxInfo,
  wifi: { readonly essid: string; readonly password: string },
  signal: AbortSignal,
): Promise<OperationResult> {
  if (info.system === 'Windows') {
    return fail('box-action-unsupported', 'Windows virtual boxes have no Wi-Fi settings');
  }
  let sent: Result<true, Failure>;
  if (info.api === 'g1') {
    sent = await postForm(
      box,
      target,
      '/wifi_connect',
      { essid: wifi.essid, password: wifi.password, persistent: 'on' },
      signal,
    );
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
    );
    sent =
      !reply.ok && reply.error.code === 'box-unrecognised'
        ? fail('box-action-unsupported', reply.error.detail)
        : accepted(reply);
  }
  // The box leaves the access point and joins the network: it will be at another address.
  return sent.ok ? ok('none') : sent;
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
 * Asks the box to (re)check its HTTPS certificate now — the certificate step calls this:
 * - G1: `GET /hw_drivers/check_certificate` (the daily cron's route);
 * - G2/G3: nothing to send here: their next `/data` read (getInfo) runs the check itself, so the
 *   caller re-reads the status once (`'none'`);
 * - G4: `restart_odoo_service`, because G4 checks only when Odoo starts (its `/data` is local).
 */
export async function requestCertificateCheck(
  box: BoxHttp,
  target: BoxTarget,
  info: BoxInfo,
  signal: AbortSignal,
): Promise<OperationResult> {
  switch (info.api) {
    case 'g1': {
      const answer = await boxGet(box, target, '/hw_drivers/check_certificate', signal, 20_000);
      if (!answer.ok) {
        return answer;
      }
      return answer.value.status === 200
        ? ok('none')
        : { ok: false, error: statusFailure('/hw_drivers/check_certificate', answer.value.status) };
    }
    case 'g2':
    case 'g3':
      return ok('none');
    case 'g4':
      return restartOdoo(box, target, info, signal);
  }
}

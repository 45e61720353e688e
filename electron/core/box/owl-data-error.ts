import { z } from 'zod';

import type { BoxInfo } from '../../shared/schemas/box';
import { fail, ok, type Failure, type Result } from '../../shared/result';
import { boxGet, parseJsonBody, type BoxHttp } from './box-http';
import { readLog } from './box-log';
import type { BoxTarget } from './box-target';

/*
 * A G2/G3 box whose `/hw_posbox_homepage/data` answers HTTP 500 (doc §17 C10). With the
 * requests-era helpers (hw_drivers/tools/helpers.py, odoo.conf era), every status read runs
 * get_certificate_status(); when odoo.com answers without a usable `result` — how it refuses a
 * certificate — load_certificate() raises (KeyError 'result', TypeError on `result: false`) and
 * the whole page fails. So on a connected box this 500 means "odoo.com refused", which the box's
 * own log confirms with the traceback of that request. The rest of the status is read from
 * routes that do not touch the certificate.
 */

const LogLevelsSchema = z.object({
  server: z.union([z.string().max(2048), z.literal(false), z.null()]).optional(),
});

/** What odoo.http logs, with the traceback, when a request fails with HTTP 500. */
const REQUEST_FAILED = 'Exception during request handling.';

/**
 * The exception line of the newest failed request whose traceback went through
 * load_certificate (`KeyError: 'result'`, `TypeError: 'bool' object is not subscriptable`).
 */
export function certificateRefusalIn(log: string): string | null {
  const at = log.lastIndexOf(REQUEST_FAILED);
  if (at === -1) {
    return null;
  }
  const block = (log.slice(at).split(/\n(?=\d{4}-\d{2}-\d{2} )/)[0] ?? '').trim();
  if (!block.includes('in load_certificate')) {
    return null;
  }
  return block.split('\n').at(-1)?.trim() ?? null;
}

export function isDataServerError(failure: Failure): boolean {
  return failure.code === 'box-error' && (failure.detail ?? '').endsWith('HTTP 500');
}

export async function probeOwlAfterDataError(
  box: BoxHttp,
  target: BoxTarget,
  failure: Failure,
  signal: AbortSignal,
): Promise<Result<BoxInfo, Failure>> {
  // `/status` is a page of the jsonrpc-era homepage only (homepage.py @e1174174).
  const status = await boxGet(box, target, '/status', signal);
  if (!status.ok) {
    return status;
  }
  const api = status.value.status === 200 ? 'g3' : 'g2';
  const levels = await boxGet(box, target, '/hw_posbox_homepage/log_levels', signal);
  const server =
    levels.ok && levels.value.status === 200
      ? parseJsonBody('/hw_posbox_homepage/log_levels', levels.value.body, LogLevelsSchema)
      : null;
  const serverUrl =
    server?.ok === true && typeof server.value.server === 'string' && server.value.server !== ''
      ? server.value.server
      : null;
  const info: BoxInfo = {
    address: { host: target.host, port: target.port },
    ip: target.host,
    api,
    name: null,
    identifier: null,
    mac: null,
    version: null,
    system: null,
    serverUrl,
    pairingCode: null,
    accessPoint: false,
    accessPointSsid: null,
    dbUuidSet: null,
    enterpriseCodeSet: null,
    canRename: false,
    certificate: { state: 'refused', confirmed: false, detail: null },
  };
  const log = await readLog(box, target, info, signal);
  if (!log.ok && log.error.code === 'cancelled') {
    return log;
  }
  const refusal = log.ok ? certificateRefusalIn(log.value.text) : null;
  if (log.ok && refusal === null) {
    // The log is readable and the failure is not the certificate's: a plain box error.
    return fail(failure.code, failure.detail);
  }
  return ok({
    ...info,
    certificate: { state: 'refused', confirmed: refusal !== null, detail: refusal },
  });
}

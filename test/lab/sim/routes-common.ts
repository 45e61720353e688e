import type { BoxRoute, BoxRuntime, RouteRequest } from './box-state';
import { htmlResponse, internalServerErrorPage, pyJsonDumps } from './odoo-wire';
import type { WireResponse } from './odoo-wire';

// Routes every generation exposes (protocol doc §4). Drivers and long-polling are not
// simulated: there are no devices, so /hw_drivers/action answers false and /event is absent.

export function jsonText(value: unknown): WireResponse {
  // GET routes return json.dumps(...) from a type='http' route: werkzeug labels it text/html.
  return htmlResponse(pyJsonDumps(value));
}

/**
 * `download_logs` (hw_drivers and iot_drivers controllers/driver.py): an http.Stream of the log
 * file, which werkzeug serves with Range support (`bytes=-N` gives the last N bytes, 206).
 */
export function logsAttachment(box: BoxRuntime, request: RouteRequest): WireResponse {
  if (!box.logfileConfigured) {
    // hw_drivers returns None (an empty 200); iot_drivers raises InternalServerError.
    return box.generation === 'g4' ? internalServerErrorPage() : htmlResponse('');
  }
  const text = Buffer.from(box.logText(), 'utf8');
  const headers = {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Disposition': 'attachment; filename=odoo-server.log',
    'Accept-Ranges': 'bytes',
  };
  const suffix = /^bytes=-(\d+)$/.exec(String(request.headers['range'] ?? ''));
  if (suffix?.[1] === undefined || text.length === 0) {
    return { status: 200, headers, body: text.toString('utf8') };
  }
  const first = Math.max(0, text.length - Number(suffix[1]));
  return {
    status: 206,
    headers: { ...headers, 'Content-Range': `bytes ${first}-${text.length - 1}/${text.length}` },
    body: text.subarray(first).toString('utf8'),
  };
}

export function commonRoutes(): BoxRoute[] {
  return [
    // hello(): hw_drivers/controllers/proxy.py @12b86c99 (and iot_drivers' proxy.py): 'ping'.
    { kind: 'http', path: '/hw_proxy/hello', handle: () => htmlResponse('ping') },
    // handshake(): hw_drivers/controllers/proxy.py @12b86c99.
    { kind: 'json', path: '/hw_proxy/handshake', handle: () => true },
    // status_json(): hw_drivers/controllers/proxy.py @12b86c99 (no proxy drivers: {}).
    { kind: 'json', path: '/hw_proxy/status_json', handle: () => ({}) },
    // action(): hw_drivers/controllers/driver.py (id:227847487); no devices: false.
    { kind: 'json', path: '/hw_drivers/action', handle: () => false },
    // download_logs(): hw_drivers/controllers/driver.py (id:227847487).
    {
      kind: 'http',
      path: '/hw_drivers/download_logs',
      handle: (request, box) => logsAttachment(box, request),
    },
  ];
}

/**
 * G1–G3 `/hw_drivers/check_certificate` (hw_drivers/controllers/driver.py, 16.0-like): runs
 * `helpers.check_certificate()` only, which reads the file and never asks odoo.com; empty body.
 */
export function oldCheckCertificateRoute(): BoxRoute {
  // check_certificate(): hw_drivers/controllers/driver.py (id:227847487).
  return {
    kind: 'http',
    path: '/hw_drivers/check_certificate',
    handle: (_request, box) => {
      box.certificates.checkOnly();
      return htmlResponse('');
    },
  };
}

export function stringParam(
  params: Readonly<Record<string, unknown>>,
  name: string,
): string | null {
  const value = params[name];
  return typeof value === 'string' ? value : null;
}

/** A Python `if token:` on whatever JSON value arrived. */
export function truthy(value: unknown): boolean {
  return !(value === undefined || value === null || value === false || value === 0 || value === '');
}

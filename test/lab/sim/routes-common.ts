import type { BoxRoute, BoxRuntime } from './box-state';
import { htmlResponse, pyJsonDumps } from './odoo-wire';
import type { WireResponse } from './odoo-wire';

// Routes every generation exposes (protocol doc §4). Drivers and long-polling are not
// simulated: there are no devices, so /hw_drivers/action answers false and /event is absent.

export function jsonText(value: unknown): WireResponse {
  // GET routes return json.dumps(...) from a type='http' route: werkzeug labels it text/html.
  return htmlResponse(pyJsonDumps(value));
}

export function logsAttachment(box: BoxRuntime): WireResponse {
  return {
    status: 200,
    headers: {
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Disposition': 'attachment; filename=odoo-server.log',
    },
    body: box.logText(),
  };
}

export function commonRoutes(): BoxRoute[] {
  return [
    { kind: 'http', path: '/hw_proxy/hello', handle: () => htmlResponse('ping') },
    { kind: 'json', path: '/hw_proxy/handshake', handle: () => true },
    { kind: 'json', path: '/hw_proxy/status_json', handle: () => ({}) },
    { kind: 'json', path: '/hw_drivers/action', handle: () => false },
    {
      kind: 'http',
      path: '/hw_drivers/download_logs',
      handle: (_request, box) => logsAttachment(box),
    },
  ];
}

/**
 * G1–G3 `/hw_drivers/check_certificate` (hw_drivers/controllers/driver.py, 16.0-like): runs
 * `helpers.check_certificate()` only, which reads the file and never asks odoo.com; empty body.
 */
export function oldCheckCertificateRoute(): BoxRoute {
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

import type { BoxRoute, BoxRuntime, RouteRequest } from './box-state';
import { htmlResponse, pyJsonDumps, typeError } from './odoo-wire';
import type { WireResponse } from './odoo-wire';
import { commonRoutes, oldCheckCertificateRoute } from './routes-common';
import { clearServerConfiguration, sanitizeHostname } from './server-token';

// G1: the jinja homepage of hw_posbox_homepage/controllers/main.py (protocol doc §5). Routes are
// type='http', csrf=False: parameters come from the query string or form fields, answers are
// HTML (often a meta refresh) or a JSON string.

const FN = 'IoTboxHomepage';

export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&#34;')
    .replaceAll("'", '&#39;');
}

function page(title: string, content: string): string {
  return `<!DOCTYPE HTML>
<html>
    <head>
        <title>${escapeHtml(title)}</title>
        <meta http-equiv="cache-control" content="no-cache" />
        <meta http-equiv="pragma" content="no-cache" />
        <link rel="stylesheet" href="/web/static/lib/bootstrap/dist/css/bootstrap.css">
    </head>
    <body>
        <div class="container">
${content}
        </div>
    </body>
</html>
`;
}

function metaRefresh(seconds: number, box: BoxRuntime): WireResponse {
  return htmlResponse(
    `<meta http-equiv='refresh' content='${seconds}; url=http://${box.identity.ip}:8069'>`,
  );
}

/** Werkzeug calls the endpoint with request.params; a missing argument is a TypeError → 500. */
function requireHttpParams(
  request: RouteRequest,
  functionName: string,
  names: readonly string[],
): void {
  const missing = names.filter((name) => !(name in request.params));
  if (missing.length > 0) {
    throw typeError(
      `${functionName}() missing required positional argument(s): ${missing.join(', ')}`,
    );
  }
}

/**
 * [I] The certificate row follows PR odoo/odoo#114993 in spirit; exact markup unverified.
 * The full details (code plus any "\n\n<reason>") are kept verbatim in a <pre>.
 */
function certificateRow(isOk: boolean, details: string): string {
  if (isOk) {
    return `<td class="text-success">OK <small class="certificate-details">${escapeHtml(details)}</small></td>`;
  }
  const code = details.split(/\s/)[0] ?? details;
  const anchor = code.toLowerCase().replaceAll('_', '-');
  return `<td class="text-danger">Error code: <a href="https://www.odoo.com/documentation/16.0/applications/productivity/iot/config/https_certificate_iot.html#${anchor}" target="_blank">${escapeHtml(code)}</a><pre class="certificate-details">${escapeHtml(details)}</pre></td>`;
}

async function homepage(box: BoxRuntime): Promise<WireResponse> {
  const [isOk, details] = await box.certificates.getCertificateStatus();
  const server = box.serverUrl();
  const network = box.accessPoint ? 'Wifi access point' : 'Ethernet';
  const rows: [string, string][] = [
    [
      'Name',
      `<td>${escapeHtml(box.config.hostname)} <a class="btn btn-sm float-right" href="/server">configure</a></td>`,
    ],
    [
      'Version',
      `<td>${escapeHtml(box.identity.version)} <a class="btn btn-sm float-right" href="/hw_proxy/upgrade/">update</a></td>`,
    ],
    ['IP Address', `<td>${escapeHtml(box.identity.ip)}</td>`],
    ['Mac Address', `<td>${escapeHtml(box.identity.mac)}</td>`],
    [
      'Network',
      `<td>${escapeHtml(network)} <a class="btn btn-sm float-right" href="/wifi">configure wifi</a></td>`,
    ],
    [
      'Server',
      `<td>${server === null ? 'Not Configured' : `<a href="${escapeHtml(server)}" target="_blank">${escapeHtml(server)}</a>`} <a class="btn btn-sm float-right" href="/server">configure</a></td>`,
    ],
    ['HTTPS certificate', certificateRow(isOk, details)],
    ['IOT Device', '<td>No Device Found</td>'],
  ];
  if (box.pairingCode !== false) {
    rows.splice(6, 0, ['Pairing Code', `<td>${escapeHtml(box.pairingCode)}</td>`]);
  }
  const table = rows
    .map(
      ([label, cell]) =>
        `                <tr>\n                    <td class="heading">${label}</td>\n                    ${cell}\n                </tr>`,
    )
    .join('\n');
  return htmlResponse(
    page(
      "Odoo's IoTBox",
      `            <h2 class="text-center text-green">Your IoT Box is up and running</h2>
            <table class="table table-hover table-sm">
${table}
            </table>
            <div class="text-center font-small">
                <a href="/list_credential">Credential</a> | <a href="/hw_proxy/status">Status</a> | <a href="http://${escapeHtml(box.identity.ip)}:631">Printers server</a>
            </div>`,
    ),
  );
}

export function routesG1(): BoxRoute[] {
  return [
    ...commonRoutes(),
    oldCheckCertificateRoute(),
    {
      kind: 'http',
      path: '/',
      handle: (_request, box) => {
        if (box.accessPoint && box.serverUrl() === null && box.config.wifiSsid === null) {
          return {
            status: 302,
            headers: { Location: '/steps', 'Content-Type': 'text/html; charset=utf-8' },
            body: '',
          };
        }
        return homepage(box);
      },
    },
    {
      kind: 'http',
      path: '/steps',
      handle: () =>
        htmlResponse(page("Odoo's IoTBox - Configure", '            <h2>Configure IoT Box</h2>')),
    },
    {
      kind: 'http',
      path: '/server',
      handle: (_request, box) =>
        htmlResponse(
          page(
            "Odoo's IoTBox - Configure Odoo Server",
            `            <h2>Configure Odoo Server</h2>\n            <form action="/server_connect" method="POST">\n                <input type="text" name="iotname" value="${escapeHtml(box.config.hostname)}"/>\n                <input type="text" name="token"/>\n            </form>`,
          ),
        ),
    },
    {
      kind: 'http',
      path: '/list_credential',
      handle: (_request, box) =>
        htmlResponse(
          page(
            "Odoo's IoTBox - List credential",
            `            <h2 class="text-center">List credential</h2>
            <table class="table">
                <tr><td class="heading">DB uuid</td><td>${escapeHtml(box.config.dbUuid ?? '')}</td></tr>
                <tr><td class="heading">Enterprise Code</td><td>${escapeHtml(box.config.enterpriseCode ?? '')}</td></tr>
            </table>
            <form action="/save_credential" method="POST">
                <input type="text" name="db_uuid"/><input type="text" name="enterprise_code"/>
            </form>
            <form action="/clear_credential" method="POST"></form>`,
          ),
        ),
    },
    {
      kind: 'http',
      path: '/save_credential',
      handle: (request, box) => {
        requireHttpParams(request, `${FN}.save_credential`, ['db_uuid', 'enterprise_code']);
        box.config.dbUuid = request.params['db_uuid'] || null;
        box.config.enterpriseCode = request.params['enterprise_code'] || null;
        box.scheduleRestart(0);
        return metaRefresh(20, box);
      },
    },
    {
      kind: 'http',
      path: '/clear_credential',
      handle: (_request, box) => {
        box.config.dbUuid = null;
        box.config.enterpriseCode = null;
        box.scheduleRestart(0);
        return metaRefresh(20, box);
      },
    },
    {
      kind: 'http',
      path: '/server_clear',
      handle: (_request, box) => {
        // G1 only deletes odoo-remote-server.conf; no restart [I: from the 16.0-era code shape].
        box.config.serverUrl = null;
        return metaRefresh(0, box);
      },
    },
    {
      kind: 'http',
      path: '/server_connect',
      handle: (request, box) => {
        requireHttpParams(request, `${FN}.connect_to_server`, ['token', 'iotname']);
        const token = request.params['token'] ?? '';
        if (token !== '') {
          // `credential = token.split('|')` then indexes 0..3: fewer parts is an IndexError (500);
          // extra parts are ignored. No URL validation in G1.
          const parts = token.split('|');
          if (parts.length < 4) {
            throw typeError('list index out of range');
          }
          const [url = '', serverToken = '', dbUuid = '', enterpriseCode = ''] = parts;
          clearServerConfiguration(box.config);
          box.config.serverUrl = url || null;
          box.config.token = serverToken || null;
          box.config.dbUuid = dbUuid || null;
          box.config.enterpriseCode = enterpriseCode || null;
        }
        const iotname = request.params['iotname'] ?? '';
        if (iotname !== '' && box.system === 'Linux' && iotname !== box.config.hostname) {
          box.config.hostname = sanitizeHostname(iotname);
          box.scheduleRestart(5, 'reboot');
        } else {
          box.scheduleRestart(5);
        }
        return htmlResponse(`http://${box.identity.ip}:8069`);
      },
    },
    {
      kind: 'http',
      path: '/wifi',
      handle: () =>
        htmlResponse(
          page(
            "Odoo's IoTBox - Wifi configuration",
            '            <h2>Configure Wifi</h2>\n            <select name="essid"><option>Lab-Wifi</option><option>Neighbour</option><option>Office</option></select>',
          ),
        ),
    },
    {
      kind: 'http',
      path: '/wifi_connect',
      handle: (request, box) => {
        requireHttpParams(request, `${FN}.connect_to_wifi`, ['essid', 'password']);
        const essid = request.params['essid'] ?? '';
        box.config.wifiSsid = essid;
        const server = box.serverUrl();
        return htmlResponse(
          pyJsonDumps({
            message: `Connecting to ${essid}`,
            server:
              server === null
                ? { url: `http://${box.identity.ip}:8069`, message: 'Redirect to IoT Box' }
                : { url: server, message: 'Redirect to Odoo Server' },
          }),
        );
      },
    },
    {
      kind: 'http',
      path: '/wifi_clear',
      handle: (_request, box) => {
        box.config.wifiSsid = null;
        return metaRefresh(0, box);
      },
    },
    {
      kind: 'json',
      path: '/iot_restart_odoo_or_reboot',
      handle: (params, box) => {
        if (!('action' in params)) {
          throw typeError(
            `${FN}.iot_restart_odoo_or_reboot() missing 1 required positional argument: 'action'`,
          );
        }
        if (params['action'] === 'restart_odoo') {
          box.scheduleRestart(3);
        } else {
          box.scheduleRestart(0, 'reboot');
        }
        return 'success';
      },
    },
    {
      kind: 'json',
      path: '/hw_posbox_homepage/password',
      handle: () => 'simulatedpw1',
    },
    {
      kind: 'http',
      path: '/hw_proxy/get_version',
      handle: (_request, box) => htmlResponse(box.identity.version),
    },
  ];
}

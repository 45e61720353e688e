import type { BoxRoute, BoxRuntime, RouteRequest } from './box-state';
import { ReplyLost } from './box-state';
import { htmlResponse, pyJsonDumps, typeError } from './odoo-wire';
import type { WireResponse } from './odoo-wire';
import { commonRoutes, oldCheckCertificateRoute } from './routes-common';
import { clearServerConfiguration, sanitizeHostname } from './server-token';

// G1: the jinja homepage (protocol doc §5, §17 C1–C5). Routes are type='http', csrf=False:
// parameters come from the query string or form fields, answers are HTML (often a meta refresh)
// or plain text. Two page sets exist: the classic `views/homepage.html` one, and the later
// refactor that moved Version/IP/MAC/certificate to `/technical` and shows `/list_credential`
// only on a box that had a server when Odoo started. The markup below is written from the
// templates' facts (element names, attributes, labels, their whitespace and stray tags).

const FN = 'IoTboxHomepage';
const DOC = 'https://www.odoo.com/documentation/16.0/applications/general/iot';

export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&#34;')
    .replaceAll("'", '&#39;');
}

/** `views/layout.html` (classic) and `views/_layout.jinja2` (refactor) share this frame. */
function page(title: string, content: string, breadcrumb: string | null = null): string {
  const crumb =
    breadcrumb === null
      ? ''
      : `\n            <div class="breadcrumb"><a href="/">Home</a> / <span>${escapeHtml(breadcrumb)}</span></div>\n`;
  return `<!DOCTYPE html>
<html>
    <head>
        <meta http-equiv="cache-control" content="no-cache" />
        <meta http-equiv="pragma" content="no-cache" />
        <title>${escapeHtml(title)}</title>
        <script type="text/javascript" src="/web/static/lib/jquery/jquery.js"></script>
    </head>
    <body>
        ${crumb}
        <div class="container">
${content}
            <p class="error-message text-red" style="text-align: right;" />
        </div>
        <div class="footer">
            <a href='https://www.odoo.com/help'>Help</a>
        </div>
    </body>
</html>
`;
}

function metaRefresh(seconds: number, box: BoxRuntime, path = ''): WireResponse {
  return htmlResponse(
    `<meta http-equiv='refresh' content='${seconds}; url=http://${box.identity.ip}:8069${path}'>`,
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

function networkStatus(box: BoxRuntime): string {
  return box.network.accessPoint ? 'Wifi access point' : 'Ethernet';
}

function heading(box: BoxRuntime, refactor: boolean): string {
  // Only the refactor names the Windows service a "Virtual IoT".
  const what = refactor && box.system === 'Windows' ? 'Virtual IoT' : 'IoT Box';
  const icon = refactor ? '<i class="fa fa-check-circle" aria-hidden="true"></i> ' : '';
  return `    <h2 class="text-center text-green">${icon}Your ${what} is up and running</h2>`;
}

// --- classic views/homepage.html (hw_posbox_homepage @6c3ecb4a, @00ce3720) ------------------

function classicRow(label: string, cell: string, rowClass: string | null = null): string {
  const open = rowClass === null ? '<tr>' : `<tr class="${rowClass}">`;
  return `        ${open}\n            <td class="heading">${label}</td>\n            ${cell}\n        </tr>`;
}

/** The certificate cell: a details/summary when valid, "Error code:" and a help link otherwise. */
function classicCertificateCell(isOk: boolean, details: string): string {
  if (isOk) {
    return `<td>
                    <details>
                        <summary>OK</summary>
                        <code>${escapeHtml(details)}</code>
                    </details>
            </td>`;
  }
  const anchor = (details.split(' ')[0] ?? '').replaceAll('_', '-').toLowerCase();
  return `<td>
                    Error code:
                    <a target="_blank" class="btn btn-sm float-end" href="https://www.odoo.com/documentation/master/applications/productivity/iot/config/https_certificate_iot.html#${escapeHtml(anchor)}">help</a>
                    <br/>
                    <code style="white-space: pre-wrap;">${escapeHtml(details)}</code>
            </td>`;
}

async function classicHomepage(box: BoxRuntime): Promise<WireResponse> {
  const [isOk, details] = await box.certificates.getCertificateStatus();
  const server = box.serverUrl() ?? 'Not Configured';
  const linux = box.system === 'Linux';
  const configure = (href: string, text: string): string =>
    linux ? `<a class="btn btn-sm float-right" href='${href}'>${text}</a>` : '';
  const rows = [
    classicRow(
      'Name',
      `<td> ${escapeHtml(box.config.hostname)} ${configure('/server', 'configure')}</td>`,
    ),
    classicRow(
      'Version',
      `<td> ${escapeHtml(box.identity.version)} ${configure('/hw_proxy/upgrade/', 'update')}</td>`,
    ),
    // The template closes an anchor it never opened here.
    classicRow('IP Address', `<td>${escapeHtml(box.identity.ip)}</a></td>`),
    classicRow('Mac Address', `<td> ${escapeHtml(box.identity.mac)}</td>`),
    classicRow('Network', `<td>${networkStatus(box)} ${configure('/wifi', 'configure wifi')}</td>`),
    // Always a link, even to "Not Configured"; its anchor is never closed before the button.
    classicRow(
      'Server',
      `<td><a href='${escapeHtml(server)}' target=_blank>${escapeHtml(server)}<a class="btn btn-sm float-end" href='/server'>configure</a></td>`,
    ),
    classicRow('HTTPS certificate', classicCertificateCell(isOk, details), isOk ? '' : 'warn-tr'),
  ];
  if (server !== 'Not Configured') {
    rows.push(
      classicRow(
        'Six payment terminal',
        `<td>${escapeHtml(box.config.sixTerminal ?? 'Not Configured')} <a class="btn btn-sm float-end" href='/six_payment_terminal'>configure</a></td>`,
      ),
    );
  }
  const pairingCode = box.pairing().code;
  if (pairingCode !== false) {
    rows.push(classicRow('Pairing code', `<td>${escapeHtml(pairingCode)}</td>`));
  }
  rows.push(
    classicRow(
      'IOT Device',
      `<td>
                <div class="collapse">
                        No Device Found
                </div>
                <br><center><a class="btn btn-sm" href='/list_handlers'>handlers list</a></center>
            </td>`,
    ),
  );
  const credential =
    server === 'Not Configured'
      ? ''
      : `\n        <a class="btn" style="margin-left: 10px;" href='/list_credential'>Credential</a>`;
  return htmlResponse(
    page(
      "Odoo's IoT Box",
      `    <div class="collapse item-restart">
        <div class="collapsible item-restart">
            <div class="title arrow-down">Restart</div>
        </div>
    </div>
${heading(box, false)}
    <table align="center" cellpadding="3">
${rows.join('\n')}
    </table>
    <div style="margin: 20px auto 10px auto;" class="text-center">
        <a class="btn" href='/point_of_sale/display'>POS Display</a>${credential}
    </div>`,
    ),
  );
}

// --- refactor: views/homepage.jinja2 + technical pages (hw_posbox_homepage @2fb85bf0, @80a3765c)

type TableRow = {
  readonly name: string;
  readonly value: string;
  readonly icon?: string;
  readonly actionUrl?: string | null;
  readonly actionName?: string;
  readonly help?: string;
  readonly warning?: boolean;
};

/** The `iot_table` macro of `_layout.jinja2`: a `th` label, a `td` value, maybe a button cell. */
function iotTable(rows: readonly TableRow[]): string {
  const rendered = rows.map((row) => {
    const icon =
      row.icon === undefined ? '' : `\n                    <i class="fa fa-${row.icon}"></i>`;
    const help =
      row.help === undefined
        ? ''
        : `\n                    <a class="float-end" href='${DOC}${row.help}' target="_blank"><i class="fa fa-question-circle"></i> </a>`;
    const action =
      row.actionUrl === undefined || row.actionUrl === null
        ? ''
        : `\n                <td style="text-align: right; border:none">
                    <a class='btn btn-sm' href="${row.actionUrl}" >
                        ${row.actionName ?? 'configure'}
                    </a>
                </td>`;
    const colspan = action === '' ? '\n                colspan="2"' : '';
    return `        <tr ${row.warning === true ? 'class=warn-tr' : ''}>
            <th style="width: 30%;">${icon}
                ${row.name}${help}
            </th>

            <td ${colspan}
            >
                ${row.value}
            </td>
${action}
        </tr>`;
  });
  return `    <table class="table_info">\n${rendered.join('\n')}\n    </table>`;
}

function refactorHomepage(box: BoxRuntime): WireResponse {
  const server = box.serverUrl();
  const rows: TableRow[] = [
    {
      name: 'Name',
      value: escapeHtml(box.config.hostname),
      icon: 'id-card-o',
      actionUrl: box.system === 'Linux' ? '/server' : null,
    },
    {
      name: 'Odoo Server',
      // An unconnected box shows a never-closed <i>, not a link.
      value:
        server === null
          ? '<i>Not Configured<i>'
          : `<a href='${server}' target='_blank'>${server}</a>`,
      icon: 'globe',
      actionUrl: '/server',
      help: '/config/connect.html',
      warning: server === null,
    },
  ];
  const pairingCode = box.pairing().code;
  if (pairingCode !== false) {
    rows.push({
      name: 'Pairing Code',
      value: pairingCode,
      icon: 'link',
      help: '/config/connect.html#ethernet-connection',
    });
  }
  rows.push({
    name: 'Devices',
    value: '<i>No devices found</i>',
    icon: 'plug',
    help: '/devices.html',
  });
  return htmlResponse(
    page(
      "Odoo's IoT Box",
      `${heading(box, true)}

${iotTable(rows)}

    <div style="margin: 20px auto 10px auto;" class="text-center">
        <a class="btn" style="margin-left: 10px;" href='/technical'><i class="fa fa-cogs" aria-hidden="true"></i> Technical</a>
    </div>`,
    ),
  );
}

async function technicalGeneral(box: BoxRuntime): Promise<WireResponse> {
  const [isOk, details] = await box.certificates.getCertificateStatus();
  const linux = box.system === 'Linux';
  // The value is an f-string rendered with `| safe`: the details are NOT escaped, and the
  // error variant closes </small> and </code> in the wrong order.
  const certificate = isOk
    ? `<details>
                <summary>OK</summary>
                <code>${details}</code>
                </details>`
    : `ERROR, can't load certificate:<br/>
                <small><code>${details}</small></code>`;
  const rows: TableRow[] = [
    {
      name: 'Version',
      value: escapeHtml(box.identity.version),
      actionUrl: linux ? '/hw_proxy/upgrade' : null,
      actionName: 'update',
      help: '/config/updating_iot.html',
    },
    { name: 'IP Address', value: escapeHtml(box.identity.ip) },
    { name: 'MAC Address', value: escapeHtml(box.identity.mac) },
    {
      name: 'Network Type',
      value: networkStatus(box),
      actionUrl: linux ? '/wifi' : null,
    },
    {
      name: 'HTTPS Certificate',
      value: certificate,
      help: '/config/https_certificate_iot.html',
      actionUrl: isOk
        ? null
        : `${DOC}/config/https_certificate_iot.html#${details.replaceAll('_', '-').toLowerCase()}`,
      actionName: 'more details',
      warning: !isOk,
    },
  ];
  return htmlResponse(
    page(
      "Odoo's IoT Box - Technical",
      `    <h2 class="text-center text-green">Technical Information</h2>\n${iotTable(rows)}`,
      'Technical',
    ),
  );
}

// --- credentials: views/list_credential.html @14740f66, technical/credential.jinja2 ----------

function listCredentialPage(box: BoxRuntime): WireResponse {
  const dbUuid = escapeHtml(box.config.dbUuid ?? '');
  const code = escapeHtml(box.config.enterpriseCode ?? '');
  const current =
    box.config.dbUuid || box.config.enterpriseCode
      ? `
    <p class="text-center font-small">
        Current DB uuid: <strong>${dbUuid}</strong>
    </p>
    <p class="text-center font-small">
        Current Contract Number: <strong>${code}</strong>
    </p>`
      : '';
  return htmlResponse(
    page(
      "Odoo's IoT Box - List credential",
      `    <h2 class="text-center">List Credential</h2>
    <p>
        Set the DB UUID and your Contract Number you want to use.
    </p>
    <form id="list-credential" action='/save_credential' method='POST'>
        <table align="center">
            <tr>
                <td>DB uuid</td>
                <td><input type="text" name="db_uuid" value="${dbUuid}"></td>
            </tr>
            <tr>
                <td>Contract Number</td>
                <td><input type="text" name="enterprise_code" value="${code}"></td>
            </tr>
            <tr>
                <td/>
                <td><input class="btn" type="submit" value="Save"/></td>
            </tr>
        </table>
    </form>${current}`,
      'List credential',
    ),
  );
}

/** 16.0 main.py (id:15368564) and the refactor's technicals/credential.py @57c62d28. */
function credentialRoutes(): BoxRoute[] {
  return [
    // list_credential(): views/list_credential.html @14740f66, technical/credential.jinja2.
    {
      kind: 'http',
      path: '/list_credential',
      handle: (_request, box) => listCredentialPage(box),
    },
    // save_credential(): writes odoo-db-uuid.conf and odoo-enterprise-code.conf, restarts Odoo.
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
    // clear_credential(): unlinks both files, restarts Odoo.
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
  ];
}

/**
 * The Wi-Fi pages: 16.0 main.py (id:15368564) on every system; the refactor's
 * technicals/wifi.py @2fb85bf0, loaded only on Linux (technical.py @2fb85bf0, IS_LINUX).
 */
function wifiRoutes(): BoxRoute[] {
  return [
    // wifi(): views/wifi_config.html @49d6b949 (refactor: technical/wifi.jinja2).
    {
      kind: 'http',
      path: '/wifi',
      handle: () =>
        htmlResponse(
          page(
            'Wifi configuration',
            '    <h2 class="text-center">Configure Wifi</h2>\n    <select name="essid"><option>Lab-Wifi</option><option>Neighbour</option><option>Office</option></select>',
            'Configure Wifi',
          ),
        ),
    },
    // connect_to_wifi(): connect_to_wifi.sh runs before the answer, and a box on its access
    // point stops it on the way: the client there never hears back.
    {
      kind: 'http',
      path: '/wifi_connect',
      handle: (request, box) => {
        requireHttpParams(request, `${FN}.connect_to_wifi`, ['essid', 'password']);
        const essid = request.params['essid'] ?? '';
        box.config.wifiSsid = essid;
        if (box.network.accessPoint) {
          box.network.accessPoint = false;
          throw new ReplyLost('connect_to_wifi.sh stopped the access point');
        }
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
    // clear_wifi_configuration(): unlinks wifi_network.txt.
    {
      kind: 'http',
      path: '/wifi_clear',
      handle: (_request, box) => {
        box.config.wifiSsid = null;
        return metaRefresh(0, box);
      },
    },
  ];
}

/** `rename_iot.sh` @15744c7d: strips the name, and only when it differs rewrites and reboots. */
function renameAndReboot(box: BoxRuntime, iotname: string): boolean {
  const name = sanitizeHostname(iotname);
  if (name === '' || name === box.config.hostname || box.system !== 'Linux') {
    return false;
  }
  box.config.hostname = name;
  box.scheduleRestart(0, 'reboot');
  return true;
}

export function routesG1(box: BoxRuntime): BoxRoute[] {
  const refactor = box.g1Pages === 'technical-jinja2';
  const routes: BoxRoute[] = [
    ...commonRoutes(),
    oldCheckCertificateRoute(),
    // main.py index() (16.0 id:15368564; refactor id:17167291136): 200, refresh to /steps on AP.
    {
      kind: 'http',
      path: '/',
      handle: (_request, runtime) => {
        if (
          runtime.network.accessPoint &&
          (runtime.config.wifiSsid === null || runtime.config.serverUrl === null)
        ) {
          return metaRefresh(0, runtime, '/steps');
        }
        return refactor ? refactorHomepage(runtime) : classicHomepage(runtime);
      },
    },
    // main.py step_by_step_configure_page() (16.0 id:15368564), views/configure_wizard.html.
    {
      kind: 'http',
      path: '/steps',
      handle: () =>
        htmlResponse(
          page(
            'Configure IoT Box',
            '    <h2 class="text-center">Configure IoT Box</h2>',
            'Configure IoT Box',
          ),
        ),
    },
    // main.py server() (16.0 id:15368564), views/server_config.html @2b5c595c: name in an input.
    {
      kind: 'http',
      path: '/server',
      handle: (_request, runtime) =>
        htmlResponse(
          page(
            'IoT -> Odoo server configuration',
            `    <h2 class="text-center">Configure Odoo Server</h2>
    <form id="server-config" action='/server_connect' method='POST'>
        <table align="center">
            <tr>
                <td>IoTBox Name</td>
                <td><input type="text" id="iotname" name="iotname" value="${escapeHtml(runtime.config.hostname)}"></td>
            </tr>
            <tr>
                <td>Server Token</td>
                <td><input type="text" name="token"></td>
            </tr>
        </table>
        <p class="text-center font-small">
            Your current server <strong>${escapeHtml(runtime.serverUrl() ?? 'Not configured yet')}</strong>
        </p>
    </form>`,
            'Configure Odoo Server',
          ),
        ),
    },
    // main.py clear_server_configuration() (16.0 id:15368564): unlinks odoo-remote-server.conf.
    {
      kind: 'http',
      path: '/server_clear',
      handle: (_request, runtime) => {
        runtime.config.serverUrl = null;
        return metaRefresh(0, runtime);
      },
    },
    // main.py connect_to_server() (16.0 id:15368564; refactor id:17167291136): token split on '|'.
    {
      kind: 'http',
      path: '/server_connect',
      handle: (request, runtime) => {
        requireHttpParams(request, `${FN}.connect_to_server`, ['token', 'iotname']);
        const token = request.params['token'] ?? '';
        if (token !== '') {
          const parts = token.split('|');
          if (parts.length < 4) {
            throw typeError('list index out of range');
          }
          const [url = '', serverToken = '', dbUuid = '', enterpriseCode = ''] = parts;
          clearServerConfiguration(runtime.config);
          runtime.config.serverUrl = url || null;
          runtime.config.token = serverToken || null;
          runtime.config.dbUuid = dbUuid || null;
          runtime.config.enterpriseCode = enterpriseCode || null;
        }
        // check_call(rename_iot.sh) never returns when the script reboots: no answer at all.
        if (renameAndReboot(runtime, request.params['iotname'] ?? '')) {
          throw new ReplyLost('rename_iot.sh rebooted the box');
        }
        runtime.scheduleRestart(refactor ? 1 : 5);
        return htmlResponse(
          refactor
            ? 'Successfully connected to db, IoT will restart to update the configuration.'
            : `http://${runtime.identity.ip}:8069`,
        );
      },
    },
    // main.py iot_restart_odoo_or_reboot() (16.0 id:15368564; refactor id:17167291136).
    {
      kind: 'json',
      path: '/iot_restart_odoo_or_reboot',
      handle: (params, runtime) => {
        if (!('action' in params)) {
          throw typeError(
            `${FN}.iot_restart_odoo_or_reboot() missing 1 required positional argument: 'action'`,
          );
        }
        if (params['action'] === 'restart_odoo') {
          runtime.scheduleRestart(3);
        } else {
          runtime.scheduleRestart(0, 'reboot');
        }
        return 'success';
      },
    },
  ];
  if (refactor) {
    // technical.py @2fb85bf0: the Credentials menu (and its routes) exist only when a server
    // was configured at import time, i.e. when Odoo last started; Network Configuration only on
    // Linux. technicals/general.py @80a3765c renders /technical.
    if (box.system === 'Linux') {
      routes.push(...wifiRoutes());
    }
    routes.push({
      kind: 'http',
      path: '/technical',
      handle: (_request, runtime) => technicalGeneral(runtime),
    });
    if (box.serverAtStart() !== null) {
      routes.push(...credentialRoutes());
    }
  } else {
    routes.push(...wifiRoutes(), ...credentialRoutes());
    // main.py view_password(), type='json' (16.0 id:15368564).
    routes.push({
      kind: 'json',
      path: '/hw_posbox_homepage/password',
      handle: () => 'simulatedpw1',
    });
    // main.py check_version() (16.0 id:15368564).
    routes.push({
      kind: 'http',
      path: '/hw_proxy/get_version',
      handle: (_request, runtime) => htmlResponse(runtime.identity.version),
    });
  }
  return routes;
}

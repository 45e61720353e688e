import { ReplyLost } from './box-state';
import type { BoxFeatures, BoxRoute, BoxRuntime } from './box-state';
import { htmlResponse, OdooError, requireParams } from './odoo-wire';
import { commonRoutes, jsonText, logsAttachment, stringParam, truthy } from './routes-common';
import { networkInterfaces, OWL_INDEX_HTML } from './routes-g2-g3';
import {
  clearServerConfiguration,
  CONNECTED_MESSAGE,
  parseConnectToken,
  saveServerConfiguration,
  WRITE_FAILED_MESSAGE,
} from './server-token';
import { owlSharedRoutes, updateHostnameRoute } from './routes-owl-shared';

// G4: addons/iot_drivers, `/iot_drivers/*` (protocol doc §7). Routes marked linux_only are not
// registered at all on the Windows virtual box, so they 404 there.

const PREFIX = '/iot_drivers';
const FN = 'IotBoxOwlHomePage';

// A 1×1 PNG: the real box sends generated QR codes as data URLs; only the shape matters.
const QR_PLACEHOLDER =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

function homepageData(box: BoxRuntime): unknown {
  const server = box.serverUrl() ?? '';
  const linux = box.system === 'Linux';
  return {
    db_uuid: box.config.dbUuid,
    enterprise_code: box.config.enterpriseCode,
    // Only the images that can still be renamed send it (19.0 removed both, odoo/odoo#219589).
    ...(box.features.updateHostname ? { hostname: box.config.hostname } : {}),
    // system.get_ip() (@06d82b35) asks the route to the gateway: none on the access point.
    ip: box.network.accessPoint ? null : box.identity.ip,
    identifier: box.identity.identifier,
    mac_address: box.identity.mac,
    devices: {},
    server_status: server,
    // controllers/homepage.py @044bdaeb reads connection_manager; expiry shows only unconnected.
    pairing_code: box.pairing().code,
    new_database_url: box.pairing().newDatabaseUrl,
    pairing_code_expired: box.pairing().expired && server === '',
    six_terminal: box.config.sixTerminal ?? 'Not Configured',
    is_access_point_up: linux && box.network.accessPoint,
    network_interfaces: networkInterfaces(box, 'g4'),
    version: box.identity.version,
    system: box.system,
    odoo_uptime_seconds: box.odooUptimeSeconds(),
    system_uptime_seconds: box.systemUptimeSeconds(),
    // Local check only (no odoo.com request), unlike G2/G3's /data.
    certificate_end_date: box.certificates.certificateEndDate(),
    wifi_ssid: box.config.wifiSsid,
    qr_code_wifi: linux ? QR_PLACEHOLDER : null,
    qr_code_url: linux ? QR_PLACEHOLDER : null,
  };
}

function linuxOnlyRoutes(): BoxRoute[] {
  return [
    // get_available_wifi(), linux_only: iot_drivers/controllers/homepage.py @044bdaeb.
    {
      kind: 'http',
      path: `${PREFIX}/wifi`,
      handle: (_request, box) =>
        jsonText({
          currentWiFi: box.config.wifiSsid,
          availableWiFi: ['Lab-Wifi', 'Neighbour', 'Office'],
        }),
    },
    // clear_wifi_configuration(), linux_only: iot_drivers homepage.py @044bdaeb.
    {
      kind: 'http',
      path: `${PREFIX}/wifi_clear`,
      handle: (_request, box) => {
        box.config.wifiSsid = null;
        return jsonText({ status: 'success', message: 'Successfully disconnected from wifi' });
      },
    },
    // get_version_info(), linux_only: iot_drivers homepage.py @044bdaeb.
    {
      kind: 'http',
      path: `${PREFIX}/version_info`,
      handle: () =>
        jsonText({
          status: 'success',
          odooIsUpToDate: true,
          imageIsUpToDate: true,
          currentCommitHash: '0000000000000000000000000000000000000000',
        }),
    },
    // is_ngrok_enabled(), linux_only: iot_drivers homepage.py @044bdaeb.
    {
      kind: 'http',
      path: `${PREFIX}/is_ngrok_enabled`,
      handle: () => jsonText({ enabled: false }),
    },
    // update_wifi(), linux_only: iot_drivers homepage.py @044bdaeb, tools/wifi.py @0b8a7f90.
    {
      kind: 'json',
      path: `${PREFIX}/update_wifi`,
      handle: (params, box) => {
        requireParams(`${FN}.update_wifi`, params, ['essid', 'password']);
        const essid = stringParam(params, 'essid');
        if (essid === null) {
          throw new OdooError(
            'builtins.TypeError',
            'can only concatenate str (not "NoneType") to str',
          );
        }
        // The lab has no radio: an SSID starting with "fail" stands for a failed association.
        const joins = !essid.toLowerCase().startsWith('fail');
        if (box.network.accessPoint) {
          // wifi.reconnect(force_update=True) (tools/wifi.py @0b8a7f90) stops the access point
          // before connecting, and starts it again when joining fails: the answer never
          // reaches a client on the access point.
          if (joins) {
            box.config.wifiSsid = essid;
            box.network.accessPoint = false;
          }
          throw new ReplyLost('the access point stopped before the answer');
        }
        if (!joins) {
          return { status: 'error', message: `Failed to connect to ${essid}` };
        }
        box.config.wifiSsid = essid;
        return { status: 'success', message: `Connecting to ${essid}` };
      },
    },
    // generate_password(), linux_only: iot_drivers homepage.py @044bdaeb.
    {
      kind: 'json',
      path: `${PREFIX}/generate_password`,
      handle: () => ({ password: 'simulatedpw2' }),
    },
    // enable_remote_connection(), linux_only: iot_drivers homepage.py @044bdaeb.
    {
      kind: 'json',
      path: `${PREFIX}/enable_ngrok`,
      handle: (params) => {
        requireParams(`${FN}.enable_remote_connection`, params, ['auth_token']);
        return { status: 'success' };
      },
    },
    // update_git_tree(), linux_only: iot_drivers homepage.py @044bdaeb.
    {
      kind: 'json',
      path: `${PREFIX}/update_git_tree`,
      handle: () => ({ status: 'success', message: 'Successfully updated the IoT Box' }),
    },
    // disable_remote_connection(), linux_only: iot_drivers homepage.py @044bdaeb.
    { kind: 'json', path: `${PREFIX}/disable_ngrok`, handle: () => ({ status: 'success' }) },
  ];
}

export function routesG4(system: 'Linux' | 'Windows', features: BoxFeatures): BoxRoute[] {
  const routes: BoxRoute[] = [
    ...commonRoutes(),
    // action(): iot_drivers/controllers/driver.py @1fd47b3f (no devices here: false).
    { kind: 'json', path: `${PREFIX}/action`, handle: () => false },
    // download_logs(): iot_drivers/controllers/driver.py @1fd47b3f.
    {
      kind: 'http',
      path: `${PREFIX}/download_logs`,
      handle: (request, box) => logsAttachment(box, request),
    },
    // controllers/driver.py @1fd47b3f still routes it "for compatibility with the image 24_01",
    // but calls helpers.get_certificate_status(), which iot_drivers' helpers no longer have:
    // it fails. The certificate is ensured at Odoo start and daily at 00:00 instead.
    {
      kind: 'http',
      path: `${PREFIX}/check_certificate`,
      handle: () => {
        throw new OdooError(
          'builtins.AttributeError',
          "module 'odoo.addons.iot_drivers.tools.helpers' has no attribute 'get_certificate_status'",
        );
      },
    },
    // index(): iot_drivers homepage.py @044bdaeb (views/index.html, the OWL app).
    { kind: 'http', path: '/', handle: () => htmlResponse(OWL_INDEX_HTML) },
    // logs_page(): iot_drivers homepage.py @044bdaeb.
    { kind: 'http', path: '/logs', handle: () => htmlResponse(OWL_INDEX_HTML) },
    // status_page(): iot_drivers homepage.py @044bdaeb.
    { kind: 'http', path: '/status', handle: () => htmlResponse(OWL_INDEX_HTML) },
    ...owlSharedRoutes(PREFIX),
    // get_homepage_data(): iot_drivers homepage.py @044bdaeb.
    {
      kind: 'http',
      path: `${PREFIX}/data`,
      handle: (_request, box) => jsonText(homepageData(box)),
    },
    // clear_server_configuration(): iot_drivers homepage.py @044bdaeb.
    {
      kind: 'http',
      path: `${PREFIX}/server_clear`,
      handle: (_request, box) => {
        clearServerConfiguration(box.config);
        box.scheduleRestart(0);
        return jsonText({ status: 'success', message: 'Successfully disconnected from server' });
      },
    },
    // log_levels(): iot_drivers homepage.py @044bdaeb.
    {
      kind: 'http',
      path: `${PREFIX}/log_levels`,
      handle: (_request, box) =>
        jsonText({
          title: "Odoo's IoT Box - Handlers list",
          breadcrumb: 'Handlers list',
          drivers_list: [],
          interfaces_list: [],
          server: box.serverUrl(),
          is_log_to_server_activated: false,
          root_logger_log_level: 'warning',
          odoo_current_log_level: 'warning',
          recommended_log_level: 'warning',
          available_log_levels: ['debug', 'info', 'warning', 'error'],
          drivers_logger_info: {},
          interfaces_logger_info: {},
          is_custom_handlers_enabled: null,
        }),
    },
    // connect_to_odoo_server(token): iot_drivers homepage.py @044bdaeb.
    {
      kind: 'json',
      path: `${PREFIX}/connect_to_server`,
      handle: (params, box) => {
        // G4 takes `token` only (no iotname, no renaming); Odoo drops unknown keywords.
        requireParams(`${FN}.connect_to_odoo_server`, params, ['token']);
        const token = params['token'];
        if (truthy(token)) {
          if (typeof token !== 'string') {
            return { status: 'failure', message: WRITE_FAILED_MESSAGE };
          }
          const outcome = parseConnectToken(token, true);
          if (!outcome.ok) {
            return { status: 'failure', message: outcome.message };
          }
          saveServerConfiguration(box.config, outcome.configuration);
        }
        box.scheduleRestart(1);
        return { status: 'success', message: CONNECTED_MESSAGE };
      },
    },
    // enable_custom_handlers(): iot_drivers homepage.py @044bdaeb.
    {
      kind: 'json',
      path: `${PREFIX}/enable_custom_handlers`,
      handle: () => ({ status: 'success', message: 'Custom handlers enabled' }),
    },
  ];
  if (features.updateHostname && system === 'Linux') {
    routes.push(updateHostnameRoute(PREFIX));
  }
  return system === 'Linux' ? [...routes, ...linuxOnlyRoutes()] : routes;
}

import { accessPointSsid, ACCESS_POINT_IP, ReplyLost } from './box-state';
import type { BoxFeatures, BoxRoute, BoxRuntime } from './box-state';
import { OdooError, htmlResponse, requireParams } from './odoo-wire';
import {
  commonRoutes,
  jsonText,
  oldCheckCertificateRoute,
  stringParam,
  truthy,
} from './routes-common';
import {
  clearServerConfiguration,
  CONNECTED_MESSAGE,
  parseConnectToken,
  sanitizeHostname,
  saveServerConfiguration,
} from './server-token';
import { owlSharedRoutes, updateHostnameRoute } from './routes-owl-shared';

// G2 (hw_posbox_homepage, type="json") and G3 (same paths, type="jsonrpc"), protocol doc §6.

const PREFIX = '/hw_posbox_homepage';
const FN = 'IotBoxOwlHomePage';

export const OWL_INDEX_HTML =
  '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8"/>\n<title>Odoo\'s IoT Box</title>\n</head>\n<body>\n<div id="app"></div>\n</body>\n</html>\n';

function networkStatus(box: BoxRuntime): string {
  if (box.network.accessPoint) {
    return 'Wifi access point';
  }
  return 'Ethernet';
}

export function networkInterfaces(box: BoxRuntime, generation: 'g3' | 'g4'): unknown[] {
  if (box.system !== 'Linux') {
    return [];
  }
  if (box.network.accessPoint) {
    return [
      {
        id: 'wlan0',
        is_wifi: true,
        ssid: accessPointSsid(generation, box.identity),
        ip: ACCESS_POINT_IP,
      },
    ];
  }
  return [{ id: 'eth0', is_wifi: false, ssid: null, ip: box.identity.ip }];
}

async function homepageData(box: BoxRuntime, generation: 'g2' | 'g3'): Promise<unknown> {
  // Side effect as on the real box: may POST to odoo.com and swap the HTTPS certificate. Trees
  // with the certificate refactor send no certificate fields at all.
  const codes = box.certificates.reportsCodes;
  const [isCertificateOk, certificateDetails] = codes
    ? await box.certificates.getCertificateStatus()
    : [null, null];
  const common = {
    db_uuid: box.config.dbUuid,
    enterprise_code: box.config.enterpriseCode,
    hostname: box.config.hostname,
    ip: box.identity.ip,
    mac: box.identity.mac,
  };
  const tail = {
    version: box.identity.version,
    system: box.system,
    ...(codes
      ? { is_certificate_ok: isCertificateOk, certificate_details: certificateDetails }
      : {}),
  };
  const server = box.serverUrl() ?? 'Not Configured';
  const sixTerminal = box.config.sixTerminal ?? 'Not Configured';
  if (generation === 'g2') {
    return {
      ...common,
      iot_device_status: [],
      server_status: server,
      pairing_code: box.pairing().code,
      six_terminal: sixTerminal,
      network_status: networkStatus(box),
      ...tail,
    };
  }
  return {
    ...common,
    devices: {},
    server_status: server,
    pairing_code: box.pairing().code,
    six_terminal: sixTerminal,
    is_access_point_up: box.system === 'Linux' && box.network.accessPoint,
    network_interfaces: networkInterfaces(box, 'g3'),
    ...tail,
  };
}

function simulatedSsids(box: BoxRuntime): string[] {
  return box.network.accessPoint ? ['Lab-Wifi', 'Neighbour'] : ['Lab-Wifi', 'Neighbour', 'Office'];
}

export function routesG2G3(generation: 'g2' | 'g3', features: BoxFeatures): BoxRoute[] {
  const routes: BoxRoute[] = [
    ...commonRoutes(),
    oldCheckCertificateRoute(),
    // index(): homepage.py @03558a5b (G2, index.html) and @e1174174 (G3): the OWL app's page.
    { kind: 'http', path: '/', handle: () => htmlResponse(OWL_INDEX_HTML) },
    // logs_page(): homepage.py @03558a5b (G2), @e1174174 (G3).
    { kind: 'http', path: '/logs', handle: () => htmlResponse(OWL_INDEX_HTML) },
    ...owlSharedRoutes(PREFIX),
    // get_homepage_data(): homepage.py @03558a5b (G2), @e1174174 (G3).
    {
      kind: 'http',
      path: `${PREFIX}/data`,
      handle: async (_request, box) => jsonText(await homepageData(box, generation)),
    },
    // get_available_wifi(): homepage.py @03558a5b (G2: a list), @e1174174 (G3: an object).
    {
      kind: 'http',
      path: `${PREFIX}/wifi`,
      handle: (_request, box) =>
        generation === 'g2'
          ? jsonText(simulatedSsids(box))
          : jsonText({ currentWiFi: box.config.wifiSsid, availableWiFi: simulatedSsids(box) }),
    },
    // clear_wifi_configuration(): homepage.py @03558a5b (G2), @e1174174 (G3).
    {
      kind: 'http',
      path: `${PREFIX}/wifi_clear`,
      handle: (_request, box) => {
        box.config.wifiSsid = null;
        return jsonText({ status: 'success', message: 'Successfully disconnected from wifi' });
      },
    },
    // clear_server_configuration(): homepage.py @03558a5b (G2), @e1174174 (G3).
    {
      kind: 'http',
      path: `${PREFIX}/server_clear`,
      handle: (_request, box) => {
        clearServerConfiguration(box.config);
        // disconnect_from_server() ends with odoo_restart() in the code we read (iot_drivers);
        // assumed identical for hw_drivers [I].
        box.scheduleRestart(0);
        return jsonText({ status: 'success', message: 'Successfully disconnected from server' });
      },
    },
    // generate_password(): homepage.py @03558a5b (G2), @e1174174 (G3).
    {
      kind: 'http',
      path: `${PREFIX}/generate_password`,
      handle: () => jsonText({ password: 'simulated-pw' }),
    },
    // log_levels(): homepage.py @03558a5b (G2), @e1174174 (G3).
    {
      kind: 'http',
      path: `${PREFIX}/log_levels`,
      handle: (_request, box) =>
        jsonText({
          title: "Odoo's IoT Box - Handlers list",
          breadcrumb: 'Handlers list',
          drivers_list: [],
          interfaces_list: [],
          server: box.serverUrl() ?? false,
          is_log_to_server_activated: false,
          root_logger_log_level: 'warning',
          odoo_current_log_level: 'warning',
          recommended_log_level: 'warning',
          available_log_levels: ['debug', 'info', 'warning', 'error'],
          drivers_logger_info: {},
          interfaces_logger_info: {},
        }),
    },
    // clear_iot_handlers(): homepage.py @03558a5b (G2), @e1174174 (G3).
    {
      kind: 'http',
      path: `${PREFIX}/clear_iot_handlers`,
      handle: () => jsonText({ status: 'success', message: 'IoT Handlers cleared successfully' }),
    },
    // update_wifi(): homepage.py @03558a5b (G2, connect_to_wifi.sh), @e1174174 (G3, wifi.connect).
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
        if (box.network.accessPoint) {
          // G2 runs connect_to_wifi.sh and G3 wifi.connect() before answering; both end the
          // access point the client came through (homepage.py @03558a5b, @e1174174).
          if (!essid.toLowerCase().startsWith('fail')) {
            box.config.wifiSsid = essid;
            box.network.accessPoint = false;
          }
          throw new ReplyLost('the access point stopped before the answer');
        }
        box.config.wifiSsid = essid;
        const server = box.serverUrl();
        return {
          status: 'success',
          message: `Connecting to ${essid}`,
          server: {
            url: server ?? `http://${box.identity.ip}:8069`,
            message: server !== null ? 'Redirect to Odoo Server' : 'Redirect to IoT Box',
          },
        };
      },
    },
    // enable_remote_connection(): homepage.py @03558a5b (G2), @e1174174 (G3).
    {
      kind: 'json',
      path: `${PREFIX}/enable_ngrok`,
      handle: (params) => {
        requireParams(`${FN}.enable_remote_connection`, params, ['auth_token']);
        return {
          status: 'success',
          auth_token: params['auth_token'],
          message: 'Ngrok tunnel is now enabled',
        };
      },
    },
    // connect_to_odoo_server(): homepage.py @03558a5b (G2), @e1174174 (G3).
    {
      kind: 'json',
      path: `${PREFIX}/connect_to_server`,
      handle: (params, box) => {
        const token = params['token'];
        if (truthy(token)) {
          if (typeof token !== 'string') {
            // token.split() on a non-string raises AttributeError → generic failure branch.
            return {
              status: 'failure',
              message: 'Failed to write server configuration files on IoT. Please try again.',
            };
          }
          // G2's save_conf_server (hw_drivers helpers, requests variant) has no db_name; G3
          // trees have it or not (features.acceptsDbName): a db_name token then fails to write.
          const outcome = parseConnectToken(token, generation === 'g3' && features.acceptsDbName);
          if (!outcome.ok) {
            return { status: 'failure', message: outcome.message };
          }
          saveServerConfiguration(box.config, outcome.configuration);
        }
        const iotname = params['iotname'];
        const name = typeof iotname === 'string' ? sanitizeHostname(iotname) : '';
        // Trees with update_hostname ignore `iotname` here (odoo/odoo#198785).
        if (
          !(features.updateHostname && generation === 'g3') &&
          name !== '' &&
          box.system === 'Linux' &&
          name !== box.config.hostname
        ) {
          // rename_iot.sh rewrites the hostname and reboots before the route can answer.
          box.config.hostname = name;
          box.scheduleRestart(0, 'reboot');
          throw new ReplyLost('rename_iot.sh rebooted the box');
        }
        box.scheduleRestart(1);
        return { status: 'success', message: CONNECTED_MESSAGE };
      },
    },
  ];
  if (features.updateHostname && generation === 'g3') {
    routes.push(updateHostnameRoute(PREFIX));
  }
  if (generation === 'g2') {
    routes.push(
      // iotbox_restart(): homepage.py @03558a5b (G2 only).
      {
        kind: 'http',
        path: `${PREFIX}/restart_iotbox`,
        handle: (_request, box) => {
          box.scheduleRestart(0, 'reboot');
          return jsonText({ status: 'success', message: 'IoT Box is restarting' });
        },
      },
      // upgrade_iotbox(): homepage.py @03558a5b (G2 only).
      {
        kind: 'http',
        path: `${PREFIX}/upgrade`,
        handle: (_request, box) =>
          jsonText({
            title: "Odoo's IoTBox - Software Upgrade",
            breadcrumb: 'IoT Box Software Upgrade',
            loading_message: 'Updating IoT box',
            commit: 'commit 0000000000000000000000000000000000000000<br/>Simulated',
            flashToVersion: false,
            actualVersion: box.identity.version,
          }),
      },
    );
  } else {
    routes.push(
      // status_page(): homepage.py @e1174174 (G3).
      { kind: 'http', path: '/status', handle: () => htmlResponse(OWL_INDEX_HTML) },
      // get_version_info(): homepage.py @e1174174 (G3).
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
      // update_git_tree(): homepage.py @e1174174 (G3): check_git_branch().
      {
        kind: 'json',
        path: `${PREFIX}/update_git_tree`,
        handle: () => ({ status: 'success', message: 'Successfully updated the IoT Box' }),
      },
    );
  }
  return routes;
}

import type { BoxRoute } from './box-state';
import { ReplyLost } from './box-state';
import { requireParams } from './odoo-wire';
import { jsonText, stringParam } from './routes-common';
import { sanitizeHostname } from './server-token';

// The OWL homepage's routes that G2/G3 (/hw_posbox_homepage) and G4 (/iot_drivers) answer
// identically (protocol doc §6–§7): one definition, mounted under each generation's prefix.

const FN = 'IotBoxOwlHomePage';

/**
 * `<prefix>/update_hostname` (odoo/odoo#198785; HostnameDialog.js @9d7ab85b, iot_drivers
 * @8dda7d58): rewrites the name and reboots before answering, so the dialog waits for the
 * reboot when the call fails. A name it cannot use is refused with `status: failure` [I: the
 * message text is not in the sources we read].
 */
export function updateHostnameRoute(prefix: string): BoxRoute {
  return {
    kind: 'json',
    path: `${prefix}/update_hostname`,
    handle: (params, box) => {
      requireParams(`${FN}.update_hostname`, params, ['hostname']);
      const name = sanitizeHostname(stringParam(params, 'hostname') ?? '');
      if (name === '' || name === box.config.hostname) {
        return { status: 'failure', message: 'Invalid hostname' };
      }
      box.config.hostname = name;
      box.scheduleRestart(0, 'reboot');
      throw new ReplyLost('the box reboots to apply its new hostname');
    },
  };
}

export function owlSharedRoutes(prefix: string): BoxRoute[] {
  return [
    // ping(): homepage.py @03558a5b (G2), @e1174174 (G3); iot_drivers homepage.py @044bdaeb.
    {
      kind: 'http',
      path: `${prefix}/ping`,
      handle: () => jsonText({ status: 'success', message: 'pong' }),
    },

    // odoo_service_restart(): the same three files; odoo_restart(0).
    {
      kind: 'http',
      path: `${prefix}/restart_odoo_service`,
      handle: (_request, box) => {
        box.scheduleRestart(0);
        return jsonText({ status: 'success', message: 'Odoo service restarted' });
      },
    },

    // get_iot_logs(): the same three files; the whole log file in one JSON string.
    {
      kind: 'http',
      path: `${prefix}/iot_logs`,
      handle: (_request, box) => jsonText({ status: 'success', logs: box.logText() }),
    },

    // clear_six_terminal(): the same three files.
    {
      kind: 'http',
      path: `${prefix}/six_payment_terminal_clear`,
      handle: (_request, box) => {
        box.config.sixTerminal = null;
        return jsonText({
          status: 'success',
          message: 'Successfully cleared Six Payment Terminal',
        });
      },
    },

    // clear_credential(): the same three files; empties both values, odoo_restart(0).
    {
      kind: 'http',
      path: `${prefix}/clear_credential`,
      handle: (_request, box) => {
        box.config.dbUuid = null;
        box.config.enterpriseCode = null;
        box.scheduleRestart(0);
        return jsonText({ status: 'success', message: 'Successfully cleared credentials' });
      },
    },

    // load_iot_handlers(): the same three files; odoo_restart(0).
    {
      kind: 'http',
      path: `${prefix}/load_iot_handlers`,
      handle: (_request, box) => {
        box.scheduleRestart(0);
        return jsonText({ status: 'success', message: 'IoT Handlers loaded successfully' });
      },
    },

    // add_six_terminal(): the same three files.
    {
      kind: 'json',
      path: `${prefix}/six_payment_terminal_add`,
      handle: (params, box) => {
        requireParams(`${FN}.add_six_terminal`, params, ['terminal_id']);
        const terminalId = stringParam(params, 'terminal_id') ?? '';
        box.config.sixTerminal = /^\d+$/.test(terminalId) ? terminalId : null;
        return { status: 'success', message: 'Successfully saved Six Payment Terminal' };
      },
    },

    // save_credential(): the same three files; odoo_restart(0).
    {
      kind: 'json',
      path: `${prefix}/save_credential`,
      handle: (params, box) => {
        requireParams(`${FN}.save_credential`, params, ['db_uuid', 'enterprise_code']);
        box.config.dbUuid = stringParam(params, 'db_uuid') || null;
        box.config.enterpriseCode = stringParam(params, 'enterprise_code') || null;
        box.scheduleRestart(0);
        return { status: 'success', message: 'Successfully saved credentials' };
      },
    },

    // update_log_level(): the same three files.
    {
      kind: 'json',
      path: `${prefix}/log_levels_update`,
      handle: (params) => {
        requireParams(`${FN}.update_log_level`, params, ['name', 'value']);
        const name = stringParam(params, 'name') ?? '';
        if (!name.startsWith('iot-logging-') && name !== 'log-to-server') {
          return { status: 'error', message: 'Invalid logger name' };
        }
        return { status: 'success', message: 'Logger level updated' };
      },
    },
  ];
}

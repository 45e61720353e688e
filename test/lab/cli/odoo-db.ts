import { parseArgs } from 'node:util';

import { startOdooDbSimulator } from '../sim/odoo-db-simulator';
import { fail, info, onShutdown, parseIntegerOption, printReady } from './cli-support';

// A simulated Odoo database (admin/admin) on a lab address, for tests run in lab namespaces.
// Each request is reported on stderr as `request <path> [<service>.<method>]`, never its body:
// a test sees what reached the database (did the password arrive?) without printing it.

const USAGE = `usage: odoo-db [--host 127.0.0.1] [--port 0] [--version 18.0] [--uuid UUID]
  [--enterprise-code CODE]`;

const { values } = parseArgs({
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string' },
    version: { type: 'string' },
    uuid: { type: 'string' },
    'enterprise-code': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
  strict: true,
});
if (values.help) {
  info(USAGE);
  process.exit(0);
}

function rpcName(body: string): string {
  try {
    const parsed = JSON.parse(body) as { params?: { service?: unknown; method?: unknown } };
    const { service, method } = parsed.params ?? {};
    return typeof service === 'string' && typeof method === 'string' ? ` ${service}.${method}` : '';
  } catch {
    return '';
  }
}

const db = await startOdooDbSimulator({
  host: values.host,
  port: parseIntegerOption('port', values.port, 0),
  ...(values.version === undefined ? {} : { version: values.version }),
  ...(values.uuid === undefined ? {} : { uuid: values.uuid }),
  ...(values['enterprise-code'] === undefined ? {} : { enterpriseCode: values['enterprise-code'] }),
  onRequest: (request) => info(`request ${request.path}${rpcName(request.body)}`),
}).catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
printReady({ http: db.url, https: null });
info(`Odoo database simulator at ${db.url} (db "${db.dbName}", admin/admin, uuid ${db.uuid})`);
onShutdown(() => db.close());

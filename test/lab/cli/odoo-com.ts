import { parseArgs } from 'node:util';

import { describeMode, startOdooComSimulator } from '../sim/odoo-com-simulator';
import type { OdooComMode } from '../sim/odoo-com-simulator';
import { fail, info, onShutdown, parseIntegerOption, printReady, resolveCa } from './cli-support';

// Simulated https://www.odoo.com/odoo-enterprise/iot/x509 (plain HTTP on a lab address).

const USAGE = `usage: odoo-com [--host 127.0.0.1] [--port 0] [--ca-dir DIR] [--hash HEX]
  [--mode issue|refuse|refuse-error|refuse-result-error|empty-certificate|hang|404|500|503]`;

const NAMED_MODES = [
  'issue',
  'refuse',
  'refuse-error',
  'refuse-result-error',
  'empty-certificate',
  'hang',
] as const;

function parseMode(value: string): OdooComMode {
  const named = NAMED_MODES.find((mode) => mode === value);
  if (named !== undefined) {
    return named;
  }
  if (/^[45]\d\d$/.test(value)) {
    return { status: Number(value) };
  }
  return fail(`unknown --mode ${value}\n${USAGE}`);
}

const { values } = parseArgs({
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string' },
    mode: { type: 'string', default: 'issue' },
    'ca-dir': { type: 'string' },
    hash: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
  strict: true,
});
if (values.help) {
  info(USAGE);
  process.exit(0);
}
const mode = parseMode(values.mode);
const { ca, caCertPath } = await resolveCa(values['ca-dir']);
const com = await startOdooComSimulator({
  ca,
  host: values.host,
  port: parseIntegerOption('port', values.port, 0),
  mode,
  ...(values.hash === undefined ? {} : { hash: values.hash }),
});
printReady({ http: com.url, x509: com.x509Url, https: null });
info(`odoo.com x509 simulator (${describeMode(mode)}) at ${com.x509Url}`);
if (caCertPath !== null) {
  info(`lab CA: ${caCertPath}`);
}
onShutdown(() => com.close());

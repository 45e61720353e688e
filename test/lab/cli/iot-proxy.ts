import { parseArgs } from 'node:util';

import { startIotProxySimulator } from '../sim/iot-proxy-simulator';
import { fail, info, onShutdown, parseIntegerOption, printReady } from './cli-support';

// A stand-in for Odoo's pairing service (iot-proxy.odoo.com) on a lab address: boxes started
// with --iot-proxy-url <connectBox> register there for a pairing code; POST the code to
// <connectDb> as the IoT app does to hand them a database.

const USAGE = `usage: iot-proxy [--host 127.0.0.1] [--port 0] [--validity-ms 7200000]`;

const { values } = parseArgs({
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string' },
    'validity-ms': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
  strict: true,
});
if (values.help) {
  info(USAGE);
  process.exit(0);
}
const proxy = await startIotProxySimulator({
  host: values.host,
  port: parseIntegerOption('port', values.port, 0),
  validityMs: parseIntegerOption('validity-ms', values['validity-ms'], 2 * 60 * 60 * 1000),
}).catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
printReady({ http: proxy.url, connectBox: proxy.connectBoxUrl, connectDb: proxy.connectDbUrl });
info(`pairing service stand-in at ${proxy.url}`);
onShutdown(() => proxy.close());

import { parseArgs } from 'node:util';

import { createStreamLog } from '../../electron/core/adapters/console-log';
import { startPreview } from './start-preview';

// `npm run preview`: the renderer in any browser, with the real checks running in this process.
// `npm run preview -- --network lab` confines them to `npm run lab`'s simulators.
const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    'data-dir': { type: 'string' },
    // `lab`: only the simulated boxes and DNS stand-ins of `npm run lab`, on loopback.
    network: { type: 'string', default: 'real' },
  },
  strict: true,
});
const port = values.port === undefined ? undefined : Number.parseInt(values.port, 10);
if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
  process.stderr.write(`preview: --port must be a port number, got '${values.port ?? ''}'\n`);
  process.exit(2);
}

const network = values.network;
if (network !== 'real' && network !== 'lab') {
  process.stderr.write(`preview: --network must be 'real' or 'lab', got '${network}'\n`);
  process.exit(2);
}

const preview = await startPreview({
  network,
  ...(port === undefined ? {} : { port }),
  ...(values['data-dir'] === undefined ? {} : { dataDir: values['data-dir'] }),
  log: createStreamLog(),
});
process.stdout.write(
  [
    'IoT Box Assistant preview is running.',
    `Open: ${preview.url}`,
    'The link carries a one-time token; other pages and hosts are refused. Ctrl-C stops it.',
    network === 'lab'
      ? 'Network: lab (loopback simulators only).'
      : "Network: this computer's real networks (search, certificate and DNS checks).",
    '',
  ].join('\n'),
);

const stop = (): void => {
  void preview.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);

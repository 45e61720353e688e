import { parseArgs } from 'node:util';

import { createStreamLog } from '../../electron/core/adapters/console-log';
import { startPreview } from './start-preview';

// `npm run preview`: the renderer in any browser, with the real checks running in this process.
const { values } = parseArgs({
  options: { port: { type: 'string' }, 'data-dir': { type: 'string' } },
  strict: true,
});
const port = values.port === undefined ? undefined : Number.parseInt(values.port, 10);
if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
  process.stderr.write(`preview: --port must be a port number, got '${values.port ?? ''}'\n`);
  process.exit(2);
}

const preview = await startPreview({
  ...(port === undefined ? {} : { port }),
  ...(values['data-dir'] === undefined ? {} : { dataDir: values['data-dir'] }),
  log: createStreamLog(),
});
process.stdout.write(
  [
    'IoT Box Assistant preview is running.',
    `Open: ${preview.url}`,
    'The link carries a one-time token; other pages and hosts are refused. Ctrl-C stops it.',
    '',
  ].join('\n'),
);

const stop = (): void => {
  void preview.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);

// A busy box: listens on the box's LAN address, accepts connections at once, forwards everything
// to the box simulator on the namespace's loopback, and holds the answer to /hw_proxy/hello.
// Usage: node --import tsx slow-box.ts --host 192.168.77.22 --port 8069 --upstream-port 18069
//        --hello-delay-ms 600
import { parseArgs } from 'node:util';

import { startFaultProxy } from '../../../integration/box-fault-proxy';

const { values } = parseArgs({
  options: {
    host: { type: 'string' },
    port: { type: 'string', default: '8069' },
    'upstream-port': { type: 'string' },
    'hello-delay-ms': { type: 'string' },
  },
});
const host = values.host ?? '127.0.0.1';
const port = Number(values.port);
const proxy = await startFaultProxy(
  { host: '127.0.0.1', port: Number(values['upstream-port']) },
  { host, port },
);
proxy.rules = [{ path: '/hw_proxy/hello', delayMs: Number(values['hello-delay-ms']) }];
process.stdout.write(
  `${JSON.stringify({ ready: true, http: `http://${host}:${port}`, https: null })}\n`,
);
const stop = (): void => {
  void proxy.close().then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

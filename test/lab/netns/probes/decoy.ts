// A LAN device that is NOT an IoT box: a router-like admin page on every path, including
// /hw_proxy/hello (200, but not `ping`), so a sweep must fingerprint rather than trust any 200.
// Usage: node --import tsx decoy.ts --host 192.168.77.30 --ports 80,8069
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { host: { type: 'string' }, ports: { type: 'string', default: '80,8069' } },
});
const host = values.host ?? '127.0.0.1';
const ports = values.ports.split(',').map(Number);

const page =
  '<!doctype html><html><head><title>HomeRouter Admin</title></head>' +
  '<body><h1>hello</h1><p>HomeRouter 3000 — please log in.</p></body></html>';

const servers = ports.map((port) =>
  http
    .createServer((_request, response) => {
      response.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        server: 'HomeRouter/1.0',
      });
      response.end(page);
    })
    .listen(port, host),
);
await Promise.all(
  servers.map((server) => new Promise((resolve) => server.once('listening', resolve))),
);
const listening = servers.map((server) => (server.address() as AddressInfo).port);
process.stdout.write(
  `${JSON.stringify({ ready: true, http: listening.map((port) => `http://${host}:${port}`) })}\n`,
);
const stop = (): void => {
  for (const server of servers) server.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

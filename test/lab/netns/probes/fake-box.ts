// Fallback box for when the real simulator (test/lab/cli/sim.ts) is absent: only the sweep
// fingerprint `GET /hw_proxy/hello` → `ping`. Prints the same ready line as the simulator.
// Usage: node --import tsx fake-box.ts --host 192.168.77.20 --port 8069
import http from 'node:http';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { host: { type: 'string' }, port: { type: 'string', default: '8069' } },
});
const host = values.host ?? '127.0.0.1';
const port = Number(values.port);

const server = http.createServer((request, response) => {
  if (request.method === 'GET' && request.url === '/hw_proxy/hello') {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end('ping');
    return;
  }
  response.writeHead(404, { 'content-type': 'text/plain' });
  response.end('not found');
});
server.listen(port, host, () => {
  process.stdout.write(
    `${JSON.stringify({ ready: true, http: `http://${host}:${port}`, https: null, fake: true })}\n`,
  );
});
const stop = (): void => {
  server.close(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

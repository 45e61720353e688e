// A lab stand-in for a DNS-over-HTTPS JSON endpoint (Google's /resolve shape), answering from the
// lab's public DNS. Runs in the wan namespace; prints one ready line.
// Usage: node --import tsx doh-stand-in.ts <listen-ip> <port> <upstream-dns-ip>
import { promises as dns } from 'node:dns';
import { createServer } from 'node:http';

import { assertLabTarget } from '../netns';

const [host = '', portText = '', upstream = ''] = process.argv.slice(2);
assertLabTarget(host);
assertLabTarget(upstream);

const server = createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://stand-in');
  const name = url.searchParams.get('name') ?? '';
  const resolver = new dns.Resolver({ timeout: 1_000, tries: 1 });
  resolver.setServers([upstream]);
  const reply = (body: unknown): void => {
    response.writeHead(200, { 'content-type': 'application/dns-json' });
    response.end(JSON.stringify(body));
  };
  resolver.resolve4(name).then(
    (addresses) =>
      reply({
        Status: 0,
        Answer: addresses.map((data) => ({ name: `${name}.`, type: 1, TTL: 60, data })),
      }),
    (error: unknown) => {
      const code = error instanceof Error && 'code' in error ? String(error.code) : '';
      reply({ Status: code === 'ENOTFOUND' ? 3 : code === 'ENODATA' ? 0 : 2 });
    },
  );
});
server.listen(Number(portText), host, () => {
  process.stdout.write(`${JSON.stringify({ ready: true, http: `http://${host}:${portText}` })}\n`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));

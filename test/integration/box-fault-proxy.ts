import { createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/*
 * A real HTTP proxy in front of a real box simulator, for faults the simulator does not model:
 * a connection dropped in the middle of a request (after the request reached the box, or
 * before), a page whose markup changed, and a box slow to answer. Listens on 127.0.0.1 unless
 * told otherwise (the namespace lab runs it on a box's LAN address).
 */

export type FaultRule = {
  readonly path: string;
  /** `before`: drop without forwarding; `after`: forward, then drop instead of answering. */
  readonly drop?: 'before' | 'after';
  readonly rewrite?: (body: string) => string;
  /** Answer this body (JSON) without forwarding: the box never sees the request. */
  readonly reply?: string;
  /** The status of `reply` (default 200). */
  readonly status?: number;
  /** Forward, then hold the box's answer this long (a busy box: the connection is accepted at once). */
  readonly delayMs?: number;
};

export type FaultProxy = {
  readonly host: string;
  readonly port: number;
  rules: FaultRule[];
  close(): Promise<void>;
};

function readAll(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

export async function startFaultProxy(
  upstream: { host: string; port: number },
  listen: { host: string; port: number } = { host: '127.0.0.1', port: 0 },
): Promise<FaultProxy> {
  const proxy: FaultProxy = {
    host: listen.host,
    port: listen.port,
    rules: [],
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = createServer((incoming, outgoing) => {
    void (async () => {
      const body = await readAll(incoming);
      const path = new URL(incoming.url ?? '/', 'http://proxy.invalid').pathname;
      const rule = proxy.rules.find((candidate) => candidate.path === path);
      if (rule?.drop === 'before') {
        incoming.socket.destroy();
        return;
      }
      if (rule?.reply !== undefined) {
        outgoing.writeHead(rule.status ?? 200, { 'Content-Type': 'application/json' });
        outgoing.end(rule.reply);
        return;
      }
      const forwarded = httpRequest({
        host: upstream.host,
        port: upstream.port,
        method: incoming.method,
        path: incoming.url,
        headers: { ...incoming.headers, host: `${upstream.host}:${upstream.port}` },
        agent: false,
      });
      forwarded.on('error', () => incoming.socket.destroy());
      forwarded.on('response', (answer) => {
        const held = readAll(answer).then(
          (answerBody) =>
            new Promise<Buffer>((resolve) => setTimeout(resolve, rule?.delayMs ?? 0, answerBody)),
        );
        void held.then((answerBody) => {
          if (rule?.drop === 'after') {
            incoming.socket.destroy();
            return;
          }
          const text = rule?.rewrite ? rule.rewrite(answerBody.toString('utf8')) : null;
          const headers = { ...answer.headers };
          delete headers['content-length'];
          outgoing.writeHead(answer.statusCode ?? 502, headers);
          outgoing.end(text ?? answerBody);
        });
      });
      forwarded.end(body);
    })();
  });
  await new Promise<void>((resolve) => server.listen(listen.port, listen.host, resolve));
  (proxy as { port: number }).port = (server.address() as AddressInfo).port;
  return proxy;
}

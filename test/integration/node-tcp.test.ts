import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createNodeTcp } from '../../electron/core/adapters/node-tcp';

let server: Server;
let port: number;
/** What each accepted connection received before it closed. */
const received: Buffer[] = [];
const closed: Promise<void>[] = [];

beforeAll(async () => {
  server = createServer((socket: Socket) => {
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    closed.push(
      new Promise((resolve) =>
        socket.on('close', () => {
          received.push(Buffer.concat(chunks));
          resolve();
        }),
      ),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const tcp = createNodeTcp();
const live = () => new AbortController().signal;

describe('node tcp adapter', () => {
  it('reports an open port and closes the connection at once, sending nothing', async () => {
    await expect(tcp.knock('127.0.0.1', port, 1_000, live())).resolves.toBe('open');
    await Promise.all(closed);
    expect(received).toEqual([Buffer.alloc(0)]);
  });

  it('reports a closed port of a host that is there as refused', async () => {
    const unused = createServer();
    await new Promise<void>((resolve) => unused.listen(0, '127.0.0.1', resolve));
    const freePort = (unused.address() as AddressInfo).port;
    await new Promise((resolve) => unused.close(resolve));
    await expect(tcp.knock('127.0.0.1', freePort, 1_000, live())).resolves.toBe('refused');
  });

  it('is silent when cancelled, before or while connecting', async () => {
    await expect(tcp.knock('127.0.0.1', port, 1_000, AbortSignal.abort())).resolves.toBe('silent');
    const controller = new AbortController();
    const pending = tcp.knock('127.0.0.1', port, 1_000, controller.signal);
    controller.abort();
    await expect(pending).resolves.toBe('silent');
  });
});

import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import type { ServerResponse } from 'node:http';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { MdnsPort } from '../../electron/core/ports';
import type { FoundBox } from '../../electron/shared/schemas/discovery';
import { issueSelfSigned } from '../lab/sim/lab-ca';
import { startBoxSimulator, type BoxSimulator } from '../lab/sim/box-simulator';
import { testCore } from '../support/test-ports';
import { typedBox } from '../support/typed-box';

/*
 * A loopback "LAN" 127.0.77.0/28 with real box simulators and every kind of misbehaving device;
 * discovery runs with its real HTTP adapter. Nothing leaves 127.0.0.0/8 (mDNS is off).
 */
const SUBNET = '127.0.77.0/28';
const ip = (host: number): string => `127.0.77.${host}`;

const noMdns: MdnsPort = {
  browse: () => {
    throw new Error('mDNS must not run in this test');
  },
};

type Fault = { server: Server; sockets: Set<Socket> };
const faults: Fault[] = [];
const boxes: BoxSimulator[] = [];

function listen(server: Server, host: string, port: number): Promise<Fault> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const fault = { server, sockets };
      faults.push(fault);
      resolve(fault);
    });
  });
}

/** Answers `ping` on the hello route like a box, and `other` on every other path. */
function pingThen(other: (response: ServerResponse) => void): Server {
  return createHttpServer((request, response) => {
    if (request.url === '/hw_proxy/hello') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('ping');
      return;
    }
    other(response);
  });
}

const drip = (response: ServerResponse): void => {
  response.writeHead(200, { 'content-type': 'application/json' });
  const timer = setInterval(() => response.write(' '), 200);
  response.on('close', () => clearInterval(timer));
};

let slowDrip: Fault;

function service() {
  return testCore(
    { interfaces: () => [], mdns: noMdns },
    { discovery: { tuning: { helloTimeoutMs: 800 } } },
  ).core.services.discovery();
}

beforeAll(async () => {
  const tls = issueSelfSigned();
  const started = await Promise.all([
    startBoxSimulator({
      generation: 'g4',
      host: ip(1),
      port: 8069,
      delayScale: 0.01,
      identifier: '10000000cafe7701',
    }),
    startBoxSimulator({ generation: 'g2', host: ip(2), port: 8069, delayScale: 0.01 }),
    // Only on port 80 (an nginx-fronted box whose 8069 is closed).
    startBoxSimulator({ generation: 'g3', host: ip(8), port: 80, delayScale: 0.01 }),
  ]);
  boxes.push(...started);
  const decoyPage = (response: ServerResponse): void => {
    response.writeHead(200, { 'content-type': 'text/html' }).end('<h1>hello</h1>');
  };
  await Promise.all([
    // A router admin page: 200 on every path, on both ports.
    listen(
      createHttpServer((_q, response) => decoyPage(response)),
      ip(3),
      8069,
    ),
    listen(
      createHttpServer((_q, response) => decoyPage(response)),
      ip(3),
      80,
    ),
    // ping, then garbage where the box's API should be.
    listen(
      pingThen((response) => response.writeHead(200).end('{"status": "success", "message": ]]]')),
      ip(4),
      8069,
    ),
    // A hello answer far too large.
    listen(
      createHttpServer((_q, response) => {
        response.writeHead(200);
        response.end(Buffer.alloc(8 * 1024 * 1024, 'p'));
      }),
      ip(5),
      8069,
    ),
    // A redirect loop on every path.
    listen(
      createHttpServer((request, response) =>
        response.writeHead(302, { location: request.url ?? '/' }).end(),
      ),
      ip(6),
      8069,
    ),
    // A TLS-only port where plain HTTP is expected.
    listen(
      createHttpsServer({ cert: tls.cert, key: tls.key }, (_q, response) =>
        response.end('ping'),
      ) as unknown as Server,
      ip(6),
      80,
    ),
    // Slow drip on the hello route itself.
    listen(
      createHttpServer((_q, response) => drip(response)),
      ip(7),
      8069,
    ).then((fault) => {
      slowDrip = fault;
    }),
    // ping, then a slow drip on every API route.
    listen(pingThen(drip), ip(9), 8069),
  ]);
});

afterAll(async () => {
  for (const fault of faults) {
    fault.sockets.forEach((socket) => socket.destroy());
  }
  await Promise.all([
    ...faults.map((fault) => new Promise((resolve) => fault.server.close(resolve))),
    ...boxes.map((box) => box.close()),
  ]);
});

describe('discovery against simulated boxes and faulty devices on loopback', () => {
  it('lists exactly the real boxes, with their generation, and survives every fault', async () => {
    const found: FoundBox[] = [];
    const result = await (
      await service()
    ).scan(
      { subnets: [SUBNET], mdns: false },
      { onBoxFound: (box) => found.push(box) },
      new AbortController().signal,
    );
    if (!result.ok) throw new Error(result.error.code);
    const summary = result.value.boxes
      .map((box) => [box.address.host, box.address.port, box.api, box.foundBy])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    expect(summary).toEqual([
      [ip(1), 8069, 'g4', ['sweep']],
      [ip(2), 8069, 'g2', ['sweep']],
      [ip(8), 80, 'g3', ['sweep']],
    ]);
    expect(found).toHaveLength(3);
    expect(result.value.probed).toBe(14);
    expect(result.value.reasons).toEqual([]);
    // The simulators' identities came through the fingerprint, not made up.
    const g4 = result.value.boxes.find((box) => box.api === 'g4');
    expect(g4?.identifier).toBe('10000000cafe7701');
  });

  it('leaves no connection open when cancelled in the middle of a slow drip', async () => {
    const controller = new AbortController();
    const pending = (await service()).scan(
      { subnets: [`${ip(7)}/32`], mdns: false, timeoutMs: 60_000 },
      {},
      controller.signal,
    );
    await expect.poll(() => slowDrip.sockets.size).toBeGreaterThan(0);
    controller.abort();
    const result = await pending;
    expect(result.ok ? 'ok' : result.error.code).toBe('cancelled');
    await expect.poll(() => slowDrip.sockets.size).toBe(0);
  });

  it('confirms a typed address and refuses the decoy', async () => {
    const discovery = await service();
    const box = await discovery.checkAddress(
      typedBox(`http://${ip(1)}:8069/`),
      new AbortController().signal,
    );
    expect(box.ok && [box.value.api, box.value.foundBy]).toEqual(['g4', ['manual']]);
    const decoy = await discovery.checkAddress(typedBox(ip(3)), new AbortController().signal);
    expect(decoy.ok ? null : decoy.error.code).toBe('box-not-odoo');
  });
});

// Runs inside the lab's pc namespace (started by discovery.ts): times the app's discovery and a
// reference naive sweep on the same LAN, in the same process, and prints one JSON line.
import { createNodeHttp } from '../../electron/core/adapters/node-http';
import { silentLog } from '../../electron/core/adapters/console-log';
import { createDiscoveryService } from '../../electron/core/discovery/create-discovery';
import type { FoundBox } from '../../electron/shared/schemas/discovery';
import { assertInLabNamespace } from '../lab/netns/guard';

assertInLabNamespace();
const [subnet = '192.168.77.0/24', iface = 'eth0', expected = '2'] = process.argv.slice(2);
const expectedBoxes = Number(expected);

type Timings = {
  mdnsBoxMs?: number | null;
  firstBoxMs: number | null;
  allBoxesMs: number | null;
  sweepMs: number;
  boxes: number;
};

async function appDiscovery(): Promise<Timings> {
  const service = createDiscoveryService({ log: silentLog, tuning: { progressIntervalMs: 0 } });
  const started = performance.now();
  let firstBoxMs: number | null = null;
  let allBoxesMs: number | null = null;
  let sweepMs: number | null = null;
  let mdnsBoxMs: number | null = null;
  let found = 0;
  const noteMdns = (box: FoundBox): void => {
    if (box.foundBy.includes('mdns')) {
      mdnsBoxMs ??= performance.now() - started;
    }
  };
  const result = await service.scan(
    { subnets: [subnet], interfaces: [iface] },
    {
      onBoxUpdated: noteMdns,
      onBoxFound: (box) => {
        noteMdns(box);
        found += 1;
        const at = performance.now() - started;
        firstBoxMs ??= at;
        if (found === expectedBoxes) {
          allBoxesMs = at;
        }
      },
      onProgress: ({ probed, total }) => {
        if (sweepMs === null && total >= 254 && probed === total) {
          sweepMs = performance.now() - started;
        }
      },
    },
    new AbortController().signal,
  );
  if (!result.ok) {
    throw new Error(result.error.code);
  }
  return {
    mdnsBoxMs,
    firstBoxMs,
    allBoxesMs,
    sweepMs: sweepMs ?? performance.now() - started,
    boxes: result.value.boxes.length,
  };
}

/** How Odoo's old browser scan did it: 8 hosts at a time, 400 ms each, `:8069/hw_proxy/hello`. */
async function naiveSweep(): Promise<Timings> {
  const http = createNodeHttp();
  const base = subnet.split('/')[0]?.split('.').slice(0, 3).join('.') ?? '';
  const signal = new AbortController().signal;
  const started = performance.now();
  let firstBoxMs: number | null = null;
  let allBoxesMs: number | null = null;
  let found = 0;
  for (let batch = 1; batch <= 254; batch += 8) {
    const hosts = Array.from({ length: 8 }, (_, i) => batch + i).filter((host) => host <= 254);
    await Promise.all(
      hosts.map(async (host) => {
        const answer = await http.request(
          { method: 'GET', url: `http://${base}.${host}:8069/hw_proxy/hello`, timeoutMs: 400 },
          signal,
        );
        if (answer.ok && answer.value.body === 'ping') {
          found += 1;
          const at = performance.now() - started;
          firstBoxMs ??= at;
          if (found === expectedBoxes) {
            allBoxesMs = at;
          }
        }
      }),
    );
  }
  return { firstBoxMs, allBoxesMs, sweepMs: performance.now() - started, boxes: found };
}

const app = await appDiscovery();
const naive = await naiveSweep();
process.stdout.write(`${JSON.stringify({ app, naive })}\n`);
// bonjour-service may keep a socket referenced briefly after destroy(); the answer is out.
process.exit(0);

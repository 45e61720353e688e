// mDNS from inside a lab namespace: resolves host names with a raw legacy-unicast query (no
// library in the way) and browses service types with bonjour-service, the app's own stack.
import dgram from 'node:dgram';
import net from 'node:net';

import { Bonjour } from 'bonjour-service';

import { assertInLabNamespace, assertLabTarget } from '../guard';
import { decodeMessage, encodeQuery, MDNS_GROUP, MDNS_PORT, TYPE_A } from '../mdns-packet';
import type { MdnsFoundService, MdnsProbeInput, MdnsProbeOutput } from '../probe-types';

import { isRecord, probeInput, probeOutput } from './probe-io';

type BonjourOptions = ConstructorParameters<typeof Bonjour>[0];

function isInput(value: unknown): value is MdnsProbeInput {
  return (
    isRecord(value) &&
    typeof value['interfaceIp'] === 'string' &&
    Array.isArray(value['hosts']) &&
    Array.isArray(value['browse']) &&
    typeof value['timeoutMs'] === 'number'
  );
}

const input = probeInput(isInput);
// Multicast has no unicast target to vet: prove we are inside a lab namespace instead.
assertInLabNamespace();
assertLabTarget(input.interfaceIp);
const started = performance.now();

/**
 * Sends `A? name` from an ephemeral port (RFC 6762 §6.7 legacy unicast): responders answer by
 * unicast to that port, so no group membership or port 5353 is needed. Retries every 250 ms.
 */
function resolveHost(name: string, deadline: number): Promise<string[]> {
  return new Promise((resolve) => {
    const socket = dgram.createSocket({ type: 'udp4', reuseAddr: true });
    const id = Math.floor(Math.random() * 0xffff);
    const found = new Set<string>();
    let timer: NodeJS.Timeout | undefined;
    const finish = (): void => {
      if (timer !== undefined) clearTimeout(timer);
      socket.close();
      resolve([...found]);
    };
    socket.on('message', (message) => {
      try {
        const decoded = decodeMessage(message);
        for (const record of decoded.answers) {
          if (
            record.type === TYPE_A &&
            record.address !== undefined &&
            record.name.toLowerCase() === name.toLowerCase()
          ) {
            found.add(record.address);
          }
        }
      } catch {
        // Not a DNS message we can read; keep listening.
      }
      if (found.size > 0) finish();
    });
    socket.on('error', finish);
    socket.bind(0, input.interfaceIp, () => {
      socket.setMulticastInterface(input.interfaceIp);
      socket.setMulticastTTL(255);
      const send = (): void => {
        if (Date.now() >= deadline) {
          finish();
          return;
        }
        socket.send(encodeQuery(name, TYPE_A, id), MDNS_PORT, MDNS_GROUP);
        timer = setTimeout(send, 250);
      };
      send();
    });
  });
}

type Browsed = Omit<MdnsFoundService, 'hostAddresses'>;

/**
 * The browse question again on this schedule: avahi stays silent while it is still probing its
 * names, and a loaded machine can take seconds to get there, so one question may go unanswered.
 */
const BROWSE_REPEAT_MS = [1_000, 3_000, 6_000];

function browse(deadline: number): Promise<Browsed[]> {
  if (input.browse.length === 0) return Promise.resolve([]);
  return new Promise((resolve) => {
    // Gotcha: `interface` alone binds the socket to the unicast IP and receives no multicast.
    // bonjour-service forwards these to multicast-dns but does not declare them in its types.
    const socketOptions = { interface: input.interfaceIp, bind: '0.0.0.0' };
    const bonjour = new Bonjour(socketOptions as BonjourOptions);
    const services: Browsed[] = [];
    const counts = new Map<string, number>();
    const timers: NodeJS.Timeout[] = [];
    const finish = (): void => {
      timers.forEach(clearTimeout);
      bonjour.destroy();
      resolve(services);
    };
    const browsers = input.browse.map((type) =>
      bonjour.find({ type }, (service) => {
        const txt: Record<string, string> = {};
        const record = (service.txt ?? {}) as Record<string, unknown>;
        for (const [key, value] of Object.entries(record)) txt[key] = String(value);
        services.push({
          type,
          name: service.name,
          host: service.host,
          port: service.port,
          addresses: (service.addresses ?? []).filter((address) => net.isIPv4(address)),
          txt,
        });
        counts.set(type, (counts.get(type) ?? 0) + 1);
        const wanted = input.expectServices;
        if (wanted !== undefined && input.browse.every((t) => (counts.get(t) ?? 0) >= wanted))
          finish();
      }),
    );
    for (const delay of BROWSE_REPEAT_MS.filter((ms) => Date.now() + ms < deadline)) {
      timers.push(setTimeout(() => browsers.forEach((browser) => browser.update()), delay));
    }
    timers.push(setTimeout(finish, Math.max(0, deadline - Date.now())));
  });
}

const deadline = Date.now() + input.timeoutMs;
const [hostResults, browsed] = await Promise.all([
  Promise.all(input.hosts.map(async (name) => [name, await resolveHost(name, deadline)] as const)),
  browse(deadline),
]);
const services: MdnsFoundService[] = await Promise.all(
  browsed.map(async (service) => ({
    ...service,
    hostAddresses: await resolveHost(service.host, Date.now() + 2_000),
  })),
);
const output: MdnsProbeOutput = {
  hosts: Object.fromEntries(hostResults),
  services,
  ms: Math.round(performance.now() - started),
};
probeOutput(output);
// bonjour-service can keep a socket referenced after destroy(); the answer is already out.
process.exit(0);

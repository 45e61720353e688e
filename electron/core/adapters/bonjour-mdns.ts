import type { Bonjour as BonjourClass, Service } from 'bonjour-service';

import type { LogPort, MdnsBrowseOptions, MdnsListener, MdnsPort, MdnsSession } from '../ports';

/**
 * Re-ask for the host names on this schedule: a first answer may be lost on busy Wi-Fi. The first
 * repeat falls inside discovery's minimum mDNS window; later ones matter only on a long search.
 */
const HOST_QUERY_SCHEDULE_MS = [0, 150, 1_000, 3_000];

type BonjourOptions = ConstructorParameters<typeof BonjourClass>[0];

type DnsRecord = { readonly name?: unknown; readonly type?: unknown; readonly data?: unknown };
type ResponsePacket = { readonly answers?: unknown; readonly additionals?: unknown };

/** The part of multicast-dns (inside bonjour-service) this adapter uses. */
type MulticastDns = {
  on(event: 'response', listener: (packet: ResponsePacket) => void): void;
  on(event: 'error' | 'warning', listener: (error: unknown) => void): void;
  query(questions: readonly { name: string; type: 'A' }[]): void;
};

/**
 * mDNS with bonjour-service, one instance per interface. Two gotchas (lab-recipes §4):
 * `interface` alone binds the unicast address and then hears no multicast, so the socket binds
 * 0.0.0.0 with the group joined on that one interface only; and the library neither types these
 * options nor exposes its multicast-dns instance, which the host-name (A) queries need. The
 * library is loaded by the first search (while the sweep starts), not when the program starts.
 */
export function createBonjourMdns(log: LogPort): MdnsPort {
  let library: Promise<typeof BonjourClass> | undefined;
  return {
    browse(options, listener): MdnsSession {
      library ??= import('bonjour-service').then((module) => module.Bonjour);
      let closing = false;
      const session = library.then(
        // Closed before the library was there: nothing is started at all.
        (Bonjour) => (closing ? null : browse(Bonjour, options, listener, log)),
        (error: unknown) => {
          log.warn('mDNS unavailable', { error: String(error) });
          return null;
        },
      );
      return {
        resolveHost: (name) => void session.then((started) => started?.resolveHost(name)),
        close: () => {
          closing = true;
          return session.then((started) => started?.close());
        },
      };
    },
  };
}

function browse(
  Bonjour: typeof BonjourClass,
  options: MdnsBrowseOptions,
  listener: MdnsListener,
  log: LogPort,
): MdnsSession {
  const socketOptions = { interface: options.interfaceAddress, bind: '0.0.0.0' };
  const bonjour = new Bonjour(socketOptions as BonjourOptions, (error: unknown) =>
    log.warn('mDNS error', { error: String(error) }),
  );
  const mdns = (bonjour as unknown as { server: { mdns: MulticastDns } }).server.mdns;
  // Without listeners an 'error' (port 5353 refused) would crash the process.
  mdns.on('error', (error) => log.warn('mDNS socket error', { error: String(error) }));
  mdns.on('warning', (error) => log.debug('mDNS warning', { error: String(error) }));
  mdns.on('response', (packet) => {
    listener.onResponse();
    forEachAddressRecord(packet, listener);
  });

  const timers: NodeJS.Timeout[] = [];
  const ask = (names: readonly string[]): void => {
    for (const delay of HOST_QUERY_SCHEDULE_MS) {
      timers.push(setTimeout(() => mdns.query(names.map((name) => ({ name, type: 'A' }))), delay));
    }
  };
  const browsers = options.serviceTypes.map((type) =>
    bonjour.find(browserConfig(type), (service: Service) =>
      listener.onAnswer({
        kind: 'service',
        type,
        name: service.name,
        host: service.host,
        port: service.port,
        addresses: service.addresses ?? [],
      }),
    ),
  );
  ask(options.hostNames);

  let closed: Promise<void> | undefined;
  return {
    resolveHost: (name) => {
      if (closed === undefined) {
        ask([name]);
      }
    },
    close: () => {
      closed ??= new Promise<void>((resolve) => {
        timers.forEach(clearTimeout);
        browsers.forEach((browser) => browser.stop());
        bonjour.destroy(() => resolve());
      });
      return closed;
    },
  };
}

/** `_sftp-ssh._tcp` → bonjour-service's `{ type: 'sftp-ssh', protocol: 'tcp' }`. */
function browserConfig(serviceType: string): { type: string; protocol: 'tcp' | 'udp' } {
  const match = /^_([^.]+)\._(tcp|udp)$/.exec(serviceType);
  if (!match?.[1]) {
    throw new Error(`not a DNS-SD service type: ${serviceType}`);
  }
  return { type: match[1], protocol: match[2] === 'udp' ? 'udp' : 'tcp' };
}

function forEachAddressRecord(packet: ResponsePacket, listener: MdnsListener): void {
  const records = [packet.answers, packet.additionals].flatMap((list) =>
    Array.isArray(list) ? (list as DnsRecord[]) : [],
  );
  for (const record of records) {
    if (record.type === 'A' && typeof record.name === 'string' && typeof record.data === 'string') {
      listener.onAnswer({ kind: 'host', name: record.name, address: record.data });
    }
  }
}

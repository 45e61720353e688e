import dgram from 'node:dgram';
import dns from 'node:dns';
import net from 'node:net';

import { assertInLabNamespace, isLabTarget } from '../lab/netns/guard';

/*
 * A safety net under every test process: in-process traffic may go only to loopback or to the
 * lab's own subnets. A test that forgets to pass `--subnet`, a reference resolver or a lookup
 * fails loudly here instead of scanning this machine's real network or asking its real DNS.
 * (Namespace tests run their traffic in child processes inside lab namespaces.)
 */

class NetworkGuardError extends Error {
  override readonly name = 'NetworkGuardError';
}

const isIpLiteral = (host: string): boolean => net.isIP(host.replace(/^\[|\]$/g, '')) !== 0;
const allowedHost = (host: string): boolean =>
  host === 'localhost' || isLabTarget(host.replace(/^\[|\]$/g, ''));

function refuse(what: string): never {
  throw new NetworkGuardError(`network guard: test traffic to ${what} is not allowed`);
}

// ── TCP (http, https, tls, fetch all connect through net.Socket) ──
type ConnectArgs = Parameters<net.Socket['connect']>;
// eslint-disable-next-line @typescript-eslint/unbound-method -- re-applied below with the socket as `this`
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
  const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
  let host: string | undefined;
  let path: string | undefined;
  if (typeof first === 'object' && first !== null) {
    const options = first as { host?: unknown; path?: unknown };
    host = typeof options.host === 'string' ? options.host : undefined;
    path = typeof options.path === 'string' ? options.path : undefined;
  } else if (typeof first === 'string' && Number.isNaN(Number(first))) {
    path = first;
  } else if (typeof args[1] === 'string') {
    host = args[1];
  }
  if (path === undefined && !allowedHost(host ?? 'localhost')) {
    refuse(host ?? '?');
  }
  return connect.apply(this, args as unknown as ConnectArgs);
};

// ── Listeners (the device check's page server, simulators): one loopback or lab address ──
// A listener without a host, or on a wildcard, would be reachable from this machine's real LAN.
type ListenArgs = Parameters<net.Server['listen']>;
// eslint-disable-next-line @typescript-eslint/unbound-method -- re-applied below with the server as `this`
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function guardedListen(this: net.Server, ...args: unknown[]) {
  const first = args[0];
  let host: string | undefined;
  let bound = true;
  if (typeof first === 'object' && first !== null && !('fd' in first) && !('_handle' in first)) {
    const options = first as { host?: unknown; path?: unknown };
    bound = typeof options.path === 'string' || typeof options.host === 'string';
    host = typeof options.host === 'string' ? options.host : undefined;
  } else if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    host = typeof args[1] === 'string' ? args[1] : undefined;
    bound = host !== undefined;
  }
  if (!bound || (host !== undefined && !allowedHost(host))) {
    refuse(`a listener on ${host ?? 'every interface'}`);
  }
  return listen.apply(this, args as unknown as ListenArgs);
} as typeof net.Server.prototype.listen;

/** SSDP's group: a router search may multicast there, but only from inside a lab namespace. */
const SSDP_GROUP = '239.255.255.250';
let labNamespace: boolean | undefined;
/**
 * A process inside a lab namespace (every address a lab one) can reach nothing else: there its
 * resolver is the lab router (the namespace's own resolv.conf) and multicast stays on the lab LAN.
 */
function insideLabNamespace(): boolean {
  if (labNamespace === undefined) {
    try {
      assertInLabNamespace();
      labNamespace = true;
    } catch {
      labNamespace = false;
    }
  }
  return labNamespace;
}

// ── UDP (mDNS, DNS, SSDP) ──
type SendArgs = Parameters<dgram.Socket['send']>;
// eslint-disable-next-line @typescript-eslint/unbound-method -- re-applied below with the socket as `this`
const send = dgram.Socket.prototype.send;
dgram.Socket.prototype.send = function guardedSend(this: dgram.Socket, ...args: unknown[]) {
  const address = args.filter((arg): arg is string => typeof arg === 'string').at(-1);
  const ssdpInLab = address === SSDP_GROUP && insideLabNamespace();
  if (address !== undefined && !ssdpInLab && !allowedHost(address)) {
    refuse(`udp ${address}`);
  }
  return send.apply(this, args as unknown as SendArgs);
} as typeof dgram.Socket.prototype.send;
dgram.Socket.prototype.addMembership = function guardedMembership(group: string) {
  refuse(`multicast group ${group}`);
};

// ── DNS: no system lookups of real names, no queries to non-lab servers ──
const lookup = dns.lookup;
Object.defineProperty(dns, 'lookup', {
  value: function guardedLookup(hostname: string, ...rest: unknown[]) {
    if (!isIpLiteral(hostname) && hostname !== 'localhost' && !insideLabNamespace()) {
      refuse(`the system resolver (lookup of ${hostname})`);
    }
    return (lookup as (...a: unknown[]) => unknown)(hostname, ...rest);
  },
});
const promisesLookup = dns.promises.lookup;
Object.defineProperty(dns.promises, 'lookup', {
  value: function guardedPromisesLookup(hostname: string, ...rest: unknown[]) {
    if (!isIpLiteral(hostname) && hostname !== 'localhost' && !insideLabNamespace()) {
      refuse(`the system resolver (lookup of ${hostname})`);
    }
    return (promisesLookup as (...a: unknown[]) => unknown)(hostname, ...rest);
  },
});

const vetted = new WeakSet<object>();
const QUERIES = [
  'resolve',
  'resolve4',
  'resolve6',
  'resolveAny',
  'resolveCname',
  'resolveMx',
  'resolveNs',
  'resolvePtr',
  'resolveSoa',
  'resolveSrv',
  'resolveTxt',
  'reverse',
] as const;
for (const Resolver of [dns.Resolver, dns.promises.Resolver]) {
  const proto = Resolver.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
  const setServers = proto['setServers'];
  proto['setServers'] = function guardedSetServers(this: object, servers: unknown) {
    const list = Array.isArray(servers) ? (servers as unknown[]) : [];
    for (const server of list) {
      const text = String(server);
      const host = text.startsWith('[')
        ? text.slice(1, text.indexOf(']'))
        : net.isIPv6(text)
          ? text
          : (text.split(':')[0] ?? '');
      if (!allowedHost(host)) {
        refuse(`DNS server ${text}`);
      }
    }
    vetted.add(this);
    return setServers?.call(this, servers);
  };
  for (const query of QUERIES) {
    const original = proto[query];
    if (original === undefined) {
      continue;
    }
    proto[query] = function guardedQuery(this: object, ...args: unknown[]) {
      if (!vetted.has(this)) {
        refuse(`the system's DNS servers (${query} without setServers)`);
      }
      return original.apply(this, args);
    };
  }
}
for (const module of [dns, dns.promises] as unknown as Record<string, unknown>[]) {
  for (const query of QUERIES) {
    if (typeof module[query] === 'function') {
      Object.defineProperty(module, query, {
        value: () => refuse(`the system's DNS servers (dns.${query})`),
      });
    }
  }
}

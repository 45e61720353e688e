import type { CertificateOptions } from '../../electron/core/certificate/create-certificate';
import type { DiscoveryDefaults } from '../../electron/core/discovery/create-discovery';
import { formatIpv4, parseCidr } from '../../electron/core/discovery/ipv4';
import type { DnsOptions } from '../../electron/core/dns/create-dns';
import type {
  HttpPort,
  LogPort,
  MdnsPort,
  NetworkInterfacesPort,
  NodePorts,
  PageServerPort,
  ResolverPort,
  TcpPort,
  TlsPort,
} from '../../electron/core/ports';
import { isLabTarget } from '../lab/netns/guard';

/*
 * `--network lab` is a promise: the preview touches only loopback and the lab's own subnets,
 * whatever its caller (a test, serve.ts) or the page (the renderer's scan options) asks for.
 * Addresses, subnets and URLs outside the lab are dropped from the options, and every port that
 * sends — HTTP, direct DNS queries, mDNS — refuses them before a socket opens.
 */

function hostOfUrl(url: string): string | null {
  try {
    return new URL(url).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return null;
  }
}

export function isLabUrl(url: string): boolean {
  const host = hostOfUrl(url);
  return host !== null && isLabTarget(host);
}

/** A subnet lies in the lab when its first and last addresses do (lab ranges are far apart). */
export function isLabSubnet(cidr: string): boolean {
  const network = parseCidr(cidr);
  if (network === null) {
    return false;
  }
  const last = network.base + 2 ** (32 - network.prefix) - 1;
  return isLabTarget(formatIpv4(network.base)) && isLabTarget(formatIpv4(last));
}

/** HTTP only to lab hosts; anything else fails as unreachable without a socket. */
export function labOnlyHttp(inner: HttpPort): HttpPort {
  return {
    request: (request, signal) =>
      isLabUrl(request.url)
        ? inner.request(request, signal)
        : Promise.resolve({
            ok: false,
            error: {
              kind: 'unreachable',
              message: `lab preview: ${request.url} is outside the lab`,
            },
          }),
  };
}

/** TCP connects (discovery's sweep) only to lab hosts; anything else is silent, no socket. */
export function labOnlyTcp(inner: TcpPort): TcpPort {
  return {
    knock: (host, port, timeoutMs, signal) =>
      isLabTarget(host) ? inner.knock(host, port, timeoutMs, signal) : Promise.resolve('silent'),
  };
}

/** Direct DNS queries only to lab servers. */
export function labOnlyResolver(inner: ResolverPort): ResolverPort {
  return {
    resolve4: (name, server, options) =>
      isLabTarget(server.address)
        ? inner.resolve4(name, server, options)
        : Promise.resolve({
            ok: false,
            code: 'EREFUSED',
            message: `lab preview: ${server.address} is outside the lab`,
          }),
  };
}

/** TLS handshakes (a box's certificate, its odoo-iot name) only with lab addresses. */
export function labOnlyTls(inner: TlsPort): TlsPort {
  return {
    handshake: (request, signal) =>
      isLabTarget(request.address)
        ? inner.handshake(request, signal)
        : Promise.resolve({
            ok: false,
            failure: 'unreachable',
            message: `lab preview: ${request.address} is outside the lab`,
          }),
  };
}

/** No multicast in the lab preview: mDNS hears nothing and sends nothing. */
const silentMdns: MdnsPort = {
  browse: () => ({ resolveHost: () => undefined, close: () => Promise.resolve() }),
};

/** Only this computer's lab addresses (a lab namespace's), never its real interfaces. */
function labInterfaces(inner: NetworkInterfacesPort): NetworkInterfacesPort {
  return () => inner().filter((entry) => isLabTarget(entry.address));
}

/** The device check's page server listens only on a lab address. */
function labOnlyPageServer(inner: PageServerPort): PageServerPort {
  return {
    listen: (options, handle) =>
      isLabTarget(options.address)
        ? inner.listen(options, handle)
        : Promise.reject(new Error(`lab preview: ${options.address} is outside the lab`)),
  };
}

/**
 * The lab preview's adapters: every port that sends or listens (HTTP, the sweep's TCP, direct
 * DNS queries, TLS, the device check's page server) refuses what lies outside the lab, the
 * interfaces are the lab's only, and mDNS neither hears nor sends anything.
 */
export function labPorts(inner: NodePorts): NodePorts {
  return {
    ...inner,
    http: labOnlyHttp(inner.http),
    tcp: labOnlyTcp(inner.tcp),
    resolver: labOnlyResolver(inner.resolver),
    tls: labOnlyTls(inner.tls),
    interfaces: labInterfaces(inner.interfaces),
    mdns: silentMdns,
    pageServer: labOnlyPageServer(inner.pageServer),
  };
}

/** The scan defaults within the lab: real subnets dropped (falling back to `lab`), no mDNS. */
export function labDiscoveryDefaults(
  asked: DiscoveryDefaults | undefined,
  fallback: DiscoveryDefaults,
  log: LogPort,
): DiscoveryDefaults {
  const subnets = asked?.subnets ?? fallback.subnets ?? [];
  const kept = subnets.filter(isLabSubnet);
  if (kept.length < subnets.length) {
    log.warn('lab preview: subnets outside the lab are ignored', {
      ignored: subnets.filter((subnet) => !kept.includes(subnet)),
    });
  }
  return {
    ...fallback,
    ...asked,
    subnets: kept.length > 0 ? kept : (fallback.subnets ?? []),
    interfaces: undefined,
    mdns: false,
  };
}

/** Certificate checks: this computer's odoo.com check only to a lab URL. */
export function labCertificateOptions(
  asked: CertificateOptions,
  fallback: CertificateOptions & { readonly odooComUrl: string },
): CertificateOptions {
  const merged = { ...fallback, ...asked };
  return {
    ...merged,
    odooComUrl: isLabUrl(merged.odooComUrl) ? merged.odooComUrl : fallback.odooComUrl,
  };
}

/** DNS checks: references, DoH and the servers a change writes confined to the lab. */
export function labDnsOptions(asked: DnsOptions, fallback: DnsOptions): DnsOptions {
  const merged = { ...fallback, ...asked };
  const references = (merged.references ?? []).filter((server) => isLabTarget(server.address));
  const fix = merged.fixServers;
  return {
    ...merged,
    references: references.length > 0 ? references : (fallback.references ?? []),
    dohUrl: merged.dohUrl != null && isLabUrl(merged.dohUrl) ? merged.dohUrl : null,
    ...(fix === undefined
      ? {}
      : {
          fixServers: {
            ipv4: fix.ipv4.filter((address) => isLabTarget(address)),
            ipv6: fix.ipv6.filter((address) => isLabTarget(address)),
          },
        }),
  };
}

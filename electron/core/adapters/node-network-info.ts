import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';

import { windowsTools } from '../dns/dns-config/windows-tools';
import { parseServerSpec } from '../dns/references';
import type { CommandPort, DnsServer, NetworkInfoPort } from '../ports';

/** Default gateway from /proc/net/route (little-endian hex). */
export function parseProcNetRoute(text: string): string | null {
  for (const line of text.split('\n').slice(1)) {
    const [, destination, gateway, flags] = line.trim().split(/\s+/);
    if (destination === '00000000' && gateway && flags && (Number.parseInt(flags, 16) & 2) !== 0) {
      const value = Number.parseInt(gateway, 16);
      return [value & 255, (value >>> 8) & 255, (value >>> 16) & 255, value >>> 24].join('.');
    }
  }
  return null;
}

/** macOS `route -n get default`: the `gateway:` line. */
export function parseRouteGetDefault(text: string): string | null {
  const match = /^\s*gateway:\s*(\S+)/m.exec(text);
  return match?.[1] && isIP(match[1]) ? match[1] : null;
}

export function parseSearchDomains(resolvConf: string): string[] {
  return resolvConf
    .split('\n')
    .map((line) => /^\s*(?:search|domain)\s+(.+)$/.exec(line)?.[1])
    .filter((value): value is string => value !== undefined)
    .flatMap((value) => value.trim().split(/\s+/));
}

const MAC = /([0-9a-f]{1,2}[:-]){5}[0-9a-f]{1,2}/i;

/** Linux /proc/net/arp: `IP HWtype Flags HWaddress Mask Device`; incomplete entries are 00:…. */
export function parseProcNetArp(text: string, ip: string): string | null {
  for (const line of text.split('\n').slice(1)) {
    const [address, , , mac] = line.trim().split(/\s+/);
    if (address === ip && mac && MAC.test(mac) && !/^(0{1,2}[:-]){5}0{1,2}$/.test(mac)) {
      return mac.toLowerCase();
    }
  }
  return null;
}

/** macOS `arp -n IP` / Windows `arp -a IP`: the first MAC on the line naming the IP. */
export function parseArpOutput(text: string, ip: string): string | null {
  for (const line of text.split('\n')) {
    const mac = MAC.exec(line)?.[0];
    if (line.includes(ip) && mac) {
      // macOS drops leading zeros (0:4:e:…): put them back so the vendor prefix reads right.
      return mac
        .split(/[:-]/)
        .map((part) => part.padStart(2, '0'))
        .join(':')
        .toLowerCase();
    }
  }
  return null;
}

/**
 * What this computer's resolver uses, read fresh each time: a new c-ares Resolver re-reads the
 * OS configuration (resolv.conf, or the Windows adapters), unlike the process-wide default.
 */
export function createNodeNetworkInfo(deps: {
  readonly command: CommandPort;
  readonly platform: NodeJS.Platform;
  /** Where Windows keeps its tools (`SystemRoot`). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The resolv.conf the OS resolver reads (its search domains give the router away). */
  readonly resolvConfPath: string;
}): NetworkInfoPort {
  const resolvConf = deps.resolvConfPath;
  return {
    dnsServers: () =>
      new (process.getBuiltinModule('node:dns').promises.Resolver)()
        .getServers()
        .map(parseServerSpec)
        .filter((server): server is DnsServer => server !== null),
    async defaultGateway(signal) {
      if (deps.platform === 'linux') {
        return parseProcNetRoute(await readFile('/proc/net/route', 'utf8').catch(() => ''));
      }
      const run = (file: string, args: string[]) =>
        deps.command.run({ file, args, timeoutMs: 1_000 }, signal);
      if (deps.platform === 'darwin') {
        const out = await run('/sbin/route', ['-n', 'get', 'default']);
        return out.code === 0 ? parseRouteGetDefault(out.stdout) : null;
      }
      if (deps.platform === 'win32') {
        // By absolute System32 path: a bare name is searched in the current folder first.
        const out = await run(windowsTools(deps.env).powershell, [
          '-NoProfile',
          '-NonInteractive',
          '-Command',
          "(Get-NetRoute -DestinationPrefix '0.0.0.0/0' | Sort-Object RouteMetric | Select-Object -First 1).NextHop",
        ]);
        const address = out.stdout.trim();
        return out.code === 0 && isIP(address) ? address : null;
      }
      return null;
    },
    async gatewayMac(gateway, signal) {
      if (isIP(gateway) !== 4) {
        return null;
      }
      if (deps.platform === 'linux') {
        return parseProcNetArp(await readFile('/proc/net/arp', 'utf8').catch(() => ''), gateway);
      }
      const file = deps.platform === 'darwin' ? '/usr/sbin/arp' : windowsTools(deps.env).arp;
      const args = deps.platform === 'darwin' ? ['-n', gateway] : ['-a', gateway];
      if (deps.platform !== 'darwin' && deps.platform !== 'win32') {
        return null;
      }
      const out = await deps.command
        .run({ file, args, timeoutMs: 1_000 }, signal)
        .catch(() => null);
      return out?.code === 0 ? parseArpOutput(out.stdout, gateway) : null;
    },
    async searchDomains() {
      if (deps.platform === 'win32') {
        return [];
      }
      return parseSearchDomains(await readFile(resolvConf, 'utf8').catch(() => ''));
    },
  };
}

import { isIPv4, isIPv6 } from 'node:net';

import { fail, ok } from '../../../shared/result';
import type { CommandPort, TextFilePort } from '../../ports';
import {
  COMMAND_TIMEOUT_MS,
  DEVICE,
  refuseIdsNotMatching,
  vpnVerdict,
  type ChangeStep,
  type DnsConfigBackend,
  type LiveAdapter,
  type ServerLists,
} from './config-types';
import { defaultRouteDevices, TUNNEL_DEVICE } from './linux-routes';

export const RESOLVECTL = '/usr/bin/resolvectl';

export type ResolvectlLink = { readonly index: number; readonly name: string; servers: string[] };

/**
 * `resolvectl status`: per link (`Link 2 (eth0)`) its `DNS Servers:` list, which may continue on
 * the following indented lines. The Global section is not a link and is skipped.
 */
export function parseResolvectlStatus(text: string): ResolvectlLink[] {
  const links: ResolvectlLink[] = [];
  let current: ResolvectlLink | null = null;
  let inServers = false;
  for (const raw of text.split(/\r?\n/)) {
    const header = /^Link (\d+) \(([^)]+)\)/.exec(raw);
    if (header) {
      current = { index: Number(header[1]), name: header[2] ?? '', servers: [] };
      links.push(current);
      inServers = false;
      continue;
    }
    // Section headers (`Global`) start at column 0; so does the longest field label
    // (`Current DNS Server:`), right-aligned with the others — hence the colon test.
    if (/^\S/.test(raw) && !raw.includes(':')) {
      current = null;
      inServers = false;
      continue;
    }
    const field = /^\s*([A-Za-z][A-Za-z /]*):\s*(.*)$/.exec(raw);
    if (field) {
      inServers = field[1] === 'DNS Servers';
      if (inServers && current) {
        current.servers.push(...addressesIn(field[2] ?? ''));
      }
    } else if (inServers && current) {
      current.servers.push(...addressesIn(raw));
    }
  }
  return links;
}

/** Addresses on a line; resolvectl may append `#name` (DoT) or `%ifindex` to them. */
function addressesIn(text: string): string[] {
  return text
    .trim()
    .split(/\s+/)
    .map((token) => token.replace(/#.*$/, '').replace(/%.*$/, ''))
    .filter((token) => isIPv4(token) || isIPv6(token));
}

function setLink(link: string, servers: readonly string[]): ChangeStep {
  return servers.length
    ? { kind: 'run', file: RESOLVECTL, args: ['dns', link, ...servers] }
    : { kind: 'run', file: RESOLVECTL, args: ['revert', link] };
}

/**
 * systemd-resolved alone (systemd-networkd or static links; NetworkManager-managed connections go
 * through nmcli instead, since NetworkManager would overwrite these runtime settings). Restore
 * sets the exact server list back (a `revert` would also drop what systemd-networkd pushed).
 */
export function createResolvectlBackend(deps: {
  readonly command: CommandPort;
  readonly files: TextFilePort;
}): DnsConfigBackend {
  return {
    method: 'resolvectl',
    async read(signal) {
      const out = await deps.command.run(
        { file: RESOLVECTL, args: ['status', '--no-pager'], timeoutMs: COMMAND_TIMEOUT_MS },
        signal,
      );
      if (out.code !== 0) {
        return fail('dns-snapshot-failed', out.stderr.slice(0, 300));
      }
      const defaults = await defaultRouteDevices(deps.files);
      const adapters: LiveAdapter[] = parseResolvectlStatus(out.stdout)
        .filter((link) => link.name !== 'lo' && DEVICE.test(link.name))
        .map((link) => ({
          saved: {
            id: link.name,
            label: link.name,
            device: null,
            ipv4: { mode: 'automatic', servers: link.servers.filter((server) => isIPv4(server)) },
            ipv6: { mode: 'automatic', servers: link.servers.filter((server) => isIPv6(server)) },
            ordered: [...link.servers],
            registration: null,
          },
          handle: link.name,
          role: TUNNEL_DEVICE.test(link.name)
            ? 'vpn'
            : defaults.has(link.name)
              ? 'default-route'
              : 'other',
        }));
      const vpnCarriesTraffic = [...defaults].some((device) => TUNNEL_DEVICE.test(device));
      return ok({ adapters, ...vpnVerdict(adapters, vpnCarriesTraffic), file: null });
    },
    refuse: (snapshot) => refuseIdsNotMatching(snapshot, DEVICE),
    applySteps: (target, servers: ServerLists) => [
      setLink(target.handle, [...servers.ipv4, ...servers.ipv6]),
    ],
    restoreSteps: (saved, live) => [setLink(live.handle, saved.ordered ?? [])],
    matches: (saved, now) => JSON.stringify(saved.ordered) === JSON.stringify(now.ordered),
    flushSteps: () => [{ kind: 'run', file: RESOLVECTL, args: ['flush-caches'], optional: true }],
  };
}

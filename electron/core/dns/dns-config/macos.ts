import { isIPv4, isIPv6 } from 'node:net';

import { fail, ok } from '../../../shared/result';
import type { CommandPort } from '../../ports';
import {
  adapterSnapshot,
  COMMAND_TIMEOUT_MS,
  type AdapterSnapshot,
  type ChangeStep,
  type DnsConfigBackend,
  type ServerLists,
} from './config-types';

/*
 * macOS: one DNS list per network service, both families together. `Empty` means "from DHCP",
 * which is also what `-getdnsservers` reports as "There aren't any DNS Servers set on …".
 */

export const NETWORKSETUP = '/usr/sbin/networksetup';

/** `-listallnetworkservices`: first line is a note; a leading `*` marks a disabled service. */
export function parseNetworkServices(text: string): string[] {
  return text
    .split(/\r?\n/)
    .slice(1)
    .map((line) => line.trimEnd())
    .filter((line) => line !== '' && !line.startsWith('*'));
}

/** `-getdnsservers <service>`: the static list, or [] when the servers come from DHCP. */
export function parseGetDnsServers(text: string): string[] | null {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  if (lines.some((line) => /^There aren't any DNS Servers set on /.test(line))) {
    return [];
  }
  return lines.every((line) => isIPv4(line) || isIPv6(line)) ? lines : null;
}

function setDns(service: string, servers: readonly string[]): ChangeStep {
  return {
    kind: 'run',
    file: NETWORKSETUP,
    args: ['-setdnsservers', service, ...(servers.length ? servers : ['Empty'])],
  };
}

export function createMacosBackend(deps: {
  readonly command: CommandPort;
  readonly now?: () => Date;
}): DnsConfigBackend {
  const run = (args: string[], signal: AbortSignal) =>
    deps.command.run({ file: NETWORKSETUP, args, timeoutMs: COMMAND_TIMEOUT_MS }, signal);
  return {
    method: 'macos',
    async snapshot(signal) {
      const listed = await run(['-listallnetworkservices'], signal);
      if (listed.code !== 0) {
        return fail('dns-snapshot-failed', listed.stderr.slice(0, 300));
      }
      const adapters: AdapterSnapshot[] = [];
      for (const service of parseNetworkServices(listed.stdout)) {
        const out = await run(['-getdnsservers', service], signal);
        const servers = out.code === 0 ? parseGetDnsServers(out.stdout) : null;
        if (servers === null) {
          return fail('dns-snapshot-failed', `cannot read the DNS servers of ${service}`);
        }
        const mode = servers.length ? 'static' : 'automatic';
        adapters.push({
          id: service,
          label: service,
          device: null,
          ipv4: { mode, servers: servers.filter((server) => isIPv4(server)) },
          ipv6: { mode, servers: servers.filter((server) => isIPv6(server)) },
        });
      }
      return ok(adapterSnapshot('macos', adapters, deps.now));
    },
    applySteps: (snapshot, servers: ServerLists) =>
      snapshot.adapters.map((adapter) => setDns(adapter.id, [...servers.ipv4, ...servers.ipv6])),
    restoreSteps: (snapshot) =>
      snapshot.adapters.map((adapter) =>
        setDns(
          adapter.id,
          adapter.ipv4.mode === 'automatic'
            ? []
            : [...adapter.ipv4.servers, ...(adapter.ipv6?.servers ?? [])],
        ),
      ),
    flushSteps: () => [
      { kind: 'run', file: '/usr/bin/dscacheutil', args: ['-flushcache'], optional: true },
      { kind: 'run', file: '/usr/bin/killall', args: ['-HUP', 'mDNSResponder'], optional: true },
    ],
  };
}

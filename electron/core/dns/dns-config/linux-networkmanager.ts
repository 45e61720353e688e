import { isIPv4, isIPv6 } from 'node:net';

import type { DnsFamilyConfig } from '../../../shared/schemas/dns';
import { fail, ok } from '../../../shared/result';
import type { CommandPort, TextFilePort } from '../../ports';
import {
  COMMAND_TIMEOUT_MS,
  DEVICE,
  refuseIdsNotMatching,
  vpnVerdict,
  type AdapterRole,
  type AdapterSnapshot,
  type ChangeStep,
  type DnsConfigBackend,
  type LiveAdapter,
  type ServerLists,
} from './config-types';
import { RESOLVECTL } from './linux-resolvectl';
import { defaultRouteDevices, TUNNEL_DEVICE } from './linux-routes';

export const NMCLI = '/usr/bin/nmcli';
export const NM_FIELDS = 'ipv4.dns,ipv4.ignore-auto-dns,ipv6.method,ipv6.dns,ipv6.ignore-auto-dns';

/** Splits nmcli terse output on unescaped `sep`, then unescapes `\:` and `\\`. */
function splitTerse(line: string, sep: string): string[] {
  const fields: string[] = [];
  let current = '';
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i] ?? '';
    if (char === '\\' && i + 1 < line.length) {
      current += line[i + 1] ?? '';
      i += 1;
    } else if (char === sep) {
      fields.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  fields.push(current);
  return fields;
}

export type NmConnection = { name: string; uuid: string; type: string; device: string };

/** `nmcli -t -f NAME,UUID,TYPE,DEVICE connection show --active`. */
export function parseNmActiveConnections(text: string): NmConnection[] {
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => splitTerse(line, ':'))
    .filter((fields) => fields.length === 4)
    .map(([name = '', uuid = '', type = '', device = '']) => ({ name, uuid, type, device }))
    .filter((connection) => connection.type !== 'loopback' && connection.device !== 'lo');
}

/** `nmcli -g <NM_FIELDS> connection show <uuid>`: one value per line, lists comma-separated. */
export function parseNmDnsFields(
  text: string,
): { ipv4: DnsFamilyConfig; ipv6: DnsFamilyConfig | null } | null {
  const lines = text.split(/\r?\n/);
  if (lines.length < 5) {
    return null;
  }
  const list = (value: string): string[] =>
    value === ''
      ? []
      : splitTerse(value, ',')
          .map((entry) => entry.trim())
          .filter((entry) => isIPv4(entry) || isIPv6(entry));
  const mode = (ignoreAuto: string): DnsFamilyConfig['mode'] =>
    ignoreAuto.trim() === 'yes' ? 'static' : 'automatic';
  const [v4dns = '', v4ignore = '', v6method = '', v6dns = '', v6ignore = ''] = lines;
  const v6off = ['ignore', 'disabled'].includes(v6method.trim());
  return {
    ipv4: { mode: mode(v4ignore), servers: list(v4dns) },
    ipv6: v6off ? null : { mode: mode(v6ignore), servers: list(v6dns) },
  };
}

function modify(family: 'ipv4' | 'ipv6', config: DnsFamilyConfig): string[] {
  return [
    `${family}.dns`,
    config.servers.join(' '),
    `${family}.ignore-auto-dns`,
    config.mode === 'static' ? 'yes' : 'no',
  ];
}

function changeSteps(
  adapter: AdapterSnapshot,
  ipv4: DnsFamilyConfig,
  ipv6: DnsFamilyConfig | null,
): ChangeStep[] {
  return [
    {
      kind: 'run',
      file: NMCLI,
      args: [
        'connection',
        'modify',
        adapter.id,
        ...modify('ipv4', ipv4),
        ...(ipv6 ? modify('ipv6', ipv6) : []),
      ],
    },
    // reapply: the running device takes the new DNS without dropping the connection.
    ...(adapter.device
      ? [{ kind: 'run', file: NMCLI, args: ['device', 'reapply', adapter.device] } as const]
      : []),
  ];
}

/** NetworkManager connection UUIDs. */
export const NM_UUID =
  /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

const VPN_TYPES = new Set(['vpn', 'wireguard', 'tun']);

/** Which active connections are VPNs, which one carries the default route, and the rest. */
export function nmRole(connection: NmConnection, defaults: ReadonlySet<string>): AdapterRole {
  if (VPN_TYPES.has(connection.type) || TUNNEL_DEVICE.test(connection.device)) {
    return 'vpn';
  }
  return defaults.has(connection.device) ? 'default-route' : 'other';
}

export function createNetworkManagerBackend(deps: {
  readonly command: CommandPort;
  readonly files: TextFilePort;
}): DnsConfigBackend {
  const run = (args: string[], signal: AbortSignal) =>
    deps.command.run({ file: NMCLI, args, timeoutMs: COMMAND_TIMEOUT_MS }, signal);
  return {
    method: 'networkmanager',
    async read(signal) {
      const active = await run(
        ['-t', '-f', 'NAME,UUID,TYPE,DEVICE', 'connection', 'show', '--active'],
        signal,
      );
      if (active.code !== 0) {
        return fail('dns-snapshot-failed', active.stderr.slice(0, 300));
      }
      const defaults = await defaultRouteDevices(deps.files);
      const adapters: LiveAdapter[] = [];
      for (const connection of parseNmActiveConnections(active.stdout)) {
        if (!NM_UUID.test(connection.uuid)) {
          continue;
        }
        const out = await run(['-g', NM_FIELDS, 'connection', 'show', connection.uuid], signal);
        const fields = out.code === 0 ? parseNmDnsFields(out.stdout) : null;
        if (!fields) {
          return fail('dns-snapshot-failed', `cannot read DNS of ${connection.name}`);
        }
        adapters.push({
          saved: {
            id: connection.uuid,
            label: connection.name,
            device: DEVICE.test(connection.device) ? connection.device : null,
            ...fields,
            ordered: null,
            registration: null,
          },
          handle: connection.uuid,
          role: nmRole(connection, defaults),
        });
      }
      const vpnCarriesTraffic = [...defaults].some((device) => TUNNEL_DEVICE.test(device));
      return ok({ adapters, ...vpnVerdict(adapters, vpnCarriesTraffic), file: null });
    },
    refuse: (snapshot) => refuseIdsNotMatching(snapshot, NM_UUID),
    applySteps: (target, servers: ServerLists) =>
      changeSteps(
        target.saved,
        { mode: 'static', servers: [...servers.ipv4] },
        target.saved.ipv6 ? { mode: 'static', servers: [...servers.ipv6] } : null,
      ),
    // reapply takes today's device (a re-plugged USB adapter may have a new name).
    restoreSteps: (saved, live) =>
      changeSteps({ ...saved, device: live.saved.device }, saved.ipv4, saved.ipv6),
    // NetworkManager's ipv4.dns holds only typed-in servers (DHCP's are elsewhere): compare both.
    matches: (saved, now) =>
      JSON.stringify([saved.ipv4, saved.ipv6]) === JSON.stringify([now.ipv4, now.ipv6]),
    flushSteps: () => [{ kind: 'run', file: RESOLVECTL, args: ['flush-caches'], optional: true }],
  };
}

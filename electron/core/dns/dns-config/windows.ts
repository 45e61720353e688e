import { z } from 'zod';

import type { DnsFamilyConfig } from '../../../shared/schemas/dns';
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
 * Windows: read with PowerShell (Get-NetAdapter, Get-DnsClientServerAddress, as JSON) and netsh
 * (the only listing that says "static" or "DHCP" per family); change with netsh, which is explicit
 * per family — Set-DnsClientServerAddress's -ResetServerAddresses resets both families at once.
 */

export const POWERSHELL = 'powershell.exe';
const PS_FLAGS = ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-Command'];

export const LIST_ADAPTERS_SCRIPT =
  "Get-NetAdapter | Where-Object Status -eq 'Up' | Select-Object Name,InterfaceDescription,ifIndex,Status | ConvertTo-Json";
export const LIST_DNS_SCRIPT =
  'Get-DnsClientServerAddress | Select-Object InterfaceAlias,InterfaceIndex,AddressFamily,ServerAddresses | ConvertTo-Json';

const AdapterSchema = z.object({ Name: z.string(), ifIndex: z.number().int() }).loose();
const DnsEntrySchema = z
  .object({
    InterfaceAlias: z.string(),
    InterfaceIndex: z.number().int(),
    /** 2 = IPv4, 23 = IPv6 (AddressFamily enum values as ConvertTo-Json writes them). */
    AddressFamily: z.number().int(),
    ServerAddresses: z.array(z.string()).nullable(),
  })
  .loose();

/** ConvertTo-Json writes a lone object for one item and an array for several. */
function jsonList<T>(text: string, schema: z.ZodType<T>): T[] | null {
  let value: unknown;
  try {
    value = text.trim() === '' ? [] : JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = z.array(schema).safeParse(Array.isArray(value) ? value : [value]);
  return parsed.success ? parsed.data : null;
}

export const parseNetAdapters = (text: string) => jsonList(text, AdapterSchema);
export const parseDnsClientServers = (text: string) => jsonList(text, DnsEntrySchema);

/**
 * `netsh interface ipv4 show dnsservers`: per interface, whether its servers are static or from
 * DHCP. English output; on other display languages the headings differ and the mode is unknown
 * (the caller then keeps what it read as static, which still resolves).
 */
export function parseNetshDnsModes(text: string): Map<string, 'static' | 'automatic'> {
  const modes = new Map<string, 'static' | 'automatic'>();
  let current: string | null = null;
  for (const line of text.split(/\r?\n/)) {
    const header = /^Configuration for interface "(.+)"\s*$/.exec(line.trim());
    if (header) {
      current = header[1] ?? null;
      continue;
    }
    if (current === null) {
      continue;
    }
    if (/DNS servers configured through DHCP/i.test(line)) {
      modes.set(current, 'automatic');
    } else if (/Statically Configured DNS Servers/i.test(line)) {
      modes.set(current, 'static');
    }
  }
  return modes;
}

function ps(script: string): { file: string; args: string[] } {
  return { file: POWERSHELL, args: [...PS_FLAGS, script] };
}

function familySteps(
  index: number,
  family: 'ipv4' | 'ipv6',
  config: DnsFamilyConfig,
): ChangeStep[] {
  const base = ['interface', family, 'set', 'dnsservers', `name=${index}`];
  if (config.mode === 'automatic') {
    return [{ kind: 'run', file: 'netsh', args: [...base, 'source=dhcp'] }];
  }
  const [first, ...rest] = config.servers;
  return [
    {
      kind: 'run',
      file: 'netsh',
      args: [
        ...base,
        'source=static',
        `address=${first ?? 'none'}`,
        'register=primary',
        'validate=no',
      ],
    },
    ...rest.map((server, position): ChangeStep => ({
      kind: 'run',
      file: 'netsh',
      args: [
        'interface',
        family,
        'add',
        'dnsservers',
        `name=${index}`,
        `address=${server}`,
        `index=${position + 2}`,
        'validate=no',
      ],
    })),
  ];
}

export function createWindowsBackend(deps: {
  readonly command: CommandPort;
  readonly now?: () => Date;
}): DnsConfigBackend {
  const run = (file: string, args: string[], signal: AbortSignal) =>
    deps.command.run({ file, args, timeoutMs: COMMAND_TIMEOUT_MS }, signal);
  return {
    method: 'windows',
    async snapshot(signal) {
      const listAdapters = ps(LIST_ADAPTERS_SCRIPT);
      const listDns = ps(LIST_DNS_SCRIPT);
      const [adaptersOut, dnsOut, v4Out, v6Out] = await Promise.all([
        run(listAdapters.file, listAdapters.args, signal),
        run(listDns.file, listDns.args, signal),
        run('netsh', ['interface', 'ipv4', 'show', 'dnsservers'], signal),
        run('netsh', ['interface', 'ipv6', 'show', 'dnsservers'], signal),
      ]);
      if (adaptersOut.code !== 0 || dnsOut.code !== 0) {
        return fail('dns-snapshot-failed', (adaptersOut.stderr || dnsOut.stderr).slice(0, 300));
      }
      const adapters = parseNetAdapters(adaptersOut.stdout);
      const entries = parseDnsClientServers(dnsOut.stdout);
      if (!adapters || !entries) {
        return fail('dns-snapshot-failed', 'unexpected PowerShell output');
      }
      const modes = {
        ipv4: parseNetshDnsModes(v4Out.code === 0 ? v4Out.stdout : ''),
        ipv6: parseNetshDnsModes(v6Out.code === 0 ? v6Out.stdout : ''),
      };
      const familyOf = (adapter: { Name: string; ifIndex: number }, family: 'ipv4' | 'ipv6') => {
        const entry = entries.find(
          (candidate) =>
            candidate.InterfaceIndex === adapter.ifIndex &&
            candidate.AddressFamily === (family === 'ipv4' ? 2 : 23),
        );
        if (!entry) {
          return null;
        }
        const servers = entry.ServerAddresses ?? [];
        const mode = modes[family].get(adapter.Name) ?? (servers.length ? 'static' : 'automatic');
        return { mode, servers };
      };
      const snapshots: AdapterSnapshot[] = adapters.map((adapter) => ({
        id: String(adapter.ifIndex),
        label: adapter.Name,
        device: null,
        ipv4: familyOf(adapter, 'ipv4') ?? { mode: 'automatic', servers: [] },
        ipv6: familyOf(adapter, 'ipv6'),
      }));
      return ok(adapterSnapshot('windows', snapshots, deps.now));
    },
    applySteps(snapshot, servers: ServerLists) {
      return snapshot.adapters.flatMap((adapter) => {
        const index = Number(adapter.id);
        return [
          ...familySteps(index, 'ipv4', { mode: 'static', servers: [...servers.ipv4] }),
          ...(adapter.ipv6 && servers.ipv6.length
            ? familySteps(index, 'ipv6', { mode: 'static', servers: [...servers.ipv6] })
            : []),
        ];
      });
    },
    restoreSteps(snapshot) {
      return snapshot.adapters.flatMap((adapter) => {
        const index = Number(adapter.id);
        return [
          ...familySteps(index, 'ipv4', adapter.ipv4),
          ...(adapter.ipv6 ? familySteps(index, 'ipv6', adapter.ipv6) : []),
        ];
      });
    },
    flushSteps: () => [{ kind: 'run', file: 'ipconfig', args: ['/flushdns'], optional: true }],
  };
}

import { isIPv4, isIPv6 } from 'node:net';

import type { DnsManagedReason } from '../../../shared/schemas/dns';
import { fail, ok } from '../../../shared/result';
import type { CommandPort } from '../../ports';
import {
  COMMAND_TIMEOUT_MS,
  refuseIdsNotMatching,
  vpnVerdict,
  type AdapterRole,
  type AdapterSnapshot,
  type ChangeStep,
  type DnsConfigBackend,
  type LiveAdapter,
  type ServerLists,
} from './config-types';

/*
 * macOS: read from the System Configuration store with scutil, keyed by network service ID (a
 * UUID that survives renaming): `State:/Network/Global/IPv4` names the service carrying the
 * default route; `Setup:/Network/Service/<ID>/DNS` holds the servers someone typed in, in their
 * exact order, both families in one list (absent = from DHCP). Changes go through networksetup,
 * which takes the service's name: looked up from the ID each time.
 */

export const SCUTIL = '/usr/sbin/scutil';
export const NETWORKSETUP = '/usr/sbin/networksetup';
export const PROFILES = '/usr/bin/profiles';
export const DSCONFIGAD = '/usr/sbin/dsconfigad';

export type ScutilValue = string | ScutilValue[] | { [key: string]: ScutilValue };

/**
 * scutil's `show` output, one block per command: `<dictionary> { … }` (nested dictionaries and
 * arrays, `key : value` lines) or `No such key` (null).
 */
export function parseScutilBlocks(text: string): (ScutilValue | null)[] {
  const blocks: (ScutilValue | null)[] = [];
  const stack: { value: ScutilValue[] | Record<string, ScutilValue> }[] = [];
  const put = (key: string | null, value: ScutilValue) => {
    const top = stack.at(-1);
    if (!top) {
      blocks.push(value);
    } else if (Array.isArray(top.value)) {
      top.value.push(value);
    } else if (key !== null) {
      top.value[key] = value;
    }
  };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '') {
      continue;
    }
    if (stack.length === 0 && /^No such key$/i.test(line)) {
      blocks.push(null);
      continue;
    }
    if (line === '}') {
      const done = stack.pop();
      if (done && stack.length === 0) {
        blocks.push(done.value);
      }
      continue;
    }
    const opener = /^(?:(.+?)\s:\s)?<(dictionary|array)>\s*\{$/.exec(line);
    if (opener) {
      const value: ScutilValue[] | Record<string, ScutilValue> = opener[2] === 'array' ? [] : {};
      if (stack.length > 0) {
        put(opener[1] ?? null, value);
      }
      stack.push({ value });
      continue;
    }
    const entry = /^(.+?)\s:\s?(.*)$/.exec(line);
    if (entry && stack.length > 0) {
      put(entry[1] ?? null, entry[2] ?? '');
    }
  }
  return blocks;
}

const field = (value: ScutilValue | null | undefined, key: string): ScutilValue | undefined =>
  value !== null && value !== undefined && typeof value === 'object' && !Array.isArray(value)
    ? value[key]
    : undefined;
const str = (value: ScutilValue | undefined): string | null =>
  typeof value === 'string' ? value : null;
const strings = (value: ScutilValue | undefined): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

/** `list Setup:/Network/Service/[^/]+`: `subKey [n] = Setup:/Network/Service/<ID>` lines. */
export function parseServiceList(text: string): string[] {
  return [...text.matchAll(/=\s*Setup:\/Network\/Service\/([^/\s]+)\s*$/gm)].map(
    (match) => match[1] ?? '',
  );
}

/** Network service IDs are UUIDs. */
export const SERVICE_ID =
  /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/;

const SERVICE_KEYS = ['', '/Interface', '/DNS'] as const;
const STATE_KEYS = ['/DNS', '/IPv4', '/IPv6'] as const;

/** The scutil script that shows, for each service, its setup, interface, DNS and state. */
export function serviceDetailScript(ids: readonly string[]): string {
  return ids
    .flatMap((id) => [
      ...SERVICE_KEYS.map((key) => `show Setup:/Network/Service/${id}${key}`),
      ...STATE_KEYS.map((key) => `show State:/Network/Service/${id}${key}`),
    ])
    .join('\n')
    .concat('\n');
}

export const GLOBAL_SCRIPT = 'show State:/Network/Global/IPv4\nshow State:/Network/Global/IPv6\n';
export const LIST_SCRIPT = 'list Setup:/Network/Service/[^/]+\n';

const VPN_TYPES = new Set(['PPP', 'IPSec', 'VPN', 'L2TP', 'PPTP']);

export type MacService = {
  readonly id: string;
  readonly name: string;
  readonly active: boolean;
  readonly vpn: boolean;
  /** `Setup:` ServerAddresses: the typed-in list in order; [] = from DHCP. */
  readonly configured: string[];
  /** `State:` ServerAddresses: what is in effect (DHCP-given, for display). */
  readonly effective: string[];
};

/** Reads the five blocks per service of `serviceDetailScript` back into services. */
export function parseServiceDetails(ids: readonly string[], text: string): MacService[] | null {
  const blocks = parseScutilBlocks(text);
  const per = SERVICE_KEYS.length + STATE_KEYS.length;
  if (blocks.length !== ids.length * per) {
    return null;
  }
  return ids.map((id, index) => {
    const [setup, iface, setupDns, stateDns, state4, state6] = blocks.slice(
      index * per,
      index * per + per,
    );
    const type = str(field(iface, 'Type')) ?? '';
    const stateInterface =
      str(field(state4, 'InterfaceName')) ?? str(field(state6, 'InterfaceName')) ?? '';
    return {
      id,
      name: str(field(setup, 'UserDefinedName')) ?? str(field(iface, 'UserDefinedName')) ?? id,
      active: field(setup, '__INACTIVE__') === undefined && (state4 !== null || state6 !== null),
      vpn: VPN_TYPES.has(type) || /^(utun|ppp|ipsec)\d*$/.test(stateInterface),
      configured: strings(field(setupDns, 'ServerAddresses')),
      effective: strings(field(stateDns, 'ServerAddresses')),
    };
  });
}

function snapshotOf(service: MacService): AdapterSnapshot {
  const mode = service.configured.length ? 'static' : 'automatic';
  const list = mode === 'static' ? service.configured : service.effective;
  return {
    id: service.id,
    label: service.name,
    device: null,
    ipv4: { mode, servers: list.filter((server) => isIPv4(server)) },
    ipv6: { mode, servers: list.filter((server) => isIPv6(server)) },
    ordered: mode === 'static' ? [...service.configured] : null,
    registration: null,
  };
}

/** The services as LiveAdapters: the default-route one, VPNs, and the rest. */
export function interpretMacServices(
  services: readonly MacService[],
  primary: ReadonlySet<string>,
): { adapters: LiveAdapter[]; vpnCarriesTraffic: boolean } {
  const adapters = services
    .filter((service) => service.active)
    .map((service): LiveAdapter => {
      const role: AdapterRole = service.vpn
        ? 'vpn'
        : primary.has(service.id)
          ? 'default-route'
          : 'other';
      return { saved: snapshotOf(service), handle: service.name, role };
    });
  const vpnCarriesTraffic = adapters.some(
    (adapter) => adapter.role === 'vpn' && primary.has(adapter.saved.id),
  );
  return { adapters, vpnCarriesTraffic };
}

/** `profiles status -type enrollment`: "MDM enrollment: Yes" (with or without "(User Approved)"). */
export function mdmEnrolled(text: string): boolean {
  return /^MDM enrollment:\s*Yes/im.test(text);
}

/** `dsconfigad -show` prints the Active Directory domain when the Mac is bound to one. */
export function boundToDomain(text: string): boolean {
  return /Active Directory Domain\s*=\s*\S/.test(text);
}

function setDns(service: string, servers: readonly string[]): ChangeStep {
  return {
    kind: 'run',
    file: NETWORKSETUP,
    args: ['-setdnsservers', service, ...(servers.length ? servers : ['Empty'])],
  };
}

export function createMacosBackend(deps: { readonly command: CommandPort }): DnsConfigBackend {
  const scutil = (input: string, signal: AbortSignal) =>
    deps.command.run({ file: SCUTIL, args: [], input, timeoutMs: COMMAND_TIMEOUT_MS }, signal);
  const run = (file: string, args: string[], signal: AbortSignal) =>
    deps.command.run({ file, args, timeoutMs: COMMAND_TIMEOUT_MS }, signal);
  return {
    method: 'macos',
    async read(signal) {
      const [globals, listed, mdm, ad] = await Promise.all([
        scutil(GLOBAL_SCRIPT, signal),
        scutil(LIST_SCRIPT, signal),
        run(PROFILES, ['status', '-type', 'enrollment'], signal),
        run(DSCONFIGAD, ['-show'], signal),
      ]);
      if (globals.code !== 0 || listed.code !== 0) {
        return fail('dns-snapshot-failed', (globals.stderr || listed.stderr).slice(0, 300));
      }
      const primary = new Set(
        parseScutilBlocks(globals.stdout)
          .map((block) => str(field(block, 'PrimaryService')))
          .filter((id): id is string => id !== null && SERVICE_ID.test(id)),
      );
      const ids = parseServiceList(listed.stdout).filter((id) => SERVICE_ID.test(id));
      const details = ids.length ? await scutil(serviceDetailScript(ids), signal) : null;
      const services =
        details === null
          ? []
          : details.code === 0
            ? parseServiceDetails(ids, details.stdout)
            : null;
      if (services === null) {
        return fail('dns-snapshot-failed', 'unexpected scutil output');
      }
      const { adapters, vpnCarriesTraffic } = interpretMacServices(services, primary);
      const vpn = vpnVerdict(adapters, vpnCarriesTraffic);
      const blockers: DnsManagedReason[] = [
        ...(mdm.code === 0 && mdmEnrolled(mdm.stdout) ? (['mdm'] as const) : []),
        ...(ad.code === 0 && boundToDomain(ad.stdout) ? (['domain'] as const) : []),
        ...vpn.blockers,
      ];
      return ok({ adapters, blockers, warnings: vpn.warnings, file: null });
    },
    refuse: (snapshot) => refuseIdsNotMatching(snapshot, SERVICE_ID),
    // One list for both families; Google's IPv4 servers first, then its IPv6 ones.
    applySteps: (target, servers: ServerLists) => [
      setDns(target.handle, [...servers.ipv4, ...servers.ipv6]),
    ],
    // The exact list as it was typed in, IPv4 and IPv6 in their original order; Empty = DHCP.
    restoreSteps: (saved, live) => [
      setDns(live.handle, saved.ipv4.mode === 'automatic' ? [] : (saved.ordered ?? [])),
    ],
    matches: (saved, now) =>
      saved.ipv4.mode === now.ipv4.mode &&
      (saved.ipv4.mode === 'automatic' ||
        JSON.stringify(saved.ordered) === JSON.stringify(now.ordered)),
    flushSteps: () => [
      { kind: 'run', file: '/usr/bin/dscacheutil', args: ['-flushcache'], optional: true },
      { kind: 'run', file: '/usr/bin/killall', args: ['-HUP', 'mDNSResponder'], optional: true },
    ],
  };
}

import { z } from 'zod';

import type {
  DnsChangeWarning,
  DnsFamilyConfig,
  DnsManagedReason,
} from '../../../shared/schemas/dns';
import { fail, ok } from '../../../shared/result';
import type { CommandPort } from '../../ports';
import {
  COMMAND_TIMEOUT_MS,
  refuseIdsNotMatching,
  sameModesAndStaticServers,
  vpnVerdict,
  type AdapterRole,
  type AdapterSnapshot,
  type ChangeStep,
  type DnsConfigBackend,
  type LiveAdapter,
  type Registration,
  type ServerLists,
} from './config-types';
import { secureDnsBrowser } from './browser-secure-dns';
import type { WindowsTools } from './windows-tools';

/*
 * Windows. Everything is read in ONE PowerShell call that prints JSON, from sources that are not
 * translated: whether DNS is static or from DHCP comes from the per-interface `NameServer` registry
 * values (empty when DHCP provides the servers) under Tcpip and Tcpip6, keyed by InterfaceGuid;
 * the registration setting from Get-DnsClient; routes, adapters and policies from CIM and the
 * registry. netsh's listings are translated ("DNS servers configured through DHCP" is "Über DHCP
 * konfigurierte DNS-Server" in German) and are never parsed. Changes go through netsh, which is
 * explicit per family, by today's interface index looked up from the GUID.
 */

/** Non-ASCII characters are written as \uXXXX, so the console code page cannot garble names. */
export const READ_STATE_SCRIPT = String.raw`$ErrorActionPreference = 'Stop'
function Reg($path) { Get-ItemProperty -LiteralPath $path -ErrorAction SilentlyContinue }
$metric = @{}
Get-NetIPInterface -ErrorAction SilentlyContinue | ForEach-Object { $metric["$($_.ifIndex)/$([int]$_.AddressFamily)"] = [int]$_.InterfaceMetric }
$routes = @(Get-NetRoute -PolicyStore ActiveStore -ErrorAction SilentlyContinue | Where-Object { @('0.0.0.0/0','0.0.0.0/1','128.0.0.0/1','::/0','::/1','8000::/1') -contains $_.DestinationPrefix } | ForEach-Object {
  $af = if ($_.DestinationPrefix -like '*:*') { 23 } else { 2 }
  @{ index = [int]$_.ifIndex; prefix = [string]$_.DestinationPrefix; metric = [int]$_.RouteMetric + [int]$metric["$($_.ifIndex)/$af"] }
})
$clients = @{}
Get-DnsClient -ErrorAction SilentlyContinue | ForEach-Object { $clients[[int]$_.InterfaceIndex] = $_ }
$servers = @{}
Get-DnsClientServerAddress -ErrorAction SilentlyContinue | ForEach-Object { $servers["$($_.InterfaceIndex)/$([int]$_.AddressFamily)"] = @($_.ServerAddresses) }
$v6 = @{}
Get-NetAdapterBinding -ComponentID ms_tcpip6 -ErrorAction SilentlyContinue | ForEach-Object { $v6[[string]$_.Name] = [bool]$_.Enabled }
$adapters = @(Get-NetAdapter -ErrorAction SilentlyContinue | Where-Object { $_.Status -eq 'Up' } | ForEach-Object {
  $g = [string]$_.InterfaceGuid
  $p4 = Reg "HKLM:\SYSTEM\CurrentControlSet\Services\Tcpip\Parameters\Interfaces\$g"
  $p6 = Reg "HKLM:\SYSTEM\CurrentControlSet\Services\Tcpip6\Parameters\Interfaces\$g"
  $c = $clients[[int]$_.ifIndex]
  @{
    guid = $g; index = [int]$_.ifIndex; name = [string]$_.Name; description = [string]$_.InterfaceDescription
    hardware = [bool]$_.HardwareInterface; virtual = [bool]$_.Virtual
    static4 = [string]$p4.NameServer; static6 = [string]$p6.NameServer
    servers4 = @($servers["$($_.ifIndex)/2"]); servers6 = @($servers["$($_.ifIndex)/23"])
    ipv6 = ($v6[[string]$_.Name] -ne $false)
    register = if ($null -eq $c) { $null } else { [bool]$c.RegisterThisConnectionsAddress }
    registerSuffix = if ($null -eq $c) { $null } else { [bool]$c.UseSuffixWhenRegistering }
  }
})
$doh = @(foreach ($b in @(@('chrome','Google\Chrome'), @('edge','Microsoft\Edge'), @('brave','BraveSoftware\Brave'), @('chromium','Chromium'))) {
  foreach ($hive in @('HKLM','HKCU')) { $m = (Reg "$($hive):\SOFTWARE\Policies\$($b[1])").DnsOverHttpsMode; if ($null -ne $m) { @{ browser = $b[0]; mode = [string]$m } } }
})
$ff = (Reg 'HKLM:\SOFTWARE\Policies\Mozilla\Firefox\DNSOverHTTPS').Enabled
if ($ff -eq 1) { $doh += @{ browser = 'firefox'; mode = 'secure' } }
$state = @{
  adapters = $adapters; routes = $routes; browserPolicies = $doh
  gpoNameServer = [string](Reg 'HKLM:\SOFTWARE\Policies\Microsoft\Windows NT\DNSClient').NameServer
  nrpt = @(Get-DnsClientNrptPolicy -ErrorAction SilentlyContinue).Count
  domain = [bool](Get-CimInstance -ClassName Win32_ComputerSystem -ErrorAction SilentlyContinue).PartOfDomain
}
$json = ConvertTo-Json -InputObject $state -Depth 6 -Compress
[regex]::Replace($json, '[^\x00-\x7F]', { param($m) '\u{0:x4}' -f [int][char]$m.Value })`;

/** ConvertTo-Json writes null for an empty pipeline and a lone object for one item. */
const list = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (value): unknown[] =>
      value === null || value === undefined
        ? []
        : Array.isArray(value)
          ? (value as unknown[])
          : [value],
    z.array(item),
  );

const text = z.preprocess(
  (value) => (value === null || value === undefined ? '' : value),
  z.string(),
);

const WindowsAdapterSchema = z.object({
  guid: z.string(),
  index: z.number().int(),
  name: text,
  description: text,
  hardware: z.boolean(),
  virtual: z.boolean(),
  static4: text,
  static6: text,
  servers4: list(z.string()),
  servers6: list(z.string()),
  ipv6: z.boolean(),
  register: z.boolean().nullable(),
  registerSuffix: z.boolean().nullable(),
});
type WindowsAdapter = z.infer<typeof WindowsAdapterSchema>;

export const WindowsStateSchema = z.object({
  adapters: list(WindowsAdapterSchema),
  routes: list(z.object({ index: z.number().int(), prefix: z.string(), metric: z.number() })),
  browserPolicies: list(z.object({ browser: z.string(), mode: z.string() })),
  gpoNameServer: text,
  nrpt: z.number().int(),
  domain: z.boolean(),
});
export type WindowsState = z.infer<typeof WindowsStateSchema>;

export function parseWindowsState(output: string): WindowsState | null {
  try {
    const parsed = WindowsStateSchema.safeParse(JSON.parse(output.trim()));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** InterfaceGuid as Get-NetAdapter writes it: `{xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}`. */
export const WINDOWS_GUID =
  /^\{[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\}$/;

/** Tunnel drivers of the VPN clients shops meet (WireGuard, OpenVPN, Cisco, Palo Alto, Fortinet…). */
const VPN =
  /wintun|wireguard|tap-windows|tap-win32|openvpn|anyconnect|cisco .*vpn|globalprotect|pangp|palo alto|fortinet|forticlient|juniper|pulse secure|ivanti|zscaler|nordlynx|nordvpn|proton ?vpn|expressvpn|surfshark|mullvad|tailscale|zerotier|hamachi|sonicwall|netextender|check ?point|windscribe|cloudflare warp|private internet access|wan miniport|\bvpn\b/i;

/** The registry's NameServer value: addresses separated by commas or spaces, in order. */
export function nameServerList(value: string): string[] {
  return value
    .split(/[,\s]+/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

function family(staticValue: string, effective: readonly string[]): DnsFamilyConfig {
  const configured = nameServerList(staticValue);
  return configured.length
    ? { mode: 'static', servers: configured }
    : // From DHCP/RA (or none: Windows then lists the fec0:0:0:ffff::1..3 site-local defaults).
      { mode: 'automatic', servers: [...effective] };
}

function registrationOf(adapter: WindowsAdapter): Registration | null {
  if (adapter.register === null) {
    return null;
  }
  return !adapter.register ? 'none' : adapter.registerSuffix === true ? 'both' : 'primary';
}

const DEFAULT_V4 = ['0.0.0.0/0', '0.0.0.0/1', '128.0.0.0/1'];
const DEFAULT_V6 = ['::/0', '::/1', '8000::/1'];

/** The Up adapters carrying the lowest-metric default route, per family (`/1` halves count). */
function defaultRouteIndexes(state: WindowsState): Set<number> {
  const up = new Set(state.adapters.map((adapter) => adapter.index));
  const best = (prefixes: readonly string[]): number | null => {
    const routes = state.routes
      .filter((route) => prefixes.includes(route.prefix) && up.has(route.index))
      // A `/1` pair (how OpenVPN takes all traffic) beats any `/0`: longer prefixes win.
      .sort(
        (a, b) =>
          Number(b.prefix.endsWith('/1')) - Number(a.prefix.endsWith('/1')) || a.metric - b.metric,
      );
    return routes[0]?.index ?? null;
  };
  return new Set(
    [best(DEFAULT_V4), best(DEFAULT_V6)].filter((index): index is number => index !== null),
  );
}

function roleOf(adapter: WindowsAdapter, defaults: ReadonlySet<number>): AdapterRole {
  if (VPN.test(`${adapter.description} ${adapter.name}`)) {
    return 'vpn';
  }
  if (defaults.has(adapter.index)) {
    // A Hyper-V external switch puts the real connection on a "vEthernet" adapter: still ours.
    return 'default-route';
  }
  return !adapter.hardware || adapter.virtual ? 'virtual' : 'other';
}

/** The machine's adapters as LiveAdapters, and what its policies say about a change. */
export function interpretWindowsState(state: WindowsState): {
  adapters: LiveAdapter[];
  blockers: DnsManagedReason[];
  warnings: DnsChangeWarning[];
} {
  const defaults = defaultRouteIndexes(state);
  const adapters = state.adapters
    .filter((adapter) => WINDOWS_GUID.test(adapter.guid))
    .map((adapter): LiveAdapter => {
      const saved: AdapterSnapshot = {
        id: adapter.guid,
        label: adapter.name || adapter.description,
        device: null,
        ipv4: family(adapter.static4, adapter.servers4),
        ipv6: adapter.ipv6 ? family(adapter.static6, adapter.servers6) : null,
        ordered: null,
        registration: registrationOf(adapter),
      };
      return { saved, handle: String(adapter.index), role: roleOf(adapter, defaults) };
    });
  const vpnCarriesTraffic = adapters.some(
    (adapter) => adapter.role === 'vpn' && defaults.has(Number(adapter.handle)),
  );
  const vpn = vpnVerdict(adapters, vpnCarriesTraffic);
  const blockers: DnsManagedReason[] = [
    ...(nameServerList(state.gpoNameServer).length ? (['group-policy'] as const) : []),
    ...(state.nrpt > 0 ? (['nrpt'] as const) : []),
    ...(state.domain ? (['domain'] as const) : []),
    ...vpn.blockers,
  ];
  const warnings: DnsChangeWarning[] = [
    ...vpn.warnings,
    ...state.browserPolicies.flatMap((policy): DnsChangeWarning[] => {
      const browser = secureDnsBrowser(policy.browser);
      // "secure": the browser uses only its own DoH provider; "automatic" follows the OS.
      return browser && policy.mode.toLowerCase() === 'secure'
        ? [{ kind: 'browser-secure-dns', browser, source: 'policy' }]
        : [];
    }),
  ];
  return { adapters, blockers, warnings };
}

function familySteps(
  netsh: string,
  index: string,
  family: 'ipv4' | 'ipv6',
  config: DnsFamilyConfig,
  registration: Registration | null,
): ChangeStep[] {
  const base = ['interface', family, 'set', 'dnsservers', `name=${index}`];
  // Without register=, netsh sets "primary": the saved setting is always passed back.
  const register = registration === null ? [] : [`register=${registration}`];
  if (config.mode === 'automatic') {
    return [{ kind: 'run', file: netsh, args: [...base, 'source=dhcp', ...register] }];
  }
  const [first, ...rest] = config.servers;
  return [
    {
      kind: 'run',
      file: netsh,
      args: [...base, 'source=static', `address=${first ?? 'none'}`, ...register, 'validate=no'],
    },
    ...rest.map((server, position): ChangeStep => ({
      kind: 'run',
      file: netsh,
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
  readonly tools: WindowsTools;
}): DnsConfigBackend {
  const { tools } = deps;
  return {
    method: 'windows',
    async read(signal) {
      const out = await deps.command.run(
        {
          file: tools.powershell,
          args: [
            '-NoProfile',
            '-NonInteractive',
            '-ExecutionPolicy',
            'Bypass',
            '-Command',
            READ_STATE_SCRIPT,
          ],
          timeoutMs: COMMAND_TIMEOUT_MS,
        },
        signal,
      );
      const state = out.code === 0 ? parseWindowsState(out.stdout) : null;
      if (!state) {
        return fail(
          'dns-snapshot-failed',
          (out.stderr || 'unexpected PowerShell output').slice(0, 300),
        );
      }
      return ok({ ...interpretWindowsState(state), file: null });
    },
    refuse: (snapshot) => refuseIdsNotMatching(snapshot, WINDOWS_GUID),
    applySteps(target, servers: ServerLists) {
      const { saved, handle } = target;
      return [
        ...familySteps(
          tools.netsh,
          handle,
          'ipv4',
          { mode: 'static', servers: [...servers.ipv4] },
          saved.registration,
        ),
        ...(saved.ipv6 && servers.ipv6.length
          ? familySteps(
              tools.netsh,
              handle,
              'ipv6',
              { mode: 'static', servers: [...servers.ipv6] },
              saved.registration,
            )
          : []),
      ];
    },
    restoreSteps(saved, live) {
      return [
        ...familySteps(tools.netsh, live.handle, 'ipv4', saved.ipv4, saved.registration),
        ...(saved.ipv6
          ? familySteps(tools.netsh, live.handle, 'ipv6', saved.ipv6, saved.registration)
          : []),
      ];
    },
    matches: (saved, now) =>
      sameModesAndStaticServers(saved, now) &&
      (saved.registration === null || saved.registration === now.registration),
    flushSteps: () => [{ kind: 'run', file: tools.ipconfig, args: ['/flushdns'], optional: true }],
  };
}

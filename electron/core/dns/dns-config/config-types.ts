import { z } from 'zod';

import {
  DnsFamilyConfigSchema,
  type DnsManagedReason,
  type DnsChangeWarning,
  type DnsFamilyConfig,
} from '../../../shared/schemas/dns';
import type { Failure, Result } from '../../../shared/result';

/** How this computer's DNS is managed; each has its own reading, apply and restore. */
export const DnsMethodSchema = z.enum([
  'windows',
  'macos',
  'resolvectl',
  'networkmanager',
  'resolv-conf',
]);
export type DnsMethod = z.infer<typeof DnsMethodSchema>;

/** Windows' "register this connection's addresses in DNS" setting, as netsh names it. */
export const RegistrationSchema = z.enum(['none', 'primary', 'both']);
export type Registration = z.infer<typeof RegistrationSchema>;

export const AdapterSnapshotSchema = z.object({
  /**
   * A key that survives reboots and re-plugging: Windows InterfaceGuid, macOS network service ID,
   * NetworkManager connection UUID, systemd-resolved link name, or the resolv.conf path. What the
   * OS commands take today (an interface index, a service name) is looked up from it each time.
   */
  id: z.string().min(1).max(256),
  label: z.string().max(256),
  /** A second handle some methods need (NetworkManager's device for `reapply`). */
  device: z.string().max(256).nullable(),
  ipv4: DnsFamilyConfigSchema,
  /** null: the family is off on this adapter and is never touched. */
  ipv6: DnsFamilyConfigSchema.nullable(),
  /** Methods with ONE list for both families (macOS, resolvectl): that list, in its exact order. */
  ordered: z.array(z.string()).max(32).nullable(),
  /** Windows: the DNS registration setting, restored as it was. */
  registration: RegistrationSchema.nullable(),
});
export type AdapterSnapshot = z.infer<typeof AdapterSnapshotSchema>;

/** Everything needed to put the DNS configuration back exactly as it was. */
export const DnsSnapshotSchema = z.object({
  method: DnsMethodSchema,
  takenAt: z.string(),
  /** Only what the change touches: the adapter(s) carrying the default route. */
  adapters: z.array(AdapterSnapshotSchema).max(8),
  /** resolv-conf: the file's exact bytes (comments, search, options included). */
  file: z.object({ path: z.string(), content: z.string().max(65_536) }).nullable(),
});
export type DnsSnapshot = z.infer<typeof DnsSnapshotSchema>;

/** Why an adapter is left alone although it is up. */
export type AdapterRole = 'default-route' | 'vpn' | 'virtual' | 'other';

/** One adapter as it is now: its settings (keyed by the stable id) and today's command handle. */
export type LiveAdapter = {
  readonly saved: AdapterSnapshot;
  /** What this method's commands take right now (interface index, service name, link, UUID). */
  readonly handle: string;
  readonly role: AdapterRole;
};

/** What one reading of the computer found: its adapters, and what may block or weaken a change. */
export type SystemDns = {
  readonly adapters: readonly LiveAdapter[];
  /** Reasons to refuse before any prompt (Group Policy, NRPT, MDM, domain, a VPN route). */
  readonly blockers: readonly DnsManagedReason[];
  /** Said before the prompt, but no reason to refuse (a VPN up beside, a browser's own DNS). */
  readonly warnings: readonly DnsChangeWarning[];
  /** resolv-conf only: the file as read. */
  readonly file: { readonly path: string; readonly content: string } | null;
};

/**
 * A VPN carrying all traffic refuses the change (its DNS wins and it would put its own back); a
 * VPN up beside is left alone and said.
 */
export function vpnVerdict(
  adapters: readonly LiveAdapter[],
  vpnCarriesTraffic: boolean,
): { blockers: DnsManagedReason[]; warnings: DnsChangeWarning[] } {
  return vpnCarriesTraffic
    ? { blockers: ['vpn'], warnings: [] }
    : {
        blockers: [],
        warnings: adapters
          .filter((adapter) => adapter.role === 'vpn')
          .map((adapter) => ({ kind: 'vpn-beside', label: adapter.saved.label })),
      };
}

/** One change, as data: the runner decides how (directly, or in one elevated batch). */
export type ChangeStep =
  | {
      readonly kind: 'run';
      readonly file: string;
      readonly args: readonly string[];
      /** A failed optional step (a cache flush) does not fail the change. */
      readonly optional?: boolean;
    }
  | { readonly kind: 'write-file'; readonly path: string; readonly content: string };

/**
 * The steps for one adapter. A batch runs every group: a failed step ends its own group only, so
 * one adapter that fails (or vanished) never keeps the others from being restored.
 */
export type StepGroup = { readonly label: string; readonly steps: readonly ChangeStep[] };

export type StepFailure = {
  /**
   * `denied`: the user declined the administrator prompt; `not-started`: the prompt or batch could
   * not start at all. Nothing ran in either case. `failed`: something ran and a step failed.
   */
  readonly reason: 'denied' | 'failed' | 'not-started';
  /** Index of the first failed step over the whole batch (groups flattened), when known. */
  readonly failedAt: number | null;
  readonly detail: string;
};

export type RunResult = { ok: true } | { ok: false; error: StepFailure };

/** Runs a batch behind at most ONE elevation prompt. */
export interface StepRunner {
  /** True when `run` shows the OS's administrator prompt (the UI then says one is waiting). */
  readonly prompts: boolean;
  run(
    groups: readonly StepGroup[],
    signal: AbortSignal,
    options?: { readonly promptText?: string },
  ): Promise<RunResult>;
}

export interface DnsConfigBackend {
  readonly method: DnsMethod;
  /** Every adapter with its DNS settings and role, plus what this machine's policies say. */
  read(signal: AbortSignal): Promise<Result<SystemDns, Failure>>;
  /**
   * The journal is data to check, not to obey: null when every id has this method's format and
   * the file (if any) is this backend's own; otherwise why not.
   */
  refuse(snapshot: DnsSnapshot): string | null;
  /** Points one default-route adapter at `servers`, keeping everything else as it is. */
  applySteps(target: LiveAdapter, servers: ServerLists, snapshot: DnsSnapshot): ChangeStep[];
  /** Puts one adapter back exactly as saved, through today's handle; idempotent. */
  restoreSteps(saved: AdapterSnapshot, live: LiveAdapter, snapshot: DnsSnapshot): ChangeStep[];
  /** The adapter is as saved again, as far as DNS is concerned (DHCP-given servers may differ). */
  matches(saved: AdapterSnapshot, now: AdapterSnapshot): boolean;
  flushSteps(): ChangeStep[];
}

export type ServerLists = { readonly ipv4: readonly string[]; readonly ipv6: readonly string[] };

/** Both families' modes equal, and static lists equal in order: what most methods restore. */
export function sameModesAndStaticServers(saved: AdapterSnapshot, now: AdapterSnapshot): boolean {
  const family = (a: DnsFamilyConfig | null, b: DnsFamilyConfig | null): boolean =>
    a === null || b === null
      ? a === b
      : a.mode === b.mode &&
        (a.mode === 'automatic' || JSON.stringify(a.servers) === JSON.stringify(b.servers));
  return family(saved.ipv4, now.ipv4) && family(saved.ipv6, now.ipv6);
}

/** A snapshot of the given adapters (every method but the plain resolv.conf file). */
export function adapterSnapshot(
  method: DnsSnapshot['method'],
  adapters: readonly AdapterSnapshot[],
  now: (() => Date) | undefined,
): DnsSnapshot {
  return {
    method,
    takenAt: (now?.() ?? new Date()).toISOString(),
    adapters: [...adapters],
    file: null,
  };
}

/** Refuses a snapshot with an id that does not match `pattern` (null when all match). */
export function refuseIdsNotMatching(snapshot: DnsSnapshot, pattern: RegExp): string | null {
  const bad = snapshot.adapters.find(
    (adapter) =>
      !pattern.test(adapter.id) || (adapter.device !== null && !DEVICE.test(adapter.device)),
  );
  return bad
    ? `adapter id '${bad.id.slice(0, 64)}' is not a valid id for ${snapshot.method}`
    : null;
}

/** A Linux network interface name (what NetworkManager's `device` may hold). */
export const DEVICE = /^[A-Za-z0-9_][A-Za-z0-9_.:@-]{0,14}$/;

export const COMMAND_TIMEOUT_MS = 15_000;

import { z } from 'zod';

import { DnsFamilyConfigSchema } from '../../../shared/schemas/dns';
import type { Failure, Result } from '../../../shared/result';

/** How this computer's DNS is managed; each has its own snapshot, apply and restore. */
export const DnsMethodSchema = z.enum([
  'windows',
  'macos',
  'resolvectl',
  'networkmanager',
  'resolv-conf',
]);
export type DnsMethod = z.infer<typeof DnsMethodSchema>;

export const AdapterSnapshotSchema = z.object({
  /** What the OS commands take: interface index, service name, link, connection UUID, path. */
  id: z.string().min(1).max(256),
  label: z.string().max(256),
  /** A second handle some methods need (NetworkManager's device for `reapply`). */
  device: z.string().max(256).nullable(),
  ipv4: DnsFamilyConfigSchema,
  /** null: the family is off on this adapter and is never touched. */
  ipv6: DnsFamilyConfigSchema.nullable(),
});
export type AdapterSnapshot = z.infer<typeof AdapterSnapshotSchema>;

/** Everything needed to put the DNS configuration back exactly as it was. */
export const DnsSnapshotSchema = z.object({
  method: DnsMethodSchema,
  takenAt: z.string(),
  adapters: z.array(AdapterSnapshotSchema).max(64),
  /** resolv-conf: the file's exact bytes (comments, search, options included). */
  file: z.object({ path: z.string(), content: z.string().max(65_536) }).nullable(),
});
export type DnsSnapshot = z.infer<typeof DnsSnapshotSchema>;

/** A snapshot of per-adapter settings (every method but the plain resolv.conf file). */
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

export type StepFailure = {
  /** `denied`: the user declined the administrator prompt; nothing ran. */
  readonly reason: 'denied' | 'failed';
  /** Index of the step that failed; steps before it ran. */
  readonly failedAt: number;
  readonly detail: string;
};

/** Runs a batch of steps in order, stopping at the first failure, behind ONE elevation prompt. */
export interface StepRunner {
  run(
    steps: readonly ChangeStep[],
    signal: AbortSignal,
  ): Promise<{ ok: true } | { ok: false; error: StepFailure }>;
}

export interface DnsConfigBackend {
  readonly method: DnsMethod;
  snapshot(signal: AbortSignal): Promise<Result<DnsSnapshot, Failure>>;
  /** Points every adapter in the snapshot at `servers` (IPv4 and IPv6 lists). */
  applySteps(snapshot: DnsSnapshot, servers: ServerLists): ChangeStep[];
  /** Puts every adapter back exactly as snapshotted; idempotent. */
  restoreSteps(snapshot: DnsSnapshot): ChangeStep[];
  flushSteps(): ChangeStep[];
}

export type ServerLists = { readonly ipv4: readonly string[]; readonly ipv6: readonly string[] };

/** Same configuration, as far as DNS is concerned (restore-exactness check). */
export function sameAdapters(
  a: readonly AdapterSnapshot[],
  b: readonly AdapterSnapshot[],
): boolean {
  const key = (adapters: readonly AdapterSnapshot[]): string =>
    JSON.stringify(
      [...adapters]
        .sort((x, y) => x.id.localeCompare(y.id))
        .map((adapter) => [adapter.id, adapter.ipv4, adapter.ipv6]),
    );
  return key(a) === key(b);
}

export const COMMAND_TIMEOUT_MS = 15_000;

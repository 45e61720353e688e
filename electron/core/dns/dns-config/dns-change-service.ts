import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';

import { z } from 'zod';

import type { DiagnosisCode } from '../../../shared/diagnosis';
import {
  DnsChangeStateSchema,
  DnsRestoreOutcomeSchema,
  type DnsChangePreview,
  type DnsChangeState,
  type DnsChangeWarning,
  type DnsJournalSummary,
} from '../../../shared/schemas/dns';
import { fail, ok, type Failure, type Result } from '../../../shared/result';
import type { DnsJournalStore, LogPort, LookupPort } from '../../ports';
import {
  DnsSnapshotSchema,
  type DnsConfigBackend,
  type DnsSnapshot,
  type LiveAdapter,
  type ServerLists,
  type StepFailure,
  type StepGroup,
  type StepRunner,
} from './config-types';
import { sealMatches, sealOf } from './journal-seal';

/** An unconfirmed change rolls itself back after this long. */
export const CONFIRM_WINDOW_MS = 60_000;
/** How long the OS resolver may take to show that a change works. */
const VERIFY_LOOKUP_MS = 2_000;

const ResultsSchema = z
  .array(z.object({ label: z.string().max(256), outcome: DnsRestoreOutcomeSchema }))
  .max(8)
  .nullable();

const JournalBodySchema = z.object({
  version: z.literal(2),
  id: z.string().regex(/^[0-9a-f]{16}$/),
  state: DnsChangeStateSchema,
  name: z.string().max(253),
  expectedIp: z.string().max(64),
  createdAt: z.string().max(64),
  deadline: z.number().nullable(),
  servers: z.object({ ipv4: z.array(z.string()).max(8), ipv6: z.array(z.string()).max(8) }),
  snapshot: DnsSnapshotSchema,
  reason: z.string().max(64).nullable(),
  results: ResultsSchema,
});
type Journal = z.infer<typeof JournalBodySchema>;

const SealSchema = z.object({
  kind: z.enum(['keychain', 'file']),
  mac: z.string().regex(/^[0-9a-f]{64}$/),
});

/** What Forget leaves behind: nothing to restore, no snapshot. */
const ForgottenSchema = z.object({ state: z.literal('forgotten') }).loose();

/** States in which this computer may still carry our change: restore is offered. */
const OPEN_STATES: readonly DnsChangeState[] = [
  'applying',
  'awaiting-confirmation',
  'confirmed',
  'rolling-back',
  'restoring',
];

export type Timers = {
  readonly set: (run: () => void, ms: number) => unknown;
  readonly clear: (handle: unknown) => void;
};

/** How this computer's DNS is changed; backend null where changing it is refused. */
export type DnsConfigProvider = () => Promise<{
  readonly backend: DnsConfigBackend | null;
  readonly runner: StepRunner;
}>;

export type DnsChangeAction = 'apply' | 'restore';

export type DnsChangeDeps = {
  /** Looked up once, on first use (Linux inspects resolv.conf and the tools present). */
  readonly config: DnsConfigProvider;
  /** The journal (sealed, written atomically), its cross-process lock and its key. */
  readonly store: DnsJournalStore;
  readonly lookup: LookupPort;
  readonly log: LogPort;
  readonly now?: () => number;
  readonly timers?: Timers;
  readonly confirmWindowMs?: number;
  /** Told when an unconfirmed change rolled itself back. */
  readonly onAutoRollback?: (summary: DnsJournalSummary) => void;
  /** Told right before the OS's administrator prompt appears (the UI says one is waiting). */
  readonly onPrompt?: (action: DnsChangeAction) => void;
  /** The text the macOS administrator dialog shows: what is about to change. */
  readonly promptText?: (action: DnsChangeAction, adapters: readonly string[]) => Promise<string>;
  /** Browsers whose own Secure DNS ignores the OS setting (warned about before the prompt). */
  readonly browserWarnings?: () => Promise<readonly DnsChangeWarning[]>;
};

type Read =
  | { readonly kind: 'none' }
  | { readonly kind: 'journal'; readonly journal: Journal }
  | { readonly kind: 'refused'; readonly code: DiagnosisCode; readonly detail: string };

function summary(journal: Journal): DnsJournalSummary {
  return {
    id: journal.id,
    state: journal.state,
    name: journal.name,
    method: journal.snapshot.method,
    createdAt: journal.createdAt,
    deadline: journal.deadline,
    servers: [...journal.servers.ipv4, ...journal.servers.ipv6],
    adapters: journal.snapshot.adapters.map((adapter) => ({
      label: adapter.label,
      ipv4: adapter.ipv4,
      ipv6: adapter.ipv6,
    })),
    reason: journal.reason,
    results: journal.results,
  };
}

/** Every server address the journal would write, all of which must be IP addresses. */
function serversOf(journal: Journal): string[] {
  return [
    ...journal.servers.ipv4,
    ...journal.servers.ipv6,
    ...journal.snapshot.adapters.flatMap((adapter) => [
      ...adapter.ipv4.servers,
      ...(adapter.ipv6?.servers ?? []),
      ...(adapter.ordered ?? []),
    ]),
  ];
}

/**
 * Why this backend must not act on `journal`, or null. The journal is data to verify, not to
 * obey: its method, every adapter id and the file path must be this backend's own, and every
 * server an IP address; an ordered list must hold exactly the family lists' servers.
 */
export function journalRefusal(journal: Journal, backend: DnsConfigBackend): string | null {
  if (journal.snapshot.method !== backend.method) {
    return `journal is for ${journal.snapshot.method}, this computer uses ${backend.method}`;
  }
  const bad = serversOf(journal).find((server) => isIP(server) === 0);
  if (bad !== undefined) {
    return `'${bad.slice(0, 64)}' is not an IP address`;
  }
  const reordered = journal.snapshot.adapters.find(
    (adapter) =>
      adapter.ordered !== null &&
      adapter.ipv4.mode === 'static' &&
      JSON.stringify([...adapter.ordered].sort()) !==
        JSON.stringify([...adapter.ipv4.servers, ...(adapter.ipv6?.servers ?? [])].sort()),
  );
  if (reordered) {
    return `the ordered list of ${reordered.id.slice(0, 64)} does not match its servers`;
  }
  return backend.refuse(journal.snapshot);
}

const MANAGED_CODE = {
  'group-policy': 'dns-managed-group-policy',
  nrpt: 'dns-managed-nrpt',
  mdm: 'dns-managed-mdm',
  domain: 'dns-managed-domain',
  vpn: 'dns-managed-vpn',
} as const satisfies Record<string, DiagnosisCode>;

type PutBack = {
  readonly done: boolean;
  /** Set when nothing ran: the prompt was declined or could not start. */
  readonly stopped: Exclude<StepFailure['reason'], 'failed'> | null;
  /** Set when the journal is not this backend's to act on (nothing ran). */
  readonly refused: string | null;
};

/**
 * Changes this computer's DNS so that it can never lose the user's settings: read → sealed
 * journal (atomic, before anything changes) → apply to the default-route adapter(s) in one
 * elevated batch → verify by resolving the box again → wait for confirmation. A failed step, a
 * failed verification or no confirmation within the window rolls back; Undo restores at any later
 * time, also after a crash, adapter by adapter. One change at a time, across processes.
 */
export class DnsChangeService {
  readonly #deps: DnsChangeDeps;
  #config: ReturnType<DnsConfigProvider> | null = null;
  #timer: unknown = null;
  /** One operation at a time in this process; the lock file covers the others. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(deps: DnsChangeDeps) {
    this.#deps = deps;
  }

  #configuration(): ReturnType<DnsConfigProvider> {
    this.#config ??= this.#deps.config();
    return this.#config;
  }

  /** Runs `work` alone: after this process's earlier operations, and holding the lock file. */
  #exclusive<T>(work: () => Promise<Result<T, Failure>>): Promise<Result<T, Failure>> {
    const locked = async (): Promise<Result<T, Failure>> => {
      let release: (() => Promise<void>) | null;
      try {
        release = await this.#deps.store.lock.acquire();
      } catch (error) {
        return fail('dns-journal-unwritable', String(error));
      }
      if (!release) {
        return fail('dns-change-busy');
      }
      try {
        return await work();
      } finally {
        await release().catch((error: unknown) =>
          this.#deps.log.warn('dns change lock not released', { error: String(error) }),
        );
      }
    };
    const next = this.#queue.then(locked, locked);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  /** The journal, checked: its seal, with this process's key. Throws when the file is unreadable. */
  async #read(): Promise<Read> {
    const raw = await this.#deps.store.file.read();
    if (raw === undefined || ForgottenSchema.safeParse(raw).success) {
      return { kind: 'none' };
    }
    const sealed = z.object({ seal: SealSchema }).loose().safeParse(raw);
    const body = JournalBodySchema.safeParse(raw);
    if (!sealed.success || !body.success) {
      return { kind: 'refused', code: 'dns-journal-tampered', detail: 'not a sealed journal' };
    }
    const key = await this.#deps.store.key.key();
    if (sealed.data.seal.kind !== key.kind) {
      return {
        kind: 'refused',
        code: 'dns-journal-foreign',
        detail: `sealed with the ${sealed.data.seal.kind} key`,
      };
    }
    if (!sealMatches(body.data, key.key, sealed.data.seal.mac)) {
      return { kind: 'refused', code: 'dns-journal-tampered', detail: 'seal does not match' };
    }
    return { kind: 'journal', journal: body.data };
  }

  async #write(journal: Journal): Promise<boolean> {
    try {
      const key = await this.#deps.store.key.key();
      const mac = sealOf(journal, key.key);
      await this.#deps.store.file.write({ ...journal, seal: { kind: key.kind, mac } });
      return true;
    } catch (error) {
      this.#deps.log.error('dns journal not written', {
        state: journal.state,
        error: String(error),
      });
      return false;
    }
  }

  /** The journal (null when there is none), or why it cannot be used: unreadable, or refused. */
  async #readJournal(): Promise<Result<Journal | null, Failure>> {
    let read: Read;
    try {
      read = await this.#read();
    } catch (error) {
      return fail('dns-journal-unreadable', String(error));
    }
    if (read.kind === 'refused') {
      return fail(read.code, read.detail);
    }
    return ok(read.kind === 'journal' ? read.journal : null);
  }

  /** The open (or last) change, for the "restore?" offer at start and the Undo button. */
  async current(): Promise<Result<DnsJournalSummary | null, Failure>> {
    const read = await this.#readJournal();
    return read.ok ? ok(read.value === null ? null : summary(read.value)) : read;
  }

  /** What a change would do here: which adapter, what is skipped, what refuses or warns. */
  async preview(signal: AbortSignal): Promise<Result<DnsChangePreview, Failure>> {
    const { backend, runner } = await this.#configuration();
    if (!backend) {
      return fail('dns-change-unsupported');
    }
    const system = await backend.read(signal);
    if (!system.ok) {
      return system;
    }
    const browsers = (await this.#deps.browserWarnings?.()) ?? [];
    const { adapters } = system.value;
    return ok({
      method: backend.method,
      adapters: adapters
        .filter((adapter) => adapter.role === 'default-route')
        .map(({ saved }) => ({ label: saved.label, ipv4: saved.ipv4, ipv6: saved.ipv6 })),
      skipped: adapters
        .filter((adapter) => adapter.role === 'vpn' || adapter.role === 'virtual')
        .map((adapter) => ({
          label: adapter.saved.label,
          reason: adapter.role === 'vpn' ? ('vpn' as const) : ('virtual' as const),
        })),
      blockers: [...system.value.blockers],
      warnings: [...system.value.warnings, ...browsers],
      prompts: runner.prompts,
    });
  }

  apply(
    request: { name: string; expectedIp: string; servers: ServerLists },
    signal: AbortSignal,
  ): Promise<Result<DnsJournalSummary, Failure>> {
    return this.#exclusive(() => this.#apply(request, signal));
  }

  async #apply(
    request: { name: string; expectedIp: string; servers: ServerLists },
    signal: AbortSignal,
  ): Promise<Result<DnsJournalSummary, Failure>> {
    const { log } = this.#deps;
    const { backend, runner } = await this.#configuration();
    if (!backend) {
      return fail('dns-change-unsupported');
    }
    const existing = await this.#readJournal();
    if (!existing.ok) {
      return existing;
    }
    if (existing.value !== null && OPEN_STATES.includes(existing.value.state)) {
      return fail('dns-change-pending', `change ${existing.value.id} is ${existing.value.state}`);
    }
    const servers = [...request.servers.ipv4, ...request.servers.ipv6];
    if (servers.length === 0 || servers.some((server) => isIP(server) === 0)) {
      return fail('invalid-arguments', 'servers must be IP addresses');
    }
    const system = await backend.read(signal);
    if (!system.ok) {
      return system;
    }
    // Refused before any prompt: someone else manages this computer's DNS.
    const [blocker, ...others] = system.value.blockers;
    if (blocker !== undefined) {
      return fail(MANAGED_CODE[blocker], [blocker, ...others].join(','));
    }
    const targets = system.value.adapters.filter((adapter) => adapter.role === 'default-route');
    if (targets.length === 0) {
      return fail('dns-no-default-route');
    }
    const now = this.#deps.now ?? Date.now;
    const snapshot: DnsSnapshot = {
      method: backend.method,
      takenAt: new Date(now()).toISOString(),
      adapters: targets.map((target) => target.saved),
      file: system.value.file,
    };
    let journal: Journal = {
      version: 2,
      id: randomBytes(8).toString('hex'),
      state: 'applying',
      name: request.name,
      expectedIp: request.expectedIp,
      createdAt: new Date(now()).toISOString(),
      deadline: null,
      servers: { ipv4: [...request.servers.ipv4], ipv6: [...request.servers.ipv6] },
      snapshot,
      reason: null,
      results: null,
    };
    // The journal is on disk before anything changes: whatever happens next can be undone.
    if (!(await this.#write(journal))) {
      return fail('dns-journal-unwritable');
    }
    const groups: StepGroup[] = [
      ...targets.map((target) => ({
        label: target.saved.label,
        steps: backend.applySteps(target, request.servers, snapshot),
      })),
      { label: 'flush', steps: backend.flushSteps() },
    ];
    const applied = await this.#run(runner, 'apply', groups, targets, signal);
    if (!applied.ok) {
      log.warn('dns change failed', { ...applied.error });
      if (applied.error.reason !== 'failed') {
        // Nothing ran: the prompt was declined or could not be shown.
        const denied = applied.error.reason === 'denied';
        await this.#write({
          ...journal,
          state: 'rolled-back',
          reason: denied ? 'denied' : 'elevation-failed',
        });
        return denied
          ? fail('dns-change-denied')
          : fail('dns-elevation-failed', applied.error.detail);
      }
      const rolledBack = await this.#rollback(journal, 'apply-failed');
      return rolledBack
        ? fail('dns-change-failed', applied.error.detail)
        : fail('dns-restore-failed');
    }
    journal = {
      ...journal,
      state: 'awaiting-confirmation',
      deadline: now() + (this.#deps.confirmWindowMs ?? CONFIRM_WINDOW_MS),
    };
    if (!(await this.#write(journal))) {
      const rolledBack = await this.#rollback(journal, 'journal-unwritable');
      return rolledBack ? fail('dns-journal-unwritable') : fail('dns-restore-failed');
    }
    const verified = await this.#deps.lookup.lookup(request.name, {
      timeoutMs: VERIFY_LOOKUP_MS,
      signal,
    });
    if (!verified.ok || !verified.addresses.includes(request.expectedIp)) {
      const rolledBack = await this.#rollback(journal, 'not-verified');
      return rolledBack
        ? fail('dns-fix-not-verified', verified.ok ? verified.addresses.join(',') : verified.code)
        : fail('dns-restore-failed');
    }
    this.#arm(journal);
    return ok(summary(journal));
  }

  async #run(
    runner: StepRunner,
    action: DnsChangeAction,
    groups: readonly StepGroup[],
    adapters: readonly LiveAdapter[],
    signal: AbortSignal,
  ) {
    if (runner.prompts) {
      this.#deps.onPrompt?.(action);
    }
    const labels = adapters.map((adapter) => adapter.saved.label);
    const promptText = runner.prompts ? await this.#deps.promptText?.(action, labels) : undefined;
    return runner.run(groups, signal, promptText === undefined ? undefined : { promptText });
  }

  #arm(journal: Journal): void {
    const timers = this.#deps.timers ?? {
      set: (run: () => void, ms: number) => setTimeout(run, ms),
      clear: (handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    };
    this.#disarm();
    this.#timer = timers.set(() => {
      this.#timer = null;
      void this.#exclusive(async () => {
        const current = await this.#read().catch(() => null);
        if (
          current?.kind === 'journal' &&
          current.journal.id === journal.id &&
          current.journal.state === 'awaiting-confirmation'
        ) {
          await this.#rollback(current.journal, 'not-confirmed');
          const after = await this.#read().catch(() => null);
          if (after?.kind === 'journal') {
            this.#deps.onAutoRollback?.(summary(after.journal));
          }
        }
        return ok(null);
      });
    }, this.#deps.confirmWindowMs ?? CONFIRM_WINDOW_MS);
  }

  #disarm(): void {
    if (this.#timer !== null) {
      const timers = this.#deps.timers;
      if (timers) {
        timers.clear(this.#timer);
      } else {
        clearTimeout(this.#timer as ReturnType<typeof setTimeout>);
      }
      this.#timer = null;
    }
  }

  confirm(id: string): Promise<Result<DnsJournalSummary, Failure>> {
    return this.#exclusive(async () => {
      const read = await this.#read().catch(() => null);
      const journal = read?.kind === 'journal' ? read.journal : null;
      if (!journal || journal.id !== id || journal.state !== 'awaiting-confirmation') {
        return fail('dns-no-change', 'nothing awaits confirmation');
      }
      this.#disarm();
      const confirmed: Journal = { ...journal, state: 'confirmed', deadline: null };
      return (await this.#write(confirmed))
        ? ok(summary(confirmed))
        : fail('dns-journal-unwritable');
    });
  }

  /** Undo: puts back exactly what the snapshot holds, adapter by adapter, at any later time. */
  restore(signal: AbortSignal): Promise<Result<DnsJournalSummary, Failure>> {
    return this.#exclusive(async () => {
      const read = await this.#readJournal();
      if (!read.ok) {
        return read;
      }
      const journal = read.value;
      if (journal === null || !OPEN_STATES.includes(journal.state)) {
        return fail('dns-no-change', 'no change to undo');
      }
      this.#disarm();
      const result = await this.#putBack(journal, 'restoring', 'restored', null, signal);
      if (result.stopped === 'denied') {
        return fail('dns-change-denied');
      }
      if (result.stopped === 'not-started') {
        return fail('dns-elevation-failed');
      }
      if (result.refused !== null) {
        return fail('dns-journal-tampered', result.refused);
      }
      const after = await this.#read().catch(() => null);
      const latest = after?.kind === 'journal' ? summary(after.journal) : summary(journal);
      return result.done ? ok(latest) : fail('dns-restore-failed', JSON.stringify(latest.results));
    });
  }

  /**
   * Forget this change: stop offering to restore it (a journal that can no longer be restored, or
   * that was changed outside the assistant). This computer's settings stay as they are now.
   */
  forget(): Promise<Result<null, Failure>> {
    return this.#exclusive(async () => {
      let raw: unknown;
      try {
        raw = await this.#deps.store.file.read();
      } catch (error) {
        raw = { unreadable: String(error) };
      }
      if (raw === undefined || ForgottenSchema.safeParse(raw).success) {
        return fail('dns-no-change', 'no change to forget');
      }
      const id = z
        .object({ id: z.string().max(64) })
        .loose()
        .safeParse(raw);
      this.#disarm();
      try {
        await this.#deps.store.file.write({
          state: 'forgotten',
          id: id.success ? id.data.id : null,
          forgottenAt: new Date((this.#deps.now ?? Date.now)()).toISOString(),
        });
      } catch (error) {
        return fail('dns-journal-unwritable', String(error));
      }
      this.#deps.log.warn('dns change forgotten', { id: id.success ? id.data.id : null });
      return ok(null);
    });
  }

  /**
   * Rolls back a change nobody confirmed yet, now rather than when its window ends: for a process
   * that is closing (the preview). A kept change stays.
   */
  rollbackUnconfirmed(): Promise<Result<null, Failure>> {
    return this.#exclusive(async () => {
      const read = await this.#read().catch(() => null);
      if (read?.kind === 'journal' && read.journal.state === 'awaiting-confirmation') {
        const done = await this.#rollback(read.journal, 'closed');
        return done ? ok(null) : fail('dns-restore-failed');
      }
      return ok(null);
    });
  }

  async #rollback(journal: Journal, reason: string): Promise<boolean> {
    this.#disarm();
    const result = await this.#putBack(
      journal,
      'rolling-back',
      'rolled-back',
      reason,
      new AbortController().signal,
    );
    return result.done;
  }

  /**
   * Puts each saved adapter back through today's handle, then reads the computer again and judges
   * each adapter on its own: restored, vanished (skipped and said), or failed. Only failures keep
   * the journal open (`rolling-back`/`restoring`), so Undo can be retried; adapters that appeared
   * since are never compared.
   */
  async #putBack(
    journal: Journal,
    during: DnsChangeState,
    after: DnsChangeState,
    reason: string | null,
    signal: AbortSignal,
  ): Promise<PutBack> {
    const { log } = this.#deps;
    const { backend, runner } = await this.#configuration();
    const refusal = backend ? journalRefusal(journal, backend) : 'no backend';
    if (!backend || refusal !== null) {
      log.error('dns restore: journal refused', { reason: refusal });
      return { done: false, stopped: null, refused: refusal };
    }
    const marked: Journal = { ...journal, state: during, deadline: null, reason };
    // Best effort: a journal we cannot update still holds the snapshot to restore from.
    await this.#write(marked);
    const before = await backend.read(signal);
    if (!before.ok) {
      log.error('dns restore: cannot read the adapters', { detail: before.error.detail ?? '' });
      return { done: false, stopped: null, refused: null };
    }
    const { snapshot } = journal;
    const present = snapshot.adapters.flatMap((saved) => {
      const live = before.value.adapters.find((adapter) => adapter.saved.id === saved.id);
      return live ? [{ saved, live }] : [];
    });
    const groups: StepGroup[] = [
      ...present.map(({ saved, live }) => ({
        label: saved.label,
        steps: backend.restoreSteps(saved, live, snapshot),
      })),
      ...(present.length ? [{ label: 'flush', steps: backend.flushSteps() }] : []),
    ];
    const ran = groups.length
      ? await this.#run(
          runner,
          'restore',
          groups,
          present.map(({ live }) => live),
          signal,
        )
      : ({ ok: true } as const);
    if (!ran.ok) {
      log.error('dns restore failed', { ...ran.error });
      if (ran.error.reason !== 'failed') {
        return { done: false, stopped: ran.error.reason, refused: null };
      }
    }
    const check = await backend.read(signal);
    const results = snapshot.adapters.map((saved) => {
      const now = check.ok
        ? check.value.adapters.find((adapter) => adapter.saved.id === saved.id)
        : undefined;
      const wasPresent = present.some((entry) => entry.saved.id === saved.id);
      const outcome: 'restored' | 'vanished' | 'failed' = !wasPresent
        ? 'vanished'
        : now && backend.matches(saved, now.saved)
          ? 'restored'
          : 'failed';
      return { label: saved.label, outcome };
    });
    const fileBack =
      snapshot.file === null || (check.ok && check.value.file?.content === snapshot.file.content);
    const done = check.ok && fileBack && results.every((result) => result.outcome !== 'failed');
    if (!done) {
      log.error('dns restore: configuration differs from the snapshot', { results });
    }
    const written = await this.#write({
      ...marked,
      state: done ? after : during,
      results: fileBack ? results : results.map((result) => ({ ...result, outcome: 'failed' })),
    });
    return { done: done && written, stopped: null, refused: null };
  }
}

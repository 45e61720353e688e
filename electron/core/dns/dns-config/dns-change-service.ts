import { randomBytes } from 'node:crypto';

import { z } from 'zod';

import {
  DnsChangeStateSchema,
  type DnsChangeState,
  type DnsJournalSummary,
} from '../../../shared/schemas/dns';
import { fail, ok, type Failure, type Result } from '../../../shared/result';
import type { JsonFilePort, LogPort, LookupPort } from '../../ports';
import {
  DnsSnapshotSchema,
  sameAdapters,
  type DnsConfigBackend,
  type ServerLists,
  type StepRunner,
} from './config-types';

/** An unconfirmed change rolls itself back after this long. */
export const CONFIRM_WINDOW_MS = 60_000;

const JournalSchema = z.object({
  version: z.literal(1),
  id: z.string(),
  state: DnsChangeStateSchema,
  name: z.string(),
  expectedIp: z.string(),
  createdAt: z.string(),
  deadline: z.number().nullable(),
  servers: z.object({ ipv4: z.array(z.string()), ipv6: z.array(z.string()) }),
  snapshot: DnsSnapshotSchema,
  reason: z.string().nullable(),
});
type Journal = z.infer<typeof JournalSchema>;

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

export type DnsChangeDeps = {
  /** Looked up once, on first use (Linux inspects resolv.conf and the tools present). */
  readonly config: DnsConfigProvider;
  /** The journal, in the app's data folder, written atomically. */
  readonly journal: JsonFilePort;
  readonly lookup: LookupPort;
  readonly log: LogPort;
  readonly now?: () => number;
  readonly timers?: Timers;
  readonly confirmWindowMs?: number;
  /** Told when an unconfirmed change rolled itself back. */
  readonly onAutoRollback?: (summary: DnsJournalSummary) => void;
};

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
  };
}

/**
 * Changes this computer's DNS so that it can never lose the user's settings: snapshot → journal
 * (atomic, before anything changes) → apply in one elevated batch → verify by resolving the box
 * again → wait for confirmation. A failed step, a failed verification or no confirmation within
 * the window rolls back to the snapshot; Undo restores it at any later time, also after a crash
 * (the journal survives the process).
 */
export class DnsChangeService {
  readonly #deps: DnsChangeDeps;
  #config: ReturnType<DnsConfigProvider> | null = null;
  #timer: unknown = null;
  /** One change at a time: apply, confirm, rollback and restore never interleave. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(deps: DnsChangeDeps) {
    this.#deps = deps;
  }

  #configuration(): ReturnType<DnsConfigProvider> {
    this.#config ??= this.#deps.config();
    return this.#config;
  }

  #serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(work, work);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async #read(): Promise<Journal | null> {
    const raw = await this.#deps.journal.read();
    if (raw === undefined) {
      return null;
    }
    const parsed = JournalSchema.safeParse(raw);
    return parsed.success ? parsed.data : null;
  }

  async #write(journal: Journal): Promise<boolean> {
    try {
      await this.#deps.journal.write(journal);
      return true;
    } catch (error) {
      this.#deps.log.error('dns journal not written', {
        state: journal.state,
        error: String(error),
      });
      return false;
    }
  }

  /** The open (or last) change, for the "restore?" offer at start and the Undo button. */
  async current(): Promise<Result<DnsJournalSummary | null, Failure>> {
    try {
      const journal = await this.#read();
      return ok(journal ? summary(journal) : null);
    } catch (error) {
      return fail('dns-journal-unreadable', String(error));
    }
  }

  apply(
    request: { name: string; expectedIp: string; servers: ServerLists },
    signal: AbortSignal,
  ): Promise<Result<DnsJournalSummary, Failure>> {
    return this.#serial(() => this.#apply(request, signal));
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
    let existing: Journal | null;
    try {
      existing = await this.#read();
    } catch (error) {
      return fail('dns-journal-unreadable', String(error));
    }
    if (existing && OPEN_STATES.includes(existing.state)) {
      return fail('dns-change-pending', `change ${existing.id} is ${existing.state}`);
    }
    const snapshot = await backend.snapshot(signal);
    if (!snapshot.ok) {
      return snapshot;
    }
    if (snapshot.value.adapters.length === 0) {
      return fail('dns-snapshot-failed', 'no network adapter to change');
    }
    const now = this.#deps.now ?? Date.now;
    let journal: Journal = {
      version: 1,
      id: randomBytes(8).toString('hex'),
      state: 'applying',
      name: request.name,
      expectedIp: request.expectedIp,
      createdAt: new Date(now()).toISOString(),
      deadline: null,
      servers: { ipv4: [...request.servers.ipv4], ipv6: [...request.servers.ipv6] },
      snapshot: snapshot.value,
      reason: null,
    };
    // The journal is on disk before anything changes: whatever happens next can be undone.
    if (!(await this.#write(journal))) {
      return fail('dns-journal-unwritable');
    }
    const applied = await runner.run(
      [...backend.applySteps(snapshot.value, request.servers), ...backend.flushSteps()],
      signal,
    );
    if (!applied.ok) {
      log.warn('dns change failed', { ...applied.error });
      if (applied.error.reason === 'denied') {
        await this.#write({ ...journal, state: 'rolled-back', reason: 'denied' });
        return fail('dns-change-denied');
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
    const verified = await this.#deps.lookup.lookup(request.name, signal);
    if (!verified.ok || !verified.addresses.includes(request.expectedIp)) {
      const rolledBack = await this.#rollback(journal, 'not-verified');
      return rolledBack
        ? fail('dns-fix-not-verified', verified.ok ? verified.addresses.join(',') : verified.code)
        : fail('dns-restore-failed');
    }
    this.#arm(journal);
    return ok(summary(journal));
  }

  #arm(journal: Journal): void {
    const timers = this.#deps.timers ?? {
      set: (run: () => void, ms: number) => setTimeout(run, ms),
      clear: (handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    };
    this.#disarm();
    this.#timer = timers.set(() => {
      this.#timer = null;
      void this.#serial(async () => {
        const current = await this.#read().catch(() => null);
        if (current?.id === journal.id && current.state === 'awaiting-confirmation') {
          await this.#rollback(current, 'not-confirmed');
          const after = await this.#read().catch(() => null);
          if (after) {
            this.#deps.onAutoRollback?.(summary(after));
          }
        }
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
    return this.#serial(async () => {
      const journal = await this.#read().catch(() => null);
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

  /** Undo: puts back exactly what the snapshot holds, at any later time. */
  restore(signal: AbortSignal): Promise<Result<DnsJournalSummary, Failure>> {
    return this.#serial(async () => {
      let journal: Journal | null;
      try {
        journal = await this.#read();
      } catch (error) {
        return fail('dns-journal-unreadable', String(error));
      }
      if (!journal || !OPEN_STATES.includes(journal.state)) {
        return fail('dns-no-change', 'no change to undo');
      }
      this.#disarm();
      const done = await this.#putBack(journal, 'restoring', 'restored', null, signal);
      if (!done) {
        return fail('dns-restore-failed');
      }
      const after = await this.#read().catch(() => null);
      return ok(summary(after ?? { ...journal, state: 'restored' }));
    });
  }

  #rollback(journal: Journal, reason: string): Promise<boolean> {
    this.#disarm();
    return this.#putBack(
      journal,
      'rolling-back',
      'rolled-back',
      reason,
      new AbortController().signal,
    );
  }

  /**
   * Runs the restore steps, then checks the configuration really is the snapshot again. On any
   * failure the journal stays open (`rolling-back`/`restoring`), so Undo can be retried later.
   */
  async #putBack(
    journal: Journal,
    during: DnsChangeState,
    after: DnsChangeState,
    reason: string | null,
    signal: AbortSignal,
  ): Promise<boolean> {
    const { log } = this.#deps;
    const { backend, runner } = await this.#configuration();
    if (!backend || backend.method !== journal.snapshot.method) {
      log.error('dns restore: journal from another method', { method: journal.snapshot.method });
      return false;
    }
    const marked: Journal = { ...journal, state: during, deadline: null, reason };
    // Best effort: a journal we cannot update still holds the snapshot to restore from.
    await this.#write(marked);
    const steps = [...backend.restoreSteps(journal.snapshot), ...backend.flushSteps()];
    const result = await runner.run(steps, signal);
    if (!result.ok) {
      log.error('dns restore failed', { ...result.error });
      return false;
    }
    const check = await backend.snapshot(signal);
    if (!check.ok || !sameAdapters(check.value.adapters, journal.snapshot.adapters)) {
      log.error('dns restore: configuration differs from the snapshot');
      return false;
    }
    if (journal.snapshot.file && check.value.file?.content !== journal.snapshot.file.content) {
      log.error('dns restore: file differs from the snapshot');
      return false;
    }
    return this.#write({ ...marked, state: after });
  }
}

import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { isAlive, processStartTime, runSync, signalPid, sleep, sleepSync } from './proc';

// Ownership records for lab runs. A marker is written BEFORE the first namespace exists, so any
// namespace carrying the lab's prefix without a marker was not made by this lab and is left alone;
// a marker whose owner process is dead (a crashed or SIGKILLed test) is torn down at next start.

/** `ib` + 4 hex digits + `-`: short enough that `<prefix>box12` stays a readable name. */
export const LAB_PREFIX_PATTERN = /^(ib[0-9a-f]{4})-/;
export const MARKER_DIR = '/run/iotbox-lab';
// Distinct from the loopback lab CLI's 'iotbox-lab-' temp dirs, so the two never look alike.
export const TMP_DIR_PREFIX = 'iotbox-netns-';

export interface RecordedPid {
  readonly pid: number;
  readonly startTime: string | undefined;
  readonly label: string;
}

export interface LabMarker {
  readonly version: 1;
  readonly prefix: string;
  readonly ownerPid: number;
  readonly ownerStartTime: string | undefined;
  readonly namespaces: readonly string[];
  readonly pids: readonly RecordedPid[];
  readonly tmpDir: string;
  readonly createdAt: string;
}

export interface TeardownReport {
  readonly prefix: string;
  readonly killed: number;
  readonly namespacesRemoved: readonly string[];
  readonly errors: readonly string[];
}

export function markerPath(prefix: string): string {
  return path.join(MARKER_DIR, `${prefix}.json`);
}

/**
 * Claims a prefix: fails if another run already holds a marker for it (two runs that picked the
 * same random prefix must not share namespaces, and one's teardown must not delete the other's).
 */
export function claimMarker(marker: LabMarker): void {
  mkdirSync(MARKER_DIR, { recursive: true, mode: 0o700 });
  writeFileSync(markerPath(marker.prefix), '{}\n', { flag: 'wx' });
  writeMarker(marker);
}

export function writeMarker(marker: LabMarker): void {
  mkdirSync(MARKER_DIR, { recursive: true, mode: 0o700 });
  const target = markerPath(marker.prefix);
  // Write-then-rename so a crash mid-write never leaves a half marker that blocks cleanup.
  const temporary = `${target}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(marker, null, 2)}\n`);
  renameSync(temporary, target);
}

function isMarker(value: unknown): value is LabMarker {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    record['version'] === 1 &&
    typeof record['prefix'] === 'string' &&
    typeof record['ownerPid'] === 'number' &&
    Array.isArray(record['namespaces']) &&
    Array.isArray(record['pids']) &&
    typeof record['tmpDir'] === 'string'
  );
}

export function readMarkers(): LabMarker[] {
  let names: string[];
  try {
    names = readdirSync(MARKER_DIR);
  } catch {
    return [];
  }
  const markers: LabMarker[] = [];
  for (const name of names) {
    if (!name.endsWith('.json')) continue;
    try {
      const parsed: unknown = JSON.parse(readFileSync(path.join(MARKER_DIR, name), 'utf8'));
      if (isMarker(parsed) && LAB_PREFIX_PATTERN.test(`${parsed.prefix}-`)) markers.push(parsed);
    } catch {
      // Unreadable marker: leave it; it names nothing we can safely act on.
    }
  }
  return markers;
}

export function listNamespaces(): string[] {
  const output = runSync(['ip', 'netns', 'list']) ?? '';
  return output
    .split('\n')
    .map((line) => line.trim().split(/\s+/)[0] ?? '')
    .filter((name) => name !== '');
}

/** PIDs of every process whose network namespace is `ns` (empty if it does not exist). */
export function namespacePids(ns: string): number[] {
  const output = runSync(['ip', 'netns', 'pids', ns]) ?? '';
  return output
    .split('\n')
    .map((line) => Number(line.trim()))
    .filter((pid) => Number.isInteger(pid) && pid > 0 && pid !== process.pid);
}

function ownedName(marker: LabMarker, name: string): boolean {
  return name.startsWith(`${marker.prefix}-`) && LAB_PREFIX_PATTERN.test(name);
}

function safeTmpDir(dir: string): boolean {
  const resolved = path.resolve(dir);
  return (
    path.dirname(resolved) === path.resolve(os.tmpdir()) &&
    path.basename(resolved).startsWith(TMP_DIR_PREFIX)
  );
}

/**
 * The teardown as a generator that yields how long to wait, so the same steps run synchronously
 * from an exit hook (event loop gone) and asynchronously from `close()`.
 */
function* teardownSteps(marker: LabMarker, graceMs: number): Generator<number, TeardownReport> {
  const errors: string[] = [];
  const existing = new Set(listNamespaces());
  const namespaces = marker.namespaces.filter((ns) => ownedName(marker, ns));

  // 1. Every process inside our namespaces, plus recorded PIDs (private dbus etc.) that match
  //    their recorded start time.
  const targets = new Map<number, string | undefined>();
  for (const ns of namespaces) {
    if (!existing.has(ns)) continue;
    for (const pid of namespacePids(ns)) targets.set(pid, processStartTime(pid));
  }
  for (const recorded of marker.pids) {
    if (recorded.pid !== process.pid && isAlive(recorded.pid, recorded.startTime)) {
      targets.set(recorded.pid, recorded.startTime);
    }
  }
  const alive = (): number[] =>
    [...targets].filter(([pid, start]) => isAlive(pid, start)).map(([pid]) => pid);
  for (const pid of alive()) signalPid(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (alive().length > 0 && Date.now() < deadline) yield 50;
  const stubborn = alive();
  for (const pid of stubborn) signalPid(pid, 'SIGKILL');
  const killDeadline = Date.now() + 2_000;
  while (alive().length > 0 && Date.now() < killDeadline) yield 20;
  for (const pid of alive()) errors.push(`pid ${pid} survived SIGKILL`);

  // 2. Namespaces, 3. their /etc/netns overlays.
  const removed: string[] = [];
  for (const ns of namespaces) {
    if (existing.has(ns)) {
      if (runSync(['ip', 'netns', 'del', ns]) === undefined)
        errors.push(`ip netns del ${ns} failed`);
      else removed.push(ns);
    }
    try {
      rmSync(path.join('/etc/netns', ns), { recursive: true, force: true });
    } catch (error) {
      errors.push(`rm /etc/netns/${ns}: ${String(error)}`);
    }
  }

  // 4. The run's temp dir (only if it really is one of ours), 5. the marker itself.
  if (safeTmpDir(marker.tmpDir)) {
    try {
      rmSync(marker.tmpDir, { recursive: true, force: true });
    } catch (error) {
      errors.push(`rm ${marker.tmpDir}: ${String(error)}`);
    }
  }
  rmSync(markerPath(marker.prefix), { force: true });
  return { prefix: marker.prefix, killed: targets.size, namespacesRemoved: removed, errors };
}

export function teardownSync(marker: LabMarker, graceMs = 1_000): TeardownReport {
  const steps = teardownSteps(marker, graceMs);
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
    sleepSync(step.value);
  }
}

export async function teardown(marker: LabMarker, graceMs = 1_500): Promise<TeardownReport> {
  const steps = teardownSteps(marker, graceMs);
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
    await sleep(step.value);
  }
}

export interface LeftoverReport {
  /** Prefixes whose owner was dead and whose resources were removed. */
  readonly removed: readonly TeardownReport[];
  /** Namespaces that match the pattern but have no marker: not provably ours, left alone. */
  readonly unowned: readonly string[];
}

/**
 * Removes what crashed earlier runs left: only prefixes with a marker whose owner is dead. The
 * owner's recorded start time is compared too, so a PID reused by an unrelated process does not
 * keep a dead run's namespaces alive forever.
 */
export function cleanupLeftovers(): LeftoverReport {
  const removed: TeardownReport[] = [];
  const markers = readMarkers();
  for (const marker of markers) {
    if (
      marker.ownerPid === process.pid &&
      marker.ownerStartTime === processStartTime(process.pid)
    ) {
      continue;
    }
    if (isAlive(marker.ownerPid, marker.ownerStartTime)) continue;
    removed.push(teardownSync(marker, 500));
  }
  const known = new Set(readMarkers().map((marker) => marker.prefix));
  const unowned = listNamespaces().filter((ns) => {
    const match = LAB_PREFIX_PATTERN.exec(ns);
    return match?.[1] !== undefined && !known.has(match[1]);
  });
  return { removed, unowned };
}

// Exit hooks: one registration per process, each live lab adds its synchronous teardown.
const live = new Map<string, () => void>();
let hooksInstalled = false;

function runLiveTeardowns(): void {
  for (const [prefix, teardownNow] of [...live]) {
    live.delete(prefix);
    try {
      teardownNow();
    } catch {
      // Keep going: one failed lab must not leave the others standing.
    }
  }
}

function installHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', runLiveTeardowns);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const handler = (): void => {
      runLiveTeardowns();
      // If nobody else handles the signal, restore the default action (exit with 128+n).
      if (process.listenerCount(signal) === 1) {
        process.removeListener(signal, handler);
        process.kill(process.pid, signal);
      }
    };
    process.on(signal, handler);
  }
}

export function registerLive(prefix: string, teardownNow: () => void): () => void {
  installHooks();
  live.set(prefix, teardownNow);
  return () => {
    live.delete(prefix);
  };
}

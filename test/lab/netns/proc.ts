import { execFile, execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';

// Process plumbing shared by the lab: run a command to completion, or start a long-lived one whose
// PID is recorded and whose output is kept so tests can assert on logs (dnsmasq --log-queries).

export interface ExecOptions {
  /** Merged over the current environment. */
  readonly env?: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
  readonly cwd?: string;
  readonly input?: string;
}

export interface ExecResult {
  /** Exit code; null when killed by a signal (e.g. after a timeout). */
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
  readonly durationMs: number;
}

/** Runs to completion; never throws for a non-zero exit (the caller asserts on `code`). */
export function execCommand(
  argv: readonly string[],
  options: ExecOptions = {},
): Promise<ExecResult> {
  const [file, ...args] = argv;
  if (file === undefined) return Promise.reject(new Error('execCommand: empty argv'));
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = execFile(
      file,
      args,
      {
        env: { ...process.env, ...options.env },
        timeout: options.timeoutMs ?? 30_000,
        killSignal: 'SIGKILL',
        maxBuffer: 16 * 1024 * 1024,
        encoding: 'utf8',
        ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
      },
      (error, stdout, stderr) => {
        const durationMs = Math.round(performance.now() - started);
        if (error !== null && typeof error.code === 'string') {
          // ENOENT and friends: the command itself could not start.
          reject(new Error(`${file}: ${error.message}`));
          return;
        }
        resolve({
          code: child.exitCode,
          signal: child.signalCode,
          stdout,
          stderr,
          timedOut: error?.killed === true && child.signalCode === 'SIGKILL',
          durationMs,
        });
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}

/** Runs and returns stdout; throws with stderr on failure. For setup steps that must succeed. */
export async function run(argv: readonly string[], options: ExecOptions = {}): Promise<string> {
  const result = await execCommand(argv, options);
  if (result.code !== 0) {
    throw new Error(
      `command failed (${result.code ?? result.signal}): ${argv.join(' ')}\n${result.stderr.trim()}`,
    );
  }
  return result.stdout;
}

/** Synchronous variant for exit hooks, where the event loop no longer runs. */
export function runSync(argv: readonly string[], timeoutMs = 5_000): string | undefined {
  const [file, ...args] = argv;
  if (file === undefined) return undefined;
  try {
    return execFileSync(file, args, {
      encoding: 'utf8',
      timeout: timeoutMs,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch {
    return undefined;
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * The kernel start time of a process (field 22 of /proc/PID/stat). Stored next to recorded PIDs
 * so cleanup never signals an unrelated process that reused a PID after a crash.
 */
export function processStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // comm (field 2) may contain spaces and parentheses; fields after the last ')' are fixed.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return rest[19];
  } catch {
    return undefined;
  }
}

export function isAlive(pid: number, startTime?: string): boolean {
  const current = processStartTime(pid);
  if (current === undefined) return false;
  // A zombie still has /proc/PID but is gone for our purposes.
  try {
    const state = readFileSync(`/proc/${pid}/stat`, 'utf8');
    if (state.slice(state.lastIndexOf(')') + 2).startsWith('Z')) return false;
  } catch {
    return false;
  }
  return startTime === undefined || current === startTime;
}

export function signalPid(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone: exactly what teardown wants.
  }
}

export interface SpawnOptions {
  readonly env?: Readonly<Record<string, string>>;
  readonly cwd?: string;
  /** Appends both streams here too, so a log survives a crash of the test process. */
  readonly logFile?: string;
}

export interface ProcessExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

const OUTPUT_CAP = 4 * 1024 * 1024;

/** A long-lived child whose output is kept in memory for assertions and readiness polling. */
export class TrackedProcess {
  readonly pid: number;
  readonly startTime: string | undefined;
  readonly exited: Promise<ProcessExit>;
  private out = '';
  private err = '';
  private exit: ProcessExit | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly label: string,
    readonly argv: readonly string[],
    options: SpawnOptions = {},
  ) {
    const [file, ...args] = argv;
    if (file === undefined) throw new Error('TrackedProcess: empty argv');
    const child: ChildProcess = spawn(file, args, {
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    });
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exit = { code, signal };
        this.notify();
        resolve(this.exit);
      });
      child.once('error', (error) => {
        this.err += `spawn error: ${error.message}\n`;
        this.exit = { code: null, signal: null };
        this.notify();
        resolve(this.exit);
      });
    });
    if (child.pid === undefined) {
      // spawn failed synchronously (ENOENT is reported via 'error'); keep a harmless PID.
      this.pid = -1;
      this.startTime = undefined;
    } else {
      this.pid = child.pid;
      this.startTime = processStartTime(child.pid);
    }
    const capture = (stream: 'out' | 'err') => (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      if (options.logFile !== undefined) {
        try {
          appendFileSync(options.logFile, text);
        } catch {
          // The temp dir may already be gone during teardown.
        }
      }
      if (stream === 'out') this.out = (this.out + text).slice(-OUTPUT_CAP);
      else this.err = (this.err + text).slice(-OUTPUT_CAP);
      this.notify();
    };
    child.stdout?.on('data', capture('out'));
    child.stderr?.on('data', capture('err'));
  }

  get stdout(): string {
    return this.out;
  }

  get stderr(): string {
    return this.err;
  }

  get exitStatus(): ProcessExit | undefined {
    return this.exit;
  }

  get running(): boolean {
    return this.exit === undefined && this.pid > 0;
  }

  /**
   * Resolves with the first match of `pattern` in stdout+stderr (checked on every chunk: no fixed
   * sleeps). Rejects on exit or timeout with the output tail, which is what you need to debug.
   */
  waitFor(
    pattern: RegExp,
    timeoutMs: number,
    stream: 'stdout' | 'stderr' | 'both' = 'both',
  ): Promise<RegExpExecArray> {
    return new Promise((resolve, reject) => {
      const text = (): string =>
        stream === 'stdout'
          ? this.out
          : stream === 'stderr'
            ? this.err
            : `${this.out}\n${this.err}`;
      const check = (): boolean => {
        const match = pattern.exec(text());
        if (match !== null) {
          finish();
          resolve(match);
          return true;
        }
        if (this.exit !== undefined) {
          finish();
          reject(
            new Error(
              `${this.label} exited (${this.exit.code ?? this.exit.signal}) before ${pattern}:\n${this.tail()}`,
            ),
          );
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`${this.label}: no ${pattern} within ${timeoutMs} ms:\n${this.tail()}`));
      }, timeoutMs);
      const listener = (): void => {
        check();
      };
      const finish = (): void => {
        clearTimeout(timer);
        this.listeners.delete(listener);
      };
      if (!check()) this.listeners.add(listener);
    });
  }

  kill(signal: NodeJS.Signals = 'SIGTERM'): void {
    if (this.running) signalPid(this.pid, signal);
  }

  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the child is reaped. */
  async stop(graceMs = 1_500): Promise<void> {
    if (!this.running) return;
    this.kill('SIGTERM');
    const timer = setTimeout(() => this.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  tail(lines = 20): string {
    return `${this.out}\n${this.err}`.trim().split('\n').slice(-lines).join('\n');
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

import { loadOrCreateLabCa, createLabCa } from '../sim/lab-ca';
import type { LabCa } from '../sim/lab-ca';

// Shared by the simulator CLIs: the ready-line convention and shutdown handling.

/** Exactly one JSON line on stdout so a parent process can wait for it; humans read stderr. */
export function printReady(fields: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify({ ready: true, ...fields })}\n`);
}

export function info(message: string): void {
  process.stderr.write(`${message}\n`);
}

export function fail(message: string): never {
  process.stderr.write(`error: ${message}\n`);
  process.exit(2);
}

export function parseIntegerOption(
  name: string,
  value: string | undefined,
  fallback: number,
): number {
  if (value === undefined) {
    return fallback;
  }
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) {
    fail(`--${name} must be a non-negative integer, got ${value}`);
  }
  return parsed;
}

export async function resolveCa(
  caDir: string | undefined,
): Promise<{ ca: LabCa; caCertPath: string | null }> {
  if (caDir === undefined) {
    return { ca: createLabCa(), caCertPath: null };
  }
  return loadOrCreateLabCa(caDir);
}

/** Run `stop` once on SIGINT/SIGTERM, then exit 0. */
export function onShutdown(stop: () => Promise<void>): void {
  let stopping = false;
  const handle = (signal: NodeJS.Signals): void => {
    if (stopping) {
      return;
    }
    stopping = true;
    info(`received ${signal}, shutting down`);
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        info(String(error));
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', handle);
  process.on('SIGTERM', handle);
}

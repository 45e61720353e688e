import { accessSync, constants } from 'node:fs';
import path from 'node:path';

// Namespace tests need root on Linux plus a few system tools. Locally they skip with one line
// saying why; in CI a missing prerequisite is a broken runner, so it fails instead of turning the
// lab suite silently green.

/** Commands the lab runs, with the Debian package that provides each (for .ci/run). */
export const LAB_COMMANDS: Readonly<Record<string, string>> = {
  ip: 'iproute2',
  dnsmasq: 'dnsmasq-base',
  'avahi-daemon': 'avahi-daemon',
  'avahi-publish': 'avahi-utils',
  'dbus-daemon': 'dbus',
  mount: 'mount',
  // A browser's own trust store in the lab (test/lab/netns/chromium.ts).
  certutil: 'libnss3-tools',
};

export interface LabGate {
  /** True when the namespace tests must be skipped. */
  readonly skip: boolean;
  /** Why they are skipped; undefined when the lab can run. */
  readonly reason: string | undefined;
}

function findCommand(command: string): string | undefined {
  const searchPath = `${process.env['PATH'] ?? ''}:/usr/sbin:/sbin:/usr/bin:/bin`;
  for (const dir of searchPath.split(':')) {
    if (dir === '') continue;
    const candidate = path.join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not in this directory.
    }
  }
  return undefined;
}

/** Lists what is missing for the lab; empty when it can run. */
export function missingLabPrerequisites(): string[] {
  const missing: string[] = [];
  if (process.platform !== 'linux') missing.push(`Linux (this is ${process.platform})`);
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) missing.push('root');
  for (const [command, pkg] of Object.entries(LAB_COMMANDS)) {
    if (findCommand(command) === undefined) missing.push(`${command} (apt: ${pkg})`);
  }
  return missing;
}

let announced = false;

/**
 * Decides whether namespace tests run. Use as
 * `const lab = requireLab(); describe.skipIf(lab.skip)('…', () => { … })`.
 * Throws (failing the file) when prerequisites are missing and `CI=true`.
 */
export function requireLab(
  environment: NodeJS.ProcessEnv = process.env,
  missing: readonly string[] = missingLabPrerequisites(),
  warn: (line: string) => void = (line) => console.warn(line),
): LabGate {
  if (missing.length === 0) return { skip: false, reason: undefined };
  const reason = `lab namespace tests need: ${missing.join(', ')}`;
  if (environment['CI'] === 'true') {
    throw new Error(`${reason} — CI=true, so this is a failure, not a skip`);
  }
  // One line per process, however many files ask.
  if (!announced) {
    announced = true;
    warn(`[lab] skipped: ${reason}`);
  }
  return { skip: true, reason };
}

/** Absolute path of a required command (so spawns do not depend on the caller's PATH). */
export function labCommand(command: string): string {
  return findCommand(command) ?? command;
}

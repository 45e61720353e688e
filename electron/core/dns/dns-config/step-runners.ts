import type { CommandPort } from '../../ports';
import type { TextFilePort } from '../dns-ports';
import { COMMAND_TIMEOUT_MS, type ChangeStep, type StepRunner } from './config-types';

/*
 * How a batch of changes runs. Elevation is per change and asks ONCE: the whole batch goes to the
 * platform's own prompt as one script (UAC via Start-Process -Verb RunAs; the macOS administrator
 * dialog via osascript; polkit's pkexec on Linux). Already privileged (root, or inside the lab's
 * namespace), the steps run directly. Step arguments come from constants and the OS's own
 * listings, and are quoted for the one script they land in; nothing ever goes through a shell
 * string built from user input.
 */

/** Exit codes of an elevated batch: 100 + index of the failed step. */
const STEP_EXIT_BASE = 100;

/** Runs each step itself: for an already-privileged process. */
export function createDirectRunner(deps: {
  readonly command: CommandPort;
  readonly files: TextFilePort;
}): StepRunner {
  return {
    async run(steps, signal) {
      for (const [index, step] of steps.entries()) {
        if (signal.aborted) {
          return { ok: false, error: { reason: 'failed', failedAt: index, detail: 'cancelled' } };
        }
        if (step.kind === 'write-file') {
          try {
            await deps.files.writeInPlace(step.path, step.content);
          } catch (error) {
            return {
              ok: false,
              error: { reason: 'failed', failedAt: index, detail: String(error) },
            };
          }
          continue;
        }
        const result = await deps.command.run(
          { file: step.file, args: step.args, timeoutMs: COMMAND_TIMEOUT_MS },
          signal,
        );
        if (result.code !== 0 && step.optional !== true) {
          return {
            ok: false,
            error: {
              reason: result.code === 126 || result.code === 127 ? 'denied' : 'failed',
              failedAt: index,
              detail: `${step.file} ${result.error ?? `exit ${result.code ?? '?'}`}: ${result.stderr.slice(0, 300)}`,
            },
          };
        }
      }
      return { ok: true };
    },
  };
}

/** POSIX sh single-quoting: `'` becomes `'\''`. */
export function shQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** One sh script for the batch: exits 100+i at the first failed required step. */
export function posixBatchScript(steps: readonly ChangeStep[]): string {
  return steps
    .map((step, index) => {
      const command =
        step.kind === 'write-file'
          ? // `>` truncates and rewrites the same inode, like writeInPlace.
            `printf '%s' ${shQuote(step.content)} > ${shQuote(step.path)}`
          : [step.file, ...step.args].map(shQuote).join(' ');
      const optional = step.kind === 'run' && step.optional === true;
      return optional ? `${command} || true` : `${command} || exit ${STEP_EXIT_BASE + index}`;
    })
    .join('\n');
}

/** AppleScript string literal. */
function appleScriptString(value: string): string {
  return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

/** The argv that runs `steps` behind the platform's administrator prompt (POSIX). */
export function posixElevatedCommand(
  platform: 'darwin' | 'linux',
  steps: readonly ChangeStep[],
): { file: string; args: string[] } {
  const script = posixBatchScript(steps);
  return platform === 'darwin'
    ? {
        file: '/usr/bin/osascript',
        args: ['-e', `do shell script ${appleScriptString(script)} with administrator privileges`],
      }
    : { file: 'pkexec', args: ['/bin/sh', '-c', script] };
}

/** PowerShell single-quoted literal. */
export function psQuote(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** The inner (elevated) PowerShell script: exits 100+i at the first failed required step. */
export function windowsBatchScript(steps: readonly ChangeStep[]): string {
  return steps
    .map((step, index) => {
      if (step.kind === 'write-file') {
        return `[IO.File]::WriteAllText(${psQuote(step.path)}, ${psQuote(step.content)}); if (-not $?) { exit ${STEP_EXIT_BASE + index} }`;
      }
      const call = `& ${[step.file, ...step.args].map(psQuote).join(' ')}`;
      return step.optional === true
        ? `${call} | Out-Null`
        : `${call} | Out-Null; if ($LASTEXITCODE -ne 0) { exit ${STEP_EXIT_BASE + index} }`;
    })
    .join('\n');
}

/** UTF-16LE base64, as powershell -EncodedCommand expects: no quoting survives to the child. */
export function encodePowerShell(script: string): string {
  return Buffer.from(script, 'utf16le').toString('base64');
}

/** The argv that runs `steps` behind one UAC prompt. */
export function windowsElevatedCommand(steps: readonly ChangeStep[]): {
  file: string;
  args: string[];
} {
  const inner = encodePowerShell(`${windowsBatchScript(steps)}\nexit 0`);
  // Start-Process throws when the user declines the UAC prompt: exit 1223 (ERROR_CANCELLED).
  const outer = [
    'try {',
    `  $p = Start-Process -FilePath 'powershell.exe' -Verb RunAs -Wait -PassThru -WindowStyle Hidden -ArgumentList '-NoProfile','-NonInteractive','-EncodedCommand','${inner}'`,
    '  exit $p.ExitCode',
    '} catch { exit 1223 }',
  ].join('\n');
  return {
    file: 'powershell.exe',
    args: ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-Command', outer],
  };
}

const DENIED_EXIT: Readonly<Record<string, readonly number[]>> = {
  win32: [1223],
  // pkexec: 126 dismissed, 127 not authorised; osascript: 1 with "User canceled" (checked below).
  linux: [126, 127],
  darwin: [],
};

/** Runs the batch as one elevated process and maps its exit code back to the failed step. */
export function createElevatedRunner(deps: {
  readonly command: CommandPort;
  readonly platform: 'win32' | 'darwin' | 'linux';
}): StepRunner {
  return {
    async run(steps, signal) {
      if (steps.length === 0) {
        return { ok: true };
      }
      const argv =
        deps.platform === 'win32'
          ? windowsElevatedCommand(steps)
          : posixElevatedCommand(deps.platform, steps);
      const result = await deps.command.run(
        { file: argv.file, args: argv.args, timeoutMs: 5 * 60_000 },
        signal,
      );
      if (result.code === 0) {
        return { ok: true };
      }
      const detail = `${result.error ?? `exit ${result.code ?? '?'}`}: ${result.stderr.slice(0, 300)}`;
      const code = result.code ?? -1;
      if (
        (DENIED_EXIT[deps.platform] ?? []).includes(code) ||
        /User canceled|-128/.test(result.stderr)
      ) {
        return { ok: false, error: { reason: 'denied', failedAt: 0, detail } };
      }
      const failedAt =
        code >= STEP_EXIT_BASE && code < STEP_EXIT_BASE + steps.length ? code - STEP_EXIT_BASE : 0;
      return { ok: false, error: { reason: 'failed', failedAt, detail } };
    },
  };
}

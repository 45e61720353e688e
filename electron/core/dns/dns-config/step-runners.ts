import { createHash } from 'node:crypto';

import type { CommandPort, CommandResult, ScratchFilePort, TextFilePort } from '../../ports';
import {
  COMMAND_TIMEOUT_MS,
  type ChangeStep,
  type RunResult,
  type StepGroup,
  type StepRunner,
} from './config-types';
import type { WindowsTools } from './windows-tools';

/*
 * How a batch of changes runs. Elevation is per change and asks ONCE: the whole batch goes to the
 * platform's own prompt (UAC; the macOS administrator dialog via osascript; polkit's pkexec).
 * Already privileged (root, or inside the lab's namespace), the steps run directly. Every group
 * (one adapter) runs even when an earlier one failed; a failed step ends its own group only.
 */

/** Exit codes of an elevated batch: 100 + index of the first failed step (groups flattened). */
const STEP_EXIT_BASE = 100;
/** Most steps a batch may hold, so that 100 + index stays a valid POSIX exit status. */
export const MAX_BATCH_STEPS = 150;

/** Windows launcher and bootstrap exit codes (below STEP_EXIT_BASE, above PowerShell's own 1). */
export const WINDOWS_EXIT = {
  /** The elevated process could not read the batch file: nothing ran. */
  unreadable: 90,
  /** The batch file is not the one this process wrote: nothing ran. */
  tampered: 91,
  /** The elevated process ended without an exit code: what ran is unknown. */
  noExitCode: 92,
  /** The prompt could not be shown at all (not a cancel): nothing ran. */
  notStarted: 93,
  /** The batch threw before reporting: what ran is unknown. */
  crashed: 95,
  /** The batch did not report its result: what ran is unknown. */
  noReport: 96,
  /** ERROR_CANCELLED: the user declined the UAC prompt. Nothing else means "declined". */
  cancelled: 1223,
} as const;

/** ShellExecute's limit on the elevated command line (INTERNET_MAX_URL_LENGTH, 2,084 chars). */
export const SHELL_EXECUTE_MAX = 2_048;

const steps = (groups: readonly StepGroup[]): ChangeStep[] =>
  groups.flatMap((group) => group.steps);

function failure(
  reason: 'denied' | 'failed' | 'not-started',
  failedAt: number | null,
  detail: string,
): RunResult {
  return { ok: false, error: { reason, failedAt, detail } };
}

/** Runs each step itself: for an already-privileged process. */
export function createDirectRunner(deps: {
  readonly command: CommandPort;
  readonly files: TextFilePort;
}): StepRunner {
  const runStep = async (step: ChangeStep, signal: AbortSignal): Promise<string | null> => {
    if (step.kind === 'write-file') {
      try {
        await deps.files.writeInPlace(step.path, step.content);
        return null;
      } catch (error) {
        return String(error);
      }
    }
    const result = await deps.command.run(
      { file: step.file, args: step.args, timeoutMs: COMMAND_TIMEOUT_MS },
      signal,
    );
    return result.code === 0 || step.optional === true
      ? null
      : `${step.file} ${result.error ?? `exit ${result.code ?? '?'}`}: ${result.stderr.slice(0, 300)}`;
  };
  return {
    prompts: false,
    async run(groups, signal) {
      let first: { index: number; detail: string } | null = null;
      let index = 0;
      for (const group of groups) {
        let groupFailed = false;
        for (const step of group.steps) {
          const at = index;
          index += 1;
          if (groupFailed) {
            continue;
          }
          const problem = signal.aborted ? 'cancelled' : await runStep(step, signal);
          if (problem !== null) {
            groupFailed = true;
            first ??= { index: at, detail: problem };
          }
        }
      }
      return first ? failure('failed', first.index, first.detail) : { ok: true };
    },
  };
}

/** POSIX sh single-quoting: `'` becomes `'\''`. */
export function shQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/**
 * One sh script for the batch. Each group runs while its steps succeed; the script then exits
 * with 100 + the index of the first failed required step, or 0.
 */
export function posixBatchScript(groups: readonly StepGroup[]): string {
  const lines = ['first='];
  let index = 0;
  for (const group of groups) {
    lines.push('ok=1');
    for (const step of group.steps) {
      const command =
        step.kind === 'write-file'
          ? // `>` truncates and rewrites the same inode, like writeInPlace.
            `printf '%s' ${shQuote(step.content)} > ${shQuote(step.path)}`
          : [step.file, ...step.args].map(shQuote).join(' ');
      const optional = step.kind === 'run' && step.optional === true;
      lines.push(
        optional
          ? `[ -n "$ok" ] && { ${command} || true; }`
          : `[ -n "$ok" ] && { ${command} || { ok=; first=\${first:-${STEP_EXIT_BASE + index}}; }; }`,
      );
      index += 1;
    }
  }
  lines.push('exit ${first:-0}');
  return lines.join('\n');
}

/** AppleScript string literal: backslashes and double quotes escaped, nothing else special. */
export function appleScriptString(value: string): string {
  return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

export const OSASCRIPT = '/usr/bin/osascript';
export const PKEXEC = '/usr/bin/pkexec';

/** The argv that runs `groups` behind the platform's administrator prompt (POSIX). */
export function posixElevatedCommand(
  platform: 'darwin' | 'linux',
  groups: readonly StepGroup[],
  promptText?: string,
): { file: string; args: string[] } {
  const script = posixBatchScript(groups);
  if (platform === 'linux') {
    return { file: PKEXEC, args: ['/bin/sh', '-c', script] };
  }
  const prompt = promptText ? ` with prompt ${appleScriptString(promptText)}` : '';
  return {
    file: OSASCRIPT,
    args: [
      '-e',
      `do shell script ${appleScriptString(script)} with administrator privileges${prompt}`,
    ],
  };
}

/**
 * osascript exits 1 for every script error; the shell's own status is only in stderr, as the
 * number in parentheses that ends the message: `… execution error: … (101)`; `(-128)` = cancelled.
 */
export function osascriptStatus(stderr: string): number | null {
  const match = /\((-?\d+)\)\s*$/.exec(stderr.trim());
  return match ? Number(match[1]) : null;
}

/** PowerShell single-quoted literal. PowerShell ends such a string at ' and at U+2018–U+201B. */
export function psQuote(value: string): string {
  return `'${value.replace(/['\u2018-\u201B]/g, (quote) => quote + quote)}'`;
}

/** UTF-16LE base64, as powershell -EncodedCommand expects: no quoting survives to the child. */
export function encodePowerShell(script: string): string {
  return Buffer.from(script, 'utf16le').toString('base64');
}

/** Arguments the elevated Windows batch accepts: netsh/ipconfig tokens, nothing a shell reads. */
const WINDOWS_ARG = /^[A-Za-z0-9=:./-]{1,64}$/;

/**
 * The batch as data: which System32 tool (by key) with which arguments. The elevated script maps
 * the key to the tool's path itself and checks every argument again; no value is ever spliced
 * into PowerShell code.
 */
export function windowsPlan(groups: readonly StepGroup[], tools: WindowsTools): string {
  const keyOf = new Map<string, string>([
    [tools.netsh.toLowerCase(), 'netsh'],
    [tools.ipconfig.toLowerCase(), 'ipconfig'],
  ]);
  const plan = groups.map((group) => ({
    s: group.steps.map((step) => {
      if (step.kind !== 'run') {
        throw new Error('the Windows batch only runs System32 tools');
      }
      const key = keyOf.get(step.file.toLowerCase());
      const bad = step.args.find((arg) => !WINDOWS_ARG.test(arg));
      if (key === undefined || bad !== undefined) {
        throw new Error(`refused step: ${step.file} ${bad ?? ''}`.trim());
      }
      return { f: key, a: [...step.args], o: step.optional === true };
    }),
  }));
  return Buffer.from(JSON.stringify({ g: plan }), 'utf8').toString('base64');
}

/**
 * The elevated script: constant code reading the base64 plan. It prints `iotbox:<code>` where
 * code is 100 + the first failed required step, or 0; the bootstrap turns that into the exit code.
 */
export function windowsBatchScript(plan: string): string {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(plan)) {
    throw new Error('plan must be base64');
  }
  return [
    "$ErrorActionPreference = 'Stop'",
    '$sys = [Environment]::SystemDirectory',
    "$tools = @{ netsh = Join-Path $sys 'netsh.exe'; ipconfig = Join-Path $sys 'ipconfig.exe' }",
    `$plan = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String('${plan}')) | ConvertFrom-Json`,
    '$first = 0; $i = 0',
    'foreach ($group in @($plan.g)) {',
    '  $ok = $true',
    '  foreach ($step in @($group.s)) {',
    '    $n = $i; $i++',
    '    if (-not $ok) { continue }',
    '    $exe = $tools[[string]$step.f]',
    '    $argv = @(@($step.a) | ForEach-Object { [string]$_ })',
    `    if ($null -eq $exe -or @($argv | Where-Object { $_ -cnotmatch '${WINDOWS_ARG.source}' }).Count -gt 0) { $code = 1 }`,
    '    else { & $exe @argv | Out-Null; $code = $LASTEXITCODE }',
    `    if ($code -ne 0 -and -not $step.o) { $ok = $false; if ($first -eq 0) { $first = ${STEP_EXIT_BASE} + $n } }`,
    '  }',
    '}',
    '"iotbox:$first"',
  ].join('\n');
}

/**
 * What the elevated PowerShell runs (encoded): reads the batch file, runs it only if its SHA-256
 * is the one fixed here (no unelevated process can change this command line after the prompt),
 * and exits with the batch's code. Its length does not grow with the number of adapters.
 */
export function windowsBootstrap(scriptPath: string, sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) {
    throw new Error('sha256 must be 64 lowercase hex digits');
  }
  const path = Buffer.from(scriptPath, 'utf8').toString('base64');
  const x = WINDOWS_EXIT;
  return [
    `try { $b = [IO.File]::ReadAllBytes([Text.Encoding]::UTF8.GetString([Convert]::FromBase64String('${path}'))) } catch { exit ${x.unreadable} }`,
    "$h = -join ([Security.Cryptography.SHA256]::Create().ComputeHash($b) | ForEach-Object { $_.ToString('x2') })",
    `if ($h -ne '${sha256}') { exit ${x.tampered} }`,
    `try { $r = & ([ScriptBlock]::Create([Text.Encoding]::UTF8.GetString($b))) } catch { exit ${x.crashed} }`,
    `$last = [string](@($r) | Select-Object -Last 1); if ($last -notmatch '^iotbox:(\\d+)$') { exit ${x.noReport} }`,
    'exit [int]$Matches[1]',
  ].join('\n');
}

/** The parameters the elevated powershell.exe receives (what ShellExecute limits in length). */
export function windowsElevatedParameters(scriptPath: string, sha256: string): string {
  return `-NoProfile -NonInteractive -ExecutionPolicy Bypass -WindowStyle Hidden -EncodedCommand ${encodePowerShell(windowsBootstrap(scriptPath, sha256))}`;
}

const UAC_TYPE = `[StructLayout(LayoutKind.Sequential, CharSet = CharSet.Unicode)]
public struct Info { public int cbSize; public uint fMask; public IntPtr hwnd; public string lpVerb; public string lpFile; public string lpParameters; public string lpDirectory; public int nShow; public IntPtr hInstApp; public IntPtr lpIDList; public string lpClass; public IntPtr hkeyClass; public uint dwHotKey; public IntPtr hIcon; public IntPtr hProcess; }
[DllImport("shell32.dll", CharSet = CharSet.Unicode, SetLastError = true)] public static extern bool ShellExecuteExW(ref Info info);
[DllImport("kernel32.dll")] public static extern uint WaitForSingleObject(IntPtr handle, uint ms);
[DllImport("kernel32.dll")] public static extern bool GetExitCodeProcess(IntPtr handle, out uint code);`;

/**
 * The unelevated launcher. It asks for elevation with ShellExecuteEx and the app's window as the
 * prompt's owner, so Windows shows the prompt in front instead of flashing in the taskbar; where
 * Add-Type is not allowed it falls back to Start-Process. Only ERROR_CANCELLED (1223) reports a
 * declined prompt; a process that ends without an exit code is a failure, never a success.
 */
export function windowsLauncher(parameters: string, owner: string | null): string {
  const hwnd = owner !== null && /^\d{1,20}$/.test(owner) ? owner : '0';
  const x = WINDOWS_EXIT;
  return [
    "$ErrorActionPreference = 'Stop'",
    "$exe = Join-Path ([Environment]::SystemDirectory) 'WindowsPowerShell\\v1.0\\powershell.exe'",
    `$params = ${psQuote(parameters)}`,
    '$native = $true',
    `try { Add-Type -Namespace IotBoxAssistant -Name Uac -MemberDefinition ${psQuote(UAC_TYPE)} } catch { $native = $false }`,
    'if ($native) {',
    '  $info = New-Object IotBoxAssistant.Uac+Info',
    '  $info.cbSize = [Runtime.InteropServices.Marshal]::SizeOf($info)',
    '  $info.fMask = 0x40',
    `  $info.hwnd = [IntPtr]::new([Int64]${hwnd})`,
    "  $info.lpVerb = 'runas'; $info.lpFile = $exe; $info.lpParameters = $params; $info.nShow = 0",
    '  if (-not [IotBoxAssistant.Uac]::ShellExecuteExW([ref]$info)) {',
    '    $err = [Runtime.InteropServices.Marshal]::GetLastWin32Error()',
    `    if ($err -eq ${x.cancelled}) { exit ${x.cancelled} }`,
    `    [Console]::Error.WriteLine("ShellExecuteEx failed: $err"); exit ${x.notStarted}`,
    '  }',
    `  if ($info.hProcess -eq [IntPtr]::Zero) { exit ${x.noExitCode} }`,
    '  [void][IotBoxAssistant.Uac]::WaitForSingleObject($info.hProcess, [uint32]::MaxValue)',
    '  $code = [uint32]0',
    `  if (-not [IotBoxAssistant.Uac]::GetExitCodeProcess($info.hProcess, [ref]$code)) { exit ${x.noExitCode} }`,
    '  exit [int]$code',
    '}',
    'try {',
    '  $p = Start-Process -FilePath $exe -ArgumentList $params -Verb RunAs -WindowStyle Hidden -PassThru -Wait',
    '} catch {',
    '  $e = $_.Exception',
    `  while ($null -ne $e) { if ($e -is [ComponentModel.Win32Exception] -and $e.NativeErrorCode -eq ${x.cancelled}) { exit ${x.cancelled} }; $e = $e.InnerException }`,
    `  [Console]::Error.WriteLine($_.Exception.Message); exit ${x.notStarted}`,
    '}',
    `if ($null -eq $p -or $null -eq $p.ExitCode) { exit ${x.noExitCode} }`,
    'exit $p.ExitCode',
  ].join('\n');
}

/** Maps an elevated batch's exit to a result; the platform decides what "declined" looks like. */
function elevatedResult(
  platform: 'win32' | 'darwin' | 'linux',
  result: CommandResult,
  total: number,
): RunResult {
  const detail = `${result.error ?? `exit ${result.code ?? '?'}`}: ${result.stderr.slice(0, 300)}`;
  if (result.error === 'not-found') {
    return failure('not-started', null, detail);
  }
  if (result.code === 0) {
    return { ok: true };
  }
  if (result.code === null) {
    return failure('failed', null, detail);
  }
  const status = platform === 'darwin' ? osascriptStatus(result.stderr) : result.code;
  if (status === null) {
    return failure('failed', null, detail);
  }
  if (
    (platform === 'win32' && status === WINDOWS_EXIT.cancelled) ||
    (platform === 'darwin' && status === -128) ||
    (platform === 'linux' && (status === 126 || status === 127))
  ) {
    return failure('denied', null, detail);
  }
  if (status >= STEP_EXIT_BASE && status < STEP_EXIT_BASE + total) {
    return failure('failed', status - STEP_EXIT_BASE, detail);
  }
  if (
    platform === 'win32' &&
    (status === WINDOWS_EXIT.unreadable ||
      status === WINDOWS_EXIT.tampered ||
      status === WINDOWS_EXIT.notStarted)
  ) {
    return failure('not-started', null, detail);
  }
  return failure('failed', null, detail);
}

/** Runs the batch as one elevated process and maps its exit code back to the failed step. */
export function createElevatedRunner(deps: {
  readonly command: CommandPort;
  readonly platform: 'win32' | 'darwin' | 'linux';
  /** Windows: the tools' System32 paths and where the batch file is written. */
  readonly windows?: {
    readonly tools: WindowsTools;
    readonly scratch: ScratchFilePort;
    /** The app window's handle (decimal HWND), the prompt's owner; null without a window. */
    readonly owner?: () => string | null;
  };
}): StepRunner {
  const run = async (file: string, args: string[], signal: AbortSignal) =>
    deps.command.run({ file, args, timeoutMs: 5 * 60_000 }, signal);
  return {
    prompts: true,
    async run(groups, signal, options) {
      const total = steps(groups).length;
      if (total === 0) {
        return { ok: true };
      }
      if (total > MAX_BATCH_STEPS) {
        return failure('not-started', null, `${total} steps is more than one batch may hold`);
      }
      if (deps.platform !== 'win32') {
        const argv = posixElevatedCommand(deps.platform, groups, options?.promptText);
        return elevatedResult(deps.platform, await run(argv.file, argv.args, signal), total);
      }
      const windows = deps.windows;
      if (!windows) {
        return failure('not-started', null, 'no Windows tools configured');
      }
      let script: string;
      try {
        script = windowsBatchScript(windowsPlan(groups, windows.tools));
      } catch (error) {
        return failure('not-started', null, String(error));
      }
      let written: { path: string; remove: () => Promise<void> };
      try {
        written = await windows.scratch.write(script);
      } catch (error) {
        return failure('not-started', null, `batch file not written: ${String(error)}`);
      }
      try {
        const sha256 = createHash('sha256').update(script, 'utf8').digest('hex');
        const launcher = windowsLauncher(
          windowsElevatedParameters(written.path, sha256),
          windows.owner?.() ?? null,
        );
        const result = await run(
          windows.tools.powershell,
          [
            '-NoProfile',
            '-NonInteractive',
            '-ExecutionPolicy',
            'Bypass',
            '-EncodedCommand',
            encodePowerShell(launcher),
          ],
          signal,
        );
        return elevatedResult('win32', result, total);
      } finally {
        await written.remove().catch(() => undefined);
      }
    },
  };
}

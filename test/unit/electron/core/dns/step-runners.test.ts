import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import type { StepGroup } from '../../../../../electron/core/dns/dns-config/config-types';
import {
  createElevatedRunner,
  encodePowerShell,
  osascriptStatus,
  posixBatchScript,
  posixElevatedCommand,
  psQuote,
  SHELL_EXECUTE_MAX,
  windowsBatchScript,
  windowsBootstrap,
  windowsElevatedParameters,
  windowsLauncher,
  windowsPlan,
  WINDOWS_EXIT,
} from '../../../../../electron/core/dns/dns-config/step-runners';
import type {
  CommandPort,
  CommandRequest,
  CommandResult,
} from '../../../../../electron/core/ports';
import { TOOLS } from '../../../../support/dns-machines';

const signal = new AbortController().signal;
const dir = mkdtempSync(join(tmpdir(), 'iotbox-runner-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A stand-in program that logs its arguments and exits with `code`. */
function program(name: string, code: number): string {
  const path = join(dir, name);
  writeFileSync(
    path,
    `#!/bin/sh\nprintf '%s|' "$@" >> ${join(dir, 'log')}\necho >> ${join(dir, 'log')}\nexit ${code}\n`,
  );
  chmodSync(path, 0o755);
  return path;
}

describe('POSIX batches (the body of the macOS and polkit prompts), run by a real /bin/sh', () => {
  const ok = program('ok', 0);
  const bad = program('bad', 1);
  const groups: StepGroup[] = [
    {
      label: "Bob's Wi-Fi",
      steps: [{ kind: 'run', file: ok, args: ['-setdnsservers', "Bob's Wi-Fi $(x)", '8.8.8.8'] }],
    },
    {
      label: 'USB LAN',
      steps: [
        { kind: 'run', file: bad, args: ['first'] },
        { kind: 'run', file: ok, args: ['never'] },
      ],
    },
    { label: 'Ethernet', steps: [{ kind: 'run', file: ok, args: ['still-runs'] }] },
    { label: 'flush', steps: [{ kind: 'run', file: bad, args: ['cache'], optional: true }] },
  ];

  it('keeps every argument literal, runs every group, and exits with the first failed step', () => {
    rmSync(join(dir, 'log'), { force: true });
    const result = spawnSync('/bin/sh', ['-c', posixBatchScript(groups)], { encoding: 'utf8' });
    // Step 1 (the first of USB LAN) failed: 100 + 1.
    expect(result.status).toBe(101);
    const log = execFileSync('cat', [join(dir, 'log')], { encoding: 'utf8' });
    expect(log).toBe("-setdnsservers|Bob's Wi-Fi $(x)|8.8.8.8|\nfirst|\nstill-runs|\ncache|\n");
  });

  it('asks macOS once, through osascript, with a prompt saying what changes', () => {
    const argv = posixElevatedCommand('darwin', groups, 'Set DNS of "Wi-Fi" to Google');
    expect(argv.file).toBe('/usr/bin/osascript');
    expect(argv.args[1]).toMatch(
      /^do shell script ".*" with administrator privileges with prompt "Set DNS of \\"Wi-Fi\\" to Google"$/s,
    );
    expect(posixElevatedCommand('linux', groups)).toEqual({
      file: '/usr/bin/pkexec',
      args: ['/bin/sh', '-c', posixBatchScript(groups)],
    });
  });

  it.each([
    ['0:120: execution error: failed (101)', 101],
    ['execution error: User canceled. (-128)', -128],
    ['0:95: execution error: networksetup: not found (127)\n', 127],
    ['syntax error', null],
  ])('reads the shell status from osascript stderr %j', (stderr, status) => {
    expect(osascriptStatus(stderr)).toBe(status);
  });
});

describe('Elevated runners map exits to what happened', () => {
  const groups: StepGroup[] = [
    {
      label: 'Wi-Fi',
      steps: [
        { kind: 'run', file: TOOLS.netsh, args: ['a'] },
        { kind: 'run', file: TOOLS.netsh, args: ['b'] },
      ],
    },
  ];
  const answering = (result: Partial<CommandResult>): CommandPort & { calls: CommandRequest[] } => {
    const calls: CommandRequest[] = [];
    return {
      calls,
      run: (request) => {
        calls.push(request);
        return Promise.resolve({ code: 0, stdout: '', stderr: '', ...result });
      },
    };
  };
  const scratch = {
    written: [] as string[],
    removed: 0,
    write(content: string) {
      this.written.push(content);
      return Promise.resolve({
        path: 'C:\\Users\\Müller\\AppData\\Local\\Temp\\iotbox-dns-x\\batch.ps1',
        remove: () => {
          this.removed += 1;
          return Promise.resolve();
        },
      });
    },
  };
  const windows = (result: Partial<CommandResult>) =>
    createElevatedRunner({
      command: answering(result),
      platform: 'win32',
      windows: { tools: TOOLS, scratch },
    });

  it.each([
    [{ code: 0 }, { ok: true }],
    [{ code: 1223 }, { reason: 'denied' }],
    [{ code: 101 }, { reason: 'failed', failedAt: 1 }],
    // A launcher that lost the elevated process's exit code: a failure, never a success.
    [{ code: WINDOWS_EXIT.noExitCode }, { reason: 'failed', failedAt: null }],
    [
      { code: null, error: 'timeout' as const },
      { reason: 'failed', failedAt: null },
    ],
    // The prompt could not be shown (not a cancel): nothing ran, and it is not "you declined".
    [{ code: WINDOWS_EXIT.notStarted }, { reason: 'not-started' }],
    [{ code: WINDOWS_EXIT.tampered }, { reason: 'not-started' }],
    [{ code: 1 }, { reason: 'failed', failedAt: null }],
  ])('Windows exit %j → %j', async (result, expected) => {
    const ran = await windows(result).run(groups, signal);
    expect(ran.ok ? { ok: true } : ran.error).toMatchObject(expected);
  });

  it.each([
    ['darwin', { code: 1, stderr: 'execution error: User canceled. (-128)' }, { reason: 'denied' }],
    [
      'darwin',
      { code: 1, stderr: '0:1: execution error: (101)' },
      { reason: 'failed', failedAt: 1 },
    ],
    ['darwin', { code: 1, stderr: 'execution error: (100)' }, { reason: 'failed', failedAt: 0 }],
    ['linux', { code: 126 }, { reason: 'denied' }],
    ['linux', { code: 100 }, { reason: 'failed', failedAt: 0 }],
    ['linux', { code: null, error: 'not-found' as const }, { reason: 'not-started' }],
  ] as const)('%s exit %j → %j', async (platform, result, expected) => {
    const ran = await createElevatedRunner({ command: answering(result), platform }).run(
      groups,
      signal,
    );
    expect(!ran.ok && ran.error).toMatchObject(expected);
  });

  it('writes the Windows batch to a file, launches by absolute path, and removes the file', async () => {
    scratch.written = [];
    scratch.removed = 0;
    const command = answering({ code: 0 });
    await createElevatedRunner({
      command,
      platform: 'win32',
      windows: { tools: TOOLS, scratch, owner: () => '132456' },
    }).run(groups, signal);
    expect(command.calls[0]?.file).toBe(
      'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
    );
    expect(scratch.written).toHaveLength(1);
    expect(scratch.removed).toBe(1);
    const launcher = Buffer.from(command.calls[0]?.args.at(-1) ?? '', 'base64').toString('utf16le');
    // The prompt's owner is the app window, so UAC opens in front of it.
    expect(launcher).toContain('[IntPtr]::new([Int64]132456)');
    expect(launcher).toContain('ShellExecuteExW');
  });
});

describe('Windows batch: values are data, never code', () => {
  const fourAdapters: StepGroup[] = ['Ethernet', 'Wi-Fi', 'USB', 'Dock'].map((label, index) => ({
    label,
    steps: [
      [
        'interface',
        'ipv4',
        'set',
        'dnsservers',
        `name=${index + 10}`,
        'source=static',
        'address=8.8.8.8',
        'register=primary',
        'validate=no',
      ],
      [
        'interface',
        'ipv4',
        'add',
        'dnsservers',
        `name=${index + 10}`,
        'address=8.8.4.4',
        'index=2',
        'validate=no',
      ],
      [
        'interface',
        'ipv6',
        'set',
        'dnsservers',
        `name=${index + 10}`,
        'source=static',
        'address=2001:4860:4860::8888',
        'register=primary',
        'validate=no',
      ],
      [
        'interface',
        'ipv6',
        'add',
        'dnsservers',
        `name=${index + 10}`,
        'address=2001:4860:4860::8844',
        'index=2',
        'validate=no',
      ],
    ].map((args) => ({ kind: 'run' as const, file: TOOLS.netsh, args })),
  }));

  it("keeps the elevated command under ShellExecute's limit with four adapters (and forty)", () => {
    const script = windowsBatchScript(windowsPlan(fourAdapters, TOOLS));
    const path =
      'C:\\Users\\Jean-François Müller\\AppData\\Local\\Temp\\iotbox-dns-AbC123\\batch.ps1';
    const parameters = windowsElevatedParameters(path, 'a'.repeat(64));
    expect(parameters.length).toBeLessThan(SHELL_EXECUTE_MAX);
    // The batch itself would not fit: it goes into the file, whose hash the command fixes.
    expect(encodePowerShell(script).length).toBeGreaterThan(SHELL_EXECUTE_MAX);
    const forty = Array.from({ length: 10 }, () => fourAdapters).flat();
    expect(windowsElevatedParameters(path, 'b'.repeat(64)).length).toBe(parameters.length);
    expect(() => windowsPlan(forty, TOOLS)).not.toThrow();
  });

  it('runs only the file whose SHA-256 the command line fixes', () => {
    const bootstrap = windowsBootstrap('C:\\x\\batch.ps1', 'c'.repeat(64));
    expect(bootstrap).toContain(
      `if ($h -ne '${'c'.repeat(64)}') { exit ${WINDOWS_EXIT.tampered} }`,
    );
    expect(() => windowsBootstrap('C:\\x', "'; calc; '")).toThrow();
  });

  it('splices nothing: a quote-like character in a value never reaches PowerShell code', () => {
    const hostile = '8.8.8.8\u2019; Start-Process calc; \u2018';
    expect(() =>
      windowsPlan(
        [{ label: 'x', steps: [{ kind: 'run', file: TOOLS.netsh, args: [`address=${hostile}`] }] }],
        TOOLS,
      ),
    ).toThrow(/refused step/);
    expect(() =>
      windowsPlan(
        [{ label: 'x', steps: [{ kind: 'run', file: 'C:\\Temp\\evil.exe', args: [] }] }],
        TOOLS,
      ),
    ).toThrow(/refused step/);
    // A label (a localized adapter name) is not part of the plan at all.
    const plan = windowsPlan(
      [{ label: 'Ethernet ’; calc', steps: fourAdapters[0]?.steps ?? [] }],
      TOOLS,
    );
    expect(Buffer.from(plan, 'base64').toString('utf8')).not.toContain('calc');
    const script = windowsBatchScript(plan);
    expect(script.replace(plan, '')).not.toMatch(/8\.8\.8\.8|name=10/);
  });

  it('quotes for PowerShell completely: every single-quote character is doubled', () => {
    expect(psQuote("a'b")).toBe("'a''b'");
    expect(psQuote('a\u2018b\u2019c\u201Ad\u201Be')).toBe(
      "'a\u2018\u2018b\u2019\u2019c\u201A\u201Ad\u201B\u201Be'",
    );
  });

  it('the launcher treats only ERROR_CANCELLED as a declined prompt and a missing exit code as failure', () => {
    const launcher = windowsLauncher('-NoProfile', null);
    expect(launcher).toContain('[IntPtr]::new([Int64]0)');
    expect(launcher).toContain(
      `if ($null -eq $p -or $null -eq $p.ExitCode) { exit ${WINDOWS_EXIT.noExitCode} }`,
    );
    expect(launcher.match(/exit 1223/g)).toHaveLength(2);
    expect(launcher).not.toContain('catch { exit 1223 }');
  });
});

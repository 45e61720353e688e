import { execFileSync } from 'node:child_process';

import { describe, expect, it } from 'vitest';

import {
  createElevatedRunner,
  encodePowerShell,
  posixBatchScript,
  posixElevatedCommand,
  windowsBatchScript,
  windowsElevatedCommand,
} from '../../../../../electron/core/dns/dns-config/step-runners';
import type { CommandPort } from '../../../../../electron/core/ports';

const steps = [
  { kind: 'run', file: 'networksetup', args: ['-setdnsservers', "Bob's Wi-Fi $(x)", '8.8.8.8'] },
  { kind: 'run', file: 'killall', args: ['-HUP', 'mDNSResponder'], optional: true },
] as const;

describe('elevated batches', () => {
  it('quote every argument for sh: names with quotes and $() stay literal', () => {
    const script = posixBatchScript(steps);
    // Run the script with `echo` standing in for the programs: the arguments come back verbatim.
    const echoed = execFileSync(
      '/bin/sh',
      ['-c', script.replaceAll("'networksetup'", 'echo').replaceAll("'killall'", 'echo')],
      {
        encoding: 'utf8',
      },
    );
    expect(echoed).toBe("-setdnsservers Bob's Wi-Fi $(x) 8.8.8.8\n-HUP mDNSResponder\n");
    expect(script).toContain('|| exit 100');
    expect(script).toContain('|| true');
  });

  it('asks macOS for administrator rights once, through osascript', () => {
    const argv = posixElevatedCommand('darwin', steps);
    expect(argv.file).toBe('/usr/bin/osascript');
    expect(argv.args[0]).toBe('-e');
    expect(argv.args[1]).toMatch(/^do shell script ".*" with administrator privileges$/s);
    expect(posixElevatedCommand('linux', steps)).toEqual({
      file: 'pkexec',
      args: ['/bin/sh', '-c', posixBatchScript(steps)],
    });
  });

  it('runs the Windows batch behind one UAC prompt with an encoded script', () => {
    const argv = windowsElevatedCommand(steps);
    expect(argv.file).toBe('powershell.exe');
    const outer = argv.args.at(-1) ?? '';
    expect(outer).toContain('-Verb RunAs');
    expect(outer).toContain(encodePowerShell(`${windowsBatchScript(steps)}\nexit 0`));
    expect(windowsBatchScript(steps)).toContain(
      "& 'networksetup' '-setdnsservers' 'Bob''s Wi-Fi $(x)'",
    );
  });

  it('maps exit codes back to the failed step, and a refused prompt to denied', async () => {
    const answering = (code: number, stderr = ''): CommandPort => ({
      run: () => Promise.resolve({ code, stdout: '', stderr }),
    });
    const signal = new AbortController().signal;
    const failed = await createElevatedRunner({ command: answering(101), platform: 'linux' }).run(
      steps,
      signal,
    );
    expect(!failed.ok && failed.error).toMatchObject({ reason: 'failed', failedAt: 1 });
    const denied = await createElevatedRunner({ command: answering(1223), platform: 'win32' }).run(
      steps,
      signal,
    );
    expect(!denied.ok && denied.error.reason).toBe('denied');
    const cancelled = await createElevatedRunner({
      command: answering(1, 'execution error: User canceled. (-128)'),
      platform: 'darwin',
    }).run(steps, signal);
    expect(!cancelled.ok && cancelled.error.reason).toBe('denied');
  });
});

import { execFile } from 'node:child_process';
import { access, constants, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { describe, expect, it } from 'vitest';

import { runCli } from '../../../../electron/cli/run-cli';
import packageJson from '../../../../package.json';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const run = promisify(execFile);

async function cli(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env: {},
  });
  return { code, stdout, stderr };
}

describe('iotbox (in process)', () => {
  it('prints the version', async () => {
    await expect(cli(['--version'])).resolves.toEqual({
      code: 0,
      stdout: `${packageJson.version}\n`,
      stderr: '',
    });
  });

  it('prints help with the exit codes', async () => {
    const { code, stdout } = await cli(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: iotbox <command>');
    expect(stdout).toContain('2 bad usage');
  });

  it('exits 2 and names the wrong argument on bad usage', async () => {
    const unknownCommand = await cli(['frobnicate']);
    expect(unknownCommand.code).toBe(2);
    expect(unknownCommand.stderr).toContain("'frobnicate'");
    const unknownOption = await cli(['--colour']);
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.stderr).toContain('--colour');
    expect(unknownOption.stdout).toBe('');
  });

  it('exits 2 without arguments, showing help', async () => {
    const { code, stdout } = await cli([]);
    expect(code).toBe(2);
    expect(stdout).toContain('Usage');
  });
});

describe('iotbox (built bin)', () => {
  const bin = packageJson.bin.iotbox;

  it('is an executable with a node shebang', async () => {
    await access(`${root}${bin}`, constants.X_OK);
    expect((await readFile(`${root}${bin}`, 'utf8')).startsWith('#!/usr/bin/env node\n')).toBe(
      true,
    );
  });

  it('runs through npx from the repository root', async () => {
    const help = await run('npx', ['--no-install', 'iotbox', '--help'], { cwd: root });
    expect(help.stdout).toContain('Usage: iotbox');
    const version = await run('npx', ['--no-install', 'iotbox', '--version'], { cwd: root });
    expect(version.stdout.trim()).toBe(packageJson.version);
    await expect(
      run('npx', ['--no-install', 'iotbox', '--nope'], { cwd: root }),
    ).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--nope') as unknown,
    });
    // Three npx start-ups on a loaded machine: a generous limit, not a speed goal.
  }, 60_000);

  /** The repository-relative files the built CLI loads for one command line. */
  async function loadedFiles(args: readonly string[]): Promise<string[]> {
    const dir = await mkdtemp(path.join(tmpdir(), 'iotbox-trace-'));
    const trace = path.join(dir, 'modules.txt');
    try {
      await run(
        process.execPath,
        ['--import', `${root}test/support/trace-modules.mjs`, `${root}${bin}`, ...args],
        { cwd: root, env: { PATH: process.env['PATH'] ?? '', TRACE_MODULES_FILE: trace } },
      );
      const urls = (await readFile(trace, 'utf8')).trim().split('\n');
      return [...new Set(urls.map((url) => path.relative(root, fileURLToPath(url))))];
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  it('loads no command code for --version and --help, and one command for its own help', async () => {
    await expect(loadedFiles(['--version'])).resolves.toEqual([bin]);
    await expect(loadedFiles(['--help'])).resolves.toEqual([bin]);
    const discoverHelp = await loadedFiles(['discover', '--help']);
    expect(discoverHelp[0]).toBe(bin);
    expect(discoverHelp.some((file) => /chunks\/discover-/.test(file))).toBe(true);
    expect(discoverHelp.some((file) => /chunks\/(dns|cert|doctor|pair)-/.test(file))).toBe(false);
  }, 30_000);
});

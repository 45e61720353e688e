import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
export const CLI = `${root}out/main/cli.js`;
const GUARD = `${root}test/setup/network-guard.ts`;

export type CliRun = { code: number; stdout: string; stderr: string };

/**
 * Runs the built `iotbox` in a child process with the same network guard as the test process
 * (loaded with --import), so a CLI test that forgets an option fails instead of reaching this
 * machine's real network or DNS.
 */
export function runBuiltCli(
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', '--import', GUARD, CLI, ...args],
      { cwd: root, env: { PATH: process.env['PATH'] ?? '', ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

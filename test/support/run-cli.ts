import { execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
export const CLI = `${root}out/main/cli.js`;
const GUARD = `${root}test/setup/network-guard.ts`;
const NODE_ARGS = ['--import', 'tsx', '--import', GUARD, CLI];

export type CliRun = { code: number; stdout: string; stderr: string };

/**
 * Runs the built `iotbox` in a child process with the same network guard as the test process
 * (loaded with --import), so a CLI test that forgets an option fails instead of reaching this
 * machine's real network or DNS. `input` is piped to its standard input, which is then closed.
 */
export function runBuiltCli(
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
  options: { readonly input?: string } = {},
): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [...NODE_ARGS, ...args],
      { cwd: root, env: { PATH: process.env['PATH'] ?? '', ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
    if (options.input !== undefined) {
      child.stdin?.end(options.input);
    }
  });
}

const shellWord = (word: string): string => `'${word.replaceAll("'", `'\\''`)}'`;

/**
 * Runs the built `iotbox` on a pseudo-terminal (util-linux `script`), as a technician would, and
 * types `answer` once `prompt` appears. `output` is everything the terminal showed, echo
 * included, so a secret that was echoed would be in it.
 */
export function runBuiltCliInTerminal(
  args: readonly string[],
  dialogue: { readonly prompt: string; readonly answer: string },
): Promise<{ code: number; output: string }> {
  const command = [process.execPath, ...NODE_ARGS, ...args].map(shellWord).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-q', '-e', '-c', command, '/dev/null'], {
      cwd: root,
      env: { PATH: process.env['PATH'] ?? '', TERM: 'dumb' },
    });
    let output = '';
    let answered = false;
    const timer = setTimeout(() => child.kill(), 60_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (!answered && output.includes(dialogue.prompt)) {
        answered = true;
        child.stdin.write(`${dialogue.answer}\r`);
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, output });
    });
  });
}

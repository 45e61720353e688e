import { EXIT_PROBLEM } from './io';
import { runCli } from './run-cli';
import { terminalSafe } from './terminal-text';

// The `iotbox` executable: wires the process to runCli and stops cleanly on Ctrl-C.
const controller = new AbortController();
process.once('SIGINT', () => controller.abort());

runCli(
  process.argv.slice(2),
  {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    stdoutIsTty: process.stdout.isTTY === true,
  },
  controller.signal,
).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(terminalSafe(`iotbox: internal error: ${message}\n`));
    process.exitCode = EXIT_PROBLEM;
  },
);

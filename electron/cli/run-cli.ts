import { parseArgs } from 'node:util';

import packageJson from '../../package.json';
import { commands } from './commands';
import { EXIT_OK, EXIT_USAGE, UsageError, type CliIo } from './io';
import { terminalSafeIo } from './terminal-text';

export const CLI_VERSION = packageJson.version;

function globalHelp(): string {
  const width = Math.max(8, ...commands.map((command) => command.name.length)) + 2;
  const list = commands.length
    ? commands.map((command) => `  ${command.name.padEnd(width)}${command.summary}`).join('\n')
    : '  (none yet)';
  return [
    `iotbox ${CLI_VERSION} — find, pair and check Odoo IoT boxes from the command line`,
    '',
    'Usage: iotbox <command> [options]',
    '',
    'Commands:',
    list,
    '',
    'Options:',
    '  -h, --help      show help (also: iotbox <command> --help)',
    '  -v, --version   print the version',
    '',
    'Exit codes: 0 success, 1 the check found a problem, 2 bad usage.',
    '',
  ].join('\n');
}

/** Runs one `iotbox` invocation and returns its exit code; never throws. */
export async function runCli(
  argv: readonly string[],
  rawIo: CliIo,
  signal: AbortSignal = new AbortController().signal,
): Promise<number> {
  const io = terminalSafeIo(rawIo);
  const [first, ...rest] = argv;
  try {
    if (first === undefined || first.startsWith('-')) {
      const { values } = parseArgs({
        args: [...argv],
        options: {
          help: { type: 'boolean', short: 'h' },
          version: { type: 'boolean', short: 'v' },
        },
        strict: true,
        allowPositionals: false,
      });
      if (values.version) {
        io.stdout(`${CLI_VERSION}\n`);
        return EXIT_OK;
      }
      io.stdout(globalHelp());
      return values.help ? EXIT_OK : EXIT_USAGE;
    }
    const entry = commands.find((candidate) => candidate.name === first);
    if (!entry) {
      throw new UsageError(`unknown command '${first}' (see iotbox --help)`);
    }
    const command = await entry.load();
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout(`${command.usage}\n`);
      return EXIT_OK;
    }
    return await command.run(rest, io, signal);
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      io.stderr(`iotbox: ${error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
}

/** node:util parseArgs throws TypeErrors with ERR_PARSE_ARGS_* codes that name the argument. */
function isParseArgsError(error: unknown): error is Error & { code: string } {
  return (
    error instanceof Error &&
    'code' in error &&
    typeof error.code === 'string' &&
    error.code.startsWith('ERR_PARSE_ARGS_')
  );
}

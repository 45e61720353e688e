import { certCommand } from './commands/cert';
import { credentialsCommand } from './commands/credentials';
import { discoverCommand } from './commands/discover';
import { dnsCommand } from './commands/dns';
import { doctorCommand } from './commands/doctor';
import { infoCommand } from './commands/info';
import { pairCommand } from './commands/pair';
import type { CliIo } from './io';

/** One `iotbox` subcommand. Each prints text by default and one JSON document with `--json`. */
export type CliCommand = {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  /** Returns the exit code; throws UsageError for a bad command line. */
  readonly run: (argv: readonly string[], io: CliIo, signal: AbortSignal) => Promise<number>;
};

/** Every `iotbox` subcommand, in the order `iotbox --help` lists them. */
export const commands: readonly CliCommand[] = [
  discoverCommand,
  infoCommand,
  pairCommand,
  credentialsCommand,
  certCommand,
  dnsCommand,
  doctorCommand,
];

import type { CliIo } from './io';

/** One `iotbox` subcommand's code. Each prints text by default and one JSON document with `--json`. */
export type CliCommand = {
  readonly usage: string;
  /** Returns the exit code; throws UsageError for a bad command line. */
  readonly run: (argv: readonly string[], io: CliIo, signal: AbortSignal) => Promise<number>;
};

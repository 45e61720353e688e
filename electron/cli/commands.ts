import type { CliIo } from './io';

/** One `iotbox` subcommand. Each prints text by default and one JSON document with `--json`. */
export type CliCommand = {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  /** Returns the exit code; throws UsageError for a bad command line. */
  readonly run: (argv: readonly string[], io: CliIo, signal: AbortSignal) => Promise<number>;
};

/** Subcommands arrive with their capabilities (discover, info, pair, cert, dns, doctor). */
export const commands: readonly CliCommand[] = [];

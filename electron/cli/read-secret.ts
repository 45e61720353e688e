import { UsageError, type CliIo } from './io';

/*
 * Secrets on the command line: a value after `--token` shows in `ps` and stays in the shell's
 * history, so the CLI takes each secret from standard input (`--token -`) or asks for it in the
 * terminal without echo. The old `--flag VALUE` form still works, with a warning.
 */

/** Generous for a token (the box's own limit is 4 KiB); stops a runaway pipe early. */
const MAX_STDIN_BYTES = 64 * 1024;

/**
 * Reads a secret from the terminal without echoing it. Only on a TTY: `unavailable` says how to
 * give it otherwise (an environment variable, or `-` and a pipe).
 */
export function readSecret(
  prompt: string,
  signal: AbortSignal,
  unavailable: string,
): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) {
    return Promise.reject(new UsageError(unavailable));
  }
  // Raw mode before the prompt: an answer typed (or pasted) the moment the prompt appears must
  // never be echoed by the terminal's cooked mode.
  input.setRawMode(true);
  process.stderr.write(prompt);
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (error?: Error): void => {
      input.setRawMode(false);
      input.pause();
      input.off('data', onData);
      signal.removeEventListener('abort', onAbort);
      process.stderr.write('\n');
      if (error) {
        reject(error);
      } else {
        resolve(value);
      }
    };
    const onAbort = (): void => finish(new UsageError('cancelled'));
    const onData = (chunk: Buffer): void => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') {
          finish();
          return;
        }
        if (char === '\u0003') {
          finish(new UsageError('cancelled'));
          return;
        }
        value = char === '\u007f' || char === '\b' ? value.slice(0, -1) : value + char;
      }
    };
    input.resume();
    input.on('data', onData);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** All of a piped standard input, without its final line break. */
function readPipedStdin(flag: string, signal: AbortSignal): Promise<string> {
  const input = process.stdin;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (error: Error | null): void => {
      input.off('data', onData);
      input.off('end', onEnd);
      input.off('error', onError);
      signal.removeEventListener('abort', onAbort);
      input.pause();
      if (error !== null) {
        reject(error);
        return;
      }
      const text = Buffer.concat(chunks)
        .toString('utf8')
        .replace(/\r?\n$/, '');
      if (text.trim() === '') {
        reject(new UsageError(`${flag} -: nothing on standard input`));
      } else {
        resolve(text);
      }
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > MAX_STDIN_BYTES) {
        done(new UsageError(`${flag} -: standard input is larger than 64 KiB`));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => done(null);
    const onError = (error: Error): void => done(error);
    const onAbort = (): void => done(new UsageError('cancelled'));
    input.on('data', onData);
    input.once('end', onEnd);
    input.once('error', onError);
    signal.addEventListener('abort', onAbort, { once: true });
    input.resume();
  });
}

export type SecretOption = {
  /** The option as typed, e.g. `--token`. */
  readonly flag: string;
  /** What it holds, for the prompt and messages: "connection token", "enterprise code". */
  readonly label: string;
};

/**
 * The value of a secret option: `-` reads standard input (or asks, on a terminal), absent asks
 * on a terminal, and a value typed on the command line is used with a warning.
 */
export async function secretOption(
  value: string | undefined,
  option: SecretOption,
  io: CliIo,
  signal: AbortSignal,
): Promise<string> {
  const prompt = `${option.label[0]?.toUpperCase() ?? ''}${option.label.slice(1)}: `;
  if (value === '-') {
    return process.stdin.isTTY
      ? readSecret(prompt, signal, '')
      : readPipedStdin(option.flag, signal);
  }
  if (value === undefined) {
    return readSecret(
      prompt,
      signal,
      `missing ${option.flag}: pipe the ${option.label} in with '${option.flag} -', or run in a terminal to be asked for it`,
    );
  }
  io.stderr(
    `Warning: ${option.flag} VALUE shows the ${option.label} to anyone who can list this computer's processes, and leaves it in your shell history. Use '${option.flag} -' and pipe it in, or leave the option out to be asked for it.\n`,
  );
  return value;
}

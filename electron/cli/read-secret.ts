import { UsageError } from './io';

/**
 * Reads a secret from the terminal without echoing it. Only on a TTY: piping a password through
 * stdin would leave it in shell history or scripts, so scripts use IOTBOX_PASSWORD instead.
 */
export function readSecret(prompt: string, signal: AbortSignal): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) {
    return Promise.reject(
      new UsageError('no password: set IOTBOX_PASSWORD or run in a terminal to be asked for it'),
    );
  }
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
    input.setRawMode(true);
    input.resume();
    input.on('data', onData);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

import type { LogPort } from '../ports';
import { redact, redactText } from '../redact';

type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** A line logger on a stream (stderr by default); the message and its fields are redacted. */
export function createStreamLog(
  options: { minLevel?: Level; write?: (line: string) => void } = {},
): LogPort {
  const min = ORDER[options.minLevel ?? 'info'];
  const write = options.write ?? ((line: string) => process.stderr.write(line));
  const at =
    (level: Level) =>
    (message: string, fields?: Record<string, unknown>): void => {
      if (ORDER[level] < min) {
        return;
      }
      const extra = fields ? ` ${JSON.stringify(redact(fields))}` : '';
      write(`${new Date().toISOString()} ${level} ${redactText(message)}${extra}\n`);
    };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export const silentLog: LogPort = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

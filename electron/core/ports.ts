import type { AppInfo, EventChannel, EventPayload } from '../shared/contract';

/*
 * The narrow interfaces the core talks to the world through. Electron main, the CLI and the
 * browser-preview bridge each pass real adapters (see adapters/); tests pass fakes.
 */

export interface LogPort {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** A JSON document on disk, written atomically so a crash never leaves half a file. */
export interface JsonFilePort {
  /** `undefined` when the file does not exist; rejects on any other I/O failure. */
  read(): Promise<unknown>;
  write(value: unknown): Promise<void>;
}

/** Typed events from the core to whoever shows them (a window, the preview bridge, the CLI). */
export interface EventSink {
  emit<E extends EventChannel>(event: E, payload: EventPayload<E>): void;
}

export type AppInfoPort = () => AppInfo;

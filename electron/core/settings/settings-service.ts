import {
  DEFAULT_SETTINGS,
  mergeSettings,
  SettingsSchema,
  type Settings,
  type SettingsPatch,
} from '../../shared/schemas/app';
import { fail, ok, type Result } from '../../shared/result';
import type { JsonFilePort, LogPort } from '../ports';

/** User preferences, persisted as one small JSON file; a damaged file falls back to defaults. */
export class SettingsService {
  readonly #file: JsonFilePort;
  readonly #log: LogPort;
  #cached: Settings | undefined;

  constructor(deps: { file: JsonFilePort; log: LogPort }) {
    this.#file = deps.file;
    this.#log = deps.log;
  }

  async get(): Promise<Result<Settings>> {
    if (this.#cached) {
      return ok(this.#cached);
    }
    let raw: unknown;
    try {
      raw = await this.#file.read();
    } catch (error) {
      this.#log.warn('settings file unreadable, using defaults', { error: String(error) });
      raw = undefined;
    }
    // Unknown or invalid fields are dropped one by one so one bad value does not reset the rest.
    const merged = { ...DEFAULT_SETTINGS, ...pickValid(raw) };
    this.#cached = merged;
    return ok(merged);
  }

  async set(patch: SettingsPatch): Promise<Result<Settings>> {
    const current = await this.get();
    if (!current.ok) {
      return current;
    }
    const next = mergeSettings(current.value, patch);
    try {
      await this.#file.write(next);
    } catch (error) {
      this.#log.error('settings could not be saved', { error: String(error) });
      return fail('settings-unreadable', String(error));
    }
    this.#cached = next;
    return ok(next);
  }
}

function pickValid(raw: unknown): Partial<Settings> {
  if (typeof raw !== 'object' || raw === null) {
    return {};
  }
  const record = raw as Record<string, unknown>;
  // Field by field, so one bad value does not reset the others.
  return Object.fromEntries(
    Object.entries(SettingsSchema.shape).flatMap(([key, schema]) => {
      const parsed = schema.safeParse(record[key]);
      return parsed.success ? [[key, parsed.data]] : [];
    }),
  );
}

// Probes run as separate processes inside namespaces: one JSON argument in, one JSON line out.
// The lab parses the LAST stdout line, so stray library output cannot corrupt the result.

export function probeInput<T>(guard: (value: unknown) => value is T): T {
  const raw = process.argv[2];
  if (raw === undefined) throw new Error('probe: missing JSON argument');
  const parsed: unknown = JSON.parse(raw);
  if (!guard(parsed)) throw new Error(`probe: unexpected input ${raw}`);
  return parsed;
}

export function probeOutput(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function errorFields(error: unknown): {
  code: string | undefined;
  errno: number | undefined;
  message: string;
} {
  if (error instanceof Error) {
    const record = error as Error & { code?: unknown; errno?: unknown };
    return {
      code: typeof record.code === 'string' ? record.code : undefined,
      errno: typeof record.errno === 'number' ? record.errno : undefined,
      message: error.message,
    };
  }
  return { code: undefined, errno: undefined, message: String(error) };
}

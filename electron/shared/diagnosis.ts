import { z } from 'zod';

/**
 * Every domain failure the assistant can report, as one closed set. The renderer and the CLI map
 * each code to a translated message in exactly one place (`messages.<code>` in the locale files);
 * a test fails when a code has no message.
 */
export const DIAGNOSIS_CODES = [
  'invalid-arguments',
  'not-implemented',
  'cancelled',
  'internal',
  'settings-unreadable',
  'untrusted-sender',
] as const;

export const DiagnosisCodeSchema = z.enum(DIAGNOSIS_CODES);
export type DiagnosisCode = z.infer<typeof DiagnosisCodeSchema>;

export const FailureSchema = z.object({
  code: DiagnosisCodeSchema,
  detail: z.string().optional(),
});

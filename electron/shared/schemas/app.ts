import { z } from 'zod';

import { LanguageSchema } from '../languages';
import { DohSettingSchema, ServerSpecSchema } from './dns';

/* The app itself: its identity and the user's settings. */

export const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  platform: z.enum(['win32', 'darwin', 'linux', 'other']),
  runtime: z.enum(['electron', 'preview', 'cli']),
  /** The OS (or browser) language preferences, most preferred first. */
  preferredLanguages: z.array(z.string()),
  /**
   * Whether this app updates itself (the core's update trust: an installed app whose updater
   * verifies each download against our signing identity). "Check for updates" is shown only then.
   */
  selfUpdates: z.boolean(),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

export const ThemeSchema = z.enum(['system', 'light', 'dark']);
export const SettingsSchema = z.object({
  language: z.union([z.literal('system'), LanguageSchema]),
  theme: ThemeSchema,
  /** Check for, download and offer updates (packaged app only). */
  autoUpdate: z.boolean(),
  /** Whether the connect step's "remember the enterprise code" starts ticked (OS keychain). */
  rememberEnterpriseCode: z.boolean(),
  /** Reference DNS servers the DNS check compares with; empty: Google's. */
  referenceDns: z.array(ServerSpecSchema).max(4),
  /** DNS-over-HTTPS endpoint or `off`; empty: Google's. */
  referenceDoh: z.union([z.literal(''), DohSettingSchema]),
});
export type Settings = z.infer<typeof SettingsSchema>;
export const DEFAULT_SETTINGS: Settings = {
  language: 'system',
  theme: 'system',
  autoUpdate: true,
  rememberEnterpriseCode: false,
  referenceDns: [],
  referenceDoh: '',
};
export const SettingsPatchSchema = SettingsSchema.partial().strict();
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

/** Applies a patch; fields the patch leaves undefined keep their current value. */
export function mergeSettings(current: Settings, patch: SettingsPatch): Settings {
  return SettingsSchema.parse({
    ...current,
    ...Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)),
  });
}

import { z } from 'zod';

import { DiagnosisCodeSchema } from '../diagnosis';
import { BoxAddressSchema, BoxInfoSchema } from './box';

/* Finding boxes on the LAN: options, results and progress. */

export const CidrSchema = z
  .string()
  .regex(/^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$/, 'expected an IPv4 CIDR such as 192.168.1.0/24');

export const DiscoveryOptionsSchema = z
  .object({
    subnets: z.array(CidrSchema).max(16).optional(),
    /** Interface names (`eth0`, `Wi-Fi`); only these are used for mDNS and the sweep. */
    interfaces: z.array(z.string().min(1).max(64)).max(16).optional(),
    mdns: z.boolean().optional(),
    sweep: z.boolean().optional(),
    timeoutMs: z.number().int().min(100).max(120_000).optional(),
  })
  .strict();
export type DiscoveryOptions = z.infer<typeof DiscoveryOptionsSchema>;

export const FoundBySchema = z.enum(['mdns', 'sweep', 'localhost', 'access-point', 'manual']);
export type FoundBy = z.infer<typeof FoundBySchema>;

export const FoundBoxSchema = BoxInfoSchema.extend({
  foundBy: z.array(FoundBySchema),
  /**
   * Other addresses that answered with this box's identifier or MAC: a box on two connections
   * (cable and Wi-Fi), or a device imitating it. Each is listed on its own; none is trusted more.
   */
  alsoClaimedBy: z.array(BoxAddressSchema),
});
export type FoundBox = z.infer<typeof FoundBoxSchema>;

/** What one channel of a search did: when it had nothing more to add, and how many boxes it named. */
export const ChannelReportSchema = z.object({
  /** From the start of the search until the channel finished (or the search was stopped). */
  durationMs: z.number().int().min(0),
  /** Boxes this channel found (a box found by two channels counts for both). */
  boxes: z.number().int().min(0),
});
export type ChannelReport = z.infer<typeof ChannelReportSchema>;

export const ScanChannelSchema = FoundBySchema.exclude(['manual']);
export type ScanChannel = z.infer<typeof ScanChannelSchema>;

export const DiscoveryReportSchema = z.object({
  boxes: z.array(FoundBoxSchema),
  durationMs: z.number(),
  /** Each channel the search used (mDNS, the sweep, this computer, a box's access point). */
  channels: z.partialRecord(ScanChannelSchema, ChannelReportSchema),
  probed: z.number().int(),
  /** When no box was found: why, most telling first (each code has a message and a next step). */
  reasons: z.array(DiagnosisCodeSchema),
});
export type DiscoveryReport = z.infer<typeof DiscoveryReportSchema>;

/** Addresses checked so far out of those known to check (the total grows as mDNS hears names). */
export const DiscoveryProgressSchema = z.object({
  probed: z.number().int().min(0),
  total: z.number().int().min(0),
});
export type DiscoveryProgress = z.infer<typeof DiscoveryProgressSchema>;

/**
 * A typed address's patient check: how long it has waited of its budget, how many times it has
 * asked, and what the address did last time — `starting`: refused the box's port or answered
 * "bad gateway", as a box does while its service starts; `silent`: nothing answered.
 */
export const AddressCheckProgressSchema = z.object({
  address: z.string(),
  elapsedMs: z.number().int().min(0),
  budgetMs: z.number().int().min(0),
  attempt: z.number().int().min(0),
  last: z.enum(['starting', 'silent']).nullable(),
});
export type AddressCheckProgress = z.infer<typeof AddressCheckProgressSchema>;

import { isIPv4 } from 'node:net';

import { z } from 'zod';

import type { MdnsAnswer } from '../ports';
import { MDNS_SERVICE_TYPES } from './service-types';

/** A DNS name as mDNS hosts use it: labels of letters, digits and hyphens, at most 255 bytes. */
const HostNameSchema = z
  .string()
  .max(255)
  .regex(
    /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/,
  )
  .transform(normaliseName);

const Ipv4Schema = z.string().refine((value) => isIPv4(value));

const ServiceAnswerSchema = z.object({
  kind: z.literal('service'),
  type: z.enum(MDNS_SERVICE_TYPES),
  // The instance name is free text (UTF-8, spaces); it is only logged, so only its size matters.
  name: z.string().max(255),
  host: HostNameSchema,
  port: z.number().int().min(1).max(65_535),
  // IPv6 (link-local without a scope id, mostly) cannot be probed reliably: IPv4 only.
  addresses: z
    .array(z.string().max(64))
    .max(32)
    .transform((list) => list.filter((address) => isIPv4(address))),
});

const HostAnswerSchema = z.object({
  kind: z.literal('host'),
  name: HostNameSchema,
  address: Ipv4Schema,
});

export type ServiceSighting = z.infer<typeof ServiceAnswerSchema>;
export type HostSighting = z.infer<typeof HostAnswerSchema>;

export function normaliseName(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

/** Validates what the wire carried; anything odd (names, ports, sizes, types) is dropped. */
export function readMdnsAnswer(answer: MdnsAnswer): ServiceSighting | HostSighting | null {
  const parsed = z.union([ServiceAnswerSchema, HostAnswerSchema]).safeParse(answer);
  return parsed.success ? parsed.data : null;
}

/** Service types whose advertised port may itself be the box's web port. */
export const WEB_SERVICE_TYPES: ReadonlySet<string> = new Set(['_odoo-iot._tcp', '_http._tcp']);

import { parseServerSpec } from '../core/adapters/node-network-info';
import type { DnsServer } from '../core/ports';
import { UsageError } from './io';

/* Option parsers more than one command shares; each names the option it rejects. */

/** `--https-port` and the like: 1–65535. */
export function parsePort(raw: string | undefined, option: string): number | undefined {
  if (raw === undefined) {
    return undefined;
  }
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < 1 || value > 65_535) {
    throw new UsageError(`${option} must be a port number (1–65535), got '${raw}'`);
  }
  return value;
}

/** `--odoo-com-url`: an http(s) URL. */
export function parseUrl(raw: string | undefined): string | undefined {
  if (raw === undefined) {
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`--odoo-com-url must be an http(s) URL, got '${raw}'`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UsageError(`--odoo-com-url must be an http(s) URL, got '${raw}'`);
  }
  return url.toString();
}

/** `--reference-dns IP[:PORT]`, repeatable. */
export function parseReferences(values: readonly string[] | undefined): DnsServer[] | undefined {
  if (values === undefined || values.length === 0) {
    return undefined;
  }
  return values.map((value) => {
    const server = parseServerSpec(value);
    if (!server) {
      throw new UsageError(`--reference-dns must be IP or IP:PORT, got '${value}'`);
    }
    return server;
  });
}

/** `--doh URL|off`: off is null. */
export function parseDoh(value: string | undefined): string | null | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (value === 'off') {
    return null;
  }
  try {
    const url = new URL(value);
    if (url.protocol === 'https:' || url.protocol === 'http:') {
      return url.href;
    }
  } catch {
    // Reported below.
  }
  throw new UsageError(`--doh must be an http(s) URL or 'off', got '${value}'`);
}

import { parseDohChoice, parseReferenceList, referencesFromEnv } from '../core/dns/references';
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

/** `--reference-dns IP[:PORT]`, repeatable (one server each). */
export function parseReferences(values: readonly string[] | undefined): DnsServer[] | undefined {
  if (values === undefined || values.length === 0) {
    return undefined;
  }
  return values.map((value) => {
    const server = value.includes(',') ? undefined : parseReferenceList(value)?.[0];
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
  const choice = parseDohChoice(value);
  if (choice === undefined) {
    throw new UsageError(`--doh must be an http(s) URL or 'off', got '${value}'`);
  }
  return choice;
}

/** Bad IOTBOX_REFERENCE_DNS / IOTBOX_DOH values are usage errors, as bad options are. */
export function checkReferenceEnv(env: Readonly<Record<string, string | undefined>>): void {
  const problem = referencesFromEnv(env).problems[0];
  if (problem !== undefined) {
    throw new UsageError(problem);
  }
}

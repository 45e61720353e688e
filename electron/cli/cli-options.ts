import type { CertificateOptions } from '../core/certificate/create-certificate';
import type { DnsOptions } from '../core/dns/create-dns';
import { parseDohChoice, parseReferenceList, referencesFromEnv } from '../core/dns/references';
import type { DnsServer } from '../core/ports';
import { UsageError } from './io';

/*
 * Options more than one command takes: their parseArgs entries and their parsing into the core's
 * options, written once. Each parser names the option it rejects.
 */

/** `--https-port PORT` and `--odoo-com-url URL`: for the commands that check HTTPS to a box. */
export const CERTIFICATE_FLAGS = {
  'https-port': { type: 'string' },
  'odoo-com-url': { type: 'string' },
} as const;

/** The certificate options those flags ask for; an absent flag keeps the core's default. */
export function certificateOptions(values: {
  readonly 'https-port'?: string | undefined;
  readonly 'odoo-com-url'?: string | undefined;
}): CertificateOptions {
  const httpsPort = parsePort(values['https-port'], '--https-port');
  const odooComUrl = parseUrl(values['odoo-com-url']);
  return {
    ...(httpsPort === undefined ? {} : { httpsPort }),
    ...(odooComUrl === undefined ? {} : { odooComUrl }),
  };
}

/** `--reference-dns IP[:PORT]` (repeatable) and `--doh URL|off`: the resolvers a diagnosis asks. */
export const REFERENCE_FLAGS = {
  'reference-dns': { type: 'string', multiple: true },
  doh: { type: 'string' },
} as const;

/**
 * The DNS options those flags ask for; an absent flag keeps the environment's or the default.
 * Bad IOTBOX_REFERENCE_DNS / IOTBOX_DOH values are usage errors, as bad flags are.
 */
export function referenceOptions(
  values: { readonly 'reference-dns'?: string[] | undefined; readonly doh?: string | undefined },
  env: Readonly<Record<string, string | undefined>>,
): Pick<DnsOptions, 'references' | 'dohUrl'> {
  const references = parseReferences(values['reference-dns']);
  const dohUrl = parseDoh(values.doh);
  checkReferenceEnv(env);
  return {
    ...(references === undefined ? {} : { references }),
    ...(dohUrl === undefined ? {} : { dohUrl }),
  };
}

/** `--https-port` and the like: 1–65535. */
function parsePort(raw: string | undefined, option: string): number | undefined {
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
function parseUrl(raw: string | undefined): string | undefined {
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
function parseReferences(values: readonly string[] | undefined): DnsServer[] | undefined {
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
function parseDoh(value: string | undefined): string | null | undefined {
  if (value === undefined) {
    return undefined;
  }
  const choice = parseDohChoice(value);
  if (choice === undefined) {
    throw new UsageError(`--doh must be an http(s) URL or 'off', got '${value}'`);
  }
  return choice;
}

function checkReferenceEnv(env: Readonly<Record<string, string | undefined>>): void {
  const problem = referencesFromEnv(env).problems[0];
  if (problem !== undefined) {
    throw new UsageError(problem);
  }
}

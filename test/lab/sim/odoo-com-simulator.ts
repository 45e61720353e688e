import { createHash } from 'node:crypto';
import { createServer } from 'node:http';

import { z } from 'zod';

import type { LabCa } from './lab-ca';
import { formatHostForUrl, listen, readRequest, sendWire, stopListening } from './listener';
import type { ReceivedRequest } from './listener';
import {
  htmlResponse,
  jsonResponse,
  jsonRpcErrorBody,
  jsonRpcResultBody,
  notFoundPage,
  OdooError,
  parseJsonRpcBody,
  requireParams,
} from './odoo-wire';
import type { WireResponse } from './odoo-wire';

// Stand-in for https://www.odoo.com/odoo-enterprise/iot/x509 (plain HTTP on a lab address;
// the box is pointed at it through its x509Url option).

export const X509_PATH = '/odoo-enterprise/iot/x509';

/**
 * - `issue`: a certificate for `*.<hash>.odoo-iot.com` signed by the lab CA.
 * - `refuse`: `result: false`, what old box code reads as "not eligible" (NO_RESULT).
 * - `refuse-error`: top-level JSON-RPC `error` (new code logs "Server error received…").
 * - `refuse-result-error`: `result: {error: "…"}` (new code logs "Error received…").
 * - `empty-certificate`: result with empty PEM fields ("…is not valid.").
 * - `hang`: accept the request and never answer (exercises the box's 5 s timeout).
 * - `{status}`: an HTTP error page with that status; `{status, times}`: only for the first
 *   `times` requests, then `issue` (a box that retries gets there).
 * - `{slowMs}`: `issue`, answered after slowMs (Let's Encrypt behind odoo.com can take long).
 * - `unreachable`: the port is closed; connections are refused.
 */
export type OdooComMode =
  | 'issue'
  | 'refuse'
  | 'refuse-error'
  | 'refuse-result-error'
  | 'empty-certificate'
  | 'hang'
  | 'unreachable'
  | { readonly status: number; readonly times?: number }
  | { readonly slowMs: number };

export type OdooComSimulatorOptions = {
  readonly ca: LabCa;
  readonly host?: string;
  readonly port?: number;
  readonly mode?: OdooComMode;
  /** Fixed `<hash>` for every database; default: 8 hex chars derived from db_uuid. */
  readonly hash?: string;
  /** Certificate lifetime in days for `issue` (default 90). */
  readonly validityDays?: number;
};

export type OdooComSimulator = {
  readonly url: string;
  readonly x509Url: string;
  readonly host: string;
  readonly port: number;
  readonly mode: OdooComMode;
  readonly received: readonly ReceivedRequest[];
  setMode(mode: OdooComMode): Promise<void>;
  hashFor(dbUuid: string): string;
  close(): Promise<void>;
};

/** The `<hash>` label odoo.com would assign; stable per db_uuid so tests can predict names. */
export function hashForDbUuid(dbUuid: string): string {
  return createHash('sha256').update(dbUuid).digest('hex').slice(0, 8);
}

const x509ParamsSchema = z.looseObject({
  db_uuid: z.unknown(),
  enterprise_code: z.unknown(),
});

const STATUS_TEXT: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function describeMode(mode: OdooComMode): string {
  if (typeof mode === 'string') {
    return mode;
  }
  return 'slowMs' in mode ? `issue after ${mode.slowMs} ms` : `status ${mode.status}`;
}

export async function startOdooComSimulator(
  options: OdooComSimulatorOptions,
): Promise<OdooComSimulator> {
  const host = options.host ?? '127.0.0.1';
  let mode: OdooComMode = options.mode ?? 'issue';
  const received: ReceivedRequest[] = [];
  const hashFor = (dbUuid: string): string => options.hash ?? hashForDbUuid(dbUuid);

  let answered = 0;
  const answer = (request: ReceivedRequest): WireResponse | 'hang' => {
    if (request.path !== X509_PATH) {
      return notFoundPage();
    }
    answered += 1;
    if (
      typeof mode === 'object' &&
      'status' in mode &&
      (mode.times === undefined || answered <= mode.times)
    ) {
      const text = STATUS_TEXT[mode.status] ?? 'Error';
      return htmlResponse(
        `<!doctype html>\n<html lang=en>\n<title>${mode.status} ${text}</title>\n<h1>${text}</h1>\n`,
        mode.status,
      );
    }
    if (mode === 'hang') {
      return 'hang';
    }
    const rpc = parseJsonRpcBody(request.body);
    if (rpc === null) {
      return htmlResponse('<p>Invalid JSON data</p>', 400);
    }
    try {
      requireParams('IotController.get_x509', rpc.params, ['db_uuid', 'enterprise_code']);
      const params = x509ParamsSchema.parse(rpc.params);
      const dbUuid = typeof params.db_uuid === 'string' ? params.db_uuid : '';
      // An object mode past its failures (or only slow) issues like 'issue'.
      switch (typeof mode === 'object' ? 'issue' : mode) {
        case 'refuse':
          return jsonResponse(jsonRpcResultBody(rpc.id, false));
        case 'refuse-error':
          // The real refusal shape is not public; this is Odoo's generic server-error envelope.
          throw new OdooError(
            'odoo.exceptions.UserError',
            'This database is not eligible for an IoT certificate.',
          );
        case 'refuse-result-error':
          return jsonResponse(
            jsonRpcResultBody(rpc.id, {
              error: 'This database is not eligible for an IoT certificate.',
            }),
          );
        case 'empty-certificate':
          return jsonResponse(
            jsonRpcResultBody(rpc.id, {
              subject_cn: `*.${hashFor(dbUuid)}.odoo-iot.com`,
              x509_pem: '',
              private_key_pem: '',
            }),
          );
        case 'unreachable':
        case 'issue': {
          const issued = options.ca.issueGood(hashFor(dbUuid), options.validityDays ?? 90);
          return jsonResponse(
            jsonRpcResultBody(rpc.id, {
              subject_cn: issued.subjectCn,
              // Served as a full chain so a box (or nginx) can hand it out unchanged.
              x509_pem: issued.chain,
              private_key_pem: issued.key,
            }),
          );
        }
      }
    } catch (error) {
      const odooError =
        error instanceof OdooError ? error : new OdooError('builtins.Exception', String(error));
      return jsonResponse(jsonRpcErrorBody(rpc.id, odooError));
    }
  };

  const server = createServer((request, response) => {
    void readRequest(request, false).then((record) => {
      received.push(record);
      const wire = answer(record);
      if (wire === 'hang') {
        return;
      }
      const delay = typeof mode === 'object' && 'slowMs' in mode ? mode.slowMs : 0;
      const timer = setTimeout(() => sendWire(response, wire, record.method === 'HEAD'), delay);
      response.on('close', () => clearTimeout(timer));
    });
  });

  let port =
    mode === 'unreachable' ? (options.port ?? 0) : await listen(server, options.port ?? 0, host);
  if (mode === 'unreachable' && port === 0) {
    // Reserve a concrete port so the URL stays valid once the mode changes.
    port = await listen(server, 0, host);
    await stopListening(server);
  }
  const url = `http://${formatHostForUrl(host)}:${port}`;

  return {
    url,
    x509Url: `${url}${X509_PATH}`,
    host,
    port,
    get mode() {
      return mode;
    },
    received,
    async setMode(next) {
      const wasListening = server.listening;
      mode = next;
      if (next === 'unreachable' && wasListening) {
        await stopListening(server);
      } else if (next !== 'unreachable' && !wasListening) {
        await listen(server, port, host);
      }
    },
    hashFor,
    close: () => stopListening(server),
  };
}

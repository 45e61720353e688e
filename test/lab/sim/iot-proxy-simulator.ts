import { randomInt, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { createServer as createTcpServer } from 'node:net';

import { z } from 'zod';

import { formatHostForUrl, listen, readRequest, sendWire, stopListening } from './listener';
import type { ReceivedRequest } from './listener';
import { jsonResponse, notFoundPage, pyJsonDumps } from './odoo-wire';
import type { WireResponse } from './odoo-wire';

/*
 * A stand-in for Odoo's pairing service (`https://iot-proxy.odoo.com/odoo-enterprise/iot/…`), on
 * loopback. Two sides, as Odoo's own code calls them:
 * - the box (odoo/odoo addons/iot_drivers/connection_manager.py, id:6688199091; hw_drivers'
 *   twin id:21635298509) POSTs `{params: {pairing_code, pairing_uuid, serial_number}}` to
 *   `connect-box`: without a code it registers and gets `pairing_code` + `pairing_uuid`; with one
 *   it polls, and gets `url, token, db_uuid, enterprise_code` once the code is claimed, or
 *   `error: "expired"`;
 * - the database (enterprise iot/wizard/add_iot_box.py `_connect_iot_box_with_pairing_code`,
 *   third-party copy id:68610835609) POSTs `{params: {pairing_code, database_url, token, db_uuid,
 *   enterprise_code}}` to `connect-db` when the user enters the code in the IoT app: `result:
 *   [{id, serial_number}]`, or `error: {code: 404, …}` for a code it does not know.
 * The service's own code is not public: envelopes, code format and lifetime are [I] (the
 * documentation says a code is valid "for up to 2 hours after the IoT system powers on").
 */

export const CONNECT_BOX_PATH = '/odoo-enterprise/iot/connect-box';
export const CONNECT_DB_PATH = '/odoo-enterprise/iot/connect-db';

/** What the database sends along with a claimed code (the box's future server connection). */
export type ClaimingDatabase = {
  readonly url: string;
  readonly token: string;
  readonly dbUuid: string;
  readonly enterpriseCode: string;
};

/** The database a test claims a code for, as the lab's tests use it. */
export const SAMPLE_DATABASE: ClaimingDatabase = {
  url: 'https://shop.example.test',
  token: 's3cr3tToken',
  dbUuid: '0b5d1c9e-3f7a-4c2e-9a61-2d8e5f4b7c30',
  enterpriseCode: 'M2407lab0001',
};

/** A connect-box URL on loopback where nothing listens: a pairing service the box cannot reach. */
export function unreachablePairingUrl(): Promise<string> {
  return new Promise((resolve) => {
    const server = createTcpServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 9;
      server.close(() => resolve(`http://127.0.0.1:${port}${CONNECT_BOX_PATH}`));
    });
  });
}

export type IssuedCode = {
  readonly code: string;
  readonly uuid: string;
  readonly serialNumber: string;
  readonly issuedAt: number;
  readonly expired: boolean;
  readonly claimedBy: ClaimingDatabase | null;
};

export type IotProxySimulatorOptions = {
  readonly host?: string;
  readonly port?: number;
  /** How long a code stays valid after it was issued (default 2 h). */
  readonly validityMs?: number;
};

export type IotProxySimulator = {
  readonly url: string;
  /** What the box is configured with (the real one is on iot-proxy.odoo.com). */
  readonly connectBoxUrl: string;
  readonly connectDbUrl: string;
  readonly received: readonly ReceivedRequest[];
  readonly codes: readonly IssuedCode[];
  /** The code the box with this serial number shows now, if it holds a valid one. */
  currentCode(serialNumber: string): string | null;
  /**
   * The database's side, over HTTP like the IoT app's "Use Pairing Code": true when the
   * service knew the code and handed the database to the box's next poll.
   */
  claim(code: string, database: ClaimingDatabase): Promise<boolean>;
  /** Every code issued so far has expired (a new registration gets a fresh one). */
  expireAll(): void;
  close(): Promise<void>;
};

const ConnectBoxSchema = z.object({
  params: z.object({
    pairing_code: z.union([z.string(), z.literal(false), z.null()]),
    pairing_uuid: z.union([z.string(), z.literal(false), z.null()]),
    serial_number: z.union([z.string(), z.literal(false), z.null()]),
  }),
});

const ConnectDbSchema = z.object({
  params: z.object({
    pairing_code: z.string(),
    database_url: z.string(),
    token: z.string(),
    db_uuid: z.string(),
    enterprise_code: z.union([z.string(), z.literal(false), z.null()]),
  }),
});

const ClaimAnswerSchema = z.object({
  result: z.array(z.object({ id: z.number(), serial_number: z.string() })).optional(),
  error: z.unknown().optional(),
});

/** [I] Six characters, digits and capitals without the look-alikes (0/O, 1/I). */
const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const DEFAULT_VALIDITY_MS = 2 * 60 * 60 * 1000;

function newCode(): string {
  return Array.from({ length: 6 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
}

function rpcBody(payload: Record<string, unknown>): WireResponse {
  return jsonResponse(pyJsonDumps({ jsonrpc: '2.0', id: null, ...payload }, false));
}

export async function startIotProxySimulator(
  options: IotProxySimulatorOptions = {},
): Promise<IotProxySimulator> {
  const host = options.host ?? '127.0.0.1';
  const validityMs = options.validityMs ?? DEFAULT_VALIDITY_MS;
  const received: ReceivedRequest[] = [];
  type Entry = {
    code: string;
    uuid: string;
    serialNumber: string;
    issuedAt: number;
    expired: boolean;
    claimedBy: ClaimingDatabase | null;
  };
  const codes: Entry[] = [];
  let nextBoxId = 1;

  const expired = (entry: Entry): boolean =>
    entry.expired || Date.now() - entry.issuedAt > validityMs;

  const connectBox = (body: unknown): WireResponse => {
    const request = ConnectBoxSchema.safeParse(body);
    if (!request.success) {
      return { status: 400, headers: {}, body: 'Bad Request' };
    }
    const { pairing_code: code, pairing_uuid: uuid, serial_number: serial } = request.data.params;
    if (code === false || code === null || code === '') {
      const entry: Entry = {
        code: newCode(),
        uuid: randomUUID(),
        serialNumber: typeof serial === 'string' ? serial : '',
        issuedAt: Date.now(),
        expired: false,
        claimedBy: null,
      };
      codes.push(entry);
      return rpcBody({ result: { pairing_code: entry.code, pairing_uuid: entry.uuid } });
    }
    const entry = codes.find((candidate) => candidate.code === code && candidate.uuid === uuid);
    if (entry === undefined) {
      return rpcBody({ result: {} });
    }
    if (entry.claimedBy !== null) {
      const { url, token, dbUuid, enterpriseCode } = entry.claimedBy;
      return rpcBody({ result: { url, token, db_uuid: dbUuid, enterprise_code: enterpriseCode } });
    }
    return expired(entry) ? rpcBody({ error: 'expired' }) : rpcBody({ result: {} });
  };

  const connectDb = (body: unknown): WireResponse => {
    const request = ConnectDbSchema.safeParse(body);
    const entry = request.success
      ? codes.find((candidate) => candidate.code === request.data.params.pairing_code.trim())
      : undefined;
    if (!request.success || entry === undefined || expired(entry) || entry.claimedBy !== null) {
      return rpcBody({
        error: {
          code: 404,
          message: '404: Not Found',
          data: { name: 'werkzeug.exceptions.NotFound' },
        },
      });
    }
    const { database_url, token, db_uuid, enterprise_code } = request.data.params;
    entry.claimedBy = {
      url: database_url,
      token,
      dbUuid: db_uuid,
      enterpriseCode: typeof enterprise_code === 'string' ? enterprise_code : '',
    };
    return rpcBody({ result: [{ id: nextBoxId++, serial_number: entry.serialNumber }] });
  };

  const answer = (record: ReceivedRequest): WireResponse => {
    if (record.method !== 'POST') {
      return notFoundPage();
    }
    let body: unknown;
    try {
      body = JSON.parse(record.body);
    } catch {
      return { status: 400, headers: {}, body: 'Bad Request' };
    }
    switch (record.path) {
      // Called by iot_drivers/connection_manager.py _call_iot_proxy (id:6688199091).
      case CONNECT_BOX_PATH:
        return connectBox(body);
      // Called by enterprise iot/wizard/add_iot_box.py _connect_iot_box_with_pairing_code.
      case CONNECT_DB_PATH:
        return connectDb(body);
      default:
        return notFoundPage();
    }
  };

  const server = createServer((request, response) => {
    void readRequest(request, false).then((record) => {
      received.push(record);
      sendWire(response, answer(record));
    });
  });
  const port = await listen(server, options.port ?? 0, host);
  const url = `http://${formatHostForUrl(host)}:${port}`;

  return {
    url,
    connectBoxUrl: `${url}${CONNECT_BOX_PATH}`,
    connectDbUrl: `${url}${CONNECT_DB_PATH}`,
    received,
    get codes(): readonly IssuedCode[] {
      return codes.map((entry) => ({ ...entry, expired: expired(entry) }));
    },
    currentCode(serialNumber) {
      const entry = codes.findLast((candidate) => candidate.serialNumber === serialNumber);
      return entry === undefined || expired(entry) ? null : entry.code;
    },
    async claim(code, database) {
      const response = await fetch(`${url}${CONNECT_DB_PATH}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          params: {
            pairing_code: code,
            database_url: database.url,
            token: database.token,
            db_uuid: database.dbUuid,
            enterprise_code: database.enterpriseCode,
          },
        }),
      });
      const parsed = ClaimAnswerSchema.parse(await response.json());
      return parsed.error === undefined && (parsed.result?.length ?? 0) > 0;
    },
    expireAll() {
      for (const entry of codes) {
        entry.expired = true;
      }
    },
    close: () => stopListening(server),
  };
}

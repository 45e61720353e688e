import { z } from 'zod';

import { isLabAddress } from './listener';
import type { LogLevel } from './box-state';

/*
 * The box's pairing thread, as Odoo runs it at every start while the box has no database:
 * odoo/odoo addons/iot_drivers/connection_manager.py (G4, id:6688199091) and
 * addons/hw_drivers/connection_manager.py (G1–G3, id:21635298509). It registers with the
 * pairing service for a code, polls with growing pauses (14 + 1.01^n s: ~15 s at first, under
 * 20 s for 50 min), and once a database claimed the code, saves the connection, switches
 * branch and restarts Odoo 2 s later. `error: "expired"` stops it; only a restart gives a new
 * code. Differences kept: G4 forgets an expired code (`pairing_code` false,
 * `pairing_code_expired` true) and keeps checking every 5 s whether it should poll again;
 * hw_drivers keeps showing the stale code and its thread ends once it stops polling.
 */

export type PairingState = {
  readonly code: string | false;
  readonly expired: boolean;
  /** The database it connected to, until the restart that follows (G4 `new_database_url`). */
  readonly newDatabaseUrl: string | false;
};

/** What the database handed over through the pairing service. */
export type PairedServer = {
  readonly url: string;
  readonly token: string;
  readonly dbUuid: string;
  readonly enterpriseCode: string;
};

export type ConnectionManagerDeps = {
  /** iot_drivers (G4) or hw_drivers (G1–G3) behaviour. */
  readonly flavour: 'iot_drivers' | 'hw_drivers';
  /** `serial_number` sent with every call (helpers.get_identifier()). */
  readonly serialNumber: string;
  /** The pairing service's connect-box URL (the lab's stand-in, never odoo.com). */
  readonly proxyUrl: string;
  /** Multiplies Odoo's pauses (14 + 1.01^n s, and the 5 s idle check); tests use e.g. 0.01. */
  readonly pollScale: number;
  /** `_should_poll_to_connect_database` minus the expiry: no server, an IP, no access point. */
  readonly canPoll: () => boolean;
  /** `_connect_to_server`: save_conf_server, check_git_branch, odoo_restart(2). */
  readonly connect: (server: PairedServer) => void;
  readonly log: (level: LogLevel, logger: string, message: string) => void;
};

export type ConnectionManager = {
  readonly state: PairingState;
  /** Odoo stops (a restart, a reboot, the simulator closing): the thread dies with it. */
  stop(): void;
};

const TIMEOUT_MS = 5_000;
const IDLE_CHECK_S = 5;

type ProxyReply = Readonly<Record<string, unknown>>;

/** `req.json().get('error')` and `.get('result', {})`: anything else in the answer is ignored. */
const ProxyReplySchema = z.looseObject({
  error: z.unknown().optional(),
  result: z.record(z.string(), z.unknown()).optional(),
});

export function startConnectionManager(deps: ConnectionManagerDeps): ConnectionManager {
  if (!isLabAddress(new URL(deps.proxyUrl).hostname)) {
    throw new Error(`the pairing service must be on loopback or a lab subnet: ${deps.proxyUrl}`);
  }
  const logger = `odoo.addons.${deps.flavour}.connection_manager`;
  let code: string | false = false;
  let uuid: string | false = false;
  let expired = false;
  let newDatabaseUrl: string | false = false;
  let registered = false;
  let timesPolled = -1;
  const stopped = new AbortController();

  const sleep = (seconds: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(resolve, seconds * 1000 * deps.pollScale);
      stopped.signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      });
    });

  /** `_call_iot_proxy`: any failure is logged and reads as an empty answer. */
  const callProxy = async (): Promise<ProxyReply> => {
    try {
      const response = await fetch(deps.proxyUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'User-Agent': 'python-requests/2.31.0' },
        body: JSON.stringify({
          params: { pairing_code: code, pairing_uuid: uuid, serial_number: deps.serialNumber },
        }),
        signal: AbortSignal.any([stopped.signal, AbortSignal.timeout(TIMEOUT_MS)]),
      });
      if (!response.ok) {
        throw new Error(`${response.status} Server Error`);
      }
      const reply = ProxyReplySchema.safeParse(await response.json());
      if (!reply.success) {
        throw new Error('requests.exceptions.JSONDecodeError');
      }
      if (reply.data.error === 'expired') {
        expired = true;
        if (deps.flavour === 'iot_drivers') {
          code = false;
          uuid = false;
        }
      }
      return reply.data.result ?? {};
    } catch (error) {
      if (!stopped.signal.aborted) {
        deps.log('ERROR', logger, `Could not reach iot-proxy.odoo.com\n${String(error)}`);
      }
      return {};
    }
  };

  const register = async (): Promise<void> => {
    const reply = await callProxy();
    if (typeof reply['pairing_code'] === 'string' && typeof reply['pairing_uuid'] === 'string') {
      code = reply['pairing_code'];
      uuid = reply['pairing_uuid'];
      registered = true;
    }
  };

  const poll = async (): Promise<void> => {
    const reply = await callProxy();
    const { url, token, db_uuid: dbUuid, enterprise_code: enterpriseCode } = reply;
    if (
      !stopped.signal.aborted &&
      typeof url === 'string' &&
      typeof token === 'string' &&
      typeof dbUuid === 'string' &&
      typeof enterpriseCode === 'string'
    ) {
      newDatabaseUrl = url;
      deps.connect({ url, token, dbUuid, enterpriseCode });
    }
  };

  const shouldPoll = (): boolean => deps.canPoll() && !expired && !stopped.signal.aborted;

  const run = async (): Promise<void> => {
    for (;;) {
      while (shouldPoll()) {
        if (!registered) {
          await register();
        }
        await poll();
        timesPolled += 1;
        await sleep(14 + 1.01 ** timesPolled);
      }
      // iot_drivers keeps checking (the box may get its network later); hw_drivers' thread ends.
      if (deps.flavour === 'hw_drivers' || stopped.signal.aborted) {
        return;
      }
      await sleep(IDLE_CHECK_S);
    }
  };

  void run();
  return {
    get state() {
      return { code, expired, newDatabaseUrl };
    },
    stop() {
      stopped.abort();
    },
  };
}

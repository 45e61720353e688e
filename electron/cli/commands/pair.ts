import { parseArgs } from 'node:util';

import { parseServerToken } from '../../core/box/pairing-input';
import { maskUuid } from '../../core/redact';
import type { CliCommand } from '../cli-command';
import { boxArgument, printFailure } from '../cli-output';
import { UsageError } from '../io';
import { pairByCode } from '../pair-code';
import { createCliPairing, progressPrinter, reportOutcome } from '../pairing-cli';
import { secretOption } from '../read-secret';

const USAGE = `Usage: iotbox pair <box> --code [--wait SECONDS] [--json]
       iotbox pair <box> [--token -] [--name NAME] [--json]

With --code: shows the pairing code the box got from Odoo's pairing service, and the clicks that
use it in Odoo (IoT app → "Connect" → "Use Pairing Code" → enter it in "Pairing code" →
"Connect"). The code is not a secret: the box prints it and shows it on its screen and homepage.
With --wait, keeps reading the box (every 2–3 s) until a database has used the code, waits for
the box's restart, and prints its new status.

Otherwise: connects an IoT box to an Odoo database with the token from the IoT app ("Connect" →
"Offline pairing"; on Odoo 19 and later with the developer mode on)
(either format: url|token|db_uuid|enterprise_code, or https://…?token=…&db_uuid=…), waits for
the box to restart, and prints its new status. The token is checked first; when it is wrong
nothing is sent. The token is asked for (not echoed) unless it is piped in with --token -.

  <box>          the box's IP address, host name or URL
  --code         use the box's pairing code (nothing is sent to the box)
  --wait SECONDS with --code: watch the box at most this long (1–10800)
  --token -      read the connection token from standard input, e.g.
                 pbpaste | iotbox pair 192.168.1.20 --token -
                 (--token TOKEN still works, but shows the token in ps and shell history)
  --name NAME    also rename the box (not Windows or Odoo 19 boxes): 1–32 ASCII letters,
                 digits and inner hyphens; it reboots, then its new name is checked
  --json         print one JSON document (secrets masked)

Exit codes: 0 connected (--code without --wait: the code is shown), 1 the box refused, did not
come back, shows no code, its code expired, it is already connected, or --wait ran out (the
reason is printed), 2 bad usage (nothing sent).`;

const MAX_WAIT_SECONDS = 3 * 60 * 60;

function waitSeconds(value: string | undefined): number | null {
  if (value === undefined) {
    return null;
  }
  const seconds = Number(value);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_WAIT_SECONDS) {
    throw new UsageError(
      `--wait '${value}': a whole number of seconds from 1 to ${MAX_WAIT_SECONDS}`,
    );
  }
  return seconds;
}

export const pairCommand: CliCommand = {
  usage: USAGE,
  async run(argv, io, signal) {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: {
        token: { type: 'string' },
        name: { type: 'string' },
        code: { type: 'boolean' },
        wait: { type: 'string' },
        json: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: true,
    });
    const box = boxArgument(positionals);
    const json = values.json === true;
    const wait = waitSeconds(values.wait);
    if (values.code === true) {
      if (values.token !== undefined || values.name !== undefined) {
        throw new UsageError('--code pairs with the code alone: leave out --token and --name');
      }
      return pairByCode(io, box, wait, json, signal);
    }
    if (wait !== null) {
      throw new UsageError('--wait goes with --code');
    }
    const raw = await secretOption(
      values.token,
      { flag: '--token', label: 'connection token (IoT app: Connect → Offline pairing)' },
      io,
      signal,
    );
    const token = parseServerToken(raw);
    if (!token.ok) {
      return printFailure(io, json, token.error);
    }
    const sent = {
      sent: {
        serverUrl: token.value.serverUrl,
        dbUuid: maskUuid(token.value.dbUuid),
        dbName: token.value.dbName,
      },
    };
    if (!json) {
      io.stderr(`Connecting the box to ${token.value.serverUrl}…\n`);
    }
    const outcome = await (
      await createCliPairing(io)
    ).service.connectServer(
      { box, token: raw, ...(values.name === undefined ? {} : { iotname: values.name }) },
      signal,
      progressPrinter(io, json),
    );
    return reportOutcome(io, json, outcome, sent);
  },
};

import { parseArgs } from 'node:util';

import { parseServerToken } from '../../core/box/pairing-input';
import { maskUuid } from '../../core/redact';
import type { CliCommand } from '../cli-command';
import { boxArgument } from '../cli-output';
import { createCliPairing, progressPrinter, reportFailure, reportOutcome } from '../pairing-cli';
import { secretOption } from '../read-secret';

const USAGE = `Usage: iotbox pair <box> [--token -] [--name NAME] [--json]

Connects an IoT box to an Odoo database with the token from the IoT app's Connect dialog
(either format: url|token|db_uuid|enterprise_code, or https://…?token=…&db_uuid=…), waits for
the box to restart, and prints its new status. The token is checked first; when it is wrong
nothing is sent. The token is asked for (not echoed) unless it is piped in with --token -.

  <box>          the box's IP address, host name or URL
  --token -      read the connection token from standard input, e.g.
                 pbpaste | iotbox pair 192.168.1.20 --token -
                 (--token TOKEN still works, but shows the token in ps and shell history)
  --name NAME    also rename the box (not Windows or Odoo 19 boxes): it reboots, then its
                 new name is checked
  --json         print one JSON document (secrets masked)

Exit codes: 0 connected, 1 the box refused or did not come back, 2 bad usage (nothing sent).`;

export const pairCommand: CliCommand = {
  usage: USAGE,
  async run(argv, io, signal) {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: { token: { type: 'string' }, name: { type: 'string' }, json: { type: 'boolean' } },
      strict: true,
      allowPositionals: true,
    });
    const box = boxArgument(positionals);
    const json = values.json === true;
    const raw = await secretOption(
      values.token,
      { flag: '--token', label: "connection token (from the IoT app's Connect dialog)" },
      io,
      signal,
    );
    const token = parseServerToken(raw);
    if (!token.ok) {
      return reportFailure(io, json, token.error);
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
    const outcome = await createCliPairing(io).service.connectServer(
      { box, token: raw, ...(values.name === undefined ? {} : { iotname: values.name }) },
      signal,
      progressPrinter(io, json),
    );
    return reportOutcome(io, json, outcome, sent);
  },
};

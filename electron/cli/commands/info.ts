import { parseArgs } from 'node:util';

import type { CliCommand } from '../cli-command';
import { EXIT_OK } from '../io';
import { boxArgument, printFailure } from '../cli-output';
import { boxText, createCliPairing } from '../pairing-cli';

const USAGE = `Usage: iotbox info <box> [--json]

Reads an IoT box's status: API generation, name, version, database, whether its credentials are
set, and its own view of its HTTPS certificate. Changes nothing.

  <box>    the box's IP address, host name or URL (its API on port 8069 by default)
  --json   print one JSON document

Exit codes: 0 the box answered, 1 it did not (or is not an IoT box), 2 bad usage.`;

export const infoCommand: CliCommand = {
  usage: USAGE,
  async run(argv, io, signal) {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: { json: { type: 'boolean' } },
      strict: true,
      allowPositionals: true,
    });
    const box = boxArgument(positionals);
    const json = values.json === true;
    const info = await (await createCliPairing(io)).service.getInfo(box, signal);
    if (!info.ok) {
      return printFailure(io, json, info.error);
    }
    io.stdout(
      json ? `${JSON.stringify({ ok: true, box: info.value }, null, 2)}\n` : boxText(info.value),
    );
    return EXIT_OK;
  },
};

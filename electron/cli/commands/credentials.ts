import { parseArgs } from 'node:util';

import { validateCredentials } from '../../core/box/pairing-input';
import { maskUuid } from '../../core/redact';
import type { CliCommand } from '../cli-command';
import { EXIT_PROBLEM, UsageError } from '../io';
import { boxArgument, messageFor, printFailure } from '../cli-output';
import { createCliPairing, progressPrinter, reportOutcome } from '../pairing-cli';
import { readSecret, secretOption } from '../read-secret';

const USAGE = `Usage: iotbox credentials <box> --db-uuid UUID [--enterprise-code -] [--json]
       iotbox credentials <box> --from-db URL --login LOGIN [--api-key] [--database NAME] [--json]

Gives an IoT box the two values it needs to obtain its HTTPS certificate: the database UUID and
the enterprise (subscription) code. Either type them (the code is asked for without echo, or
piped in with --enterprise-code -), or read them from the database as an administrator
(password or API key from IOTBOX_PASSWORD, or asked without echo). Reading the database uses
Odoo's external API, which Odoo offers on Custom plans only: on One App Free and Standard plans,
use \`iotbox pair --code\` or \`iotbox pair --token -\` instead. Warns when odoo.com will refuse the
certificate (copy/staging database, expired subscription, no code). Waits for the box to restart
and prints its new status. Nothing is stored on this computer.

  <box>                   the box's IP address, host name or URL
  --db-uuid UUID          the database UUID (8-4-4-4-12 hexadecimal)
  --enterprise-code -     read the subscription code from standard input
                          (--enterprise-code CODE still works, but shows the code in ps and
                          shell history)
  --from-db URL           read both from this Odoo database instead
  --login LOGIN           an administrator's login (with --from-db)
  --api-key               the secret is an API key made in Odoo (My Profile → Account Security
                          → New API Key), not the password: needed with two-factor
                          authentication, and read through JSON-2 on Odoo 19 and later
  --database NAME         the database name, when the server hosts several
  --allow-http            send the password even to a plain http:// database on the network
                          (refused by default: it would cross the network unencrypted)
  --json                  print one JSON document (UUID shortened, code never shown)

Exit codes: 0 saved, 1 refused (by the database or the box) or the box did not come back,
2 bad usage (nothing sent).`;

export const credentialsCommand: CliCommand = {
  usage: USAGE,
  async run(argv, io, signal) {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: {
        'db-uuid': { type: 'string' },
        'enterprise-code': { type: 'string' },
        'from-db': { type: 'string' },
        login: { type: 'string' },
        'api-key': { type: 'boolean' },
        database: { type: 'string' },
        'allow-http': { type: 'boolean' },
        json: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: true,
    });
    const box = boxArgument(positionals);
    const json = values.json === true;
    const typed = values['db-uuid'] !== undefined || values['enterprise-code'] !== undefined;
    const fromDb = values['from-db'];
    if (typed === (fromDb !== undefined)) {
      throw new UsageError(
        'give either --db-uuid and --enterprise-code, or --from-db URL --login LOGIN',
      );
    }
    const pairing = await createCliPairing(io);
    const progress = progressPrinter(io, json);

    if (fromDb === undefined) {
      if (values['db-uuid'] === undefined) {
        throw new UsageError('missing --db-uuid UUID');
      }
      const enterpriseCode = await secretOption(
        values['enterprise-code'],
        { flag: '--enterprise-code', label: 'enterprise code' },
        io,
        signal,
      );
      const credentials = validateCredentials({ dbUuid: values['db-uuid'], enterpriseCode });
      if (!credentials.ok) {
        return printFailure(io, json, credentials.error);
      }
      const outcome = await pairing.service.saveCredentials(
        { box, credentials: { source: 'typed', ...credentials.value }, remember: false },
        signal,
        progress,
      );
      return reportOutcome(io, json, outcome, {
        sent: { dbUuid: maskUuid(credentials.value.dbUuid) },
      });
    }

    if (values.login === undefined) {
      throw new UsageError('missing --login LOGIN (an administrator of the database)');
    }
    const apiKey = values['api-key'] === true;
    const password =
      io.env['IOTBOX_PASSWORD'] ??
      (await readSecret(
        apiKey ? `API key of ${values.login}: ` : `Password for ${values.login}: `,
        signal,
        `no ${apiKey ? 'API key' : 'password'}: set IOTBOX_PASSWORD or run in a terminal to be asked for it`,
      ));
    const allowHttp = values['allow-http'] === true;
    if (allowHttp) {
      io.stderr(
        'Warning: --allow-http: if the database answers on plain http://, the password crosses the network unencrypted.\n',
      );
    }
    const read = await pairing.odoo.readCredentials(
      {
        url: fromDb,
        login: values.login,
        password,
        signInWith: apiKey ? 'api-key' : 'password',
        database: values.database,
        allowUnencrypted: allowHttp,
      },
      signal,
    );
    if (!read.ok) {
      const exit = printFailure(io, json, read.error);
      if (read.error.code === 'odoo-password-unencrypted' && !json) {
        io.stderr('Nothing was sent. Add --allow-http to send the password anyway.\n');
      }
      return exit;
    }
    const { dbUuid, enterpriseCode, ...database } = read.value;
    const summary = {
      database: {
        ...database,
        dbUuid: maskUuid(dbUuid),
        enterpriseCodeSet: enterpriseCode !== null,
      },
    };
    if (!json) {
      for (const warning of database.warnings) {
        const message = messageFor(warning);
        io.stderr(`Warning: ${message?.title ?? warning}. ${message?.description ?? ''}\n`);
      }
    }
    if (enterpriseCode === null) {
      printFailure(io, json, { code: 'odoo-no-enterprise-code' }, summary);
      return EXIT_PROBLEM;
    }
    const outcome = await pairing.service.saveCredentials(
      {
        box,
        credentials: {
          source: 'database',
          readId: pairing.cache.put({
            dbUuid,
            enterpriseCode,
            origin: {
              serverUrl: database.serverUrl,
              database: database.database,
              serverVersion: database.serverVersion,
            },
          }),
        },
        remember: false,
      },
      signal,
      progress,
    );
    return reportOutcome(io, json, outcome, { ...summary, sent: { dbUuid: maskUuid(dbUuid) } });
  },
};

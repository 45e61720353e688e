import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';

import { ok } from '../../shared/result';
import { createCliCore } from '../cli-core';
import { boxTargetArgument } from '../cli-output';
import {
  CERTIFICATE_FLAGS,
  certificateOptions,
  REFERENCE_FLAGS,
  referenceOptions,
} from '../cli-options';
import type { CliCommand } from '../cli-command';
import { EXIT_OK, EXIT_PROBLEM, UsageError } from '../io';

const USAGE = `Usage: iotbox doctor <box> [--json] [--report FILE] [--reference-dns IP[:PORT]]...
                     [--doh URL|off] [--https-port PORT] [--odoo-com-url URL]

Runs every check on one box — its status, its certificate as the box sees it, HTTPS from this
computer, and the DNS differential for its odoo-iot.com name — and prints a summary for a
support ticket. Secrets (enterprise code, tokens, passwords) are removed; database UUIDs show
only their first 8 characters.

  --report FILE       also write the report: FILE.html and FILE.json (or exactly FILE when it
                      ends in .html or .json)
  --reference-dns, --doh   as for iotbox dns
  --https-port PORT   the box's TLS port when it is not 443
  --odoo-com-url URL  where this computer checks its own access to odoo.com
  --json              print the whole report as one JSON document

Exit codes: 0 every check passed, 1 a check found a problem, 2 bad usage.`;

function reportPaths(file: string): { html?: string; json?: string } {
  if (/\.html?$/i.test(file)) {
    return { html: file };
  }
  if (/\.json$/i.test(file)) {
    return { json: file };
  }
  return { html: `${file}.html`, json: `${file}.json` };
}

export const doctorCommand: CliCommand = {
  usage: USAGE,
  run: async (argv, io, signal) => {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: {
        json: { type: 'boolean' },
        report: { type: 'string' },
        ...REFERENCE_FLAGS,
        ...CERTIFICATE_FLAGS,
      },
      strict: true,
      allowPositionals: true,
    });
    const { ref, target } = boxTargetArgument(positionals);
    if (values.report !== undefined && values.report.trim() === '') {
      throw new UsageError('--report needs a file name');
    }
    const dns = referenceOptions(values, io.env);
    const certificate = certificateOptions(values);

    const core = createCliCore(io, {}, { certificate, dns });
    const service = await core.services.report();
    const created = await service.create({ ref, target: ok(target) }, signal);
    const files = service.files();
    if (values.report !== undefined && files !== null) {
      const paths = reportPaths(values.report);
      if (paths.html !== undefined) {
        await writeFile(paths.html, files.html, 'utf8');
      }
      if (paths.json !== undefined) {
        await writeFile(paths.json, files.json, 'utf8');
      }
      if (!values.json) {
        io.stderr(`Report written: ${[paths.html, paths.json].filter(Boolean).join(', ')}\n`);
      }
    }
    io.stdout(values.json ? `${JSON.stringify(created.report, null, 2)}\n` : created.summary);
    const allOk =
      created.report.checks.length > 0 && created.report.checks.every((check) => check.ok);
    return allOk ? EXIT_OK : EXIT_PROBLEM;
  },
};

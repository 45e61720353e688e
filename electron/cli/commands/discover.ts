import { parseArgs } from 'node:util';

import { parseCidr } from '../../core/discovery/ipv4';
import { addressWaitHint } from '../../shared/address-check';
import { formatBoxAddress } from '../../shared/box-address';
import { boxMarks, boxName } from '../../shared/box-identity';
import type { DiscoveryReport, FoundBox } from '../../shared/schemas/discovery';
import type { DiagnosisCode } from '../../shared/diagnosis';
import en from '../../shared/locales/en.json';
import type { CliCommand } from '../cli-command';
import { createCliCore } from '../cli-core';
import { boxAddress, english, fillTemplate } from '../cli-output';
import { EXIT_OK, EXIT_PROBLEM, UsageError, type CliIo } from '../io';

const USAGE = `Usage: iotbox discover [--json] [--timeout SECONDS] [--subnet CIDR]... [--interface NAME]...
                       [--no-mdns] [--no-sweep]
       iotbox discover <address> [--json] [--timeout SECONDS]

Finds Odoo IoT boxes on this computer's networks by mDNS and by checking every address of the
local subnets, and lists each box as soon as it is confirmed (it must answer like a box).

With an <address> (an IP, host name or URL, as shown on the box's screen or receipt) only that
address is checked, patiently: asked again every second while it refuses, stays silent or
answers like a box still starting, for up to --timeout (default 15 s), with the wait shown.

  --subnet CIDR       check only this range, e.g. 192.168.1.0/24 (repeatable; /16 at most);
                      by default each network of this computer (wider than /22: its /24)
  --interface NAME    use only this network interface, e.g. eth0 or Wi-Fi (repeatable)
  --timeout SECONDS   stop after SECONDS at most (1–120, default 20); a search normally ends
                      within a second, as soon as every channel has nothing more to add
  --no-mdns           do not search by name (mDNS)
  --no-sweep          do not check every address
  --json              print one JSON document at the end

Exit codes: 0 at least one box found, 1 none found, 2 bad usage.`;

const MAX_TIMEOUT_SECONDS = 120;
/** What the wizard gives a typed address (DEFAULT_DISCOVERY_TUNING.addressPatienceMs). */
const ADDRESS_TIMEOUT_MS = 15_000;

function parseTimeout(raw: string | undefined): number | undefined {
  if (raw === undefined) {
    return undefined;
  }
  const seconds = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw) || seconds < 1 || seconds > MAX_TIMEOUT_SECONDS) {
    throw new UsageError(`--timeout must be a number of seconds from 1 to 120, got '${raw}'`);
  }
  return Math.round(seconds * 1000);
}

/**
 * The `--json` shape of a box: the fields technicians script against, unknown ones null. `ip`
 * and `port` are where it answered; `reportedIp` is only what it says (different behind NAT).
 */
function jsonBox(box: FoundBox) {
  return {
    ip: box.address.host,
    port: box.address.port,
    reportedIp: box.ip,
    alsoClaimedBy: box.alsoClaimedBy.map(formatBoxAddress),
    name: box.name,
    identifier: box.identifier,
    mac: box.mac,
    version: box.version,
    system: box.system,
    api: box.api,
    foundBy: box.foundBy,
    serverUrl: box.serverUrl,
    certificate: box.certificate,
  };
}

function describeBox(box: FoundBox): string {
  const details = [
    box.api.toUpperCase(),
    box.version,
    box.system,
    box.accessPoint ? 'access point (needs Wi-Fi setup)' : null,
    box.serverUrl === null ? 'not connected' : `connected to ${box.serverUrl}`,
  ].filter((part) => part !== null);
  const marks = boxMarks(box).map(english);
  const found = `${boxName(box, english)} at ${formatBoxAddress(box.address)}${marks.length > 0 ? ` (${marks.join(', ')})` : ''} — ${details.join(', ')} (found by ${box.foundBy.join(', ')})`;
  return box.alsoClaimedBy.length === 0
    ? found
    : `${found}\n  Warning: ${fillTemplate(en.findBox.sameIdentity, { addresses: box.alsoClaimedBy.map(formatBoxAddress).join(', ') })}`;
}

function printReasons(io: CliIo, reasons: readonly DiagnosisCode[]): void {
  const messages: Readonly<Record<string, { title: string; description: string; action: string }>> =
    en.messages;
  for (const code of reasons) {
    const message = messages[code];
    if (message !== undefined) {
      io.stdout(`\n${message.title}\n  ${message.description}\n  → ${message.action}\n`);
    }
  }
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

function printSummary(io: CliIo, report: DiscoveryReport): void {
  const count = report.boxes.length;
  const channels = Object.entries(report.channels)
    .map(([channel, { durationMs }]) => `${channel} ${seconds(durationMs)}`)
    .join(', ');
  io.stdout(
    `\n${count === 1 ? '1 box' : `${count} boxes`} found; ${report.probed} addresses checked in ${seconds(report.durationMs)} (${channels}).\n`,
  );
  printReasons(io, report.reasons);
}

/** One address, patiently: the wait on stderr, the box (or why not) on stdout. */
async function checkOne(
  io: CliIo,
  address: string,
  options: { readonly json: boolean; readonly timeoutMs: number | undefined },
  signal: AbortSignal,
): Promise<number> {
  const target = boxAddress(address, '<address>');
  const budgetMs = options.timeoutMs ?? ADDRESS_TIMEOUT_MS;
  const service = await createCliCore(
    io,
    {},
    {
      discovery: { tuning: { addressPatienceMs: budgetMs } },
    },
  ).services.discovery();
  let lastSecond = 0;
  let hinted = false;
  const started = performance.now();
  const result = await service.checkAddress(target, signal, (progress) => {
    const second = Math.floor(progress.elapsedMs / 1000);
    if (options.json || second <= lastSecond) {
      return;
    }
    lastSecond = second;
    io.stderr(
      `${fillTemplate(en.findBox.waiting, {
        address,
        seconds: second,
        total: Math.round(budgetMs / 1000),
      })}\n`,
    );
    const hint = addressWaitHint(progress);
    if (hint !== null && !hinted) {
      hinted = true;
      io.stderr(`  ${english(hint)}\n`);
    }
  });
  const durationMs = Math.round(performance.now() - started);
  if (options.json) {
    io.stdout(
      `${JSON.stringify({
        boxes: result.ok ? [jsonBox(result.value)] : [],
        durationMs,
        channels: {},
        probed: 1,
        reasons: result.ok ? [] : [result.error.code],
      })}\n`,
    );
  } else if (result.ok) {
    io.stdout(`Found ${describeBox(result.value)}\n`);
  } else {
    printReasons(io, [result.error.code]);
  }
  return result.ok ? EXIT_OK : EXIT_PROBLEM;
}

export const discoverCommand: CliCommand = {
  usage: USAGE,
  async run(argv, io, signal) {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: {
        json: { type: 'boolean', default: false },
        timeout: { type: 'string' },
        subnet: { type: 'string', multiple: true },
        interface: { type: 'string', multiple: true },
        'no-mdns': { type: 'boolean', default: false },
        'no-sweep': { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: true,
    });
    const timeoutMs = parseTimeout(values.timeout);
    const [address, ...extra] = positionals;
    if (extra.length > 0) {
      throw new UsageError(`unexpected argument '${extra[0] ?? ''}'`);
    }
    if (address !== undefined) {
      if (values.subnet !== undefined || values.interface !== undefined) {
        throw new UsageError('an <address> is checked alone: no --subnet or --interface with it');
      }
      return checkOne(io, address, { json: values.json, timeoutMs }, signal);
    }
    for (const subnet of values.subnet ?? []) {
      if (parseCidr(subnet) === null) {
        throw new UsageError(
          `--subnet must be an IPv4 range such as 192.168.1.0/24, got '${subnet}'`,
        );
      }
    }
    const service = await createCliCore(io).services.discovery();
    const result = await service.scan(
      {
        subnets: values.subnet,
        interfaces: values.interface,
        mdns: !values['no-mdns'],
        sweep: !values['no-sweep'],
        timeoutMs,
      },
      values.json
        ? {}
        : {
            onBoxFound: (box) => io.stdout(`Found ${describeBox(box)}\n`),
            onBoxUpdated: (box) =>
              io.stdout(
                box.alsoClaimedBy.length === 0
                  ? `  ${formatBoxAddress(box.address)} also found by ${box.foundBy.join(', ')}\n`
                  : `  ${describeBox(box)}\n`,
              ),
          },
      signal,
    );
    if (!result.ok) {
      const { code, detail = '' } = result.error;
      // The scope is checked before anything is sent, so these are still usage errors.
      if (code === 'discovery-subnet-invalid') {
        throw new UsageError(
          `--subnet ${detail} is too wide (at most /16, 65,536 addresses in all)`,
        );
      }
      if (code === 'discovery-interface-unknown') {
        throw new UsageError(`--interface '${detail}' is not a network interface of this computer`);
      }
      io.stderr(`iotbox: discovery stopped (${code})\n`);
      return EXIT_PROBLEM;
    }
    const report = result.value;
    if (values.json) {
      io.stdout(
        `${JSON.stringify({
          boxes: report.boxes.map(jsonBox),
          durationMs: report.durationMs,
          channels: report.channels,
          probed: report.probed,
          reasons: report.reasons,
        })}\n`,
      );
    } else {
      printSummary(io, report);
    }
    return report.boxes.length > 0 ? EXIT_OK : EXIT_PROBLEM;
  },
};

import type { Pairing } from '../core/box/create-pairing';
import type { BoxInfo } from '../shared/schemas/box';
import type { BoxRestartProgress, PairingOutcome } from '../shared/schemas/pairing';
import type { Failure, Result } from '../shared/result';
import { createCliCore } from './cli-core';
import { printFailure } from './cli-output';
import { EXIT_OK, type CliIo } from './io';
import { formatBoxAddress, reportsOtherAddress } from '../shared/box-address';

/*
 * What `iotbox info`, `pair` and `credentials` share: the pairing services of the CLI's core (the
 * CLI never stores secrets), the box's status as text, progress while it restarts, and the
 * outcome of a change.
 */

/** The pairing services over the CLI's core. */
export async function createCliPairing(io: CliIo): Promise<Pairing> {
  return createCliCore(io).services.pairing();
}

function certificateText(info: BoxInfo): string {
  const certificate = info.certificate;
  switch (certificate.state) {
    case 'ok':
      return `valid${certificate.subject ? ` (${certificate.subject})` : ''}${certificate.notAfter ? ` until ${certificate.notAfter}` : ''}`;
    case 'temporary':
      return 'temporary (not yet issued by odoo.com)';
    case 'missing':
      return 'none yet';
    case 'failed':
      return `failed: ${certificate.code}${certificate.httpStatus === null ? '' : ` ${certificate.httpStatus}`}${certificate.detail ? ` — ${certificate.detail.split('\n')[0] ?? ''}` : ''}`;
    case 'refused':
      return `refused by odoo.com: the box's status page fails (HTTP 500) while asking for it${certificate.detail ? ` — ${certificate.detail}` : ''}`;
    case 'unknown':
      return 'not reported by the box';
  }
}

/** Which of the two values the box stores (a database without a code sends an empty one). */
function credentialsText(info: BoxInfo): string {
  if (info.dbUuidSet === null && info.enterpriseCodeSet === null) {
    return 'not shown by the box';
  }
  const state = (value: boolean | null): string =>
    value === null ? 'not shown' : value ? 'set' : 'not set';
  return `database UUID ${state(info.dbUuidSet)}, enterprise code ${state(info.enterpriseCodeSet)}`;
}

export function boxText(info: BoxInfo): string {
  const rows: [string, string][] = [
    ['Box', `${formatBoxAddress(info.address)} (API ${info.api.toUpperCase()})`],
    // Behind NAT, or a box naming another address: shown, never used.
    ...(reportsOtherAddress(info) ? [['Reports IP', info.ip] as [string, string]] : []),
    // Odoo 19 boxes are named in the database's IoT app; Windows boxes by their computer.
    ['Name', `${info.name ?? '—'}${info.canRename ? '' : ' (cannot be renamed from here)'}`],
    ['Version', `${info.version ?? '—'}${info.system ? ` on ${info.system}` : ''}`],
    ['MAC', info.mac ?? '—'],
    ['Identifier', info.identifier ?? '—'],
    ['Database', info.serverUrl ?? 'not connected'],
    ['Credentials', credentialsText(info)],
    ['Certificate', certificateText(info)],
  ];
  if (info.pairingCode !== null) {
    rows.push(['Pairing code', info.pairingCode]);
  }
  if (info.accessPoint) {
    rows.push([
      'Network',
      `waiting for Wi-Fi: runs its own network${info.accessPointSsid === null ? '' : ` ${info.accessPointSsid}`} (first set-up)`,
    ]);
  }
  return `${rows.map(([label, value]) => `${`${label}:`.padEnd(14)}${value}`).join('\n')}\n`;
}

export function progressPrinter(io: CliIo, json: boolean): (progress: BoxRestartProgress) => void {
  let last = '';
  return (progress) => {
    if (json || progress.phase === last) {
      return;
    }
    last = progress.phase;
    const text = {
      'going-down': 'Waiting for the box to restart…',
      down: 'The box is restarting…',
      starting: 'Still starting…',
      back: 'The box answers again.',
      updating:
        "The box is switching to your database's Odoo version and restarts once more (this can take a few minutes)…",
    }[progress.phase];
    io.stderr(`${text}\n`);
  };
}

/** Prints the outcome of a change: the box's new status. */
export function reportOutcome(
  io: CliIo,
  json: boolean,
  outcome: Result<PairingOutcome, Failure>,
  extra: object = {},
): number {
  if (!outcome.ok) {
    return printFailure(io, json, outcome.error, extra);
  }
  if (json) {
    io.stdout(`${JSON.stringify({ ok: true, ...extra, ...outcome.value }, null, 2)}\n`);
  } else {
    if (outcome.value.before.api !== outcome.value.box.api) {
      io.stdout(
        `The box now speaks API ${outcome.value.box.api.toUpperCase()} (it updated itself to match the database).\n`,
      );
    }
    io.stdout(boxText(outcome.value.box));
  }
  return EXIT_OK;
}

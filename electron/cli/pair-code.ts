import type { BoxTarget } from '../core/box/box-target';
import type { PairingSnapshot } from '../core/box/pairing-watch';
import type { BoxInfo } from '../shared/schemas/box';
import type { PairingOutcome, PairingWatchProgress } from '../shared/schemas/pairing';
import type { Failure, Result } from '../shared/result';
import en from '../shared/locales/en.json';
import { printFailure } from './cli-output';
import { EXIT_OK, type CliIo } from './io';
import { boxText, createCliPairing, progressPrinter } from './pairing-cli';

/*
 * `iotbox pair <box> --code [--wait SECONDS]`: the pairing code the box got from Odoo's pairing
 * service, the clicks that use it in Odoo, and — with --wait — the box watched until a database
 * used it and it is back from restarting. The code is not a secret (the box prints it and shows
 * it on its screen and homepage); tokens and credentials never appear here at all.
 */

/** What `--json` always carries, whatever happened. */
type CodeDocument = {
  readonly pairingCode: string | null;
  readonly expired: boolean;
  readonly serverUrl: string | null;
  readonly connected: boolean;
};

const EMPTY: CodeDocument = {
  pairingCode: null,
  expired: false,
  serverUrl: null,
  connected: false,
};

/** The clicks in Odoo, with Odoo's own labels (the wizard shows the same, translated). */
export function codeInstructions(code: string): string {
  const steps = [en.connect.code.step1, en.connect.code.step2, en.connect.code.step3];
  return [
    `Pairing code: ${code}`,
    en.connect.code.stepsTitle,
    ...steps.map((step, index) => `  ${index + 1}. ${step}`),
    en.connect.code.olderNote,
    en.connect.code.validity,
    '',
  ].join('\n');
}

/** Why a box read once cannot be paired by code now (none when it shows a usable code). */
function snapshotFailure(snapshot: PairingSnapshot): Failure | null {
  const { box, pairing, state } = snapshot;
  if (pairing.accessPoint || box.accessPoint) {
    return { code: 'pairing-access-point' };
  }
  if (state === 'connected') {
    return { code: 'pairing-already-connected', detail: pairing.serverUrl ?? '' };
  }
  if (pairing.expired === true) {
    return { code: 'pairing-code-expired' };
  }
  return state === 'code' ? null : { code: 'pairing-no-code' };
}

function fail(io: CliIo, json: boolean, failure: Failure, document: CodeDocument): number {
  return printFailure(io, json, failure, document);
}

function succeed(io: CliIo, json: boolean, document: CodeDocument, box: BoxInfo): number {
  if (json) {
    io.stdout(`${JSON.stringify({ ok: true, ...document, box }, null, 2)}\n`);
  }
  return EXIT_OK;
}

/** Text progress while watching: one line each time what the box shows changes. */
function watchPrinter(io: CliIo, json: boolean, seen: { code: string | null }) {
  let last = '';
  return (progress: PairingWatchProgress): void => {
    seen.code = progress.pairingCode ?? seen.code;
    const key = `${progress.state}:${progress.pairingCode ?? ''}`;
    if (json || key === last) {
      return;
    }
    last = key;
    switch (progress.state) {
      case 'waiting':
        io.stderr('Waiting for the box to get its pairing code from Odoo…\n');
        break;
      case 'code':
        io.stderr(codeInstructions(progress.pairingCode ?? ''));
        io.stderr('Waiting for Odoo to use the code…\n');
        break;
      case 'no-code':
        io.stderr(
          `Still no pairing code: ${en.messages['pairing-no-code'].description}\n(still waiting)\n`,
        );
        break;
      case 'connected':
        io.stderr(
          `Odoo used the code: the box is connecting to ${progress.serverUrl ?? ''} and restarts.\n`,
        );
        break;
    }
  };
}

export async function pairByCode(
  io: CliIo,
  box: BoxTarget,
  waitSeconds: number | null,
  json: boolean,
  signal: AbortSignal,
): Promise<number> {
  const pairing = await createCliPairing(io);
  if (waitSeconds === null) {
    const snapshot = await pairing.watch.status(box, signal);
    if (!snapshot.ok) {
      return fail(io, json, snapshot.error, EMPTY);
    }
    const { pairing: status } = snapshot.value;
    const document: CodeDocument = {
      pairingCode: status.code,
      expired: status.expired === true,
      serverUrl: status.serverUrl,
      connected: status.serverUrl !== null,
    };
    const failure = snapshotFailure(snapshot.value);
    if (failure !== null) {
      return fail(io, json, failure, document);
    }
    if (!json) {
      io.stdout(codeInstructions(status.code ?? ''));
      io.stdout(`Run with --wait SECONDS to follow the box until Odoo has used the code.\n`);
    }
    return succeed(io, json, document, snapshot.value.box);
  }
  const seen: { code: string | null } = { code: null };
  const outcome: Result<PairingOutcome, Failure> = await pairing.watch.watch(
    box,
    { timeoutMs: waitSeconds * 1000 },
    { onProgress: watchPrinter(io, json, seen), onRestart: progressPrinter(io, json) },
    signal,
  );
  if (!outcome.ok) {
    const already = outcome.error.code === 'pairing-already-connected';
    return fail(io, json, outcome.error, {
      pairingCode: seen.code,
      expired: outcome.error.code === 'pairing-code-expired',
      serverUrl: already ? (outcome.error.detail ?? null) : null,
      connected: already,
    });
  }
  const connected = outcome.value.box;
  if (!json) {
    io.stdout(boxText(connected));
  }
  return succeed(
    io,
    json,
    {
      pairingCode: seen.code,
      expired: false,
      serverUrl: connected.serverUrl,
      connected: connected.serverUrl !== null,
    },
    connected,
  );
}

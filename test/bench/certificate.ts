// `npm run bench:certificate`: the certificate step's speed on loopback simulators (no root).
// HTTPS verification alone, a full status report, and guiding a G2 and a G4 box from the
// temporary certificate to a verified one with the production poll schedule.
// Not a test: no pass/fail, prints medians against the targets.
import { nodeTls } from '../../electron/core/adapters/node-tls';
import type { BoxTarget } from '../../electron/core/box/box-target';
import type { LookupPort } from '../../electron/core/ports';
import { verifyBoxHttps } from '../../electron/core/tls/https-verifier';
import { startBoxSimulator, type BoxSimulator } from '../lab/sim/box-simulator';
import { createLabCa } from '../lab/sim/lab-ca';
import { startOdooComSimulator } from '../lab/sim/odoo-com-simulator';
import { testCore } from '../support/test-ports';

const targetOf = (box: BoxSimulator): BoxTarget => ({ host: box.host, port: box.port });

const RUNS = Number(process.env['BENCH_RUNS'] ?? '5');
const TARGETS = { verifyMs: 300, statusMs: 1_000, acquireG2Ms: 2_000, acquireG4Ms: 15_000 };
const HASH = 'be4c4b01';
const DB = { serverUrl: 'https://shop.example.test', dbUuid: 'bench-db', enterpriseCode: 'M1' };

const ca = createLabCa();
const com = await startOdooComSimulator({ ca, hash: HASH });
const lookup: LookupPort = {
  lookup: (name) => {
    const match = /^(127-0-0-\d+)\./.exec(name);
    return Promise.resolve(
      match?.[1] === undefined
        ? { ok: false, code: 'ENOTFOUND', message: name }
        : { ok: true, addresses: [match[1].replace(/-/g, '.')] },
    );
  },
};
const signal = new AbortController().signal;
const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const time = async (run: () => Promise<unknown>): Promise<number> => {
  const started = performance.now();
  await run();
  return performance.now() - started;
};

const closers: BoxSimulator[] = [];
const box = async (host: string, generation: 'g2' | 'g4', valid: boolean, httpsPort: number) => {
  const simulator = await startBoxSimulator({
    generation,
    host,
    port: 0,
    httpsPort,
    ca,
    x509Url: com.x509Url,
    certificate: valid ? 'valid' : 'temporary',
    certificateHash: HASH,
    checkCertificateAtStart: false,
    ...DB,
  });
  closers.push(simulator);
  return simulator;
};

const rows: [string, number, number][] = [];
try {
  const valid = await box('127.0.0.121', 'g4', true, 0);
  const httpsPort = valid.httpsPort ?? 0;
  const service = await testCore(
    { lookup },
    { certificate: { extraCa: [ca.certPem], httpsPort, odooComUrl: 'http://127.0.0.1:9/' } },
  ).core.services.certificate();
  const verify: number[] = [];
  const status: number[] = [];
  for (let index = 0; index < RUNS; index += 1) {
    verify.push(
      await time(() =>
        verifyBoxHttps(
          { ip: valid.host, port: httpsPort, name: HASH },
          { lookup, tls: nodeTls, now: () => new Date(), extraCa: [ca.certPem] },
          signal,
        ),
      ),
    );
    status.push(await time(() => service.getStatus(targetOf(valid), signal)));
  }
  rows.push(['verify HTTPS (by name)', median(verify), TARGETS.verifyMs]);
  rows.push(['status report (G4, valid)', median(status), TARGETS.statusMs]);

  const acquireG2: number[] = [];
  const acquireG4: number[] = [];
  for (let index = 0; index < Math.min(RUNS, 3); index += 1) {
    const g2 = await box(`127.0.0.${130 + index}`, 'g2', false, httpsPort);
    acquireG2.push(await time(() => service.acquire(targetOf(g2), {}, () => undefined, signal)));
    const g4 = await box(`127.0.0.${140 + index}`, 'g4', false, httpsPort);
    acquireG4.push(await time(() => service.acquire(targetOf(g4), {}, () => undefined, signal)));
  }
  rows.push(['temporary → verified (G2)', median(acquireG2), TARGETS.acquireG2Ms]);
  rows.push(['temporary → verified (G4, restart)', median(acquireG4), TARGETS.acquireG4Ms]);
} finally {
  await Promise.allSettled([...closers.map((simulator) => simulator.close()), com.close()]);
}

process.stdout.write(`certificate bench, median of ${RUNS} runs (loopback simulators)\n`);
for (const [name, value, target] of rows) {
  const verdict = value <= target ? 'ok' : 'SLOW';
  process.stdout.write(
    `${name.padEnd(38)} ${`${Math.round(value)} ms`.padStart(9)}   target ≤ ${target} ms  ${verdict}\n`,
  );
}

// `npm run bench:discovery` (root, Linux): a namespace LAN /24 with a box announced by avahi
// (`iotbox.local`), a box reachable only by the sweep, a decoy and ~250 silent addresses.
// Prints a table of the app's discovery against a reference naive sweep. Not a test: no pass/fail.
import { createLabLan, requireLab } from '../lab/netns';

const TARGETS = { firstBoxMs: 500, allBoxesMs: 2_000, sweepMs: 3_000, speedup: 5 };
const RUNS = Number(process.env['BENCH_RUNS'] ?? '3');

type Timings = {
  mdnsBoxMs?: number | null;
  firstBoxMs: number | null;
  allBoxesMs: number | null;
  sweepMs: number;
  boxes: number;
};
type Run = { app: Timings; naive: Timings };

const gate = requireLab();
if (gate.skip) {
  process.stderr.write(`bench:discovery needs the lab (root, Linux): ${gate.reason}\n`);
  process.exit(1);
}

const lan = await createLabLan({ boxes: [{ mdns: { hostName: 'iotbox' } }, { mdns: false }] });
const runs: Run[] = [];
try {
  for (let index = 0; index < RUNS; index += 1) {
    const result = await lan.execNode(
      'pc',
      'test/bench/discovery-run.ts',
      ['192.168.77.0/24', 'eth0', '2'],
      {
        timeoutMs: 120_000,
      },
    );
    const line = result.stdout.trim().split('\n').at(-1) ?? '';
    if (result.code !== 0 || line === '') {
      throw new Error(`run ${index + 1} failed (${result.code}): ${result.stderr}`);
    }
    runs.push(JSON.parse(line) as Run);
  }
} finally {
  await lan.close();
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
const pick = (
  side: 'app' | 'naive',
  key: 'mdnsBoxMs' | 'firstBoxMs' | 'allBoxesMs' | 'sweepMs',
): number => median(runs.map((run) => run[side][key] ?? Number.NaN));
const ms = (value: number): string => (Number.isFinite(value) ? `${Math.round(value)} ms` : 'n/a');

const rows: [string, number, number, number][] = [
  ['mDNS box', pick('app', 'mdnsBoxMs'), Number.NaN, TARGETS.firstBoxMs],
  ['first box', pick('app', 'firstBoxMs'), pick('naive', 'firstBoxMs'), TARGETS.firstBoxMs],
  ['every box', pick('app', 'allBoxesMs'), pick('naive', 'allBoxesMs'), TARGETS.allBoxesMs],
  ['sweep complete', pick('app', 'sweepMs'), pick('naive', 'sweepMs'), TARGETS.sweepMs],
];
const ratio = pick('naive', 'sweepMs') / pick('app', 'sweepMs');
process.stdout.write(
  [
    `Discovery benchmark — namespace LAN 192.168.77.0/24, median of ${runs.length} runs`,
    `boxes found: app ${runs.map((run) => run.app.boxes).join('/')}, naive ${runs.map((run) => run.naive.boxes).join('/')}`,
    '',
    `| measure          | app        | naive (8×400 ms) | target   |`,
    `| ---------------- | ---------- | ---------------- | -------- |`,
    ...rows.map(
      ([name, app, naive, target]) =>
        `| ${name.padEnd(16)} | ${ms(app).padEnd(10)} | ${ms(naive).padEnd(16)} | ≤ ${ms(target).padEnd(6)} |`,
    ),
    `| sweep speed-up   | ${`${ratio.toFixed(1)}×`.padEnd(10)} |                  | ≥ ${TARGETS.speedup}×     |`,
    '',
  ].join('\n'),
);

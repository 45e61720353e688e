// `npm run bench:discovery` (root, Linux; `npm run build` first; nmap for its reference): a
// namespace LAN /24 with a box announced by avahi (`iotbox.local`), a box reachable only by the
// sweep, a decoy web server and ~250 silent addresses. Times the whole `iotbox discover`
// command against Odoo's legacy browser scan and `nmap -sn` in the same run, and prints each
// target as PASS or FAIL (exit code 1 when one fails).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

import { createLabLan, REPO_ROOT, requireLab, type LabLan } from '../lab/netns';
import { median, ms, printTable, times, type Row } from './bench-report';

const SUBNET = '192.168.77.0/24';
const CLI = path.join(REPO_ROOT, 'out/main/cli.js');
const RUNS = Number(process.env['BENCH_RUNS'] ?? '5');
const TARGETS = { commandMs: 1_000, vsLegacy: 12 };

type ChannelTimes = Record<string, { durationMs: number; boxes: number }>;
type Round = {
  commandMs: number;
  boxes: string[];
  channels: ChannelTimes;
  legacyMs: number;
  nmapMs: number;
  nodeMs: number;
};

const gate = requireLab();
if (gate.skip) {
  process.stderr.write(`bench:discovery needs the lab (root, Linux): ${gate.reason}\n`);
  process.exit(1);
}
if (!existsSync(CLI)) {
  process.stderr.write('bench:discovery times the built CLI: run npm run build first\n');
  process.exit(1);
}
const nmap = spawnSync('nmap', ['--version']).status === 0;

/** Wall time of one command in the pc namespace, after emptying its ARP cache. */
async function timed(lan: LabLan, argv: readonly string[]) {
  const flushed = await lan.exec('pc', ['ip', 'neigh', 'flush', 'all']);
  if (flushed.code !== 0) {
    throw new Error(`ip neigh flush: ${flushed.stderr}`);
  }
  const result = await lan.exec('pc', argv, { timeoutMs: 120_000 });
  if (result.code !== 0) {
    throw new Error(`${argv.join(' ')} exited ${result.code}: ${result.stderr}`);
  }
  return result;
}

const lan = await createLabLan({ boxes: [{ mdns: { hostName: 'iotbox' } }, { mdns: false }] });
const expected = lan.boxes.map((box) => box.ip).sort();
const rounds: Round[] = [];
try {
  for (let index = 0; index < RUNS; index += 1) {
    const command = await timed(lan, [
      process.execPath,
      CLI,
      'discover',
      '--json',
      '--subnet',
      SUBNET,
      '--interface',
      'eth0',
    ]);
    const report = JSON.parse(command.stdout) as {
      boxes: { ip: string }[];
      channels: ChannelTimes;
    };
    const legacy = await timed(lan, [
      process.execPath,
      '--import',
      'tsx',
      'test/bench/legacy-scan.ts',
      SUBNET,
    ]);
    const nmapRun = nmap ? await timed(lan, ['nmap', '-sn', '-n', SUBNET]) : undefined;
    const node = await timed(lan, [process.execPath, '-e', '']);
    rounds.push({
      commandMs: command.durationMs,
      boxes: report.boxes.map((box) => box.ip).sort(),
      channels: report.channels,
      legacyMs: (JSON.parse(legacy.stdout.trim().split('\n').at(-1) ?? '{}') as { scanMs: number })
        .scanMs,
      nmapMs: nmapRun?.durationMs ?? Number.NaN,
      nodeMs: node.durationMs,
    });
  }
} finally {
  await lan.close();
}

const of = (pick: (round: Round) => number): number => median(rounds.map(pick));
const commandMs = of((round) => round.commandMs);
const legacyMs = of((round) => round.legacyMs);
const nmapMs = of((round) => round.nmapMs);
// Ratios pair the runs of one round, so a machine that slows down mid-bench moves both sides.
const vsLegacy = of((round) => round.legacyMs / round.commandMs);
const vsNmap = of((round) => round.nmapMs / round.commandMs);
const exact = rounds.every((round) => round.boxes.join() === expected.join());
const channel = (name: string): number =>
  of((round) => round.channels[name]?.durationMs ?? Number.NaN);

const rows: Row[] = [
  {
    measure: '`iotbox discover --json`, whole command',
    value: ms(commandMs),
    reference: `node -e '' ${ms(of((round) => round.nodeMs))}`,
    target: `≤ ${ms(TARGETS.commandMs)}`,
    pass: commandMs <= TARGETS.commandMs,
  },
  {
    measure: 'boxes found',
    value: rounds.map((round) => round.boxes.length).join('/'),
    reference: expected.join(', '),
    target: 'exactly the two boxes',
    pass: exact,
  },
  {
    measure: 'speed-up on the legacy browser scan',
    value: times(vsLegacy),
    reference: `legacy scan ${ms(legacyMs)}`,
    target: `≥ ${TARGETS.vsLegacy}×`,
    pass: vsLegacy >= TARGETS.vsLegacy,
  },
  {
    measure: 'speed-up on `nmap -sn -n`',
    value: nmap ? times(vsNmap) : 'n/a',
    reference: nmap ? `nmap ${ms(nmapMs)}` : 'nmap not installed',
    target: '> 1× (faster)',
    pass: nmap && vsNmap > 1,
  },
  { measure: '…of which mDNS listened', value: ms(channel('mdns')), reference: '', target: '' },
  { measure: '…of which the sweep', value: ms(channel('sweep')), reference: '', target: '' },
];
const passed = printTable(
  `Discovery benchmark — namespace LAN ${SUBNET}, median of ${rounds.length} rounds`,
  [
    'Each round: iotbox discover, the legacy scan, nmap -sn -n and node -e, each after an empty',
    "ARP cache, in the lab's pc namespace (wall time includes `ip netns exec`). The legacy",
    "scan is timed inside its process (a browser's start is not counted); ratios are per round.",
  ],
  rows,
);
process.exit(passed ? 0 : 1);

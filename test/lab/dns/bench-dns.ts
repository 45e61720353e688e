// `npm run bench:dns` (root): the DNS diagnosis time in the namespace LAN, per scenario, including
// resolvers that never answer. Prints one JSON line per scenario and a summary table on stderr.
import { join } from 'node:path';

import {
  createLabLan,
  LAB_ADDRESSES,
  REPO_ROOT,
  type LabLan,
  type LabRouterVariant,
} from '../netns';

const RUNS = Number(process.env['BENCH_RUNS'] ?? '5');
const CLI = join(REPO_ROOT, 'out/main/cli.js');

type Scenario = { label: string; prepare: (lan: LabLan) => Promise<void>; args: string[] };

const scenarios: Scenario[] = [
  { label: 'rebind-block', prepare: (lan) => lan.setRouterDns('rebind-block'), args: [] },
  {
    label: 'rebind-exception (ok)',
    prepare: (lan) => lan.setRouterDns('rebind-exception'),
    args: [],
  },
  { label: 'router down', prepare: (lan) => lan.setRouterDns('down'), args: [] },
  {
    label: 'references never answer (WAN dropped)',
    prepare: async (lan) => {
      await lan.setRouterDns('rebind-block');
      await lan.setWanReachable(false, 'drop');
    },
    args: [],
  },
  {
    label: 'a configured resolver never answers',
    prepare: async (lan) => {
      await lan.setWanReachable(true);
      await lan.setRouterDns('rebind-block');
      // 192.168.77.99 exists nowhere: every query to it times out.
      lan.setPcResolvers([LAB_ADDRESSES.gateway, '192.168.77.99']);
    },
    args: [],
  },
];

// Router recognition runs beside the resolvers: a gateway without UPnP (SSDP waits its whole
// budget) and one that answers as a FRITZ!Box (SSDP, UPnP description, its DNS servers).
const gateways: readonly (LabRouterVariant | undefined)[] = [undefined, 'fritzbox'];
const rows: string[] = [];
for (const routerVariant of gateways) {
  const lan = await createLabLan({
    boxes: [{ server: 'none', mdns: false }],
    decoy: false,
    ...(routerVariant === undefined ? {} : { routerVariant }),
  });
  try {
    const name = lan.boxes[0]?.dnsName ?? '';
    for (const scenario of scenarios) {
      await scenario.prepare(lan);
      const durations: number[] = [];
      const walls: number[] = [];
      let verdict = '';
      for (let run = 0; run < RUNS; run += 1) {
        const result = await lan.exec(
          'pc',
          [
            process.execPath,
            CLI,
            'dns',
            name,
            '--json',
            '--reference-dns',
            LAB_ADDRESSES.publicDns,
            '--doh',
            'off',
            ...scenario.args,
          ],
          { timeoutMs: 20_000 },
        );
        const report = JSON.parse(result.stdout) as {
          verdict: string;
          durationMs: number;
          router: { family: string };
        };
        verdict = `${report.verdict} (${report.router.family})`;
        durations.push(report.durationMs);
        walls.push(Math.round(result.durationMs));
      }
      const sorted = [...durations].sort((a, b) => a - b);
      const line = {
        gateway: routerVariant ?? 'plain',
        scenario: scenario.label,
        verdict,
        runs: RUNS,
        diagnosisMs: {
          min: sorted[0],
          median: sorted[Math.floor(sorted.length / 2)],
          max: sorted.at(-1),
        },
        processWallMsMedian: [...walls].sort((a, b) => a - b)[Math.floor(walls.length / 2)],
      };
      process.stdout.write(`${JSON.stringify(line)}\n`);
      rows.push(
        `${(routerVariant ?? 'plain').padEnd(9)} ${scenario.label.padEnd(40)} ${verdict.padEnd(22)} median ${line.diagnosisMs.median} ms, max ${line.diagnosisMs.max} ms (process ${line.processWallMsMedian} ms)`,
      );
    }
  } finally {
    await lan.close();
  }
}
process.stderr.write(`${rows.join('\n')}\n`);

// `npm run bench:startup` (`npm run build` first): how fast the things a person waits on start.
// The CLI's `--version` and `--help` against `node -e ''` in the same run (rounds interleave the
// three commands, so a machine slowing down moves all of them), the renderer's first load in
// gzip bytes (the entry, what it imports statically, and the largest language file, the one a
// German user loads), and the preload's size. Prints each target as PASS or FAIL (exit 1 when
// one fails).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

import { LANGUAGES } from '../../electron/shared/languages';
import { kb, median, ms, printTable, type Row } from './bench-report';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = path.join(ROOT, 'out/main/cli.js');
const RENDERER = path.join(ROOT, 'out/renderer');
const PRELOAD = path.join(ROOT, 'out/preload/index.cjs');
const RUNS = Number(process.env['BENCH_RUNS'] ?? '15');
const TARGETS = { cliOverNodeMs: 80, firstLoadGzipBytes: 150 * 1024, preloadBytes: 20 * 1024 };

for (const file of [CLI, path.join(RENDERER, 'index.html'), PRELOAD]) {
  if (!existsSync(file)) {
    process.stderr.write(`bench:startup measures the build: run npm run build first (${file})\n`);
    process.exit(1);
  }
}

/** Wall time of one process, from spawn to exit. */
function wall(args: readonly string[]): number {
  const started = performance.now();
  const run = spawnSync(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const elapsed = performance.now() - started;
  if (run.status !== 0) {
    throw new Error(`node ${args.join(' ')} exited ${run.status}: ${run.stderr.toString()}`);
  }
  return elapsed;
}

// One warm-up round fills the OS file cache for all three.
const commands = { node: ['-e', ''], version: [CLI, '--version'], help: [CLI, '--help'] };
Object.values(commands).forEach(wall);
const rounds = Array.from({ length: RUNS }, () => ({
  node: wall(commands.node),
  version: wall(commands.version),
  help: wall(commands.help),
}));
const nodeMs = median(rounds.map((round) => round.node));
const over = (key: 'version' | 'help'): number =>
  median(rounds.map((round) => round[key] - round.node));

// The renderer's first load: the entry script, every chunk it imports statically, one locale.
const assets = path.join(RENDERER, 'assets');
const html = readFileSync(path.join(RENDERER, 'index.html'), 'utf8');
const entries = [...html.matchAll(/<script[^>]+src="\.\/assets\/([^"]+\.js)"/g)].map(
  (match) => match[1] ?? '',
);
const source = (file: string): string => readFileSync(path.join(assets, file), 'utf8');
const gzipped = (file: string): number => gzipSync(readFileSync(path.join(assets, file))).length;
const staticImports = (file: string): string[] =>
  [...source(file).matchAll(/\b(?:from|import)\s*["']\.\/([^"']+\.js)["']/g)].map(
    (match) => match[1] ?? '',
  );
const firstLoad = new Set<string>();
const pending = [...entries];
for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
  if (!firstLoad.has(file)) {
    firstLoad.add(file);
    pending.push(...staticImports(file));
  }
}
const localeFile = new RegExp(`^(${LANGUAGES.join('|')})-[\\w-]+\\.js$`);
const dynamicLocales = [...firstLoad]
  .flatMap((file) => [...source(file).matchAll(/import\(\s*[`"']\.\/([^`"']+\.js)[`"']\s*\)/g)])
  .map((match) => match[1] ?? '')
  .filter((file) => localeFile.test(file));
const localesInFirstLoad = [...firstLoad].filter((file) => localeFile.test(file));
const largestLocale = Math.max(...dynamicLocales.map(gzipped));
const firstLoadBytes = [...firstLoad].map(gzipped).reduce((sum, bytes) => sum + bytes, 0);
const firstLoadWithLocale = firstLoadBytes + largestLocale;

const preload = readFileSync(PRELOAD, 'utf8');
// zod's own class names: present whenever any of it is bundled.
const schemaLibrary = /\$ZodType|ZodError|_zod\b/.test(preload);

const rows: Row[] = [
  {
    measure: '`iotbox --version`, over bare Node',
    value: `+${ms(over('version'))}`,
    reference: `node -e '' ${ms(nodeMs)}`,
    target: `≤ +${ms(TARGETS.cliOverNodeMs)}`,
    pass: over('version') <= TARGETS.cliOverNodeMs,
  },
  {
    measure: '`iotbox --help`, over bare Node',
    value: `+${ms(over('help'))}`,
    reference: `node -e '' ${ms(nodeMs)}`,
    target: `≤ +${ms(TARGETS.cliOverNodeMs)}`,
    pass: over('help') <= TARGETS.cliOverNodeMs,
  },
  {
    measure: 'renderer first load, JS gzip',
    value: kb(firstLoadWithLocale),
    reference: `app ${kb(firstLoadBytes)} + largest locale ${kb(largestLocale)}`,
    target: `≤ ${kb(TARGETS.firstLoadGzipBytes)}`,
    pass: firstLoadWithLocale <= TARGETS.firstLoadGzipBytes,
  },
  {
    measure: 'locales in the first load',
    value: String(localesInFirstLoad.length),
    reference: `${dynamicLocales.length} loaded on demand`,
    target: `0 (of ${LANGUAGES.length})`,
    pass: localesInFirstLoad.length === 0 && dynamicLocales.length === LANGUAGES.length,
  },
  {
    measure: 'preload size',
    value: kb(Buffer.byteLength(preload)),
    reference: schemaLibrary ? 'zod inside' : 'no schema library inside',
    target: `≤ ${kb(TARGETS.preloadBytes)}, no schema library`,
    pass: Buffer.byteLength(preload) <= TARGETS.preloadBytes && !schemaLibrary,
  },
];
const passed = printTable(
  `Start-up benchmark — median of ${rounds.length} interleaved rounds (${process.version})`,
  ['CLI figures are the median of per-round differences to `node -e` (wall time, spawn to exit).'],
  rows,
);
process.exit(passed ? 0 : 1);

// What the benchmarks share: medians, paired ratios and one table with a pass/fail per target.

export const median = (values: readonly number[]): number => {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) {
    return Number.NaN;
  }
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? Number.NaN) + (sorted[middle] ?? Number.NaN)) / 2;
};

export const ms = (value: number): string =>
  Number.isFinite(value) ? `${Math.round(value)} ms` : 'n/a';
export const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
export const times = (value: number): string =>
  Number.isFinite(value) ? `${value.toFixed(1)}×` : 'n/a';

/** One row: what was measured, the figure, the reference measured in the same run, the target. */
export type Row = {
  readonly measure: string;
  readonly value: string;
  readonly reference: string;
  readonly target: string;
  /** undefined: shown for information, no target. */
  readonly pass?: boolean;
};

/** A Markdown table; returns whether every row with a target passed. */
export function printTable(title: string, notes: readonly string[], rows: readonly Row[]): boolean {
  const header: Row = {
    measure: 'measure',
    value: 'median',
    reference: 'reference (same run)',
    target: 'target',
  };
  const cells = (row: Row): string[] => [
    row.measure,
    row.value,
    row.reference,
    row.target,
    row === header ? 'result' : row.pass === undefined ? '' : row.pass ? 'PASS' : 'FAIL',
  ];
  const table = [header, ...rows].map(cells);
  const widths = (table[0] ?? []).map((_, column) =>
    Math.max(...table.map((line) => (line[column] ?? '').length)),
  );
  const line = (values: readonly string[]): string =>
    `| ${values.map((value, column) => value.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  process.stdout.write(
    [
      title,
      ...notes,
      '',
      line(table[0] ?? []),
      line(widths.map((width) => '-'.repeat(width))),
      ...table.slice(1).map(line),
      '',
    ].join('\n'),
  );
  return rows.every((row) => row.pass !== false);
}

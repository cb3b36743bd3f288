/** Pure pieces of the benchmark harness: summaries, the results file's shape, the printed table. */

export type Unit = 'ms' | 'MB';

export interface CaseResult {
  name: string;
  /** Where it ran. */
  env: 'node' | 'chromium';
  /** Data size label the run used ("office", "province-years", "tiny"); node cases carry their own size. */
  sizeLabel: string | null;
  /** Human description of the data the case works on. */
  size: string;
  /** Rows the case works on, when it says; ratios between cases on different row counts are per row. */
  rows: number | null;
  unit: Unit;
  /** Every timed run (or measurement), in order. */
  samples: number[];
  median: number;
  min: number;
  max: number;
  targetMs: number | null;
  /** Our layer against the raw floor: median of this case ÷ median of `ratioTo`. */
  ratioTo: string | null;
  ratio: number | null;
  /** The same against the packed floor (the same bytes in as few records as our design uses). */
  packedTo?: string | null;
  packedRatio?: number | null;
}

export interface Machine {
  cpuCount: number;
  /** 1-minute load average when the run started and ended: other work on the machine skews every figure. */
  loadAverage: { start: number; end: number };
  cpuModel: string;
  memoryBytes: number;
  platform: string;
  node: string;
  chromium: string | null;
}

export interface Unavailable {
  name: string;
  env: 'node' | 'chromium';
  reason: string;
}

export interface BenchFailure {
  name: string;
  env: 'node' | 'chromium';
  error: string;
}

export interface ResultsFile {
  startedAt: string;
  finishedAt: string;
  machine: Machine;
  options: { sizes: string[]; runs: number; warmup: number; only: string | null; budgetMinutes: number | null };
  results: CaseResult[];
  /** Cases not started because the time budget ran out. */
  overBudget: { name: string; env: 'node' | 'chromium'; sizeLabel: string | null }[];
  /** Registered cases that cannot run yet (their inputs do not exist); never timed, never in the table. */
  unavailable: Unavailable[];
  failures: BenchFailure[];
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function summarise(samples: readonly number[]): { median: number; min: number; max: number } {
  return { median: median(samples), min: Math.min(...samples), max: Math.max(...samples) };
}

/** This result's median ÷ the named one's (same size label and env; per row when row counts differ). */
function ratioOf(results: readonly CaseResult[], r: CaseResult, to: string): number | null {
  const base = results.find((b) => b.name === to && b.sizeLabel === r.sizeLabel && b.env === r.env);
  if (!base || base.median <= 0) return null;
  const perRow = r.rows !== null && base.rows !== null && r.rows !== base.rows;
  return perRow ? r.median / r.rows! / (base.median / base.rows!) : r.median / base.median;
}

/** Fills ratio (and packedRatio) for every result whose ratioTo (packedTo) names a result of the same size label. */
export function linkRatios(results: CaseResult[]): CaseResult[] {
  return results.map((r) => {
    let out = r;
    if (r.ratioTo) out = { ...out, ratio: ratioOf(results, r, r.ratioTo) };
    if (r.packedTo) out = { ...out, packedRatio: ratioOf(results, r, r.packedTo) };
    return out;
  });
}

function ratioCell(results: readonly CaseResult[], r: CaseResult, ratio: number | null | undefined, to: string | null | undefined): string {
  if (ratio === null || ratio === undefined || !to) return '';
  return `${ratio.toFixed(2)}× ${to}${r.rows !== null && results.some((b) => b.name === to && b.sizeLabel === r.sizeLabel && b.rows !== r.rows) ? ' per row' : ''}`;
}

export function formatValue(value: number, unit: Unit): string {
  if (unit === 'MB') return `${value.toFixed(1)} MB`;
  if (value >= 10_000) return `${(value / 1000).toFixed(1)} s`;
  if (value >= 100) return `${Math.round(value)} ms`;
  if (value >= 10) return `${value.toFixed(1)} ms`;
  return `${value.toFixed(2)} ms`;
}

/** "✓ < 300 ms", "✗ > 300 ms (2.1×)", or "no target". */
export function targetCell(r: Pick<CaseResult, 'median' | 'targetMs' | 'unit'>): string {
  if (r.targetMs === null || r.unit !== 'ms') return 'no target';
  return r.median <= r.targetMs ? `ok (< ${r.targetMs} ms)` : `MISSED (target ${r.targetMs} ms, ${(r.median / r.targetMs).toFixed(1)}×)`;
}

/** Long size descriptions are cut in the table; results.json keeps them whole. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function pad(cells: string[], widths: number[]): string {
  return cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
}

/** The printed table: one row per result, grouped by size label in the order given. */
export function renderTable(results: readonly CaseResult[]): string {
  const packed = results.some((r) => r.packedTo);
  const header = ['case', 'env', 'size', 'median', 'min', 'max', 'n', 'ours/raw', ...(packed ? ['ours/packed'] : []), 'target'];
  const rows = results.map((r) => [
    r.name,
    r.env,
    clip(r.sizeLabel ? `${r.sizeLabel}: ${r.size}` : r.size, 64),
    formatValue(r.median, r.unit),
    formatValue(r.min, r.unit),
    formatValue(r.max, r.unit),
    String(r.samples.length),
    ratioCell(results, r, r.ratio, r.ratioTo),
    ...(packed ? [ratioCell(results, r, r.packedRatio, r.packedTo)] : []),
    targetCell(r),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [pad(header, widths), rule, ...rows.map((row) => pad(row, widths))].join('\n');
}

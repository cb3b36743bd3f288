/**
 * Renderer benchmark cases: they run inside Chromium, in the bench page (bench/renderer/page.ts),
 * against the real IndexedDB and our Dexie layer. Add a case by dropping a module that exports
 * `rendererCases: RendererBenchCase[]` into bench/renderer/cases/ or
 * bench/renderer/cases/<feature>.ts (collected by bench/renderer/cases.ts).
 */
export type SizeLabel = 'tiny' | 'office' | 'province-years';

/** One data size; `floorRows` is how many rows the IndexedDB floor cases write. */
export interface SizeSpec {
  label: SizeLabel;
  units: number;
  tasks: number;
  progressReports: number;
  consultations: number;
  /** Ops in the sync log, where the issue names a figure. */
  ops: number | null;
  floorRows: number;
}

export const SIZES: Record<SizeLabel, SizeSpec> = {
  tiny: { label: 'tiny', units: 4, tasks: 50, progressReports: 200, consultations: 5, ops: 1_000, floorRows: 500 },
  office: { label: 'office', units: 40, tasks: 5_000, progressReports: 20_000, consultations: 500, ops: null, floorRows: 2_000 },
  // The generic floor cases write 2,000 task-shaped rows (office only) and compare per row: on this
  // machine each put costs ~185 µs whatever its size, so 100,000-row floors would take most of
  // the 10-minute budget without telling anything a per-row ratio does not.
  'province-years': { label: 'province-years', units: 40, tasks: 50_000, progressReports: 200_000, consultations: 5_000, ops: 300_000, floorRows: 10_000 },
};

export interface PageContext {
  size: SizeSpec;
  /** Keeps a value reachable until the case's teardown, for heap measurements. */
  retain(key: string, value: unknown): void;
  release(key: string): void;
  /** Progress line in the bench output. */
  log(line: string): void;
  /** Creates the named database afresh with the deterministic demo data for this size (untimed setup). */
  loadDemoData(dbName: string): Promise<void>;
}

/** A case reports this (from `available` or setup) when what it measures does not exist yet. */
export class UnavailableError extends Error {
  override name = 'UnavailableError';
}

export interface RendererBenchCase {
  /** Stable identifier, e.g. "floor.raw.put". */
  name: string;
  /** Human description of the data size. */
  size: (size: SizeSpec) => string;
  /** A function when the work scales with an option (the 100,000-op target, for fewer ops, scales per op). */
  targetMs?: number | ((size: SizeSpec) => number);
  /** Runs after the size's other cases (long writes), so the screens' figures are never left out by the time budget. */
  heavy?: boolean;
  /** At most this many timed runs (a case of several seconds a run: the full bench must fit its budget). */
  maxRuns?: number;
  /** Name of the raw-IndexedDB case this one is compared with (ours ÷ raw printed). */
  ratioTo?: string;
  /** Name of the packed raw-IndexedDB floor (the same bytes in as few records as our design uses); ours ÷ packed printed beside. */
  packedTo?: string;
  /**
   * 'time' (default): the page times `run` after a warm-up (or `run` returns its own sample, e.g.
   * a frame time). 'heap': `run` loads data and keeps it (ctx.retain); the driver then forces GC
   * and reads the JS heap through CDP; `after` releases it. 'navigation': the driver opens a NEW
   * tab on the bench page for this case (a cold start: nothing parsed, nothing cached); there
   * `run` returns the sample, e.g. performance.now() when the screen is ready = ms since navigation.
   */
  measure?: 'time' | 'heap' | 'navigation';
  /** Sizes this case runs at (default: all). */
  sizes?: readonly SizeLabel[];
  /** Rows the case works on, when it differs from the size's floorRows; ratios are then per row. */
  rows?: (size: SizeSpec) => number;
  /** Reason the case cannot run yet, or null. Checked before setup; such cases are not timed. */
  unavailable?: (size: SizeSpec) => Promise<string | null> | string | null;
  /** Once per size, untimed. */
  setup?: (ctx: PageContext) => Promise<void>;
  /** Before every run, untimed (fresh database, …). */
  before?: (ctx: PageContext) => Promise<void>;
  run: (ctx: PageContext) => Promise<void | number>;
  /**
   * A warm-up run, when a full `run` is too long to repeat (e.g. a 2,000-op import warms the same
   * code as the 100,000-op one). Default: `run`.
   */
  warmupRun?: (ctx: PageContext) => Promise<void>;
  after?: (ctx: PageContext) => Promise<void>;
  teardown?: (ctx: PageContext) => Promise<void>;
}

/** What the page exposes to the Node driver as `globalThis.__bench`. */
export interface BenchPageApi {
  list(size: SizeLabel): Promise<{ name: string; size: string; rows: number | null; targetMs: number | null; ratioTo: string | null; packedTo: string | null; measure: 'time' | 'heap' | 'navigation'; maxRuns: number | null; unavailable: string | null }[]>;
  setup(name: string, size: SizeLabel): Promise<void>;
  /** Times warm-up + runs; returns the timed samples (ms). */
  time(name: string, size: SizeLabel, runs: number, warmup: number): Promise<number[]>;
  /** For heap cases: before + run, leaving the data reachable. */
  load(name: string, size: SizeLabel): Promise<void>;
  unload(name: string, size: SizeLabel): Promise<void>;
  teardown(name: string, size: SizeLabel): Promise<void>;
}

/** Query string of a 'navigation' case's tab: `?cold=<case>&size=<size>`; the tab sets `__coldResult` (ms) or `__coldError`. */
export const COLD_PARAM = 'cold';

/** The demo database the renderer cases load once per size and share. */
export const DEMO_DB = 'bench-demo';

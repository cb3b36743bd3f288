/** The bench page: exposes the registered renderer cases to the Node driver as globalThis.__bench. */
import { missingExpected, rendererCases } from './cases';
import { loadDemoData } from './demo';
import { timeRuns } from '../harness/timing';
import { COLD_PARAM, SIZES, UnavailableError, type BenchPageApi, type PageContext, type RendererBenchCase, type SizeLabel } from './types';

const retained = new Map<string, unknown>();

function context(size: SizeLabel): PageContext {
  return {
    size: SIZES[size],
    retain: (key, value) => void retained.set(key, value),
    release: (key) => void retained.delete(key),
    log: (line) => console.log(line),
    loadDemoData: (dbName) => loadDemoData(dbName, SIZES[size]),
  };
}

function find(name: string): RendererBenchCase {
  const c = rendererCases.find((x) => x.name === name);
  if (!c) throw new Error(`no renderer case ${name}`);
  return c;
}

/** Unavailable errors cross page.evaluate as a tagged message the driver recognises. */
async function tagged<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof UnavailableError) throw new Error(`UNAVAILABLE: ${e.message}`, { cause: e });
    throw e;
  }
}

const api: BenchPageApi = {
  async list(size) {
    const out = [];
    for (const c of rendererCases) {
      if (c.sizes && !c.sizes.includes(size)) continue;
      out.push({
        name: c.name,
        size: c.size(SIZES[size]),
        rows: c.rows?.(SIZES[size]) ?? (c.measure === 'heap' ? null : SIZES[size].floorRows),
        targetMs: (typeof c.targetMs === 'function' ? c.targetMs(SIZES[size]) : c.targetMs) ?? null,
        ratioTo: c.ratioTo ?? null,
        packedTo: c.packedTo ?? null,
        measure: c.measure ?? 'time',
        unavailable: (await c.unavailable?.(SIZES[size])) ?? null,
      });
    }
    for (const e of missingExpected()) {
      out.push({ name: e.name, size: '', rows: null, targetMs: e.targetMs ?? null, ratioTo: null, packedTo: null, measure: 'time' as const, unavailable: `waits for ${e.waitsFor}` });
    }
    return out;
  },
  setup: (name, size) => tagged(async () => find(name).setup?.(context(size))),
  time: (name, size, runs, warmup) =>
    tagged(async () => {
      const c = find(name);
      const ctx = context(size);
      return timeRuns(
        { before: c.before && (() => c.before!(ctx)), run: () => c.run(ctx), warmupRun: c.warmupRun && (() => c.warmupRun!(ctx)), after: c.after && (() => c.after!(ctx)) },
        runs,
        warmup,
        (i, ms, warm) => ctx.log(`  chromium  ${size}  ${name}: ${warm ? 'warm-up' : `run ${i - warmup + 1}/${runs}`} ${ms.toFixed(1)} ms`),
      );
    }),
  load: (name, size) =>
    tagged(async () => {
      const c = find(name);
      const ctx = context(size);
      await c.before?.(ctx);
      await c.run(ctx);
    }),
  unload: (name, size) => tagged(async () => find(name).after?.(context(size))),
  teardown: (name, size) => tagged(async () => find(name).teardown?.(context(size))),
};

const query = new URLSearchParams((globalThis as unknown as { location: { search: string } }).location.search);
const coldCase = query.get(COLD_PARAM);
if (coldCase) {
  // A cold-start tab: run the one case and hand its own figure to the driver.
  const g = globalThis as { __coldResult?: number; __coldError?: string };
  const size = (query.get('size') ?? 'tiny') as SizeLabel;
  find(coldCase)
    .run(context(size))
    .then((ms) => (g.__coldResult = typeof ms === 'number' ? ms : performance.now()))
    .catch((e: unknown) => (g.__coldError = e instanceof Error ? e.message : String(e)));
} else {
  (globalThis as { __bench?: BenchPageApi }).__bench = api;
}

/** The bench page's body (imported by page.ts): exposes the registered renderer cases to the Node driver as globalThis.__bench. */
import { missingExpected, rendererCases } from './cases';
import { loadDemoData } from './demo';
import { timeRuns } from '../harness/timing';
import { SIZES, UnavailableError, type BenchPageApi, type RendererBenchCase } from './types';
import { pageContext } from './pageContext';

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
        maxRuns: c.maxRuns ?? null,
        unavailable: (await c.unavailable?.(SIZES[size])) ?? null,
      });
    }
    for (const e of missingExpected()) {
      out.push({ name: e.name, size: '', rows: null, targetMs: e.targetMs ?? null, ratioTo: null, packedTo: null, measure: 'time' as const, maxRuns: null, unavailable: `waits for ${e.waitsFor}` });
    }
    return out;
  },
  setup: (name, size) => tagged(async () => find(name).setup?.(pageContext(size, loadDemoData))),
  time: (name, size, runs, warmup) =>
    tagged(async () => {
      const c = find(name);
      const ctx = pageContext(size, loadDemoData);
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
      const ctx = pageContext(size, loadDemoData);
      await c.before?.(ctx);
      await c.run(ctx);
    }),
  unload: (name, size) => tagged(async () => find(name).after?.(pageContext(size, loadDemoData))),
  teardown: (name, size) => tagged(async () => find(name).teardown?.(pageContext(size, loadDemoData))),
};

(globalThis as { __bench?: BenchPageApi }).__bench = api;

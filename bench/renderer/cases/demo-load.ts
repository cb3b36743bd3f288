/**
 * "Nạp dữ liệu mẫu": loadDemoData into a freshly set-up database. A setup cost (every
 * populated-data case pays it once per size), not a target. Generation and first-run setup
 * are untimed; the warm-up loads a tiny demo so a large size is not written twice.
 */
import type { DemoData } from '@shared/demo/generator';
import { DondocDb } from '../../../renderer/src/data/db';
import { SIZES as ALL_SIZES, type PageContext, type RendererBenchCase, type SizeLabel } from '../types';
import { freshSetUpDb, generateBenchDemo, writeDemoInto } from '../demo';

const DB = 'bench-demo-load';
/** The page was opened for `--only demo.load` (chromium.ts passes the filter in the query). */
const ONLY_ASKED = new URLSearchParams((globalThis as unknown as { location: { search: string } }).location.search).get('only')?.includes('demo.load') ?? false;
// province-years (≈ 412,000 puts: 270,200 events, 50,000 tasks + 50,000 index rows, 29,859
// steps, 12,500 directives) is run by hand: 363 s on 2 cores at load average 9.5, of which the
// browser process spent 236 s CPU in IndexedDB; it would use up the bench's time budget.
// Office (12.7 s a run, 68 s for six) is run by hand too: `--only demo.load --size office`
// runs it when asked for by name; the default run keeps the smoke size only.
const SIZES: readonly SizeLabel[] = ONLY_ASKED ? ['tiny', 'office'] : ['tiny'];

let data: DemoData | null = null;
let dataFor: string | null = null;
let tinyData: DemoData | null = null;
let db: DondocDb | null = null;

function demoFor(ctx: PageContext): DemoData {
  if (dataFor !== ctx.size.label || !data) {
    const t0 = performance.now();
    data = generateBenchDemo(ctx.size);
    dataFor = ctx.size.label;
    ctx.log(`  chromium  ${ctx.size.label}  demo.load: generated ${data.tasks.length} tasks, ${data.events.length} events, ${data.steps.length} steps, ${data.directives.length} directives in ${(performance.now() - t0).toFixed(0)} ms (untimed)`);
  }
  return data;
}

async function closeDb(): Promise<void> {
  db?.close();
  db = null;
}

export const rendererCases: RendererBenchCase[] = [
  {
    name: 'demo.load',
    size: (s) => `loadDemoData into a freshly set-up database: ${s.tasks.toLocaleString('en')} tasks, ${s.progressReports.toLocaleString('en')} progress reports (+ other events, steps, directives, task index)`,
    sizes: SIZES,
    rows: (s) => s.tasks,
    setup: async (ctx) => void demoFor(ctx),
    before: async () => {
      await closeDb();
      db = await freshSetUpDb(DB);
    },
    run: async (ctx) => {
      await writeDemoInto(db!, demoFor(ctx));
    },
    warmupRun: async () => {
      tinyData ??= generateBenchDemo(ALL_SIZES.tiny);
      await writeDemoInto(db!, tinyData);
    },
    after: closeDb,
    teardown: async () => {
      await closeDb();
      await new DondocDb(DB).delete();
      data = null;
      dataFor = null;
    },
  },
];

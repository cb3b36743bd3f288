/**
 * "Nạp dữ liệu mẫu": loadDemoData into a freshly set-up database. A setup cost (every
 * populated-data case pays it once per size), and at province-years the storage target
 * (50,000 tasks, ≈ 270,000 events stored in ≤ 60 s). Generation and first-run setup are
 * untimed; the warm-up loads a tiny demo so a large size is not written twice. Its packed
 * floor, `floor.packed.demo.load`, puts the very records the loader stored (a dump of a loaded
 * database: tasks, one pack of events and steps per task, index rows, directives, registries,
 * an audit record per table per chunk) raw into a fresh database in one transaction.
 */
import type { DemoData } from '@shared/demo/generator';
import { DondocDb } from '../../../renderer/src/data/db';
import { SIZES as ALL_SIZES, type PageContext, type RendererBenchCase, type SizeLabel } from '../types';
import { freshSetUpDb, generateBenchDemo, writeDemoInto } from '../demo';
import { dumpDatabase, type DatabaseDump } from '../../../renderer/src/data/dump';
import { deleteDatabase } from '../idb';
import { rawWriteDump } from './rawDump';

const DB = 'bench-demo-load';
const FLOOR_SOURCE_DB = 'bench-demo-load-floor-source';
const FLOOR_DB = 'bench-demo-load-floor';
/** The page was opened for `--only demo.load` (chromium.ts passes the filter in the query). */
const ONLY_ASKED = new URLSearchParams((globalThis as unknown as { location: { search: string } }).location.search).get('only')?.includes('demo.load') ?? false;
// Office and province-years are run by hand (`--only demo.load --size province-years --runs 1
// --warmup 0`): the default run keeps the smoke size only. Before v10 (one record per event and
// step, ≈ 412,000 puts) province-years took 363 s; see bench/README.md for the packed figure.
const SIZES: readonly SizeLabel[] = ONLY_ASKED ? ['tiny', 'office', 'province-years'] : ['tiny'];

let data: DemoData | null = null;
let dataFor: string | null = null;
let tinyData: DemoData | null = null;
let db: DondocDb | null = null;
let floorDump: DatabaseDump | null = null;
let floorFor: string | null = null;

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
    packedTo: 'floor.packed.demo.load',
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
  {
    name: 'floor.packed.demo.load',
    size: (s) => `the records loadDemoData stores for ${s.tasks.toLocaleString('en')} tasks (a dump of a loaded database, first-run setup rows included) put raw into a fresh database with the current stores and indexes, one transaction`,
    sizes: SIZES,
    rows: (s) => s.tasks,
    setup: async (ctx) => {
      if (floorFor === ctx.size.label && floorDump) return;
      const source = await freshSetUpDb(FLOOR_SOURCE_DB);
      try {
        await writeDemoInto(source, demoFor(ctx));
      } finally {
        source.close();
      }
      floorDump = await dumpDatabase(FLOOR_SOURCE_DB);
      floorFor = ctx.size.label;
      await deleteDatabase(FLOOR_SOURCE_DB);
    },
    before: () => deleteDatabase(FLOOR_DB),
    run: async () => rawWriteDump(FLOOR_DB, floorDump!),
    teardown: async () => {
      await deleteDatabase(FLOOR_DB);
      floorDump = null;
      floorFor = null;
      data = null;
      dataFor = null;
    },
  },
];

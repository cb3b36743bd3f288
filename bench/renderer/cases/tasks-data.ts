/**
 * Queries behind the dashboard and the task list, on the demo database of each size (loaded
 * once, untimed). These time the data layer only; the rendered screens are EXPECTED cases for
 * the screens' own bench modules.
 */
import type { CalendarConfig } from '@shared/calendar';
import type { TaskSettings } from '@shared/tasks/state';
import { DondocDb } from '../../../renderer/src/data/db';
import { loadCalendarConfig } from '../../../renderer/src/features/calendar/config';
import { DEFAULT_TASK_SORT, dashboardCounts, listTasks, loadTaskSettings } from '../../../renderer/src/features/tasks/data/queries';
import { DEMO_TODAY } from '../demo';
import type { PageContext, RendererBenchCase, SizeLabel, SizeSpec } from '../types';

const DB = 'bench-demo';
// Loading the province-years demo (50,000 tasks, 200,000 reports) through the repository does
// not fit the 10-minute budget on two cores next to everything else; office does.
const SIZES: readonly SizeLabel[] = ['tiny', 'office'];

let loadedFor: string | null = null;
let db: DondocDb | null = null;
let settings: TaskSettings | null = null;
let calendar: CalendarConfig | null = null;
let sink = 0;

async function demo(ctx: PageContext): Promise<DondocDb> {
  if (loadedFor !== ctx.size.label || !db) {
    db?.close();
    ctx.log(`  chromium  ${ctx.size.label}  loading demo data (${ctx.size.tasks.toLocaleString('en')} tasks, ${ctx.size.progressReports.toLocaleString('en')} progress reports)`);
    const t0 = performance.now();
    await ctx.loadDemoData(DB);
    ctx.log(`  chromium  ${ctx.size.label}  demo data loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    db = new DondocDb(DB);
    await db.open();
    settings = await loadTaskSettings(db);
    calendar = await loadCalendarConfig(db);
    loadedFor = ctx.size.label;
  }
  return db;
}

const demoLabel = (s: SizeSpec) => `demo data: ${s.tasks.toLocaleString('en')} tasks, ${s.progressReports.toLocaleString('en')} progress reports`;

export const rendererCases: RendererBenchCase[] = [
  {
    name: 'dashboard.counts',
    size: (s) => `${demoLabel(s)}; dashboardCounts(all units) as of ${DEMO_TODAY}`,
    sizes: SIZES,
    rows: (s) => s.tasks,
    setup: async (ctx) => void (await demo(ctx)),
    run: async () => {
      const counts = await dashboardCounts(db!, DEMO_TODAY, {}, settings!, calendar!);
      sink += Object.keys(counts).length;
    },
  },
  {
    name: 'tasks.listQuery.all',
    size: (s) => `${demoLabel(s)}; listTasks, no filter, sorted by due date`,
    sizes: SIZES,
    rows: (s) => s.tasks,
    setup: async (ctx) => void (await demo(ctx)),
    run: async () => {
      sink += (await listTasks(db!, {}, DEFAULT_TASK_SORT, DEMO_TODAY, settings!, calendar!)).length;
    },
  },
  {
    name: 'tasks.listQuery.search',
    size: (s) => `${demoLabel(s)}; listTasks with a two-word search typed without diacritics`,
    sizes: SIZES,
    rows: (s) => s.tasks,
    setup: async (ctx) => void (await demo(ctx)),
    run: async () => {
      sink += (await listTasks(db!, { search: 'ke hoach' }, DEFAULT_TASK_SORT, DEMO_TODAY, settings!, calendar!)).length;
    },
  },
  {
    name: 'heap.afterDemoTaskList',
    size: (s) => `JS heap after GC with the demo database open and the full task list (${s.tasks.toLocaleString('en')} items) held`,
    sizes: SIZES,
    measure: 'heap',
    setup: async (ctx) => void (await demo(ctx)),
    run: async (ctx) => {
      ctx.retain('taskList', await listTasks(db!, {}, DEFAULT_TASK_SORT, DEMO_TODAY, settings!, calendar!));
    },
    after: async (ctx) => ctx.release('taskList'),
  },
];

export function tasksDataSink(): number {
  return sink;
}

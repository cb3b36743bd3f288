/**
 * Queries behind the dashboard and the task list read straight from IndexedDB (as reports,
 * letters and commands read them), on the demo database of each size (loaded once, untimed).
 * The screens read the in-memory index mirror instead: bench/renderer/cases/tasks-screens.ts.
 */
import type { CalendarConfig } from '@shared/calendar';
import type { TaskSettings } from '@shared/tasks/state';
import type { DondocDb } from '../../../renderer/src/data/db';
import { listTasks } from '../../../renderer/src/features/tasks/data/queries';
import { DEFAULT_TASK_SORT } from '../../../renderer/src/features/tasks/data/listSelection';
import { dashboardCounts } from '../../../renderer/src/features/tasks/data/dashboards';
import { DEMO_TODAY } from '../demo';
import { demoDb } from '../demoDb';
import type { PageContext, RendererBenchCase, SizeLabel, SizeSpec } from '../types';

// Not at province-years: reading 50,000 index rows from IndexedDB takes 10–20 s here, and the
// province-years database holds no events (bench/renderer/demo.ts); the screens' figures are in
// bench/renderer/cases/tasks-screens.ts.
const SIZES: readonly SizeLabel[] = ['tiny', 'office'];

let db: DondocDb | null = null;
let settings: TaskSettings | null = null;
let calendar: CalendarConfig | null = null;
let sink = 0;

async function demo(ctx: PageContext): Promise<DondocDb> {
  ({ db, settings, calendar } = await demoDb(ctx));
  return db;
}

const demoLabel = (s: SizeSpec) => `demo data: ${s.tasks.toLocaleString('en')} tasks, ${s.progressReports.toLocaleString('en')} progress reports`;

export const rendererCases: RendererBenchCase[] = [
  {
    name: 'dashboard.countsQuery',
    size: (s) => `${demoLabel(s)}; dashboardCounts(all units) as of ${DEMO_TODAY}, the plain async function (the in-memory mirror's rows once settled, as the screen's hook has them; only tasks changed after that date read from IndexedDB)`,
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
    size: (s) => `${demoLabel(s)}; listTasks (the mirror's rows once settled), no filter, sorted by due date`,
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
];

export function tasksDataSink(): number {
  return sink;
}

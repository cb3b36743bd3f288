/**
 * The one demo database the read cases share (list, dashboard, heap, cold start): loaded once per
 * size by whichever case's setup comes first (untimed), then opened by the others.
 */
import type { CalendarConfig } from '@shared/calendar';
import type { TaskSettings } from '@shared/tasks/state';
import { DondocDb } from '../../renderer/src/data/db';
import { loadCalendarConfig } from '../../renderer/src/features/calendar/config';
import { loadTaskSettings } from '../../renderer/src/features/tasks/data/queries';
import { DEMO_DB, type PageContext } from './types';

export { DEMO_DB };

export interface DemoDb {
  db: DondocDb;
  settings: TaskSettings;
  calendar: CalendarConfig;
}

let loadedFor: string | null = null;
let current: DemoDb | null = null;

/** The demo database for this size, loading it first if another size (or nothing) is there. */
export async function demoDb(ctx: PageContext): Promise<DemoDb> {
  if (loadedFor !== ctx.size.label || !current) {
    current?.db.close();
    current = null;
    ctx.log(`  chromium  ${ctx.size.label}  loading demo data (${ctx.size.tasks.toLocaleString('en')} tasks, ${ctx.size.progressReports.toLocaleString('en')} progress reports)`);
    const t0 = performance.now();
    await ctx.loadDemoData(DEMO_DB);
    ctx.log(`  chromium  ${ctx.size.label}  demo data loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    current = await openDemoDb();
    loadedFor = ctx.size.label;
  }
  return current;
}

/** Opens the already loaded demo database (a cold-start tab does this itself). */
export async function openDemoDb(): Promise<DemoDb> {
  const db = new DondocDb(DEMO_DB);
  await db.open();
  const [settings, calendar] = await Promise.all([loadTaskSettings(db), loadCalendarConfig(db)]);
  return { db, settings, calendar };
}

/**
 * The project's deterministic demo data, loaded the way "Nạp dữ liệu mẫu" does it: first-run
 * setup, then generateDemoData (shared/demo/generator.ts) written by loadDemoData
 * (renderer/src/features/tasks/data/demo.ts), which writes local rows without sync ops.
 * Cases that need a populated database call ctx.loadDemoData(dbName) from their setup
 * (untimed); the demo.load case times the loader alone through the pieces exported here.
 */
import { DEMO_SIZES, generateDemoData, type DemoData, type DemoOptions } from '@shared/demo/generator';
import { DondocDb } from '../../renderer/src/data/db';
import type { WriteContext } from '../../renderer/src/data/repository';
import { completeSetup } from '../../renderer/src/features/registries/commands';
import { adaptDemo, loadDemoData as writeDemo, type DemoLoadResult } from '../../renderer/src/features/tasks/data/demo';
import { buildIndexRow, type TaskIndexRow } from '../../renderer/src/features/tasks/data/taskIndex';
import { TaskIndexMirror } from '../../renderer/src/features/tasks/data/indexMirror';
import { loadOrganisation } from '../../renderer/src/features/registries/queries';
import { foldTask } from '@shared/tasks/state';
import type { TaskEvent } from '@shared/tasks/model';
import type { SizeSpec } from './types';

/** "Today" of the demo history; fixed so every run measures the same rows. */
export const DEMO_TODAY = '2026-11-27';
const SEED = 20_261_127;
const CTX: WriteContext = { site: 'site-bench', actor: 'admin (Quản trị)', now: () => new Date('2026-11-27T03:00:00Z') };

export function demoOptions(size: SizeSpec): DemoOptions {
  const shape = size.label === 'province-years' ? DEMO_SIZES.large : size.label === 'office' ? DEMO_SIZES.small : { communes: 3, years: 2 };
  return { seed: SEED, today: DEMO_TODAY, ...shape, tasks: size.tasks, progressReports: size.progressReports };
}

export function generateBenchDemo(size: SizeSpec): DemoData {
  return generateDemoData(demoOptions(size));
}

/** Creates `dbName` afresh, through first-run setup only (what the demo loader accepts). */
export async function freshSetUpDb(dbName: string): Promise<DondocDb> {
  await new DondocDb(dbName).delete();
  const db = new DondocDb(dbName);
  await db.open();
  try {
    await completeSetup(db, CTX, {
      authorityName: 'Ủy ban nhân dân tỉnh Cao Bằng',
      parentName: '',
      placeName: 'Cao Bằng',
      authoritySymbol: 'UBND',
      siteRole: 'coordinator',
      office: { name: 'Văn phòng Ủy ban nhân dân tỉnh', shortName: 'VP UBND', symbol: 'VP' },
      today: DEMO_TODAY,
    });
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}

/** The loader itself, as the "Nạp dữ liệu mẫu" card calls it. */
export function writeDemoInto(db: DondocDb, data: DemoData): Promise<DemoLoadResult> {
  return writeDemo(db, CTX, { role: 'admin', unitId: null }, data);
}

/**
 * Creates `dbName` afresh and loads the demo for this size into it. Province-years stores what
 * the measured screens read (registries, directives and the task index of the full demo, the
 * index folded in memory from all 270,000 events with the app's own foldTask/buildIndexRow) but
 * not the tasks, events and steps themselves: storing those 350,000 rows takes about six
 * minutes on this machine (the demo.load figures), more than the whole bench's budget.
 */
export async function loadDemoData(dbName: string, size: SizeSpec): Promise<void> {
  const data = generateBenchDemo(size);
  const db = await freshSetUpDb(dbName);
  try {
    if (size.label === 'province-years') await writeScreensDemo(db, data);
    else await writeDemoInto(db, data);
    // What the app does at the first idle moment after a full read of the index: the mirror
    // writes the packed snapshot a cold start then reads (indexSnapshot.ts).
    const mirror = new TaskIndexMirror(db);
    await mirror.load();
    await mirror.saveSnapshot();
    mirror.close();
  } finally {
    db.close();
  }
}

async function writeScreensDemo(db: DondocDb, data: DemoData): Promise<void> {
  await writeDemoInto(db, { ...data, tasks: [], events: [], steps: [] });
  const demo = adaptDemo(data, (await loadOrganisation(db))!);
  const directives = new Map(demo.directives.map((d) => [d.id, d]));
  const rows: TaskIndexRow[] = demo.tasks.map((task) => {
    // Generated events are chronological per task; their position is the order they fold in.
    const events: TaskEvent[] = (demo.eventsByTask.get(task.id) ?? []).map((e, i) => ({ ...e, order: String(i).padStart(6, '0') }));
    return buildIndexRow(task, foldTask(task, events), task.directiveId ? (directives.get(task.directiveId) ?? null) : null);
  });
  for (let i = 0; i < rows.length; i += 5_000) await db.taskIndex.bulkPut(rows.slice(i, i + 5_000));
}

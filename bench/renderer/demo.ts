/**
 * The hook to the project's deterministic demo data. Cases that need a populated database call
 * ctx.loadDemoData(dbName); until the loader exists this throws UnavailableError and those cases
 * are left out of the table. The call below is the single place to adapt if the loader's
 * signature differs.
 */
import { DondocDb } from '../../renderer/src/data/db';
import { UnavailableError, type SizeSpec } from './types';

type Loader = (db: DondocDb, ctx: { site: string; actor: string }, options: { size: SizeSpec['label'] }) => Promise<unknown>;

const loaders = import.meta.glob<{ loadDemoData?: unknown }>('../../renderer/src/features/tasks/data/loadDemoData.ts');

export const DEMO_LOADER_PATH = 'renderer/src/features/tasks/data/loadDemoData.ts';

export function demoLoaderPresent(): boolean {
  return Object.keys(loaders).length > 0;
}

export async function loadDemoData(dbName: string, size: SizeSpec): Promise<void> {
  const importer = Object.values(loaders)[0];
  if (!importer) throw new UnavailableError(`${DEMO_LOADER_PATH} does not exist yet`);
  const mod = await importer();
  if (typeof mod.loadDemoData !== 'function') throw new UnavailableError(`${DEMO_LOADER_PATH} has no loadDemoData export`);
  const db = new DondocDb(dbName);
  await db.open();
  try {
    await (mod.loadDemoData as Loader)(db, { site: 'site-bench', actor: 'bench (Đo hiệu năng)' }, { size: size.label });
    if ((await db.table('tasks').count()) === 0) throw new Error('loadDemoData wrote no tasks');
  } finally {
    db.close();
  }
}

/**
 * A database as an older version of the app left it (migration and restore tests): raw Dexie
 * at `version` with that version's store declarations, the stores it had dropped (null) left out.
 */
import Dexie from 'dexie';
import { NO_DUE_KEY, type TaskIndexRow } from '../../renderer/src/features/tasks/data/taskIndex';

export async function openOlderDb(name: string, version: number, stores: Readonly<Record<string, string | null>>): Promise<Dexie> {
  const db = new Dexie(name);
  db.version(version).stores(Object.fromEntries(Object.entries(stores).filter((e): e is [string, string] => e[1] !== null)));
  await db.open();
  return db;
}

/** A task-index row as versions 7 to 10 wrote it (without the fields added later). */
export function olderIndexRow(id: string, leadUnitId: string, percent: number): TaskIndexRow {
  return {
    id,
    title: `Nhiệm vụ ${id}`,
    directiveId: null,
    directiveRef: '',
    assignerUnitId: 'u-ubnd',
    assignerOfficialId: null,
    leadUnitId,
    supportUnitIds: [],
    unitIds: [leadUnitId],
    responsibleOfficialId: null,
    planYear: 2026,
    priority: 'normal',
    status: 'active',
    open: 1,
    originalDueOn: null,
    effectiveDueOn: null,
    dueKey: NO_DUE_KEY,
    completedOn: null,
    percent,
    pendingExtension: 0,
    assignedOn: '2026-03-02',
    lastEventOn: '2026-03-02',
    eventCount: 0,
    search: `nhiem vu ${id}`,
  };
}

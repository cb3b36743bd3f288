/**
 * Accountability records (kiểm điểm, biểu dương, khen thưởng) in the database: validated with
 * zod, written through the repository (synced; `unitId` names the unit concerned, which the sync
 * authority rule reads), read back as a unit's record over time.
 */
import { useMemo } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { AppError } from '@shared/errors';
import { newId } from '@shared/data/ids';
import type { JsonValue } from '@shared/data/ops';
import { accountabilityKindLabels, accountabilityRecordSchema, type AccountabilityRecord } from '@shared/reports';
import type { DondocDb } from '../../data/db';
import { visible, withWrites, type WriteContext } from '../../data/repository';
import { useAppState } from '../../state/app';
import type { TaskIndexRow } from '../tasks/data/taskIndex';
import { useTaskIndexRows } from '../tasks/data/queries';

export interface StoredRecord extends AccountabilityRecord {
  id: string;
  unitId: string | null;
}

function unitOf(r: AccountabilityRecord): string | null {
  return r.subject.unitId;
}

export async function saveRecord(db: DondocDb, ctx: WriteContext, id: string | null, input: AccountabilityRecord): Promise<string> {
  const parsed = accountabilityRecordSchema.safeParse(input);
  if (!parsed.success) throw new AppError('invalid-input', parsed.error.issues.map((i) => i.message).join('; '));
  const r = parsed.data;
  const rowId = id ?? newId();
  await withWrites(db, ctx, ['accountability'], async (w) => {
    const existing = id ? await w.get('accountability', id) : undefined;
    if (id && !existing) throw new AppError('not-found', 'Không tìm thấy bản ghi.');
    await w.set(
      'accountability',
      rowId,
      {
        ...(JSON.parse(JSON.stringify(r)) as Record<string, JsonValue>),
        unitId: unitOf(r),
        subjectUnitId: r.subject.kind === 'unit' ? r.subject.unitId : (r.subject.unitId ?? ''),
        subjectOfficialId: r.subject.kind === 'official' ? r.subject.officialId : '',
      },
      existing ? 'Sửa bản ghi trách nhiệm' : 'Ghi nhận kiểm điểm, khen thưởng',
      `${accountabilityKindLabels[r.kind]}: ${r.reason.slice(0, 120)}`,
    );
  });
  return rowId;
}

export async function loadRecords(db: DondocDb): Promise<StoredRecord[]> {
  const rows = visible<Record<string, unknown>>(await db.accountability.toArray());
  const out: StoredRecord[] = [];
  for (const { id, unitId, subjectUnitId, subjectOfficialId, ...rest } of rows) {
    void subjectUnitId;
    void subjectOfficialId;
    const parsed = accountabilityRecordSchema.safeParse(rest);
    if (parsed.success) out.push({ ...parsed.data, id, unitId: typeof unitId === 'string' ? unitId : null });
  }
  return out.sort((a, b) => (a.recordedOn < b.recordedOn ? 1 : a.recordedOn > b.recordedOn ? -1 : a.id < b.id ? 1 : -1));
}

export function useRecords(): StoredRecord[] | undefined {
  const db = useAppState((s) => s.db);
  return useLiveQuery(() => (db ? loadRecords(db) : []), [db]);
}

/** Tasks a unit leads, newest assignment first (ties by task id): the record's task list offers them. */
export function unitTasksOf(rows: readonly TaskIndexRow[], unitId: string): TaskIndexRow[] {
  return rows.filter((r) => r.leadUnitId === unitId).sort((a, b) => (a.assignedOn < b.assignedOn ? 1 : a.assignedOn > b.assignedOn ? -1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Live tasks a unit leads, newest first (from the task-index mirror); [] with no unit or before the database opens, undefined while loading. */
export function useUnitTasks(unitId: string | null): TaskIndexRow[] | undefined {
  const db = useAppState((s) => s.db);
  const rows = useTaskIndexRows();
  return useMemo(() => (!db || !unitId ? [] : rows ? unitTasksOf(rows, unitId) : undefined), [db, rows, unitId]);
}

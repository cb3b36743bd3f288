/** Deterministic task-shaped rows for the IndexedDB floor, and which DondocDb table they go in. */
import type { JsonValue } from '@shared/data/ops';
import { DondocDb, ENTITY_TABLES, type EntityRow, type EntityTable } from '../../renderer/src/data/db';
import type { StoreIndex } from './idb';
import { seededRandom } from '@shared/demo/prng';



const WORDS = ['Báo cáo', 'tiến độ', 'giải phóng mặt bằng', 'Ủy ban nhân dân', 'xã', 'đôn đốc', 'hạn chót', 'Phòng Tài chính', 'kế hoạch', 'cải cách hành chính', 'đầu tư công', 'quý'];
const STATUSES = ['active', 'paused', 'done', 'cancelled'];

/** The entity table the floor writes: tasks once the schema has it, letters before. */
export function floorTable(): EntityTable {
  return ((ENTITY_TABLES as readonly string[]).includes('tasks') ? 'tasks' : 'letters') as EntityTable;
}

/** The floor table's indexes as declared in DondocDb, so the raw store maintains the same ones. */
export function floorIndexes(): StoreIndex[] {
  const db = new DondocDb('bench-schema-probe', { autoOpen: false });
  const schema = db.table(floorTable()).schema;
  return schema.indexes.map((ix) => ({ name: ix.name, keyPath: ix.keyPath as string | string[], multiEntry: Boolean(ix.multi), unique: Boolean(ix.unique) }));
}

/** First single-field index of the floor table: the one the cursor cases walk. */
export function cursorIndex(): string {
  const ix = floorIndexes().find((i) => typeof i.keyPath === 'string' && !i.multiEntry);
  if (!ix) throw new Error(`${floorTable()} has no single-field index`);
  return ix.name;
}

export interface FloorValues {
  rowId: string;
  values: Record<string, JsonValue>;
}

export function floorValues(count: number, seed = 20250301): FloorValues[] {
  const rand = seededRandom(seed);
  const out: FloorValues[] = [];
  for (let i = 0; i < count; i++) {
    const unit = `unit-${String(Math.floor(rand() * 40)).padStart(2, '0')}`;
    const year = 2021 + Math.floor(rand() * 5);
    const title = Array.from({ length: 6 + Math.floor(rand() * 8) }, () => WORDS[Math.floor(rand() * WORDS.length)]).join(' ');
    out.push({
      rowId: `row-${i.toString(36).padStart(8, '0')}`,
      values: {
        title,
        content: `${title}. ${title}.`,
        directiveId: `dir-${Math.floor(rand() * (count / 20 + 1))}`,
        assignerUnitId: 'unit-ubnd',
        leadUnitId: unit,
        supportUnitIds: [],
        status: STATUSES[Math.floor(rand() * STATUSES.length)],
        officeKey: unit,
        year,
        dueOn: `${year}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`,
        percent: Math.floor(rand() * 101),
        priority: rand() < 0.1 ? 'urgent' : 'normal',
      },
    });
  }
  return out;
}

/** The same rows as stored by our layer (per-field versions, tombstone flag). */
export function floorRows(values: readonly FloorValues[]): EntityRow[] {
  return values.map(({ rowId, values: v }, i) => {
    const version = `0000000000${String(i).padStart(6, '0')}-0000-site-bench|site-bench`;
    const _v: Record<string, string> = {};
    for (const k of Object.keys(v)) _v[k] = version;
    return { ...v, id: rowId, _v, _deleted: 0 };
  });
}

/**
 * The database (IndexedDB through Dexie). Versions are declared in full; each upgrade is
 * tested in db.migration.test.ts. Keys are UUIDv7 strings, never auto-increment.
 */
import Dexie, { type Table, type Transaction } from 'dexie';
import type { Op, Row } from '@shared/data/ops';
import { makeSegment, MAX_SEGMENT_OPS, type OpSegment } from './opLog';
import type { TaskIndexRow } from '../features/tasks/data/taskIndex';
import { taskIndexDirtyMiddleware, type DirtyRecord, type PackRecord } from '../features/tasks/data/indexSnapshot';
import type { ConflictRow, ExportRow, ImportRow, PeerRow, RejectionRow } from '../features/sync/data/types';
import { packRows, TASK_LOGS_STORE, type TaskLog } from './taskLogs';

import { DB_NAME } from './dbName';

export { DB_NAME };
import { SCHEMA_VERSION } from '@shared/data/schema';

export { SCHEMA_VERSION };

/** One audited change: who did what to which record (before → after). */
export interface AuditFields {
  id: string;
  hlc: string;
  at: string;
  actor: string;
  action: string;
  entity: string;
  rowId: string;
  summary: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown>;
}

/**
 * One record of the hash-chained audit log: one per transaction (v8). Its own fields are the
 * transaction's first entry; `more` holds the others, and `rows` names every entry's record
 * ("entity/rowId", a multi-entry index) so a record's history finds them. Records written
 * before v8 are one entry each, without `more`. The hash covers everything but itself.
 */
export interface AuditEntry extends AuditFields {
  seq: number;
  prevHash: string;
  hash: string;
  more?: AuditFields[];
  rows?: string[];
}

export interface MetaRow {
  key: string;
  value: unknown;
}

export type EntityRow = Row;

const V1 = {
  ops: 'id, hlc, [site+hlc], [entity+rowId]',
  audit: 'seq, id, hlc, [entity+rowId]',
  meta: 'key',
  settings: 'id',
  units: 'id, parentId, shortName',
  officials: 'id, fullName',
  posts: 'id, officialId, unitId',
};

/** v2: units carry their fields of responsibility (lĩnh vực), indexed for consultations. */
const V2 = { ...V1, units: 'id, parentId, shortName, *fields', calendarOverrides: 'id, date' };

/** v3: letters and the outgoing register (one number series per issuing office and year). */
const V3 = {
  ...V2,
  letters: 'id, status, officeKey, [officeKey+year]',
  registerEntries: 'id, [officeKey+year], [officeKey+year+number], letterId, issuedOn',
};

/**
 * v4: tasks. directives/tasks/taskSteps/taskEvents are synced entities; taskIndex is a LOCAL
 * derived table (one row per task, rebuilt in the same transaction as every task write, never
 * synced) holding what lists and dashboards filter and sort on.
 */
const V4 = {
  ...V3,
  directives: 'id, issuedOn, kind',
  tasks: 'id, directiveId, assignerUnitId, leadUnitId',
  taskSteps: 'id, taskId, responsibleOfficialId',
  taskEvents: 'id, taskId',
  taskIndex:
    'id, leadUnitId, *unitIds, responsibleOfficialId, assignerUnitId, assignerOfficialId, directiveId, planYear, status, dueKey, completedOn, assignedOn, lastEventOn, [open+dueKey], [open+assignedOn], [leadUnitId+open]',
};

/**
 * v5: consultations (lấy ý kiến) with their append-only replies and reconciliations, and requests
 * upward with the authority's answers.
 */
const V5 = {
  ...V4,
  consultations: 'id, requesterUnitId, *consultedUnitIds, dueOn, requestedOn',
  consultationReplies: 'id, consultationId, unitId',
  reconciliations: 'id, consultationId',
  upwardRequests: 'id, fromUnitId, toUnitId, dueOn, requestedOn',
  upwardAnswers: 'id, requestId',
};

/**
 * v6: LOCAL sync bookkeeping (never synced): trusted peers, packages imported (with chunk
 * progress) and exported, received ops held back or refused, and conflicts to review.
 */
const V6 = {
  ...V5,
  peers: 'siteId, role',
  syncImports: 'packageHash, from, [from+seq], status, completedAt',
  syncExports: 'id, to, [to+seq], createdAt',
  syncRejections: 'opId, status, importHash, [site+hlc]',
  syncConflicts: 'id, status, [entity+rowId], detectedAt',
};

/**
 * v7: issued report snapshots (what a report counted, with its hash) and accountability records
 * (kiểm điểm, biểu dương, khen thưởng); both synced entities.
 */
export const STORES_V7 = {
  ...V6,
  reports: 'id, issuedOn, cutOff',
  accountability: 'id, kind, recordedOn, subjectUnitId, subjectOfficialId',
};

/**
 * v8: the op log in segments — one record per author per transaction, imported
 * chunk or migrated run (opLog.ts) — instead of one record per op; audit records carry a whole
 * transaction's entries (`more`, found through `rows`). The ops table is moved into segments
 * and dropped.
 */
const V8 = {
  ...STORES_V7,
  ops: null,
  opSegments: 'id, [site+lastHlc], [site+lastSeq]',
  audit: 'seq, id, hlc, [entity+rowId], *rows',
};

/**
 * Moves v7's ops into segments, a page of `migrationTuning.opsPage` ops at a time in primary-key order (so a
 * large log is never held whole in memory): within a page, per author in hlc order, runs of at
 * most MAX_SEGMENT_OPS, chained and unchained ops never in one segment. Segments of one author
 * from different pages may overlap in hlc or seq; every reader of segments allows for that.
 * Audit entries stay as they are (one entry per record, each already hash-chained and anchored
 * in main).
 */
export const migrationTuning = { opsPage: 20_000, rowsPage: 20_000, packsPage: 5_000 };

async function moveOpsIntoSegments(tx: Transaction): Promise<void> {
  const ops = tx.table<Op, string>('ops');
  const segments = tx.table<OpSegment, string>('opSegments');
  let n = 0;
  let after: string | null = null;
  for (;;) {
    // Keyset paging on the primary key: a restored old backup's store may lack the other indexes.
    const page: Op[] = await (after === null ? ops.orderBy(':id') : ops.where(':id').above(after)).limit(migrationTuning.opsPage).toArray();
    if (page.length === 0) break;
    after = page[page.length - 1].id;
    const runs = new Map<string, Op[]>();
    for (const op of page) {
      const key = `${op.seq === undefined ? 'u' : 'c'}|${op.site}`;
      const list = runs.get(key);
      if (list) list.push(op);
      else runs.set(key, [op]);
    }
    const out: OpSegment[] = [];
    for (const list of runs.values()) {
      list.sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      for (let i = 0; i < list.length; i += MAX_SEGMENT_OPS) {
        n += 1;
        // Ids sort in migration order: a zero-padded counter under a fixed prefix.
        out.push(makeSegment(list[i].site, list.slice(i, i + MAX_SEGMENT_OPS), `v7-${String(n).padStart(10, '0')}`));
      }
    }
    await segments.bulkAdd(out);
    if (page.length < migrationTuning.opsPage) break;
  }
}

/**
 * v9: the packed snapshot of the LOCAL task index (a head and chunks of rows) and the keys of
 * taskIndex rows written since it, both local, never synced, never required: a database
 * without them reads the index in full (features/tasks/data/indexSnapshot.ts).
 */
const V9 = {
  ...V8,
  taskIndexPacks: 'id',
  taskIndexDirty: 'id',
};

/**
 * v10: task events and steps packed per task — one `taskLogs` record holds a task's events and
 * steps (taskLogs.ts), found by task id or, through multi-entry indexes, by event or step id (v11
 * keeps the steps' only) —
 * instead of one record per row. The two per-row tables are moved into packs and dropped.
 */
export const STORES_V9 = V9;
export const STORES_V10 = {
  ...V9,
  taskEvents: null,
  taskSteps: null,
  taskLogs: 'taskId, *eventIds, *stepIds',
};

/**
 * v11: indexes nothing reads are dropped — IndexedDB maintains every index entry on every put,
 * so each one made every task write dearer. The task index keeps its primary key only: every
 * read of it filters the in-memory mirror (features/tasks/data/indexMirror.ts; `settledIndexRows`
 * in queries.ts for plain async functions). Tasks keep `directiveId` (an edited directive finds
 * its tasks to reindex) and lose `assignerUnitId`, `leadUnitId` (lists read them from the task
 * index). Task packs keep `*stepIds` and lose `*eventIds` (taskLogs.ts finds an event through
 * its task). Dexie drops the indexes; no row moves.
 */
const V11 = {
  ...STORES_V10,
  tasks: 'id, directiveId',
  taskIndex: 'id',
  taskLogs: TASK_LOGS_STORE,
};

/** Rows read per request while packing (keyset pages on the primary key). */
async function readAllRows(tx: Transaction, table: string): Promise<EntityRow[]> {
  const store = tx.table<EntityRow, string>(table);
  const out: EntityRow[] = [];
  let after: string | null = null;
  for (;;) {
    const page: EntityRow[] = await (after === null ? store.orderBy(':id') : store.where(':id').above(after)).limit(migrationTuning.rowsPage).toArray();
    for (const row of page) out.push(row);
    if (page.length < migrationTuning.rowsPage) break;
    after = page[page.length - 1].id;
  }
  return out;
}

/**
 * Moves v9's per-row events and steps into one pack per task. A task's rows are spread over
 * the whole key range (ids are time-ordered, not grouped by task), so the packs are built in
 * memory (the rows alone, as a restore holds them) and written `migrationTuning.packsPage` at a
 * time.
 */
async function packTaskLogs(tx: Transaction): Promise<void> {
  const packs = packRows({ taskEvents: await readAllRows(tx, 'taskEvents'), taskSteps: await readAllRows(tx, 'taskSteps') });
  const logs = tx.table<TaskLog, string>('taskLogs');
  const all = [...packs.values()];
  for (let i = 0; i < all.length; i += migrationTuning.packsPage) await logs.bulkAdd(all.slice(i, i + migrationTuning.packsPage));
}

export class DondocDb extends Dexie {
  opSegments!: Table<OpSegment, string>;
  audit!: Table<AuditEntry, number>;
  meta!: Table<MetaRow, string>;
  settings!: Table<EntityRow, string>;
  units!: Table<EntityRow, string>;
  officials!: Table<EntityRow, string>;
  posts!: Table<EntityRow, string>;
  calendarOverrides!: Table<EntityRow, string>;
  letters!: Table<EntityRow, string>;
  registerEntries!: Table<EntityRow, string>;
  directives!: Table<EntityRow, string>;
  tasks!: Table<EntityRow, string>;
  /** Events and steps, one record per task (v10): read and written through taskLogs.ts only. */
  taskLogs!: Table<TaskLog, string>;
  taskIndex!: Table<TaskIndexRow, string>;
  consultations!: Table<EntityRow, string>;
  consultationReplies!: Table<EntityRow, string>;
  reconciliations!: Table<EntityRow, string>;
  upwardRequests!: Table<EntityRow, string>;
  upwardAnswers!: Table<EntityRow, string>;
  peers!: Table<PeerRow, string>;
  syncImports!: Table<ImportRow, string>;
  syncExports!: Table<ExportRow, string>;
  syncRejections!: Table<RejectionRow, string>;
  syncConflicts!: Table<ConflictRow, string>;
  reports!: Table<EntityRow, string>;
  accountability!: Table<EntityRow, string>;
  taskIndexPacks!: Table<PackRecord, string>;
  taskIndexDirty!: Table<DirtyRecord, string>;

  constructor(name = DB_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, { chromeTransactionDurability: 'strict', ...options });
    this.version(1).stores(V1);
    this.version(2)
      .stores(V2)
      .upgrade(async (tx) => {
        await tx
          .table('units')
          .toCollection()
          .modify((u: EntityRow) => {
            if (!Array.isArray(u.fields)) u.fields = [];
          });
      });
    this.version(3).stores(V3);
    this.version(4).stores(V4);
    this.version(5).stores(V5);
    this.version(6).stores(V6);
    this.version(7).stores(STORES_V7);
    this.version(8).stores(V8).upgrade(moveOpsIntoSegments);
    this.version(9).stores(V9);
    this.version(10).stores(STORES_V10).upgrade(packTaskLogs);
    this.version(11).stores(V11);
    // Every read-write transaction over taskIndex also records the keys it wrote (the snapshot's tail).
    this.use(taskIndexDirtyMiddleware);
  }
}

/**
 * Entities whose rows are synced user data (written only through the repository). Each is a
 * table of its own, but for taskEvents and taskSteps, packed per task in `taskLogs` (taskLogs.ts).
 */
export const ENTITY_TABLES = ['settings', 'units', 'officials', 'posts', 'calendarOverrides', 'letters', 'registerEntries', 'directives', 'tasks', 'taskSteps', 'taskEvents', 'consultations', 'consultationReplies', 'reconciliations', 'upwardRequests', 'upwardAnswers', 'reports', 'accountability'] as const;
export type EntityTable = (typeof ENTITY_TABLES)[number];

/**
 * The one write path for local edits: each write stamps an HLC and the site id, writes the row,
 * its op and a hash-chained audit entry in the same Dexie transaction (ARCHITECTURE.md,
 * "Invariants"). Rows are put one by one (screens read them by key); a transaction's ops go into
 * ONE op-log segment (opLog.ts) and its audit entries into ONE audit record, both written when
 * the transaction's work is done, so a write costs about its row's own get and put. Three other writers put rows into entity tables, and only these: writeLocalBulk
 * here (local-only demo rows, without ops); the sync import (features/sync/data/importPackage.ts),
 * which writes the received ops it accepted and their rows; and a restore (data/restore.ts),
 * which replaces whole tables from a verified backup. Every one of them that stamps a clock or
 * appends to the audit chain does it through the Ledger below.
 */
import Dexie from 'dexie';
import { AppError } from '@shared/errors';
import { formatHlc, initialHlc, parseHlc, receive, tick, type HlcState } from '@shared/data/hlc';
import { canonicalJson, sha256Hex } from '@shared/data/canonical';
import { applyOp, type EntityName, type JsonValue, type Op } from '@shared/data/ops';
import { newId } from '@shared/data/ids';
import type { AuditEntry, AuditFields, DondocDb, EntityRow, EntityTable } from './db';
import { ownHead, OWN_CHAIN_KEY, stampChain } from './chain';
import { appendOps } from './opLog';
import { rowStore, storeTables } from './taskLogs';

export interface WriteContext {
  site: string;
  /** Who acts: "username (Họ tên)". */
  actor: string;
  now?: () => Date;
}

export interface Writer {
  /** Sets fields of a row (creating it if needed); LWW per field. */
  set(entity: EntityTable, rowId: string, values: Record<string, JsonValue>, action: string, summary: string): Promise<EntityRow>;
  /** Appends an immutable record. */
  insert(entity: EntityTable, rowId: string, values: Record<string, JsonValue>, action: string, summary: string): Promise<EntityRow>;
  get(entity: EntityTable, rowId: string): Promise<EntityRow | undefined>;
  /**
   * Bulk path (demo data, large imports): one op per row as usual, but rows are read and
   * written with bulkGet/bulkPut and the batch gets ONE audit entry (count and first/last
   * row id) instead of one per row. Returns the rows as written.
   */
  setMany(entity: EntityTable, rows: readonly BulkRow[], action: string, summary: string): Promise<EntityRow[]>;
  /** Bulk append-only records; rows that already exist are left unchanged (no op). */
  insertMany(entity: EntityTable, rows: readonly BulkRow[], action: string, summary: string): Promise<EntityRow[]>;
}

export interface BulkRow {
  rowId: string;
  values: Record<string, JsonValue>;
}

const HLC_KEY = 'hlc';
const AUDIT_HEAD_KEY = 'auditHead';
export const GENESIS_HASH = '0'.repeat(64);

export function auditHash(entry: Omit<AuditEntry, 'hash'>): string {
  return sha256Hex(canonicalJson(entry));
}

export type { AuditFields };

/** The entries an audit record carries (its own fields first, then `more`), each with the record's place in the chain. */
export function auditEntries(record: AuditEntry): AuditEntry[] {
  const { more, rows, ...first } = record;
  void rows;
  if (!more?.length) return [first];
  return [first, ...more.map((f): AuditEntry => ({ ...f, seq: record.seq, prevHash: record.prevHash, hash: record.hash }))];
}

/** Audit entries about these records (entity, rowId), oldest first: two index reads whatever the count. */
export async function auditOf(db: DondocDb, keys: readonly (readonly [string, string])[]): Promise<AuditEntry[]> {
  if (keys.length === 0) return [];
  const wanted = new Set(keys.map(([e, r]) => `${e}/${r}`));
  const [single, packed] = await Promise.all([
    db.audit.where('[entity+rowId]').anyOf(keys.map(([e, r]) => [e, r])).toArray(),
    db.audit.where('rows').anyOf([...wanted]).toArray(),
  ]);
  const bySeq = new Map<number, AuditEntry>();
  for (const r of [...single, ...packed]) bySeq.set(r.seq, r);
  const out: AuditEntry[] = [];
  for (const seq of [...bySeq.keys()].sort((a, b) => a - b)) for (const e of auditEntries(bySeq.get(seq)!)) if (wanted.has(`${e.entity}/${e.rowId}`)) out.push(e);
  return out;
}

/**
 * The site's hybrid logical clock and the audit chain's head, read once inside a read-write
 * transaction that covers audit and meta, advanced by the writer, and saved before it ends. It is
 * the only code that stamps an HLC or appends to the audit chain: withWrites, writeLocalBulk and
 * the sync import all go through it, so the chain and the clock can never be advanced two ways.
 */
export interface Ledger {
  /** The next HLC of this site's clock, for one new op. */
  tick(wallMs: number): string;
  /** Moves the clock past a received HLC, so later local edits win over what was received. */
  receive(remoteHlc: string, wallMs: number): void;
  /** The clock's current HLC, for an audit entry that stamps no op. */
  current(): string;
  /** Adds one entry to this transaction's audit record (written by save). */
  append(fields: AuditFields): void;
  /**
   * Writes the entries appended since the last save as ONE hash-chained audit record after the
   * head (none when there are none), then the clock and the chain's head back to meta.
   */
  save(): Promise<void>;
}

export async function openLedger(db: DondocDb, site: string): Promise<Ledger> {
  const [hlcRow, headRow] = await db.meta.bulkGet([HLC_KEY, AUDIT_HEAD_KEY]);
  let clock: HlcState = hlcRow ? parseHlc(String(hlcRow.value)) : initialHlc(site);
  if (clock.node !== site) clock = { ...clock, node: site };
  let head = (headRow?.value as { seq: number; hash: string } | undefined) ?? { seq: 0, hash: GENESIS_HASH };
  let entries: AuditFields[] = [];
  return {
    tick(wallMs) {
      clock = tick(clock, wallMs);
      return formatHlc(clock);
    },
    receive(remoteHlc, wallMs) {
      clock = receive(clock, parseHlc(remoteHlc), wallMs);
    },
    current: () => formatHlc(clock),
    append(fields) {
      entries.push(fields);
    },
    async save() {
      if (entries.length) {
        const [first, ...more] = entries;
        entries = [];
        const base: Omit<AuditEntry, 'hash'> = more.length
          ? { ...first, seq: head.seq + 1, prevHash: head.hash, more, rows: [...new Set([first, ...more].map((e) => `${e.entity}/${e.rowId}`))] }
          : { ...first, seq: head.seq + 1, prevHash: head.hash };
        const record: AuditEntry = { ...base, hash: auditHash(base) };
        await db.audit.add(record);
        head = { seq: record.seq, hash: record.hash };
      }
      await db.meta.bulkPut([
        { key: HLC_KEY, value: formatHlc(clock) },
        { key: AUDIT_HEAD_KEY, value: head },
      ]);
    },
  };
}

function stripMeta(row: EntityRow | undefined, keys: string[]): Record<string, unknown> | null {
  if (!row) return null;
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = row[k];
  return out;
}

/**
 * Runs fn in one read-write transaction covering the named tables plus opSegments/audit/meta.
 * fn must only await Dexie calls (awaiting anything else would commit the transaction early).
 * The transaction's ops and audit entries are written after fn returns: one segment, one record.
 */
export async function withWrites<T>(db: DondocDb, ctx: WriteContext, tables: EntityTable[], fn: (w: Writer) => Promise<T>): Promise<T> {
  const now = ctx.now ?? (() => new Date());
  return db.transaction('rw', [...storeTables(db, tables), db.opSegments, db.audit, db.meta], async () => {
    // The clock and audit head, and this site's op chain (proven authorship: each new op takes
    // the next seq and links to the last), read together.
    const [ledger, chainBefore] = await Promise.all([openLedger(db, ctx.site), ownHead(db, ctx.site)]);
    let chain = chainBefore;
    const written: Op[] = [];
    // Row puts are not awaited one by one: IndexedDB runs a transaction's requests in order (a
    // later get of the row sees the put), so the next write need not wait for this one's
    // round trip. They are awaited, and any failure surfaces, before the transaction's end.
    const puts: Promise<unknown>[] = [];

    const write = async (kind: Op['kind'], entity: EntityTable, rowId: string, values: Record<string, JsonValue>, action: string, summary: string) => {
      if (!tables.includes(entity)) throw new AppError('internal', `Bảng ${entity} không nằm trong giao dịch.`);
      const table = rowStore(db, entity);
      const existing = await table.get(rowId, values.taskId);
      if (kind === 'insert' && existing) throw new AppError('conflict', 'Bản ghi đã tồn tại.');
      const hlc = ledger.tick(now().getTime());
      const keys = Object.keys(values);
      const prev: Record<string, string> = {};
      if (existing) for (const k of keys) if (existing._v[k]) prev[k] = existing._v[k];
      const stamped = stampChain([{ id: newId(), site: ctx.site, hlc, entity: entity as EntityName, rowId, kind, values, actor: ctx.actor, ...(existing ? { prev } : {}) }], chain);
      const op = stamped.ops[0];
      chain = stamped.head;
      const next = applyOp(existing, op);
      const put = table.put(next);
      put.catch(() => undefined); // observed below, with the others
      puts.push(put);
      written.push(op);
      ledger.append({ id: newId(), hlc, at: now().toISOString(), actor: ctx.actor, action, entity, rowId, summary, before: stripMeta(existing, keys), after: values as Record<string, unknown> });
      return next;
    };

    const writeMany = async (kind: Op['kind'], entity: EntityTable, rows: readonly BulkRow[], action: string, summary: string) => {
      if (!tables.includes(entity)) throw new AppError('internal', `Bảng ${entity} không nằm trong giao dịch.`);
      if (rows.length === 0) return [];
      const table = rowStore(db, entity);
      const taskIds = new Map(rows.map((r) => [r.rowId, r.values.taskId]));
      const current = await table.byIds(taskIds.keys(), (id) => taskIds.get(id));
      const ops: Op[] = [];
      for (const { rowId, values } of rows) {
        const before = current.get(rowId);
        if (kind === 'insert' && before) continue;
        const hlc = ledger.tick(now().getTime());
        const prev: Record<string, string> = {};
        if (before) for (const k of Object.keys(values)) if (before._v[k]) prev[k] = before._v[k];
        const op: Op = { id: newId(), site: ctx.site, hlc, entity: entity as EntityName, rowId, kind, values, actor: ctx.actor, ...(before ? { prev } : {}) };
        current.set(rowId, applyOp(before, op));
        ops.push(op);
      }
      const rowsOut = ops.map((op) => current.get(op.rowId)!);
      if (ops.length === 0) return rowsOut;
      const stamped = stampChain(ops, chain);
      chain = stamped.head;
      await table.bulkPut(rowsOut);
      for (const op of stamped.ops) written.push(op);
      ledger.append({
        id: newId(),
        hlc: ops[ops.length - 1].hlc,
        at: now().toISOString(),
        actor: ctx.actor,
        action,
        entity,
        rowId: ops[0].rowId,
        summary,
        before: null,
        after: { count: ops.length, firstRowId: ops[0].rowId, lastRowId: ops[ops.length - 1].rowId },
      });
      return rowsOut;
    };

    const writer: Writer = {
      set: (entity, rowId, values, action, summary) => write('set', entity, rowId, values, action, summary),
      insert: (entity, rowId, values, action, summary) => write('insert', entity, rowId, values, action, summary),
      get: (entity, rowId) => rowStore(db, entity).get(rowId),
      setMany: (entity, rows, action, summary) => writeMany('set', entity, rows, action, summary),
      insertMany: (entity, rows, action, summary) => writeMany('insert', entity, rows, action, summary),
    };
    const result = await fn(writer);
    await Promise.all([...puts, appendOps(db, written), ledger.save(), chain !== chainBefore ? db.meta.put({ key: OWN_CHAIN_KEY, value: chain }) : null]);
    return result;
  });
}

/**
 * Local bulk path, for rows that must NEVER reach peers (demo/training data): rows are stamped
 * exactly as withWrites would store a new row (one HLC tick per row from the site's clock,
 * per-field `_v`, `_deleted: 0`) and written with one bulkPut, but WITHOUT ops (so sync has
 * nothing to send) and without reading anything per row: the caller guarantees the rows are
 * new (it overwrites blindly). The batch gets ONE hash-chained audit entry, so the integrity
 * check still verifies. Runs inside the caller's read-write transaction, which must cover
 * `entity`, audit and meta; only Dexie calls are awaited, so it never commits that transaction
 * early. The caller marks the database (see the demo loader's `demoData` meta row), since rows
 * without ops can never be reconciled with a peer. Returns the rows as written.
 */
export async function writeLocalBulk(db: DondocDb, ctx: WriteContext, entity: EntityTable, rows: readonly BulkRow[], action: string, summary: string): Promise<EntityRow[]> {
  const tx = Dexie.currentTransaction;
  const store = storeTables(db, [entity])[0].name;
  if (!tx || tx.mode !== 'readwrite' || !tx.storeNames.includes(store) || !tx.storeNames.includes('audit') || !tx.storeNames.includes('meta')) {
    throw new AppError('internal', `Ghi hàng loạt bảng ${entity} phải nằm trong một giao dịch ghi có bảng ${entity}, audit và meta.`);
  }
  if (rows.length === 0) return [];
  const now = ctx.now ?? (() => new Date());
  const ledger = await openLedger(db, ctx.site);
  const wall = now().getTime();
  const written: EntityRow[] = new Array<EntityRow>(rows.length);
  let lastHlc = '';
  for (let i = 0; i < rows.length; i++) {
    const { rowId, values } = rows[i];
    lastHlc = ledger.tick(wall);
    // The op is only the input of applyOp (the row withWrites would store); it is not kept.
    written[i] = applyOp(undefined, { id: '', site: ctx.site, hlc: lastHlc, entity: entity as EntityName, rowId, kind: 'set', values, actor: ctx.actor });
  }
  await rowStore(db, entity).bulkPut(written, true);
  ledger.append({
    id: newId(),
    hlc: lastHlc,
    at: now().toISOString(),
    actor: ctx.actor,
    action,
    entity,
    rowId: rows[0].rowId,
    summary,
    before: null,
    after: { count: rows.length, firstRowId: rows[0].rowId, lastRowId: rows[rows.length - 1].rowId, synced: false },
  });
  await ledger.save();
  return written;
}

/** Walks the audit chain; returns the first broken link, or null when it verifies. */
export async function verifyAuditChain(db: DondocDb): Promise<{ seq: number; reason: string } | null> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let broken: { seq: number; reason: string } | null = null;
  await db.audit.orderBy('seq').until(() => broken !== null).each((entry) => {
    const { hash, ...rest } = entry;
    if (entry.seq !== expectedSeq) broken = { seq: expectedSeq, reason: `Thiếu mục nhật ký số ${expectedSeq}.` };
    else if (entry.prevHash !== prevHash) broken = { seq: entry.seq, reason: `Mục nhật ký số ${entry.seq} không nối tiếp mục trước.` };
    else if (auditHash(rest) !== hash) broken = { seq: entry.seq, reason: `Mục nhật ký số ${entry.seq} đã bị sửa.` };
    prevHash = hash;
    expectedSeq += 1;
  });
  return broken;
}

/** Rows that are not tombstoned, without bookkeeping fields. */
export function visible<T>(rows: EntityRow[]): (T & { id: string })[] {
  return rows.filter((r) => r._deleted !== 1).map((r) => {
    const { _v, _deleted, ...rest } = r;
    void _v;
    void _deleted;
    return rest as T & { id: string };
  });
}

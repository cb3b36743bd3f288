/**
 * Import of a verified package (main already checked size, format, hash and signature).
 * Chunks of ops are applied in their own transactions, each recording its progress; the
 * package counts as imported only when the last chunk is in, so importing the same file
 * again finishes an interrupted import. A package already imported is a no-op.
 */
import Dexie from 'dexie';
import { AppError } from '@shared/errors';
import { MAX_DRIFT_MS } from '@shared/data/hlc';
import { stateKey, type EntityName, type Op, type Row } from '@shared/data/ops';
import { applyBatch, compareOps, mergeVectors, missingSeqs, taskIdOf, type BaseView, type BatchResult, type Known } from '@shared/sync/apply';
import type { SyncSite } from '@shared/sync/authorize';
import type { PackageDataMsg } from '@shared/ipc/channels/sync';
import { ENTITY_TABLES, SCHEMA_VERSION, type DondocDb } from '../../../data/db';
import { acceptsPackageSchema } from '@shared/data/schema';
import { openLedger, type Ledger, type WriteContext } from '../../../data/repository';
import { newId } from '@shared/data/ids';
import { reindexTasks, type PreloadedTaskRows } from '../../tasks/data/taskIndex';
import { refuseDemoDatabase } from './demoGuard';
import { loadByKeys, rowsByIndex } from '../../../data/bulkRead';
import { appendOps, storedOpIds } from '../../../data/opLog';
import { eventsOf, isLogEntity, rowStore, storeTables } from '../../../data/taskLogs';
import { loadSyncSites, recordPeerKey } from './peers';
import { admitOps, type AdmitResult, type ChainHead } from '@shared/sync/authorship';
import { allHeads, CHAIN_HEADS_KEY, heldChains, upgradeForAuthorship } from '../../../data/chain';
import type { ConflictRow, ImportCounts, ImportRow, RejectionRow } from './types';

/**
 * Ops per chunk transaction. Measured with 10,000 ops (bench/README.md): 5,000 a chunk is about
 * 12 % faster than 2,000 (fewer commits, fewer reads of the same packs), 10,000 no faster still;
 * a 100,000-op package then shows 20 steps of progress.
 */
export const DEFAULT_CHUNK_SIZE = 5000;

export interface ImportReport {
  /** 'duplicate': this very file was imported before; nothing was done. */
  status: 'imported' | 'duplicate';
  packageHash: string;
  from: string;
  seq: number;
  counts: ImportCounts;
  /** Earlier chunks were already in from an interrupted attempt. */
  resumedFromChunk: number;
  /** Packages of this sender's stream to us that never arrived (below the highest received). */
  missingSeqs: number[];
  newSignerFingerprint: string | null;
}

export interface ImportOptions {
  chunkSize?: number;
  /** Called after each chunk is committed. */
  onProgress?: (done: number, total: number) => void;
  /** Test hook: stop after this many chunks (simulates a crash or a closed window). */
  stopAfterChunks?: number;
}

const emptyCounts = (): ImportCounts => ({ applied: 0, alreadyHad: 0, rejected: 0, pending: 0, conflicts: 0, released: 0 });

const hasEntity = (e: EntityName) => (ENTITY_TABLES as readonly string[]).includes(e);

function syncTables(db: DondocDb) {
  return [...storeTables(db, ENTITY_TABLES), db.opSegments, db.audit, db.meta, db.taskIndex, db.peers, db.syncImports, db.syncRejections, db.syncConflicts];
}

/** What a chunk read before judging: the view, plus the held-back rows of its ops. */
interface Prefetched {
  view: BaseView;
  /** Rows prefetched for the task entities, to fold the task index without reading again. */
  rows: Map<string, Row>;
  events: Map<string, Row[]>;
  /** syncRejections rows of the chunk's ops (all of them when retrying). */
  held: Map<string, RejectionRow>;
}

/**
 * Loads, inside the caller's transaction, every row the authorizer and merge may read for
 * these ops. `held`: the chunk's syncRejections rows when the caller already has them
 * (retrying), or whether that table may hold any of them at all (false: it is empty). `heads`:
 * the author chains held here, which tell the ops already stored without reading them.
 */
async function prefetch(db: DondocDb, ops: readonly Op[], held: readonly RejectionRow[] | boolean, heads: ReadonlyMap<string, ChainHead>): Promise<Prefetched> {
  const rows = new Map<string, Row>();
  const asked = new Set<string>();
  const want = new Map<EntityName, Set<string>>();
  // The task an event op names: its pack is that task's (taskLogs.ts).
  const taskOfRow = new Map<string, unknown>();
  const ask = (entity: EntityName, id: string) => {
    const key = stateKey(entity, id);
    if (!hasEntity(entity) || asked.has(key)) return;
    asked.add(key);
    let s = want.get(entity);
    if (!s) want.set(entity, (s = new Set()));
    s.add(id);
  };
  const load = async () => {
    const batch = [...want];
    want.clear();
    await Promise.all(
      batch.map(async ([entity, ids]) => {
        for (const [id, r] of await rowStore(db, entity).byIds(ids, (rowId) => taskOfRow.get(stateKey(entity, rowId)))) rows.set(stateKey(entity, id), r);
      }),
    );
  };
  for (const op of ops) {
    if (op.values.taskId !== undefined) taskOfRow.set(stateKey(op.entity, op.rowId), op.values.taskId);
    ask(op.entity, op.rowId);
  }
  const ids = ops.map((o) => o.id);
  // Independent reads go out together: the rows the ops name, which ops are already in, which are held.
  const [stored, heldRows] = await Promise.all([
    storedOpIds(db, ops, heads, new Set()),
    typeof held === 'boolean' ? (held ? loadByKeys(db.syncRejections, ids) : Promise.resolve(new Map<string, RejectionRow>())) : Promise.resolve(new Map(held.map((r) => [r.opId, r]))),
    load(),
  ]);
  const taskIds = new Set<string>();
  const officialIds = new Set<string>();
  for (const op of ops) {
    const current = rows.get(stateKey(op.entity, op.rowId));
    const taskId = taskIdOf(op.entity, op.rowId, op.values, current);
    if (taskId) taskIds.add(taskId);
    if (op.entity === 'officials') officialIds.add(op.rowId);
    const ref = (field: string) => (typeof op.values[field] === 'string' ? (op.values[field] as string) : typeof current?.[field] === 'string' ? (current[field] as string) : null);
    if (op.entity === 'consultationReplies' || op.entity === 'reconciliations') {
      const c = ref('consultationId');
      if (c) ask('consultations', c);
    }
    if (op.entity === 'upwardAnswers') {
      const r = ref('requestId');
      if (r) ask('upwardRequests', r);
    }
  }
  for (const t of taskIds) ask('tasks', t);
  await load();
  // A task's events are one record (its pack): key ranges are probed, so tasks new here cost nothing per task.
  const [events, posts] = await Promise.all([
    taskIds.size ? eventsOf(db, taskIds) : Promise.resolve(new Map<string, Row[]>()),
    officialIds.size ? rowsByIndex(db.posts, 'officialId', officialIds) : Promise.resolve(new Map<string, Row[]>()),
  ]);
  const known = new Map<string, Known>();
  for (const id of ids) {
    // An op waiting in syncRejections is not in the op log, whatever its place in the chain.
    if (stored.has(id) && !heldRows.has(id)) known.set(id, 'accepted');
    // Retrying re-judges held ops: only the ops table says whether they are in.
    else if (typeof held === 'boolean' && heldRows.has(id)) known.set(id, heldRows.get(id)!.status);
  }
  for (const t of taskIds) if (!events.has(t)) events.set(t, []);
  return {
    view: {
      row: (entity, rowId) => rows.get(stateKey(entity, rowId)),
      taskEvents: (taskId) => events.get(taskId) ?? [],
      posts: (officialId) => posts.get(officialId) ?? [],
      hasEntity,
      known: (id) => known.get(id),
    },
    rows,
    events,
    held: heldRows,
  };
}

/**
 * The task rows and events as they stand once `result` is written, for the tasks whose events
 * the prefetch read (undefined for any other task: the index then reads it from the database).
 */
function taskRowsAfter(pre: Prefetched, result: BatchResult): PreloadedTaskRows {
  const changed = new Map<string, Row[]>();
  const changedIds = new Set<string>();
  for (const [key, row] of result.rows) {
    if (!key.startsWith('taskEvents/')) continue;
    changedIds.add(row.id);
    if (typeof row.taskId !== 'string') continue;
    const list = changed.get(row.taskId);
    if (list) list.push(row);
    else changed.set(row.taskId, [row]);
  }
  return {
    task: (id) => result.rows.get(stateKey('tasks', id)) ?? pre.rows.get(stateKey('tasks', id)),
    events: (taskId) => {
      const base = pre.events.get(taskId);
      if (!base) return undefined;
      const mine = changed.get(taskId) ?? [];
      return changedIds.size ? [...base.filter((r) => !changedIds.has(r.id)), ...mine] : base;
    },
  };
}

interface Written {
  released: number;
  /** syncRejections received rows. */
  wroteHeld: boolean;
}

/** Writes a batch's outcome: rows, accepted ops, held-back ops, conflicts, clock, task index. */
interface BatchMeta {
  importHash: string;
  from: string;
  at: string;
  site: string;
}

/** `ledger`: the chunk's one ledger (clock and audit chain), saved once at the chunk's end. */
async function writeBatch(db: DondocDb, result: BatchResult, meta: BatchMeta, pre: Prefetched, ledger: Ledger): Promise<Written> {
  const byEntity = new Map<string, Row[]>();
  for (const [key, row] of result.rows) {
    const entity = key.slice(0, key.indexOf('/'));
    const list = byEntity.get(entity);
    if (list) list.push(row);
    else byEntity.set(entity, [row]);
  }
  // Rows one bulkPut per table (events and steps: one put per task's pack); the accepted ops one segment per author.
  await Promise.all([...[...byEntity].map(([entity, list]) => rowStore(db, entity).bulkPut(list)), appendOps(db, result.accepted)]);
  const releasedIds = result.accepted.filter((o) => pre.held.has(o.id)).map((o) => o.id);
  if (releasedIds.length) await db.syncRejections.bulkDelete(releasedIds);

  const heldOps = [
    ...result.rejected.map((r) => ({ op: r.op, status: 'rejected' as const, code: r.code, reason: r.reason })),
    ...result.pending.map((p) => ({ op: p.op, status: 'pending' as const, code: null, reason: p.reason })),
  ];
  if (heldOps.length) {
    const existing = heldOps.map((h) => pre.held.get(h.op.id));
    await db.syncRejections.bulkPut(
      heldOps.map((h, i): RejectionRow => ({
        opId: h.op.id,
        site: h.op.site,
        hlc: h.op.hlc,
        op: h.op,
        status: h.status,
        code: h.code,
        reason: h.reason,
        importHash: existing[i]?.importHash ?? meta.importHash,
        from: existing[i]?.from ?? meta.from,
        firstSeenAt: existing[i]?.firstSeenAt ?? meta.at,
        lastCheckedAt: meta.at,
      })),
    );
  }
  if (result.conflicts.length) {
    await db.syncConflicts.bulkPut(
      result.conflicts.map((c): ConflictRow => ({ ...c, status: 'open', detectedAt: meta.at, importHash: meta.importHash, resolvedAt: null, resolvedBy: null })),
    );
  }
  // The local clock moves past everything applied, so later local edits win over them.
  let maxHlc = '';
  for (const op of result.accepted) if (op.hlc > maxHlc) maxHlc = op.hlc;
  if (maxHlc) ledger.receive(maxHlc, Date.parse(meta.at));
  if (result.touchedTasks.size) await reindexTasks(db, result.touchedTasks, taskRowsAfter(pre, result));
  return { released: releasedIds.length, wroteHeld: heldOps.length > 0 };
}

/** Re-judges every received op held back earlier (its record or the registry may have arrived since). */
async function retryHeld(db: DondocDb, sites: ReadonlyMap<string, SyncSite>, meta: BatchMeta, ledger: Ledger): Promise<Written> {
  // Only ops that entered an author's chain here are judged again; unproven ones never are.
  const rows = (await db.syncRejections.toArray()).filter((r) => r.code !== 'invalid' && r.code !== 'localOnly' && r.code !== 'unproven' && r.op.seq !== undefined);
  if (rows.length === 0) return { released: 0, wroteHeld: false };
  const held = rows.map((r) => r.op).sort(compareOps);
  const pre = await prefetch(db, held, rows, await allHeads(db, meta.site));
  const result = applyBatch(held, sites, pre.view, { retry: true });
  return writeBatch(db, result, meta, pre, ledger);
}

function counted(result: BatchResult, invalidRows: number): Omit<ImportCounts, 'released'> {
  return {
    applied: result.accepted.length,
    alreadyHad: result.alreadyHad,
    rejected: result.rejected.length + invalidRows,
    pending: result.pending.length,
    conflicts: result.conflicts.length,
  };
}

export async function importPackage(db: DondocDb, ctx: WriteContext, pkg: PackageDataMsg, fileName: string, options: ImportOptions = {}): Promise<ImportReport> {
  const { manifest, packageHash } = pkg;
  const now = () => (ctx.now ? ctx.now() : new Date());
  await refuseDemoDatabase(db);
  const previous = await db.syncImports.get(packageHash);
  if (previous?.status === 'done') {
    return { status: 'duplicate', packageHash, from: previous.from, seq: previous.seq, counts: previous.counts, resumedFromChunk: 0, missingSeqs: await streamGaps(db, previous.from, previous.to), newSignerFingerprint: null };
  }
  if (manifest.to !== '*' && manifest.to !== ctx.site) throw new AppError('invalid-input', `Gói này gửi cho đơn vị khác (${manifest.to}).`);
  const sender = await db.peers.get(manifest.from);
  if (!sender) throw new AppError('not-authorised', `Gói đến từ máy chưa được tin cậy (${manifest.from}). Hãy ghép nối và đối chiếu dấu vân tay trước.`);
  if (!acceptsPackageSchema(manifest.schemaVersion, SCHEMA_VERSION)) {
    throw new AppError('invalid-file', 'Gói được tạo bởi phiên bản ứng dụng mới hơn (cơ sở dữ liệu mới hơn). Hãy cập nhật ứng dụng rồi nhập lại; chưa có dữ liệu nào được áp dụng.');
  }
  // A package created far ahead of this clock comes from a broken clock: nothing of it is applied.
  if (Date.parse(manifest.createdAt) > now().getTime() + MAX_DRIFT_MS) {
    throw new AppError('invalid-input', `Đồng hồ của máy gửi (${manifest.from}) chạy nhanh hơn máy này quá một ngày; gói chưa được áp dụng. Hãy chỉnh đồng hồ máy gửi rồi xuất lại gói.`);
  }
  await upgradeForAuthorship(db, ctx.site);
  // Authorship: only ops proven by their author's chain and continuing what this site holds go on.
  // The heads move only with the last chunk (recordAuthorship), so they hold for every chunk.
  const heads = await allHeads(db, ctx.site);
  const admission = admitOps({
    ops: pkg.ops,
    refusedIndex: new Map(pkg.authorship.refused.map((r) => [r.index, r.reason])),
    checkpoints: pkg.authorship.checkpoints,
    heads,
    mySite: ctx.site,
    notAfter: Math.min(Date.parse(manifest.createdAt), now().getTime()),
  });

  const chunkSize = previous?.chunkSize ?? options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  const ops = [...admission.admitted].sort(compareOps);
  const totalChunks = Math.max(1, Math.ceil(ops.length / chunkSize));
  const startChunk = previous?.chunksDone ?? 0;
  const sites = await loadSyncSites(db, ctx.site);
  let counts = previous?.counts ?? emptyCounts();
  const startedAt = previous?.startedAt ?? now().toISOString();

  for (let chunk = startChunk; chunk < totalChunks; chunk += 1) {
    if (options.stopAfterChunks !== undefined && chunk - startChunk >= options.stopAfterChunks) {
      return { status: 'imported', packageHash, from: manifest.from, seq: manifest.seq, counts, resumedFromChunk: startChunk, missingSeqs: [], newSignerFingerprint: null };
    }
    const slice = ops.slice(chunk * chunkSize, (chunk + 1) * chunkSize);
    const last = chunk === totalChunks - 1;
    counts = await db.transaction('rw', syncTables(db), async () => {
      const at = now().toISOString();
      const meta: BatchMeta = { importHash: packageHash, from: manifest.from, at, site: ctx.site };
      // syncRejections is usually empty: then the chunk's ops need no lookup there at all.
      const [held, ledger] = await Promise.all([db.syncRejections.limit(1).primaryKeys(), openLedger(db, ctx.site)]);
      const anyHeld = held.length > 0;
      const pre = await prefetch(db, slice, anyHeld, heads);
      const result = applyBatch(slice, sites, pre.view);
      const written = await writeBatch(db, result, meta, pre, ledger);
      const invalidRows = result.invalid.length;
      const c = counted(result, invalidRows);
      let next: ImportCounts = {
        applied: counts.applied + c.applied,
        alreadyHad: counts.alreadyHad + c.alreadyHad,
        rejected: counts.rejected + c.rejected,
        pending: counts.pending + c.pending,
        conflicts: counts.conflicts + c.conflicts,
        released: counts.released + written.released,
      };
      if (invalidRows) {
        await db.syncRejections.bulkPut(
          result.invalid.map((x): RejectionRow => {
            const raw = x.raw as Partial<Op>;
            const opId = `invalid:${packageHash.slice(0, 16)}:${chunk * chunkSize + x.index}`;
            return { opId, site: String(raw.site ?? ''), hlc: '', op: x.raw as Op, status: 'rejected', code: 'invalid', reason: x.reason, importHash: packageHash, from: manifest.from, firstSeenAt: at, lastCheckedAt: at };
          }),
        );
      }
      if (last) {
        await recordAuthorship(db, admission, meta, pkg.ops.length);
        const retried = await retryHeld(db, sites, meta, ledger);
        // Final figures for this package's own held ops: a retry may have let some through.
        const mine = await db.syncRejections.where('importHash').equals(packageHash).toArray();
        next = {
          ...next,
          released: next.released + retried.released,
          rejected: mine.filter((r) => r.status === 'rejected').length,
          pending: mine.filter((r) => r.status === 'pending').length,
        };
      }
      const row: ImportRow = {
        packageHash,
        from: manifest.from,
        to: manifest.to,
        seq: manifest.seq,
        prevPackageHash: manifest.prevPackageHash,
        createdAt: manifest.createdAt,
        fileName,
        status: last ? 'done' : 'partial',
        totalOps: ops.length,
        chunkSize,
        chunksDone: chunk + 1,
        counts: next,
        startedAt,
        completedAt: last ? at : null,
        by: ctx.actor,
      };
      await db.syncImports.put(row);
      if (last) {
        const peer = await db.peers.get(manifest.from);
        if (peer) await db.peers.put({ ...peer, ack: mergeVectors(peer.ack, manifest.versionVector), lastReceivedAt: at });
      }
      ledger.append({
        id: newId(),
        hlc: ledger.current(),
        at,
        actor: ctx.actor,
        before: null,
        action: 'Nhập gói đồng bộ',
        entity: 'sync',
        rowId: packageHash,
        summary: `Gói số ${manifest.seq} của ${sender.name}${totalChunks > 1 ? ` (phần ${chunk + 1}/${totalChunks})` : ''}: áp dụng ${c.applied}, đã có ${c.alreadyHad}, từ chối ${c.rejected}, chờ ${c.pending}`,
        after: { ...c, released: written.released, chunk: chunk + 1, chunks: totalChunks, fileName },
      });
      await ledger.save();
      return next;
    });
    options.onProgress?.(chunk + 1, totalChunks);
  }
  if (pkg.newSignerKey) await recordPeerKey(db, manifest.from, pkg.newSignerKey, now().toISOString());
  return {
    status: 'imported',
    packageHash,
    from: manifest.from,
    seq: manifest.seq,
    counts,
    resumedFromChunk: startChunk,
    missingSeqs: await streamGaps(db, manifest.from, manifest.to),
    newSignerFingerprint: pkg.newSignerKey?.fingerprint ?? null,
  };
}

/**
 * With the package's last chunk: ops whose authorship failed are listed (keyed by package and
 * position, never by the op id a forger chose, so a forged copy can never shadow the real op),
 * and every author chain that moved forward records its new head and checkpoint.
 */
async function recordAuthorship(db: DondocDb, admission: AdmitResult, meta: BatchMeta, total: number): Promise<void> {
  if (admission.refused.length) {
    const width = String(total).length;
    await db.syncRejections.bulkPut(
      admission.refused.map((r): RejectionRow => ({
        opId: `unproven:${meta.importHash.slice(0, 16)}:${String(r.index).padStart(width, '0')}`,
        site: r.op.site,
        hlc: '',
        op: r.op,
        status: 'rejected',
        code: 'unproven',
        reason: r.reason,
        importHash: meta.importHash,
        from: meta.from,
        firstSeenAt: meta.at,
        lastCheckedAt: meta.at,
      })),
    );
  }
  if (admission.advanced.size) {
    const held = await heldChains(db);
    for (const [site, next] of admission.advanced) if (!held[site] || held[site].head.seq < next.head.seq) held[site] = next;
    await db.meta.put({ key: CHAIN_HEADS_KEY, value: held });
  }
}

/** Missing sequence numbers of one sender's stream ('to' is this site or '*'). */
export async function streamGaps(db: DondocDb, from: string, to: string): Promise<number[]> {
  const seqs = (await db.syncImports.where('[from+seq]').between([from, Dexie.minKey], [from, Dexie.maxKey]).toArray()).filter((r) => r.to === to && r.status === 'done').map((r) => r.seq);
  return missingSeqs(seqs);
}

/** A readable name for the record an op touches (the row as held here, else the op's own values). */
export async function rejectionRecordName(db: DondocDb, r: RejectionRow): Promise<string> {
  const pick = (v: Record<string, unknown> | undefined) => [v?.title, v?.name, v?.fullName, v?.subject].find((x): x is string => typeof x === 'string');
  const known = isLogEntity(r.op.entity) || (db.tables.map((t) => t.name) as string[]).includes(r.op.entity);
  const row = known ? ((await rowStore(db, r.op.entity).get(r.op.rowId, r.op.values.taskId)) as Record<string, unknown> | undefined) : undefined;
  if (r.op.entity === 'taskEvents' && typeof r.op.values.taskId === 'string') {
    const task = (await db.tasks.get(r.op.values.taskId)) as Record<string, unknown> | undefined;
    return pick(task) ?? 'Nhiệm vụ chưa có trên máy này';
  }
  return pick(row) ?? pick(r.op.values) ?? 'Bản ghi chưa có trên máy này';
}

/** This import's refused and held-back ops, for the report. */
export async function importRejections(db: DondocDb, packageHash: string): Promise<RejectionRow[]> {
  return db.syncRejections.where('importHash').equals(packageHash).toArray();
}

export async function importConflicts(db: DondocDb, packageHash: string): Promise<ConflictRow[]> {
  return (await db.syncConflicts.toArray()).filter((c) => c.importHash === packageHash);
}

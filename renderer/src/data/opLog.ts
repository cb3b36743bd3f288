/**
 * The op log, stored in segments (schema v8). IndexedDB here charges a fixed cost per request
 * (~185 µs a put, ~70 µs a get, whatever the size), so ops are not one record each: every
 * writer appends ONE segment per author for what it writes together — a local transaction
 * (withWrites), an imported chunk, a migrated run. A segment holds ops of a single author site,
 * in writing order, with the range of their chain positions (seq) and clocks (hlc), so the reads
 * sync needs are range reads of a few records:
 * - "ops of author A after hlc H" (export to a peer that acknowledged H): `[site+lastHlc]` above H;
 * - "is the op of author A at seq S already here" (import): `[site+lastSeq]` from S up.
 * Segments are append-only; the only rewrite is chaining this site's pre-authorship ops once
 * (chain.ts), which stamps seq/prevHash into the segments that hold them.
 */
import Dexie from 'dexie';
import type { Op } from '@shared/data/ops';
import type { ChainHead } from '@shared/sync/authorship';
import { newId } from '@shared/data/ids';
import type { DondocDb } from './db';

export interface OpSegment {
  /** UUIDv7: segments sort in the order they were written. */
  id: string;
  /** The author site of every op in the segment. */
  site: string;
  /** Lowest and highest chain position (seq) among its ops; 0 and 0 when none is chained. */
  firstSeq: number;
  lastSeq: number;
  /** Lowest and highest hlc among its ops. */
  firstHlc: string;
  lastHlc: string;
  count: number;
  /** The ops, in the order they were written. */
  ops: Op[];
}

/** A segment's size limit: bigger batches are cut (a record of 5,000 ops is ~2 MB). */
export const MAX_SEGMENT_OPS = 5000;

/** Fills in a segment's ranges from its ops (all of one author). */
export function makeSegment(site: string, ops: Op[], id: string = newId()): OpSegment {
  let firstSeq = 0;
  let lastSeq = 0;
  let firstHlc = ops[0].hlc;
  let lastHlc = ops[0].hlc;
  for (const op of ops) {
    if (op.seq !== undefined) {
      if (firstSeq === 0 || op.seq < firstSeq) firstSeq = op.seq;
      if (op.seq > lastSeq) lastSeq = op.seq;
    }
    if (op.hlc < firstHlc) firstHlc = op.hlc;
    if (op.hlc > lastHlc) lastHlc = op.hlc;
  }
  return { id, site, firstSeq, lastSeq, firstHlc, lastHlc, count: ops.length, ops };
}

/** Ops written together, as segments: one per author (in first-seen order), cut at MAX_SEGMENT_OPS. */
export function segmentsFor(ops: readonly Op[]): OpSegment[] {
  const bySite = new Map<string, Op[]>();
  for (const op of ops) {
    const list = bySite.get(op.site);
    if (list) list.push(op);
    else bySite.set(op.site, [op]);
  }
  const out: OpSegment[] = [];
  for (const [site, list] of bySite) {
    for (let i = 0; i < list.length; i += MAX_SEGMENT_OPS) out.push(makeSegment(site, list.slice(i, i + MAX_SEGMENT_OPS)));
  }
  return out;
}

/** Appends ops (inside the caller's transaction when there is one): one put per author. */
export async function appendOps(db: DondocDb, ops: readonly Op[]): Promise<void> {
  if (ops.length === 0) return;
  const segments = segmentsFor(ops);
  if (segments.length === 1) await db.opSegments.add(segments[0]);
  else await db.opSegments.bulkAdd(segments);
}

/** Every op held here, segment by segment (tools, tests, the integrity screen's counts). */
export async function readAllOps(db: DondocDb): Promise<Op[]> {
  const out: Op[] = [];
  for (const seg of await db.opSegments.toArray()) for (const op of seg.ops) out.push(op);
  return out;
}

/** How many ops are held (one read of the segments' counts). */
export async function countOps(db: DondocDb): Promise<number> {
  let n = 0;
  await db.opSegments.each((seg) => {
    n += seg.count;
  });
  return n;
}

/** Ops of `site` with afterHlc < hlc ≤ uptoHlc, in no particular order (export sorts). */
export async function opsOfAuthor(db: DondocDb, site: string, afterHlc: string, uptoHlc: string): Promise<Op[]> {
  const segments = await db.opSegments.where('[site+lastHlc]').between([site, afterHlc], [site, Dexie.maxKey], false, true).toArray();
  const out: Op[] = [];
  for (const seg of segments) {
    if (seg.firstHlc > uptoHlc) continue;
    for (const op of seg.ops) if (op.hlc > afterHlc && op.hlc <= uptoHlc) out.push(op);
  }
  return out;
}

/** The newest hlc among this author's ops ('' when there is none); cheap enough for a live query. */
export async function lastHlcOf(db: DondocDb, site: string): Promise<string> {
  const seg = await db.opSegments.where('[site+lastHlc]').between([site, Dexie.minKey], [site, Dexie.maxKey]).last();
  return seg?.lastHlc ?? '';
}

/** The op of `site` at `hlc` touching entity/rowId, if held here. */
export async function findOpAt(db: DondocDb, site: string, hlc: string, entity: string, rowId: string): Promise<Op | undefined> {
  const match = (seg: OpSegment) => seg.ops.find((o) => o.hlc === hlc && o.entity === entity && o.rowId === rowId);
  // Usually the first segment ending at or after hlc holds it (an author's segments rarely overlap).
  const first = await db.opSegments.where('[site+lastHlc]').between([site, hlc], [site, Dexie.maxKey], true, true).first();
  if (!first) return undefined;
  const quick = first.firstHlc <= hlc ? match(first) : undefined;
  if (quick) return quick;
  const candidates = await db.opSegments
    .where('[site+lastHlc]')
    .between([site, hlc], [site, Dexie.maxKey], true, true)
    .filter((seg) => seg.firstHlc <= hlc)
    .toArray();
  for (const seg of candidates) {
    const op = match(seg);
    if (op) return op;
  }
  return undefined;
}

/**
 * Which of these received ops are already held here (by id). An author's chain up to the head
 * held here is, by construction, fully stored: every admitted run was written (accepted ops in
 * segments, held-back ones in syncRejections) before its head was recorded. So an op at or
 * below the head is held without a lookup (`heldBack` says which of them wait in
 * syncRejections instead); only ops above the head (an interrupted import's earlier chunks)
 * and legacy ops without a chain position are looked up, with two range reads per author.
 */
export async function storedOpIds(db: DondocDb, ops: readonly Op[], heads: ReadonlyMap<string, ChainHead>, heldBack: ReadonlySet<string>): Promise<Set<string>> {
  const stored = new Set<string>();
  const lookup = new Map<string, { lo: number; ids: Set<string> }>();
  for (const op of ops) {
    const head = heads.get(op.site);
    if (op.seq !== undefined && head && op.seq <= head.seq) {
      if (!heldBack.has(op.id)) stored.add(op.id);
      continue;
    }
    let l = lookup.get(op.site);
    if (!l) lookup.set(op.site, (l = { lo: Number.MAX_SAFE_INTEGER, ids: new Set() }));
    l.ids.add(op.id);
    if (op.seq !== undefined && op.seq < l.lo) l.lo = op.seq;
  }
  await Promise.all(
    [...lookup].map(async ([site, { lo, ids }]) => {
      const [unchained, above] = await Promise.all([
        db.opSegments.where('[site+lastSeq]').equals([site, 0]).toArray(),
        lo === Number.MAX_SAFE_INTEGER ? Promise.resolve([]) : db.opSegments.where('[site+lastSeq]').between([site, lo], [site, Dexie.maxKey], true, true).toArray(),
      ]);
      for (const seg of [...unchained, ...above]) for (const op of seg.ops) if (ids.has(op.id)) stored.add(op.id);
    }),
  );
  return stored;
}

/** Every op of one author held here, in hlc order (then id). */
export async function opsOf(db: DondocDb, site: string): Promise<Op[]> {
  const out: Op[] = [];
  for (const seg of await db.opSegments.where('[site+lastHlc]').between([site, Dexie.minKey], [site, Dexie.maxKey]).toArray()) for (const op of seg.ops) out.push(op);
  return out.sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Applying received ops, pure. The Dexie importer and the in-memory replica of the model test
 * (tests/fixtures/memoryReplica.ts) both call applyBatch; the importer loads the rows a chunk
 * touches first and writes back what changes.
 *
 * Acknowledgement model: a site's version vector maps each author site to the hlc at the head
 * of that author's chain it holds (shared/sync/authorship.ts): ops proven by the author's
 * checkpoint and continuing the chain, whether accepted, rejected for authority or pending.
 * A package carries, per author, the chain above the recipient's last vector, so each site's
 * received set per author is a prefix of that author's ops and the head is a sound
 * acknowledgement; that is also why rejected and pending ops are relayed too: each site judges
 * for itself, and an op held back here must still reach a site that can already accept it.
 * Ops whose author is not proven never enter a chain, so they never move the acknowledgement.
 */
import { applyOp, detectConflicts, stateKey, versionOf, type EntityName, type FieldConflict, type Op, type Row } from '../data/ops';
import { authorizeSyncOp, checkOp, unitSiteUnits, type AuthorityLookup, type RejectCode, type SyncSite, type Verdict } from './authorize';
import type { VersionVector } from './package';

/** What a replica already knows about an op id. */
export type Known = 'accepted' | 'rejected' | 'pending' | undefined;

/** The replica before the batch. Reads must be synchronous: the Dexie importer prefetches. */
export interface BaseView extends AuthorityLookup {
  known(opId: string): Known;
}

export interface ConflictRecord extends FieldConflict {
  /** `${opId}:${field}`: the same conflict seen twice is recorded once. */
  id: string;
  /** The op that arrived and met the other value. */
  incoming: { opId: string; site: string; actor: string; hlc: string };
}

export interface Rejection {
  op: Op;
  code: RejectCode;
  reason: string;
}

export interface BatchResult {
  /** Accepted ops, in the order they were applied. */
  accepted: Op[];
  /** Rows changed by accepted ops, keyed by stateKey(entity, rowId). */
  rows: Map<string, Row>;
  conflicts: ConflictRecord[];
  rejected: Rejection[];
  pending: { op: Op; reason: string }[];
  /** Received before (accepted, rejected or pending): nothing to do. */
  alreadyHad: number;
  /** Ops that failed checkOp (their clock or values cannot be trusted). */
  invalid: { index: number; reason: string; raw: unknown }[];
  /** Tasks whose derived index must be refreshed. */
  touchedTasks: Set<string>;
}

/** Which task a row of a task entity belongs to. */
export function taskIdOf(entity: EntityName, rowId: string, values: Record<string, unknown>, row: Row | undefined): string | null {
  if (entity === 'tasks') return rowId;
  if (entity === 'taskEvents' || entity === 'taskSteps') {
    const id = values.taskId ?? row?.taskId;
    return typeof id === 'string' ? id : null;
  }
  return null;
}

/**
 * Checks (checkOp), judges and applies ops against base plus everything applied earlier in the
 * batch. The ops are in opSchema's shape already: main parses every op of a package file when it
 * reads it (electron/main/sync/pack.ts), and held-back ops were stored as parsed.
 * `retry` re-judges ops held back earlier (they are known as pending/rejected by definition).
 * Ops held back for a missing record are judged again within the batch until nothing changes.
 */
export function applyBatch(ops: readonly Op[], sites: ReadonlyMap<string, SyncSite>, base: BaseView, options: { retry?: boolean } = {}): BatchResult {
  const result: BatchResult = { accepted: [], rows: new Map(), conflicts: [], rejected: [], pending: [], alreadyHad: 0, invalid: [], touchedTasks: new Set() };
  const eventsByTask = new Map<string, Map<string, Row>>();
  const postsByOfficial = new Map<string, Map<string, Row>>();
  const seen = new Set<string>();
  const siteUnits = unitSiteUnits(sites.values());

  const row = (entity: EntityName, rowId: string) => result.rows.get(stateKey(entity, rowId)) ?? base.row(entity, rowId);
  const mergeOverlay = (baseRows: readonly Row[], overlay: Map<string, Row> | undefined) => {
    if (!overlay) return baseRows;
    const out = baseRows.filter((r) => !overlay.has(r.id));
    out.push(...overlay.values());
    return out;
  };
  const lookup: AuthorityLookup = {
    row,
    taskEvents: (taskId) => mergeOverlay(base.taskEvents(taskId), eventsByTask.get(taskId)),
    posts: (officialId) => mergeOverlay(base.posts(officialId), postsByOfficial.get(officialId)),
    hasEntity: (e) => base.hasEntity(e),
  };

  const apply = (op: Op) => {
    const before = row(op.entity, op.rowId);
    for (const c of detectConflicts(before, op)) {
      result.conflicts.push({ ...c, id: `${op.id}:${c.field}`, incoming: { opId: op.id, site: op.site, actor: op.actor, hlc: op.hlc } });
    }
    const next = applyOp(before, op);
    result.accepted.push(op);
    if (next === before) return;
    result.rows.set(stateKey(op.entity, op.rowId), next);
    const taskId = taskIdOf(op.entity, op.rowId, op.values, before);
    if (taskId) result.touchedTasks.add(taskId);
    if (op.entity === 'taskEvents' && typeof next.taskId === 'string') index(eventsByTask, next.taskId, next);
    if (op.entity === 'posts' && typeof next.officialId === 'string') index(postsByOfficial, next.officialId, next);
  };

  let waiting: { op: Op; reason: string }[] = [];
  ops.forEach((raw, i) => {
    const checked = checkOp(raw);
    if (!checked.ok) {
      result.invalid.push({ index: i, reason: checked.reason, raw });
      return;
    }
    const op = checked.op;
    if (seen.has(op.id)) {
      result.alreadyHad += 1;
      return;
    }
    seen.add(op.id);
    const known = base.known(op.id);
    if (known === 'accepted' || (known !== undefined && !options.retry)) {
      result.alreadyHad += 1;
      return;
    }
    const verdict = authorizeSyncOp(op, sites.get(op.site), lookup, siteUnits);
    settle(op, verdict);
  });

  function settle(op: Op, verdict: Verdict) {
    if (verdict.status === 'accept') apply(op);
    else if (verdict.status === 'pending') waiting.push({ op, reason: verdict.reason });
    else result.rejected.push({ op, code: verdict.code, reason: verdict.reason });
  }

  // Held-back ops whose record arrived later in the batch.
  for (let progress = true; progress && waiting.length; ) {
    progress = false;
    const again = waiting;
    waiting = [];
    for (const w of again) {
      const verdict = authorizeSyncOp(w.op, sites.get(w.op.site), lookup, siteUnits);
      if (verdict.status !== 'pending') progress = true;
      settle(w.op, verdict);
    }
  }
  result.pending = waiting;
  return result;
}

function index(map: Map<string, Map<string, Row>>, key: string, row: Row) {
  let m = map.get(key);
  if (!m) map.set(key, (m = new Map()));
  m.set(row.id, row);
}

// ─── Version vectors ───────────────────────────────────────────────────────────────────

/** Highest hlc per author site among ops. */
export function vectorOf(ops: Iterable<Pick<Op, 'site' | 'hlc'>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const op of ops) if (!(op.site in out) || out[op.site] < op.hlc) out[op.site] = op.hlc;
  return out;
}

/** Per-site maximum (what both vectors acknowledge together). */
export function mergeVectors(a: VersionVector, b: VersionVector): Record<string, string> {
  const out: Record<string, string> = { ...a };
  for (const [site, hlc] of Object.entries(b)) if (!(site in out) || out[site] < hlc) out[site] = hlc;
  return out;
}

/** Per-site minimum over several peers' acknowledgements; a site one peer lacks is absent (send all). */
export function minVector(vectors: readonly VersionVector[]): Record<string, string> {
  if (vectors.length === 0) return {};
  const out: Record<string, string> = { ...vectors[0] };
  for (const v of vectors.slice(1)) {
    for (const site of Object.keys(out)) {
      if (!(site in v)) delete out[site];
      else if (v[site] < out[site]) out[site] = v[site];
    }
  }
  return out;
}

/** Has the peer (by its vector) acknowledged every op summarised by `sent` (per-site max hlc)? */
export function covers(ack: VersionVector, sent: VersionVector): boolean {
  return Object.entries(sent).every(([site, hlc]) => (ack[site] ?? '') >= hlc);
}

/** The ops a peer has not acknowledged, in hlc order (relayed ops of third sites included). */
export function unacknowledged(ops: Iterable<Op>, ack: VersionVector): Op[] {
  const out: Op[] = [];
  for (const op of ops) if (op.hlc > (ack[op.site] ?? '')) out.push(op);
  return out.sort(compareOps);
}

export function compareOps(a: Pick<Op, 'hlc' | 'site' | 'id'>, b: Pick<Op, 'hlc' | 'site' | 'id'>): number {
  const va = versionOf(a);
  const vb = versionOf(b);
  return va < vb ? -1 : va > vb ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Sequence numbers below the highest one received that never arrived, ascending. */
export function missingSeqs(received: Iterable<number>): number[] {
  const set = new Set(received);
  if (set.size === 0) return [];
  const max = Math.max(...set);
  const out: number[] = [];
  for (let s = 1; s < max; s += 1) if (!set.has(s)) out.push(s);
  return out;
}

// ─── An in-memory replica (model tests, benchmarks) ─────────────────────────────────────

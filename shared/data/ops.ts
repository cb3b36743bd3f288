/**
 * Operations: every write to user data is one op. Rows keep a per-field clock map and
 * applying an op keeps, field by field, the value with the greater (hlc, site), so applying
 * ops in any order, any number of times, converges (ARCHITECTURE.md, "Invariants").
 */
import { z } from 'zod';
import { canonicalJson } from './canonical';

export const entityNames = [
  'settings',
  'units',
  'officials',
  'posts',
  'calendarOverrides',
  'directives',
  'tasks',
  'taskSteps',
  'taskEvents',
  'consultations',
  'consultationReplies',
  'reconciliations',
  'upwardRequests',
  'upwardAnswers',
  'letters',
  'registerEntries',
  'reports',
  'accountability',
] as const;
export type EntityName = (typeof entityNames)[number];

export const jsonValueSchema: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([z.string().max(100_000), z.number(), z.boolean(), z.null(), z.array(jsonValueSchema).max(10_000), z.record(z.string().max(200), jsonValueSchema)]),
);
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export const opSchema = z.object({
  id: z.string().min(1).max(64),
  site: z.string().min(1).max(64),
  hlc: z.string().min(20).max(120),
  entity: z.enum(entityNames),
  rowId: z.string().min(1).max(64),
  kind: z.enum(['set', 'insert']),
  values: z.record(z.string().min(1).max(100), jsonValueSchema),
  actor: z.string().max(200),
  /** field → version the author's row had when writing; tells a concurrent edit from a later one. */
  prev: z.record(z.string().min(1).max(100), z.string().max(200)).optional(),
  /** Position in the author site's chain: 1, 2, 3… (shared/sync/authorship.ts). */
  seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
  /** Chain hash of the author's previous op (all zeros before the first). */
  prevHash: z.string().regex(/^[0-9a-f]{64}$/).optional(),
});
export type Op = z.infer<typeof opSchema>;

/** Bookkeeping fields every synced row carries; they are never user fields. */
export interface RowMeta {
  id: string;
  /** field → hlc of the write that set it ("hlc|site" ordering is inside the hlc string). */
  _v: Record<string, string>;
  /** 1 when deleted (tombstone); an index-friendly number, never boolean. */
  _deleted: 0 | 1;
}
export type Row = RowMeta & Record<string, unknown>;

const RESERVED = new Set(['id', '_v', '_deleted']);

/** Version of one field write: the hlc already embeds the node, the site breaks any exact tie. */
export function versionOf(op: Pick<Op, 'hlc' | 'site'>): string {
  return `${op.hlc}|${op.site}`;
}

/** Pure: the row after applying op. Returns the same object when the op changes nothing. */
export function applyOp(row: Row | undefined, op: Op): Row {
  const version = versionOf(op);
  const base: Row = row ?? { id: op.rowId, _v: {}, _deleted: 0 };
  if (op.kind === 'insert' && row) {
    // Append-only records never change after insert; a duplicate insert is a no-op.
    return row;
  }
  let next: Row | null = null;
  for (const [field, value] of Object.entries(op.values)) {
    if (RESERVED.has(field) && field !== '_deleted') continue;
    const current = base._v[field];
    if (current !== undefined && current >= version) continue;
    if (!next) next = { ...base, _v: { ...base._v } };
    if (field === '_deleted') next._deleted = value === 1 || value === true ? 1 : 0;
    else next[field] = value;
    next._v[field] = version;
  }
  return next ?? base;
}

export type State = Map<string, Row>;

export function stateKey(entity: EntityName, rowId: string): string {
  return `${entity}/${rowId}`;
}

/** Pure fold of ops into a state keyed by entity/row. */
export function applyOps(state: State, ops: Iterable<Op>): State {
  for (const op of ops) {
    const key = stateKey(op.entity, op.rowId);
    state.set(key, applyOp(state.get(key), op));
  }
  return state;
}

/** A stable string of a state, for comparing replicas. */
export function canonicalState(state: State): string {
  const keys = [...state.keys()].sort();
  return canonicalJson(keys.map((k) => [k, state.get(k)]));
}

/** The conflict a concurrent write leaves behind: both values, which one won. */
export interface FieldConflict {
  entity: EntityName;
  rowId: string;
  field: string;
  winner: { value: unknown; version: string };
  loser: { value: unknown; version: string };
}

/**
 * A concurrent edit: the op's author had not seen the version this replica holds for a field
 * (op.prev says what it had seen). Both values are kept for review; the merge itself is
 * unchanged, so every replica still converges on the same winner.
 */
export function detectConflicts(row: Row | undefined, op: Op): FieldConflict[] {
  if (!row || op.kind !== 'set') return [];
  const out: FieldConflict[] = [];
  const version = versionOf(op);
  for (const [field, value] of Object.entries(op.values)) {
    const current = row._v[field];
    if (current === undefined || current === version) continue;
    if (op.prev?.[field] === current) continue;
    if (current < (op.prev?.[field] ?? '')) continue;
    if (JSON.stringify(row[field]) === JSON.stringify(value)) continue;
    const remoteWins = current < version;
    out.push({
      entity: op.entity,
      rowId: op.rowId,
      field,
      winner: remoteWins ? { value, version } : { value: row[field], version: current },
      loser: remoteWins ? { value: row[field], version: current } : { value, version },
    });
  }
  return out;
}

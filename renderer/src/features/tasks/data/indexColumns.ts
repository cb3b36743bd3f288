/**
 * The column form of a snapshot chunk (indexSnapshot.ts): a chunk of task index rows stored as
 * one array per field instead of one object per row. Fields whose values repeat (units,
 * statuses, dates, directive ids, years) keep each distinct value once, in a dictionary, and
 * a typed array of positions per row: a typed array is read back from IndexedDB as one block
 * of bytes, and a value repeated 50,000 times is deserialised once. Measured in Chromium on a
 * province database (bench/README.md, "Cold start"): the same 50,000 rows read back in about
 * two thirds of the time of one object per row.
 *
 * Decoding checks every value against the row's zod schema column by column (a dictionary's
 * few values, a plain column's values, each position against its dictionary's length), with
 * plain predicates built from that schema, so a damaged chunk is refused as a whole, as a
 * row-by-row parse would, at a fraction of the cost.
 */
import { z } from 'zod';
import type { TaskIndexRow } from './taskIndex';

const nullableString = z.string().nullable();
export const indexRowSchema = z.object({
  id: z.string(),
  title: z.string(),
  directiveId: nullableString,
  directiveRef: z.string(),
  assignerUnitId: z.string(),
  assignerOfficialId: nullableString,
  leadUnitId: z.string(),
  supportUnitIds: z.array(z.string()),
  unitIds: z.array(z.string()),
  responsibleOfficialId: nullableString,
  planYear: z.number().nullable(),
  priority: z.string(),
  status: z.string(),
  open: z.union([z.literal(0), z.literal(1)]),
  originalDueOn: nullableString,
  effectiveDueOn: nullableString,
  dueKey: z.string(),
  completedOn: nullableString,
  acceptedOn: nullableString.optional(),
  reportedOn: nullableString.optional(),
  percent: z.number(),
  expectedProduct: z.string().optional(),
  deliveredProduct: z.string().optional(),
  pendingExtension: z.union([z.literal(0), z.literal(1)]),
  assignedOn: z.string(),
  lastEventOn: z.string(),
  lastStateEventOn: z.string().optional(),
  eventCount: z.number(),
  search: z.string(),
});

type Field = keyof TaskIndexRow & keyof typeof indexRowSchema.shape;
/** In the schema's order, so every decoded row gets its properties in one order (one hidden class). */
const FIELDS = Object.keys(indexRowSchema.shape) as Field[];
const FIELD_SET = new Set<string>(FIELDS);

type Value = TaskIndexRow[Field];
/** A field's values: `d` its distinct values and `p` each row's position in `d`, or `v` the values themselves. */
export type Column = { d: Value[]; p: Uint16Array | Uint32Array } | { v: Value[] };

export interface ColumnChunk {
  id: string;
  /** Rows in the chunk. */
  n: number;
  cols: Partial<Record<Field, Column>>;
}

/** Same key for equal values; arrays (support units) by content. */
const keyOf = (v: Value): unknown => (Array.isArray(v) ? `[${JSON.stringify(v)}` : v);

function encodeColumn(rows: readonly TaskIndexRow[], field: Field): Column {
  const positions = new Map<unknown, number>();
  const d: Value[] = [];
  const at: number[] = new Array<number>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const value = rows[i][field];
    const key = keyOf(value);
    let p = positions.get(key);
    if (p === undefined) {
      p = d.length;
      positions.set(key, p);
      d.push(value);
    }
    at[i] = p;
  }
  // Values that hardly repeat (ids, titles, search text) are cheaper as they are.
  if (d.length > rows.length / 2) return { v: rows.map((r) => r[field]) };
  return { d, p: d.length <= 0xffff ? Uint16Array.from(at) : Uint32Array.from(at) };
}

export function encodeColumns(id: string, rows: readonly TaskIndexRow[]): ColumnChunk {
  const cols: Partial<Record<Field, Column>> = {};
  for (const f of FIELDS) cols[f] = encodeColumn(rows, f);
  return { id, n: rows.length, cols };
}

const chunkShape = z.object({ id: z.string(), n: z.number().int().min(0), cols: z.record(z.string(), z.unknown()) });

type Check = (v: unknown) => boolean;

/**
 * A plain predicate with exactly the field schema's meaning, for the kinds the index row uses
 * (string, finite number, literal, union, array, nullable, optional): zod's own parse is far
 * slower on a cold start (this code runs once, before the JIT has warmed up), for 50,000 rows
 * × 29 fields. indexColumns.test.ts checks it agrees with zod.
 */
export function checkOf(schema: z.ZodType): Check {
  const def = (schema as unknown as { _zod: { def: { type: string; innerType?: z.ZodType; element?: z.ZodType; options?: z.ZodType[]; values?: unknown[] } } })._zod.def;
  switch (def.type) {
    case 'string':
      return (v) => typeof v === 'string';
    case 'number':
      return (v) => typeof v === 'number' && Number.isFinite(v);
    case 'literal': {
      const allowed = def.values!;
      return (v) => allowed.includes(v);
    }
    case 'nullable': {
      const inner = checkOf(def.innerType!);
      return (v) => v === null || inner(v);
    }
    case 'optional': {
      const inner = checkOf(def.innerType!);
      return (v) => v === undefined || inner(v);
    }
    case 'union': {
      const options = def.options!.map(checkOf);
      return (v) => options.some((o) => o(v));
    }
    case 'array': {
      const element = checkOf(def.element!);
      return (v) => Array.isArray(v) && v.every(element);
    }
    default:
      throw new Error(`indexColumns: no plain check for a ${def.type} field`);
  }
}

const checks = Object.fromEntries(FIELDS.map((f): [Field, Check] => [f, checkOf(indexRowSchema.shape[f])])) as Record<Field, Check>;

function valuesValid(field: Field, values: unknown[]): boolean {
  const check = checks[field];
  for (let i = 0; i < values.length; i++) if (!check(values[i])) return false;
  return true;
}

/** The largest position, in one pass: even in V8's interpreter, before any JIT, 50 columns of 10,000 take 11 ms this way against 21 ms to sort copies. */
function maxOf(p: Uint16Array | Uint32Array): number {
  let max = -1;
  for (let i = 0; i < p.length; i += 1) if (p[i] > max) max = p[i];
  return max;
}

/** One column checked: its values against the field's schema, its length and positions against the chunk. */
function checkedColumn(field: Field, raw: unknown, n: number): ((i: number) => Value) | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const { d, p, v } = raw as { d?: unknown; p?: unknown; v?: unknown };
  if (Array.isArray(d) && (p instanceof Uint16Array || p instanceof Uint32Array)) {
    if (p.length !== n || !valuesValid(field, d)) return null;
    if (maxOf(p) >= d.length) return null;
    // Rows share a dictionary's arrays (support units): frozen, so no row can change another's.
    const values = (d as Value[]).map((x) => (Array.isArray(x) ? Object.freeze(x) : x)) as Value[];
    return (i) => values[p[i]];
  }
  if (!Array.isArray(v) || v.length !== n || !valuesValid(field, v)) return null;
  const values = v as Value[];
  return (i) => values[i];
}

/** The rows of a column chunk, or null when it is not one (unknown or missing field, wrong type, wrong length). */
export function decodeColumns(chunk: unknown): TaskIndexRow[] | null {
  const shape = chunkShape.safeParse(chunk);
  if (!shape.success) return null;
  const { n, cols } = shape.data;
  if (Object.keys(cols).some((k) => !FIELD_SET.has(k))) return null;
  const readers: [Field, (i: number) => Value][] = [];
  for (const f of FIELDS) {
    // An absent column is an optional field no row has; a required one is refused by its schema.
    const read = f in cols ? checkedColumn(f, cols[f], n) : checks[f](undefined) ? () => undefined : null;
    if (!read) return null;
    readers.push([f, read]);
  }
  const c = Object.fromEntries(readers) as Record<Field, (i: number) => Value>;
  const rows = new Array<TaskIndexRow>(n);
  // One object literal: every row gets one hidden class, built far faster than key by key.
  for (let i = 0; i < n; i++)
    rows[i] = {
      id: c.id(i),
      title: c.title(i),
      directiveId: c.directiveId(i),
      directiveRef: c.directiveRef(i),
      assignerUnitId: c.assignerUnitId(i),
      assignerOfficialId: c.assignerOfficialId(i),
      leadUnitId: c.leadUnitId(i),
      supportUnitIds: c.supportUnitIds(i),
      unitIds: c.unitIds(i),
      responsibleOfficialId: c.responsibleOfficialId(i),
      planYear: c.planYear(i),
      priority: c.priority(i),
      status: c.status(i),
      open: c.open(i),
      originalDueOn: c.originalDueOn(i),
      effectiveDueOn: c.effectiveDueOn(i),
      dueKey: c.dueKey(i),
      completedOn: c.completedOn(i),
      acceptedOn: c.acceptedOn(i),
      reportedOn: c.reportedOn(i),
      percent: c.percent(i),
      expectedProduct: c.expectedProduct(i),
      deliveredProduct: c.deliveredProduct(i),
      pendingExtension: c.pendingExtension(i),
      assignedOn: c.assignedOn(i),
      lastEventOn: c.lastEventOn(i),
      lastStateEventOn: c.lastStateEventOn(i),
      eventCount: c.eventCount(i),
      search: c.search(i),
    } as TaskIndexRow;
  return rows;
}

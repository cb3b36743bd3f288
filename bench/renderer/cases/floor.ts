/**
 * The floor: what raw IndexedDB does in this browser, and the same work through
 * Dexie and through our write path (withWrites: row + op + hash-chained audit per write), so
 * every figure of ours is printed as a multiple of the raw one.
 */
import { DondocDb, type EntityRow } from '../../../renderer/src/data/db';
import { visible, withWrites, type Writer } from '../../../renderer/src/data/repository';
import { completion, deleteDatabase, openStore, request, type IdbDatabase, type IdbCursor } from '../idb';
import { cursorIndex, floorIndexes, floorRows, floorTable, floorValues, type FloorValues } from '../rows';
import type { PageContext, RendererBenchCase, SizeLabel, SizeSpec } from '../types';

const RAW_DB = 'bench-floor-raw';
const RAW_READ_DB = 'bench-floor-raw-read';
const OURS_DB = 'bench-floor-ours';
const OURS_READ_DB = 'bench-floor-ours-read';
const STORE = 'rows';
const WRITE_CTX = { site: 'site-bench', actor: 'bench (Đo hiệu năng)' };

let values: FloorValues[] = [];
let rows: EntityRow[] = [];
let valuesFor = -1;
let raw: IdbDatabase | null = null;
let ours: DondocDb | null = null;
let sink = 0;

function data(size: SizeSpec): { values: FloorValues[]; rows: EntityRow[] } {
  if (valuesFor !== size.floorRows) {
    values = floorValues(size.floorRows);
    rows = floorRows(values);
    valuesFor = size.floorRows;
  }
  return { values, rows };
}

async function rawPutAll(db: IdbDatabase, items: readonly unknown[]): Promise<void> {
  // Same durability as DondocDb (chromeTransactionDurability: 'strict') so the ratio is fair.
  const tx = db.transaction([STORE], 'readwrite', { durability: 'strict' });
  const done = completion(tx);
  const store = tx.objectStore(STORE);
  for (const item of items) store.put(item);
  await done;
}

async function freshRaw(name: string): Promise<IdbDatabase> {
  raw?.close();
  raw = null;
  await deleteDatabase(name);
  raw = await openStore(name, STORE, floorIndexes());
  return raw;
}

async function freshOurs(name: string): Promise<DondocDb> {
  ours?.close();
  ours = null;
  await deleteDatabase(name);
  ours = new DondocDb(name);
  await ours.open();
  return ours;
}

// Read fixtures are written once per size and shared by the read cases of that size.
const readFixtures = new Map<string, Promise<void>>();
let rawRead: IdbDatabase | null = null;
let oursRead: DondocDb | null = null;

function readFixture(size: SizeSpec): Promise<void> {
  const key = `${size.label}`;
  let p = readFixtures.get(key);
  if (!p) {
    p = (async () => {
      rawRead?.close();
      oursRead?.close();
      readFixtures.clear();
      await deleteDatabase(RAW_READ_DB);
      await deleteDatabase(OURS_READ_DB);
      const { rows: r } = data(size);
      rawRead = await openStore(RAW_READ_DB, STORE, floorIndexes());
      await rawPutAll(rawRead, r);
      oursRead = new DondocDb(OURS_READ_DB);
      await oursRead.open();
      await oursRead.table(floorTable()).bulkPut(r);
    })();
    readFixtures.set(key, p);
  }
  return p;
}

const rowsLabel = (s: SizeSpec, n = s.floorRows) => `${n.toLocaleString('en')} task-shaped rows (${floorTable()} table, ${floorIndexes().length} indexes)`;

// Per-row withWrites (row + op + audit entry + clock, each its own request) costs ~2.4 ms a row
// here; six runs of 5,000 rows took 72 s of the 10-minute budget, so it writes 1,000 and is
// compared per row.
// The generic floor is per row and a row costs the same at both sizes: office answers it, and
// the province-years budget goes to the screens' and sync's own floors (taskIndexGetAll, sync).
const OFFICE_ONLY: readonly SizeLabel[] = ['tiny', 'office'];

const PER_ROW_SET_ROWS = 500;
const perRowSetRows = (s: SizeSpec) => Math.min(s.floorRows, PER_ROW_SET_ROWS);

/** Heap cases must not count the generator's arrays this module caches for the write cases. */
function dropGenerated(): void {
  values = [];
  rows = [];
  valuesFor = -1;
}

/**
 * The packed floor of a per-row write: what withWrites stores for n rows in one transaction —
 * each row (screens read them by key), ONE record holding the n ops and ONE holding the n audit
 * entries — put raw. The op and audit records are shaped as ours (same fields, similar bytes).
 */
function packedExtras(items: readonly FloorValues[]): { id: string; [k: string]: unknown }[] {
  const hlc = (i: number) => `${String(1_745_000_000_000 + i).padStart(15, '0')}-0000-${WRITE_CTX.site}`;
  const ops = items.map(({ rowId, values: v }, i) => ({ id: `op-${i}`, site: WRITE_CTX.site, hlc: hlc(i), entity: floorTable(), rowId, kind: 'set', values: v, actor: WRITE_CTX.actor, seq: i + 1, prevHash: 'f'.repeat(64) }));
  const entries = items.map(({ rowId, values: v }, i) => ({ id: `audit-${i}`, hlc: hlc(i), at: '2026-12-05T00:00:00.000Z', actor: WRITE_CTX.actor, action: 'bench.write', entity: floorTable(), rowId, summary: 'Ghi dữ liệu đo', before: null, after: v }));
  return [
    { id: 'packed-segment', site: WRITE_CTX.site, firstSeq: 1, lastSeq: ops.length, count: ops.length, ops },
    { ...entries[0], id: 'packed-audit', seq: 1, prevHash: '0'.repeat(64), hash: 'e'.repeat(64), more: entries.slice(1), rows: entries.map((e) => `${e.entity}/${e.rowId}`) },
  ];
}
let packed: { id: string; [k: string]: unknown }[] = [];

type BulkWriter = Writer & { setMany?: (entity: string, rows: readonly FloorValues[], action: string, summary: string) => Promise<unknown> };

export const rendererCases: RendererBenchCase[] = [
  {
    name: 'floor.raw.put',
    sizes: OFFICE_ONLY,
    size: (s) => `${rowsLabel(s)}, one readwrite transaction of put()`,
    setup: async (ctx) => void data(ctx.size),
    before: async () => void (await freshRaw(RAW_DB)),
    run: async (ctx) => rawPutAll(raw!, data(ctx.size).rows),
  },
  {
    name: 'floor.packed.set',
    sizes: OFFICE_ONLY,
    size: (s) => `${rowsLabel(s, perRowSetRows(s))}: each row put + ONE record of their ops + ONE of their audit entries, raw, one transaction`,
    rows: perRowSetRows,
    setup: async (ctx) => {
      packed = packedExtras(data(ctx.size).values.slice(0, perRowSetRows(ctx.size)));
    },
    before: async () => void (await freshRaw(RAW_DB)),
    run: async (ctx) => rawPutAll(raw!, [...data(ctx.size).rows.slice(0, perRowSetRows(ctx.size)), ...packed]),
    teardown: async () => {
      packed = [];
    },
  },
  {
    name: 'floor.packed.getSet',
    sizes: OFFICE_ONLY,
    size: (s) => `${rowsLabel(s, perRowSetRows(s))}: per row an awaited get() then a put(), + ONE record of their ops + ONE of their audit entries, raw — withWrites.set's requests`,
    rows: perRowSetRows,
    setup: async (ctx) => {
      packed = packedExtras(data(ctx.size).values.slice(0, perRowSetRows(ctx.size)));
    },
    before: async () => void (await freshRaw(RAW_DB)),
    run: async (ctx) => {
      const tx = raw!.transaction([STORE], 'readwrite', { durability: 'strict' });
      const done = completion(tx);
      const store = tx.objectStore(STORE);
      // A set reads the current row (the merge, the op's prev and the audit's before need it) before it writes.
      for (const row of data(ctx.size).rows.slice(0, perRowSetRows(ctx.size))) {
        sink += (await request(store.get(row.id))) === undefined ? 0 : 1;
        store.put(row);
      }
      for (const p of packed) store.put(p);
      await done;
    },
    teardown: async () => {
      packed = [];
    },
  },
  {
    name: 'floor.dexie.bulkPut',
    size: (s) => `${rowsLabel(s)}, Dexie bulkPut on DondocDb (no op, no audit)`,
    ratioTo: 'floor.raw.put',
    // Tells Dexie's share from ours; the office size answers that.
    sizes: OFFICE_ONLY,
    setup: async (ctx) => void data(ctx.size),
    before: async () => void (await freshOurs(OURS_DB)),
    run: async (ctx) => void (await ours!.table(floorTable()).bulkPut(data(ctx.size).rows)),
  },
  {
    name: 'floor.ours.withWrites.set',
    size: (s) => `${rowsLabel(s, perRowSetRows(s))}, withWrites + set() per row: row get + put each, one op segment + one audit record, one transaction`,
    ratioTo: 'floor.raw.put',
    packedTo: 'floor.packed.getSet',
    sizes: OFFICE_ONLY,
    rows: perRowSetRows,
    setup: async (ctx) => void data(ctx.size),
    before: async () => void (await freshOurs(OURS_DB)),
    run: async (ctx) => {
      const table = floorTable();
      const items = data(ctx.size).values.slice(0, perRowSetRows(ctx.size));
      await withWrites(ours!, WRITE_CTX, [table], async (w) => {
        for (const { rowId, values: v } of items) await w.set(table, rowId, v, 'bench.write', 'Ghi dữ liệu đo');
      });
    },
  },
  {
    name: 'floor.ours.withWrites.setMany',
    sizes: OFFICE_ONLY,
    size: (s) => `${rowsLabel(s)}, withWrites + setMany(): bulk rows + one op segment + one audit record`,
    ratioTo: 'floor.raw.put',
    packedTo: 'floor.packed.set',
    unavailable: async () => ((await hasSetMany()) ? null : 'Writer.setMany does not exist in renderer/src/data/repository.ts'),
    setup: async (ctx) => void data(ctx.size),
    before: async () => void (await freshOurs(OURS_DB)),
    run: async (ctx) => {
      const table = floorTable();
      const items = data(ctx.size).values;
      await withWrites(ours!, WRITE_CTX, [table], async (w) => {
        await (w as BulkWriter).setMany!(table, items, 'bench.write', 'Ghi dữ liệu đo');
      });
    },
  },
  {
    name: 'floor.raw.getAll',
    sizes: OFFICE_ONLY,
    size: (s) => `${rowsLabel(s)}, getAll() on the store`,
    setup: async (ctx) => readFixture(ctx.size),
    run: async () => {
      const tx = rawRead!.transaction([STORE], 'readonly');
      const all = await request(tx.objectStore(STORE).getAll());
      sink += all.length;
    },
  },
  {
    name: 'floor.ours.toArray.visible',
    sizes: OFFICE_ONLY,
    size: (s) => `${rowsLabel(s)}, Dexie toArray() + visible()`,
    ratioTo: 'floor.raw.getAll',
    setup: async (ctx) => readFixture(ctx.size),
    run: async () => {
      sink += visible(await oursRead!.table(floorTable()).toArray()).length;
    },
  },
  {
    name: 'floor.raw.indexCursor',
    sizes: OFFICE_ONLY,
    size: (s) => `${rowsLabel(s)}, openCursor() over the ${cursorIndex()} index, every row`,
    setup: async (ctx) => readFixture(ctx.size),
    run: async () => {
      const tx = rawRead!.transaction([STORE], 'readonly');
      const req = tx.objectStore(STORE).index(cursorIndex()).openCursor();
      let n = 0;
      await new Promise<void>((resolve, reject) => {
        req.onsuccess = () => {
          const cursor: IdbCursor | null = req.result;
          if (!cursor) return resolve();
          n += (cursor.value as EntityRow)._deleted === 0 ? 1 : 0;
          cursor.continue();
        };
        req.onerror = () => reject(new Error(req.error?.message ?? 'cursor failed'));
      });
      sink += n;
    },
  },
  {
    name: 'floor.ours.orderBy.each',
    sizes: OFFICE_ONLY,
    size: (s) => `${rowsLabel(s)}, Dexie orderBy('${cursorIndex()}').each()`,
    ratioTo: 'floor.raw.indexCursor',
    setup: async (ctx) => readFixture(ctx.size),
    run: async () => {
      let n = 0;
      await oursRead!
        .table(floorTable())
        .orderBy(cursorIndex())
        .each((r: EntityRow) => {
          n += r._deleted === 0 ? 1 : 0;
        });
      sink += n;
    },
  },
  {
    name: 'heap.baseline',
    sizes: OFFICE_ONLY,
    size: () => 'JS heap after GC: bench page with Dexie, the repository and both read databases open, nothing loaded',
    measure: 'heap',
    setup: async (ctx) => {
      await readFixture(ctx.size);
      dropGenerated();
    },
    run: async () => undefined,
  },
  {
    name: 'heap.afterLoadingRows',
    sizes: OFFICE_ONLY,
    size: (s) => `JS heap after GC with ${s.floorRows.toLocaleString('en')} task-shaped rows read through Dexie + visible() and kept`,
    measure: 'heap',
    setup: async (ctx) => {
      await readFixture(ctx.size);
      dropGenerated();
    },
    run: async (ctx: PageContext) => {
      ctx.retain('rows', visible(await oursRead!.table(floorTable()).toArray()));
    },
    after: async (ctx) => ctx.release('rows'),
  },
];

/** Whether the writer withWrites hands out has setMany (learnt once, on a throwaway database). */
let setManyKnown: boolean | null = null;
async function hasSetMany(): Promise<boolean> {
  if (setManyKnown !== null) return setManyKnown;
  const db = new DondocDb('bench-probe');
  await db.open();
  await withWrites(db, WRITE_CTX, [floorTable()], async (w) => {
    setManyKnown = typeof (w as BulkWriter).setMany === 'function';
  });
  db.close();
  await deleteDatabase('bench-probe');
  return setManyKnown ?? false;
}

export function floorSink(): number {
  return sink;
}

/**
 * Renderer-side sync benchmarks: export = choosing the ops a peer lacks out of
 * Dexie plus this site's version vector; import = validating, judging and applying 100,000
 * ops into Dexie in chunks (tasks and their progress reports from 20 unit sites, relayed by
 * the coordinator), with the task index rebuilt. Signing/packing and verifying happen in main
 * and are measured by bench/cases/sync.bench.ts.
 *
 * Each is compared with its raw-IndexedDB floor, run in the same browser: the same records
 * written (ops + rows, one readwrite transaction of put()) or read (every op through the
 * [site+hlc] index) with nothing of ours in between.
 */
import Dexie from 'dexie';
import { formatHlc } from '@shared/data/hlc';
import { applyOp, type Op, type Row } from '@shared/data/ops';
import { chainOps, EMPTY_HEAD, opChainHash, type ChainHead, type Checkpoint } from '@shared/sync/authorship';
import { CHAIN_HEADS_KEY, rendererHasher, type HeldChains } from '../../../renderer/src/data/chain';
import type { PackageDataMsg } from '@shared/ipc/channels/sync';
import { ORGANISATION_SETTINGS_ID } from '@shared/registries/organisation';
import type { RendererBenchCase, SizeLabel, SizeSpec } from '../types';
import { DondocDb } from '../../../renderer/src/data/db';
import { packRows } from '../../../renderer/src/data/taskLogs';
import { segmentsFor, type OpSegment } from '../../../renderer/src/data/opLog';
import { exportPackage } from '../../../renderer/src/features/sync/data/exportPackage';
import { DEFAULT_CHUNK_SIZE, importPackage } from '../../../renderer/src/features/sync/data/importPackage';
import type { PeerRow } from '../../../renderer/src/features/sync/data/types';

const EXPORT_DB = 'bench-sync-export';
const IMPORT_DB = 'bench-sync-import';
const RAW_IMPORT_DB = 'bench-sync-raw-import';
const RAW_EXPORT_DB = 'bench-sync-raw-export';
const PACKED_IMPORT_DB = 'bench-sync-packed-import';
/** importPackage's chunk: the packed floor stores one segment per author per chunk, as the import does. */
const CHUNK = DEFAULT_CHUNK_SIZE;
const ME = 'bench-me';
const COORD = 'bench-coord';
const UNIT_SITES = 20;
const EVENTS_PER_TASK = 4;
const CTX = { site: ME, actor: 'bench (Đo hiệu năng)' };
/** The warm-up imports this many ops: the same code as a run, a fraction of its work. */
const WARMUP_OPS = 2_000;
const T0 = 1_745_000_000_000;
/** 100,000 ops whatever the size (the figure); tiny is the smoke test. */
const SIZES: readonly SizeLabel[] = ['tiny', 'province-years'];

const SITE_IDS = [COORD, ...Array.from({ length: UNIT_SITES }, (_, i) => `bench-xa-${i + 1}`)];

const opCount = (size: SizeSpec) => (size.label === 'tiny' ? 1_000 : 100_000);

/**
 * Ops in the import cases: 10,000 by default — 100,000 would need about 10 minutes for its five
 * runs and its floor's on this machine (IndexedDB's per-put cost puts the raw floor alone at
 * ~60 s a run), the bench's whole budget; ratios are per op. `npm run bench -- --only
 * sync.import --sync-ops 100000` measures the full figure.
 */
const importOps = (size: SizeSpec) => {
  const asked = Number(new URLSearchParams((globalThis as unknown as { location: { search: string } }).location.search).get('syncOps'));
  return Number.isInteger(asked) && asked > 0 ? asked : size.label === 'tiny' ? 1_000 : 10_000;
};

/**
 * A UUIDv7-shaped id (what newId() makes) built from a time and a counter, so runs are
 * identical: time-ordered like the app's ids, which decides how a chunk's keys cluster.
 */
export function benchUuid7(millis: number, tag: number, seq: number): string {
  const time = millis.toString(16).padStart(12, '0');
  const a = (tag & 0xfff).toString(16).padStart(3, '0');
  const b = seq.toString(16).padStart(15, '0');
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${a}-8${b.slice(0, 3)}-${b.slice(3)}`;
}

/** Tasks assigned by the coordinator, each followed by progress reports from its lead unit's site. */
function makeOps(n: number, start = T0): Op[] {
  const ops: Op[] = [];
  let t = start;
  let seq = 0;
  for (let task = 0; ops.length < n; task += 1) {
    const lead = 1 + (task % UNIT_SITES);
    t += 1;
    const taskId = benchUuid7(t, 1, (seq += 1));
    ops.push({
      id: benchUuid7(t, 0, (seq += 1)),
      site: COORD,
      hlc: formatHlc({ millis: t, counter: 0, node: COORD }),
      entity: 'tasks',
      rowId: taskId,
      kind: 'set',
      values: {
        title: `Nhiệm vụ số ${task}: rà soát, báo cáo kết quả thực hiện`,
        content: '',
        directiveId: null,
        assignerUnitId: 'u-0',
        assignerOfficialId: null,
        leadUnitId: `u-${lead}`,
        supportUnitIds: [],
        responsibleOfficialId: null,
        deadline: { kind: 'fixed', date: '2025-12-31' },
        dueOn: '2025-12-31',
        assignedOn: '2025-04-01',
        planYear: 2025,
        priority: 'normal',
        legalBasis: '',
        authorityLevel: 'province',
      },
      actor: 'vanthu (Văn thư)',
    });
    for (let e = 0; e < EVENTS_PER_TASK && ops.length < n; e += 1) {
      t += 1;
      const site = `bench-xa-${lead}`;
      ops.push({
        id: benchUuid7(t, 0, (seq += 1)),
        site,
        hlc: formatHlc({ millis: t, counter: 0, node: site }),
        entity: 'taskEvents',
        rowId: benchUuid7(t, 1, (seq += 1)),
        kind: 'insert',
        values: { taskId, type: 'progress', on: '2025-05-02', actorOfficialId: null, actorAccount: 'canbo (Cán bộ)', percent: 20 * (e + 1), text: `Báo cáo tiến độ lần ${e + 1}`, attachments: [] },
        actor: 'canbo (Cán bộ)',
      });
    }
  }
  return chainEach(ops);
}

/** Links each author's ops into its chain, as each author's withWrites did. */
function chainEach(ops: readonly Op[]): Op[] {
  const heads = new Map<string, ChainHead>();
  return ops.map((op) => {
    const { ops: [chained], head } = chainOps([op], heads.get(op.site) ?? EMPTY_HEAD, rendererHasher);
    heads.set(op.site, head);
    return chained;
  });
}

const opsCache = new Map<number, Op[]>();
function opsOf(n: number): Op[] {
  let ops = opsCache.get(n);
  if (!ops) opsCache.set(n, (ops = makeOps(n)));
  return ops;
}

/**
 * The package as main hands it over: main verified the checkpoints' signatures (measured in
 * Node by bench/cases/sync.bench.ts), so here each author's checkpoint at its last op, with the
 * chain hash the renderer computes, and a placeholder signature nothing in the renderer reads.
 */
function packageOf(ops: Op[], hashChar: string): PackageDataMsg {
  const vector: Record<string, string> = {};
  const tops = new Map<string, Op>();
  for (const op of ops) {
    if (!vector[op.site] || vector[op.site] < op.hlc) vector[op.site] = op.hlc;
    const top = tops.get(op.site);
    if (!top || top.seq! < op.seq!) tops.set(op.site, op);
  }
  const checkpoints: Checkpoint[] = [...tops.values()].map((op) => ({ site: op.site, seq: op.seq!, head: opChainHash(op, rendererHasher), key: 'A'.repeat(43) + '=', signature: 'A'.repeat(86) + '==' }));
  return {
    manifest: {
      checkpoints,
      format: 2,
      schemaVersion: 1,
      from: COORD,
      to: ME,
      seq: 1,
      prevPackageHash: null,
      createdAt: '2025-05-02T08:00:00.000Z',
      opCount: ops.length,
      payloadBytes: 0,
      payloadSha256: '0'.repeat(64),
      versionVector: vector,
    },
    ops,
    packageHash: hashChar.repeat(64),
    signerPublicKey: 'k',
    newSignerKey: null,
    authorship: { refused: [], checkpoints },
  };
}

function peers(): PeerRow[] {
  const base = { publicKey: 'k', fingerprint: 'F', trustedAt: '2025-04-01T00:00:00Z', trustedBy: 'bench', previousKeys: [], ack: {}, lastReceivedAt: null, lastSentAt: null };
  return [
    { ...base, siteId: COORD, name: 'Văn phòng điều phối', units: ['u-0'], role: 'coordinator' },
    ...Array.from({ length: UNIT_SITES }, (_, i) => ({ ...base, siteId: `bench-xa-${i + 1}`, name: `Xã ${i + 1}`, units: [`u-${i + 1}`], role: 'unit' as const })),
  ];
}

async function freshDb(name: string): Promise<DondocDb> {
  await Dexie.delete(name);
  const db = new DondocDb(name);
  await db.open();
  await db.peers.bulkPut(peers());
  await db.settings.put({
    id: ORGANISATION_SETTINGS_ID,
    _v: {},
    _deleted: 0,
    authorityName: 'Bench',
    parentName: '',
    placeName: 'Cao Bằng',
    authoritySymbol: 'UBND',
    siteRole: 'unit',
    actsForUnitIds: ['u-99'],
    authorityUnitId: 'u-99',
  });
  return db;
}

// ─── Raw IndexedDB (the floor) ──────────────────────────────────────────────────────────

// The DOM's IndexedDB types here (this module is built with the renderer), so not
// bench/renderer/idb.ts: that slice is typed for the Node project, without the DOM lib.

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(new Error(req.error?.message ?? 'IndexedDB request failed'));
  });
}

function completion(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(new Error(tx.error?.message ?? 'IndexedDB transaction failed'));
    tx.onabort = () => reject(new Error(tx.error?.message ?? 'IndexedDB transaction aborted'));
  });
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = () => resolve();
    req.onerror = () => reject(new Error(req.error?.message ?? 'deleteDatabase failed'));
    req.onblocked = () => reject(new Error(`deleteDatabase(${name}) blocked by an open connection`));
  });
}

/** Opens a database; `create` (a first version) makes its stores. Without it, opens the existing one. */
function openRaw(name: string, create?: (db: IDBDatabase) => void): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = create ? indexedDB.open(name, 1) : indexedDB.open(name);
    if (create) req.onupgradeneeded = () => create(req.result);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(new Error(req.error?.message ?? 'open failed'));
    req.onblocked = () => reject(new Error(`open(${name}) blocked`));
  });
}

const RAW_STORES = ['ops', 'tasks', 'taskEvents'] as const;
const PACKED_STORES = ['opSegments', 'tasks', 'taskLogs'] as const;

/**
 * Stores with the indexes DondocDb declares for opSegments, tasks and taskLogs (events packed
 * per task, v10), and the per-row floor's `ops` and `taskEvents` stores, one record per op and
 * per event, with the indexes they had until schemas 7 and 9.
 */
function openRawSyncDb(name: string): Promise<IDBDatabase> {
  const probe = new DondocDb('bench-schema-probe', { autoOpen: false });
  return openRaw(name, (db) => {
    for (const store of PACKED_STORES) {
      const schema = probe.table(store).schema;
      const os = db.createObjectStore(store, { keyPath: schema.primKey.keyPath as string });
      for (const ix of schema.indexes) os.createIndex(ix.name, ix.keyPath as string | string[], { unique: Boolean(ix.unique), multiEntry: Boolean(ix.multi) });
    }
    db.createObjectStore('taskEvents', { keyPath: 'id' }).createIndex('taskId', 'taskId');
    const ops = db.createObjectStore('ops', { keyPath: 'id' });
    ops.createIndex('hlc', 'hlc');
    ops.createIndex('[site+hlc]', ['site', 'hlc']);
    ops.createIndex('[entity+rowId]', ['entity', 'rowId']);
  });
}

/** The segments an import of `ops` writes: one per author per import chunk. */
function segmentsOfImport(ops: readonly Op[]): OpSegment[] {
  const out: OpSegment[] = [];
  for (let i = 0; i < ops.length; i += CHUNK) out.push(...segmentsFor(ops.slice(i, i + CHUNK)));
  return out;
}

/** The packed floor of an import: the tasks one by one (screens read them by key), events one record per task, the ops as segments. */
async function packedImport(db: IDBDatabase, segments: readonly OpSegment[], rows: { tasks: Row[]; taskEvents: Row[] }): Promise<void> {
  const tx = db.transaction([...PACKED_STORES], 'readwrite', { durability: 'strict' });
  const done = completion(tx);
  const segStore = tx.objectStore('opSegments');
  const taskStore = tx.objectStore('tasks');
  const logStore = tx.objectStore('taskLogs');
  for (const s of segments) segStore.put(s);
  for (const r of rows.tasks) taskStore.put(r);
  for (const log of packRows({ taskEvents: rows.taskEvents }).values()) logStore.put(log);
  await done;
}

/** The rows an import of `ops` into an empty database stores (one op per row here). */
function rowsOf(ops: readonly Op[]): { tasks: Row[]; taskEvents: Row[] } {
  const tasks: Row[] = [];
  const taskEvents: Row[] = [];
  for (const op of ops) (op.entity === 'tasks' ? tasks : taskEvents).push(applyOp(undefined, op));
  return { tasks, taskEvents };
}

async function rawImport(db: IDBDatabase, ops: readonly Op[], rows: { tasks: Row[]; taskEvents: Row[] }): Promise<void> {
  // Same durability as DondocDb (chromeTransactionDurability: 'strict').
  const tx = db.transaction([...RAW_STORES], 'readwrite', { durability: 'strict' });
  const done = completion(tx);
  const opStore = tx.objectStore('ops');
  const taskStore = tx.objectStore('tasks');
  const eventStore = tx.objectStore('taskEvents');
  for (const op of ops) opStore.put(op);
  for (const r of rows.tasks) taskStore.put(r);
  for (const r of rows.taskEvents) eventStore.put(r);
  await done;
}

// ─── State between setup and runs ───────────────────────────────────────────────────────

let exportDb: DondocDb | null = null;
let exportFixture: { n: number; done: Promise<void> } | null = null;
let rawExportDb: IDBDatabase | null = null;
let importDb: DondocDb | null = null;
let pkg: PackageDataMsg | null = null;
let warmPkg: PackageDataMsg | null = null;
let rawImportDb: IDBDatabase | null = null;
let rawRows: { tasks: Row[]; taskEvents: Row[] } | null = null;
let rawWarm: { ops: Op[]; rows: { tasks: Row[]; taskEvents: Row[] } } | null = null;
let packedImportDb: IDBDatabase | null = null;
let packedSegments: OpSegment[] | null = null;
let packedWarm: { segments: OpSegment[]; rows: { tasks: Row[]; taskEvents: Row[] } } | null = null;
let sink = 0;

/**
 * The export database (n ops, nothing acknowledged), written once per size and shared by the
 * export case and its packed floor, which reads the very same object store; the per-row floor
 * reads the same ops from a raw database of one record per op.
 */
function ensureExportFixture(n: number): Promise<void> {
  if (exportFixture?.n === n) return exportFixture.done;
  const done = (async () => {
    exportDb?.close();
    exportDb = null;
    rawExportDb?.close();
    rawExportDb = null;
    const db = await freshDb(EXPORT_DB);
    const ops = opsOf(n);
    // As imports leave them: one segment per author per import chunk, each author's chain held.
    await db.opSegments.bulkAdd(segmentsOfImport(ops));
    const held: HeldChains = {};
    for (const cp of packageOf(ops, 'e').authorship.checkpoints) {
      const top = ops.find((o) => o.site === cp.site && o.seq === cp.seq)!;
      held[cp.site] = { head: { seq: cp.seq, hash: cp.head, hlc: top.hlc }, checkpoint: cp };
    }
    await db.meta.put({ key: CHAIN_HEADS_KEY, value: held });
    db.close();
    await deleteDatabase(RAW_EXPORT_DB);
    const rawDb = await openRawSyncDb(RAW_EXPORT_DB);
    for (let i = 0; i < ops.length; i += 10_000) {
      const tx = rawDb.transaction(['ops'], 'readwrite');
      const done = completion(tx);
      for (const op of ops.slice(i, i + 10_000)) tx.objectStore('ops').put(op);
      await done;
    }
    rawDb.close();
  })();
  exportFixture = { n, done };
  return done;
}

async function closeExport(): Promise<void> {
  exportDb?.close();
  exportDb = null;
  rawExportDb?.close();
  rawExportDb = null;
}

const noSign = async (req: { ops: readonly unknown[] }) => ({ canceled: true, path: null, seq: null, packageHash: null, prevPackageHash: null, opCount: req.ops.length, bytes: 0 });

export const rendererCases: RendererBenchCase[] = [
  {
    name: 'floor.raw.syncExport100k',
    // Seconds a run: three runs keep the full bench inside its budget.
    maxRuns: 3,
    heavy: true,
    size: (s) => `${opCount(s).toLocaleString('en')} ops, one record each, read raw through an ops store's [site+hlc] index: one getAll() per author site, all in flight together`,
    rows: opCount,
    sizes: SIZES,
    setup: async (ctx) => {
      await ensureExportFixture(opCount(ctx.size));
      rawExportDb = await openRaw(RAW_EXPORT_DB);
    },
    run: async () => {
      // Per site rather than one getAll() of everything: measured twice as fast here (the
      // browser reads the next range while this page decodes the last), and what export does.
      const index = rawExportDb!.transaction(['ops'], 'readonly').objectStore('ops').index('[site+hlc]');
      const parts = await Promise.all(SITE_IDS.map((site) => request(index.getAll(IDBKeyRange.bound([site, ''], [site, '\uffff'])))));
      const n = parts.reduce((sum, p) => sum + p.length, 0);
      if (n !== exportFixture!.n) throw new Error(`read ${n} of ${exportFixture!.n}`);
      sink += n;
    },
    teardown: closeExport,
  },
  {
    name: 'floor.packed.syncExport100k',
    heavy: true,
    size: (s) => `the same ${opCount(s).toLocaleString('en')} ops as the export reads them: its opSegments store raw, one getAll() of [site+lastHlc] per author site, all in flight together`,
    rows: opCount,
    sizes: SIZES,
    setup: async (ctx) => {
      await ensureExportFixture(opCount(ctx.size));
      rawExportDb = await openRaw(EXPORT_DB);
    },
    run: async () => {
      const index = rawExportDb!.transaction(['opSegments'], 'readonly').objectStore('opSegments').index('[site+lastHlc]');
      const parts = await Promise.all(SITE_IDS.map((site) => request(index.getAll(IDBKeyRange.bound([site, ''], [site, '\uffff'])))));
      let n = 0;
      for (const part of parts) for (const seg of part as OpSegment[]) n += seg.ops.length;
      if (n !== exportFixture!.n) throw new Error(`read ${n} of ${exportFixture!.n}`);
      sink += n;
    },
    teardown: closeExport,
  },
  {
    name: 'sync.export100k',
    heavy: true,
    size: (s) => `${opCount(s).toLocaleString('en')} ops from 21 sites not yet acknowledged by the peer (read from Dexie, sorted, version vector)`,
    rows: opCount,
    sizes: SIZES,
    ratioTo: 'floor.raw.syncExport100k',
    packedTo: 'floor.packed.syncExport100k',
    setup: async (ctx) => {
      await ensureExportFixture(opCount(ctx.size));
      exportDb = new DondocDb(EXPORT_DB);
      await exportDb.open();
    },
    run: async () => {
      // The same path as the Xuất gói button, with main's signing replaced by a no-op.
      const out = await exportPackage(exportDb!, CTX, { to: COORD, name: 'Văn phòng điều phối' }, noSign);
      if (out.opCount !== exportFixture!.n) throw new Error(`exported ${out.opCount} of ${exportFixture!.n}`);
      sink += out.opCount;
    },
    teardown: closeExport,
  },
  {
    name: 'floor.raw.syncImport',
    // Seconds a run: three runs keep the full bench inside its budget.
    maxRuns: 3,
    heavy: true,
    size: (s) => `${importOps(s).toLocaleString('en')} ops + the ${importOps(s).toLocaleString('en')} task/event rows they make, put raw in one readwrite transaction (stores with the ops/tasks/taskEvents indexes)`,
    rows: importOps,
    sizes: SIZES,
    setup: async (ctx) => {
      rawRows = rowsOf(opsOf(importOps(ctx.size)));
      const warmOps = makeOps(WARMUP_OPS, T0 - 10_000_000);
      rawWarm = { ops: warmOps, rows: rowsOf(warmOps) };
    },
    before: async () => {
      rawImportDb?.close();
      rawImportDb = null;
      await deleteDatabase(RAW_IMPORT_DB);
      rawImportDb = await openRawSyncDb(RAW_IMPORT_DB);
    },
    run: async (ctx) => rawImport(rawImportDb!, opsOf(importOps(ctx.size)), rawRows!),
    warmupRun: async () => rawImport(rawImportDb!, rawWarm!.ops, rawWarm!.rows),
    teardown: async () => {
      rawImportDb?.close();
      rawImportDb = null;
      rawRows = null;
      rawWarm = null;
      await deleteDatabase(RAW_IMPORT_DB);
    },
  },
  {
    name: 'floor.packed.syncImport',
    heavy: true,
    size: (s) => `the same ${importOps(s).toLocaleString('en')} ops as segments (one per author per ${CHUNK.toLocaleString('en')}-op chunk) + the same rows one by one, put raw in one readwrite transaction`,
    rows: importOps,
    sizes: SIZES,
    setup: async (ctx) => {
      const ops = opsOf(importOps(ctx.size));
      packedSegments = segmentsOfImport(ops);
      rawRows = rowsOf(ops);
      const warmOps = makeOps(WARMUP_OPS, T0 - 10_000_000);
      packedWarm = { segments: segmentsOfImport(warmOps), rows: rowsOf(warmOps) };
    },
    before: async () => {
      packedImportDb?.close();
      packedImportDb = null;
      await deleteDatabase(PACKED_IMPORT_DB);
      packedImportDb = await openRawSyncDb(PACKED_IMPORT_DB);
    },
    run: async () => packedImport(packedImportDb!, packedSegments!, rawRows!),
    warmupRun: async () => packedImport(packedImportDb!, packedWarm!.segments, packedWarm!.rows),
    teardown: async () => {
      packedImportDb?.close();
      packedImportDb = null;
      packedSegments = null;
      packedWarm = null;
      rawRows = null;
      await deleteDatabase(PACKED_IMPORT_DB);
    },
  },
  {
    name: 'sync.import',
    heavy: true,
    // Issue #20: 10 s for 100,000 ops, 1 s for 10,000.
    targetMs: (s) => (10_000 * importOps(s)) / 100_000,
    size: (s) => `${importOps(s).toLocaleString('en')} ops (tasks + progress reports) validated, judged and applied in ${CHUNK.toLocaleString('en')}-op chunks, task index rebuilt`,
    rows: importOps,
    sizes: SIZES,
    ratioTo: 'floor.raw.syncImport',
    packedTo: 'floor.packed.syncImport',
    setup: async (ctx) => {
      pkg = packageOf(opsOf(importOps(ctx.size)), 'a');
      // Earlier in time than the measured package: a distinct package and distinct ids.
      warmPkg = packageOf(makeOps(WARMUP_OPS, T0 - 10_000_000), 'b');
    },
    before: async () => {
      importDb?.close();
      importDb = await freshDb(IMPORT_DB);
    },
    run: async () => {
      const report = await importPackage(importDb!, CTX, pkg!, 'bench.dondoc');
      if (report.counts.applied !== pkg!.ops.length) throw new Error(`applied ${report.counts.applied} of ${pkg!.ops.length}`);
      sink += report.counts.applied;
    },
    // One chunk's worth into a fresh database warms the same code without 100,000 ops of work.
    warmupRun: async () => {
      const report = await importPackage(importDb!, CTX, warmPkg!, 'warm.dondoc');
      if (report.counts.applied !== warmPkg!.ops.length) throw new Error(`warm-up applied ${report.counts.applied} of ${warmPkg!.ops.length}`);
    },
    teardown: async () => {
      importDb?.close();
      importDb = null;
      pkg = null;
      warmPkg = null;
      await Dexie.delete(IMPORT_DB);
    },
  },
];

/** Keeps results observable so the work is not optimised away; also used by the smoke test. */
export function benchSink(): number {
  return sink;
}


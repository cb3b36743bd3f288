/**
 * Restore from a backup, and the restore drill. A backup at an older schema is first loaded
 * into a scratch database (raw IndexedDB at the backup's own version, then opened with Dexie so
 * the real migrations run); one at the current schema has its keys checked in memory and only
 * its audit entries go through a scratch database. Its counts and audit chain are verified, and
 * only then, after the current database has itself been backed up, are all live tables replaced
 * in ONE transaction: a crash leaves the data as it was before or as it is in the backup, never
 * in between.
 */
import Dexie from 'dexie';
import { z } from 'zod';
import { AppError } from '@shared/errors';
import type { DondocApi } from '@shared/ipc/api';
import type { BackupInfo } from '@shared/ipc/channels/backup';
import { ORGANISATION_SETTINGS_ID } from '@shared/registries/organisation';
import { DondocDb, SCHEMA_VERSION } from './db';
import { CACHE_TABLES, countRows, dumpDatabase, type DatabaseDump } from './dump';
import { verifyAuditChain } from './repository';
import { ensureRoomFor, browserEstimator, type Estimator } from './quota';
import { reportAuditHead } from './auditAnchor';

/** Rows per bulkAdd inside the one restore transaction (bounded request size, same atomicity). */
export const RESTORE_CHUNK = 2000;
export const SCRATCH_PREFIX = 'dondoc-scratch-';
const SCRATCH_STEP = 'Đang nạp bản sao lưu vào vùng thử';

export interface RestoreProgress {
  /** What is happening, for the screen. */
  step: string;
  done: number;
  total: number;
}
export type OnProgress = (p: RestoreProgress) => void;

const dumpSchema = z.object({
  database: z.string(),
  idbVersion: z.number().int().min(0),
  tables: z.record(z.string(), z.array(z.unknown())),
});

function corrupt(detail: string): AppError {
  return new AppError('invalid-file', `Bản sao lưu không dùng được: ${detail}`);
}

export function parseBackupBody(json: string): DatabaseDump {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw corrupt('nội dung không đọc được.');
  }
  const parsed = dumpSchema.safeParse(raw);
  if (!parsed.success) throw corrupt('nội dung không đúng định dạng.');
  for (const [table, rows] of Object.entries(parsed.data.tables)) {
    for (const row of rows) {
      if (typeof row !== 'object' || row === null || Array.isArray(row)) throw corrupt(`bảng ${table} có bản ghi không hợp lệ.`);
    }
  }
  return parsed.data;
}

interface StoreShape {
  keyPath: string;
  indexes: { name: string; keyPath: string | string[]; unique: boolean; multiEntry: boolean }[];
}

/** Primary keys and indexes of the current schema, by table (read from the declared Dexie schema). */
export function currentStores(): Record<string, StoreShape> {
  const probe = new DondocDb(`${SCRATCH_PREFIX}schema-probe`);
  const out: Record<string, StoreShape> = {};
  for (const t of probe.tables) {
    const kp = t.schema.primKey.keyPath;
    if (typeof kp !== 'string') continue;
    out[t.name] = {
      keyPath: kp,
      indexes: t.schema.indexes.filter((i) => i.keyPath !== undefined).map((i) => ({ name: i.name, keyPath: i.keyPath as string | string[], unique: !!i.unique, multiEntry: !!i.multi })),
    };
  }
  return out;
}

/**
 * Stores a migration dropped, by the last schema version that had them: a backup taken before
 * may hold them, and the migrations move their rows (v8 moved `ops` into `opSegments`, v10
 * `taskEvents` and `taskSteps` into `taskLogs`). `movedRows` counts them where they are now, so
 * the backup's recorded counts are still checked after the migration.
 */
const keysOnly: StoreShape = { keyPath: 'id', indexes: [] };
const total = (rows: unknown[] | undefined, count: (row: Record<string, unknown>) => number) => (rows ?? []).reduce<number>((n, r) => n + count(r as Record<string, unknown>), 0);
const lengthOf = (v: unknown) => (Array.isArray(v) ? v.length : 0);
const RETIRED_STORES: Record<string, { lastVersion: number; shape: StoreShape; movedRows: (tables: Record<string, unknown[]>) => number }> = {
  ops: { lastVersion: 7, shape: keysOnly, movedRows: (t) => total(t.opSegments, (s) => Number(s.count) || 0) },
  taskEvents: { lastVersion: 9, shape: keysOnly, movedRows: (t) => total(t.taskLogs, (l) => lengthOf(l.eventIds)) },
  taskSteps: { lastVersion: 9, shape: keysOnly, movedRows: (t) => total(t.taskLogs, (l) => lengthOf(l.stepIds)) },
};

/** Rows of `table` after the migrations (a dropped table's rows where they were moved). */
function rowsAfterMigration(tables: Record<string, unknown[]>, table: string): number {
  if (!(table in tables) && table in RETIRED_STORES) return RETIRED_STORES[table].movedRows(tables);
  return tables[table]?.length ?? 0;
}

/** The stores a backup taken at `schemaVersion` may hold: today's, and those dropped since. */
function storesAt(schemaVersion: number): Record<string, StoreShape> {
  const out = currentStores();
  for (const [name, retired] of Object.entries(RETIRED_STORES)) if (schemaVersion <= retired.lastVersion && !(name in out)) out[name] = retired.shape;
  return out;
}

/** Refuses, before anything changes, a backup this version of the app cannot restore. */
export function checkRestorable(info: Pick<BackupInfo, 'schemaVersion' | 'counts'>, dump: DatabaseDump, currentSchema = SCHEMA_VERSION): void {
  if (info.schemaVersion > currentSchema) {
    throw new AppError(
      'invalid-file',
      `Bản sao lưu được tạo bởi phiên bản Đôn Đốc mới hơn (cấu trúc dữ liệu số ${info.schemaVersion}, ứng dụng này dùng số ${currentSchema}). Hãy cập nhật ứng dụng trước khi khôi phục.`,
    );
  }
  const dumpSchemaVersion = Math.round(dump.idbVersion / 10);
  if (dumpSchemaVersion > currentSchema) {
    throw new AppError('invalid-file', 'Bản sao lưu được tạo bởi phiên bản Đôn Đốc mới hơn. Hãy cập nhật ứng dụng trước khi khôi phục.');
  }
  if (dump.idbVersion <= 0 || Object.keys(dump.tables).length === 0) throw corrupt('bản sao lưu không có dữ liệu.');
  if (dumpSchemaVersion !== info.schemaVersion) throw corrupt('thông tin phiên bản không khớp với nội dung.');
  const known = storesAt(dumpSchemaVersion);
  for (const table of Object.keys(dump.tables)) {
    if (!(table in known)) throw corrupt(`có bảng dữ liệu "${table}" mà phiên bản này không biết.`);
  }
  for (const [table, n] of Object.entries(info.counts)) {
    if ((dump.tables[table]?.length ?? 0) !== n) throw corrupt(`số bản ghi của bảng ${table} không khớp với thông tin ghi trong tệp.`);
  }
}

function deleteDatabase(name: string): Promise<void> {
  return Dexie.delete(name);
}

/** Removes scratch databases a crashed restore or drill left behind. */
export async function cleanupScratch(): Promise<void> {
  if (typeof indexedDB.databases !== 'function') return;
  for (const d of await indexedDB.databases()) if (d.name?.startsWith(SCRATCH_PREFIX)) await deleteDatabase(d.name);
}

/** Writes the dump into a new raw IndexedDB database at the dump's own version, in one upgrade transaction. */
function writeRawDatabase(name: string, dump: DatabaseDump, stores: Record<string, StoreShape>, onProgress?: OnProgress): Promise<void> {
  // At the current version the scratch copy gets the full schema; an older backup gets keys only
  // and Dexie's upgrade adds that version's indexes before running the real migrations.
  const current = dump.idbVersion === SCHEMA_VERSION * 10;
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name, dump.idbVersion);
    let failed: AppError | null = null;
    const total = Object.values(dump.tables).reduce((n, rows) => n + rows.length, 0);
    let added = 0;
    req.onupgradeneeded = () => {
      const idb = req.result;
      const tx = req.transaction!;
      try {
        for (const [table, rows] of Object.entries(dump.tables)) {
          const shape = stores[table];
          const store = idb.createObjectStore(table, { keyPath: shape.keyPath });
          if (current) for (const i of shape.indexes) store.createIndex(i.name, i.keyPath, { unique: i.unique, multiEntry: i.multiEntry });
          for (let i = 0; i < rows.length; i++) {
            const add = store.add(rows[i]);
            // The bar moves as the rows land (every RESTORE_CHUNK rows and at each table's end).
            if (onProgress && ((i + 1) % RESTORE_CHUNK === 0 || i === rows.length - 1)) {
              const at = added + i + 1;
              add.onsuccess = () => onProgress({ step: SCRATCH_STEP, done: at, total });
            }
          }
          added += rows.length;
        }
        // A dump leaves the local caches out (dump.ts); at the current version no upgrade will add their stores.
        if (current) {
          for (const [table, shape] of Object.entries(stores)) {
            if (table in dump.tables) continue;
            const store = idb.createObjectStore(table, { keyPath: shape.keyPath });
            for (const i of shape.indexes) store.createIndex(i.name, i.keyPath, { unique: i.unique, multiEntry: i.multiEntry });
          }
        }
      } catch {
        failed = corrupt('có bản ghi thiếu khóa hoặc không lưu được.');
        tx.abort();
      }
    };
    req.onsuccess = () => {
      req.result.close();
      resolve();
    };
    req.onerror = (ev) => {
      ev.preventDefault();
      const err = req.error;
      if (failed) reject(failed);
      else if (err?.name === 'QuotaExceededError') reject(new AppError('storage', 'Không đủ dung lượng lưu trữ để đọc bản sao lưu.'));
      else reject(corrupt('có bản ghi trùng khóa hoặc không lưu được.'));
    };
    req.onblocked = () => reject(new AppError('storage', 'Cơ sở dữ liệu tạm đang bị chiếm dụng; hãy đóng các cửa sổ khác rồi thử lại.'));
  });
}

export interface LoadedBackup {
  info: BackupInfo;
  /** Rows of every table after the app's migrations ran on them. */
  tables: Record<string, unknown[]>;
  /** Row counts after migration. */
  counts: Record<string, number>;
  officeName: string | null;
  /** The first broken audit link in the backup, or null when its chain verifies. */
  chainBroken: { seq: number; reason: string } | null;
}

const validKey = (k: unknown) => typeof k === 'string' || (typeof k === 'number' && Number.isFinite(k));

/**
 * What writing a current-version dump into IndexedDB would refuse, checked in memory: every
 * row has a key at its table's key path, and no key repeats (the schema has no other unique index).
 */
export function checkKeys(dump: DatabaseDump, stores: Record<string, StoreShape>): void {
  for (const [table, rows] of Object.entries(dump.tables)) {
    const keyPath = stores[table].keyPath;
    const seen = new Set<unknown>();
    for (const row of rows) {
      const key = (row as Record<string, unknown>)[keyPath];
      if (!validKey(key)) throw corrupt('có bản ghi thiếu khóa hoặc không lưu được.');
      if (seen.has(key)) throw corrupt('có bản ghi trùng khóa hoặc không lưu được.');
      seen.add(key);
    }
  }
}

/**
 * Loads a backup and checks it without touching the live database. A backup at an older schema
 * goes into a throw-away database where the app's migrations run, is checked (counts, audit
 * chain) and read back. One at the current schema needs no migration: its keys are checked in
 * memory and only its audit entries go through a throw-away database for the chain check, so a
 * province's rows are written once (by the restore), not twice.
 */
export async function loadBackup(info: BackupInfo, json: string, onProgress?: OnProgress): Promise<LoadedBackup> {
  onProgress?.({ step: 'Đang kiểm tra nội dung bản sao lưu', done: 0, total: 3 });
  const dump = parseBackupBody(json);
  checkRestorable(info, dump);
  if (dump.idbVersion === SCHEMA_VERSION * 10) return loadCurrent(info, dump, onProgress);
  const name = `${SCRATCH_PREFIX}${crypto.randomUUID()}`;
  try {
    onProgress?.({ step: SCRATCH_STEP, done: 0, total: Object.values(dump.tables).reduce((n, rows) => n + rows.length, 0) });
    // The backup's own version's stores, so opening the scratch copy runs the real migrations.
    await writeRawDatabase(name, dump, storesAt(Math.round(dump.idbVersion / 10)), onProgress);
    const scratch = new DondocDb(name);
    try {
      try {
        await scratch.open();
      } catch {
        throw corrupt('không nâng cấp được dữ liệu lên phiên bản hiện tại.');
      }
      onProgress?.({ step: 'Đang kiểm tra số bản ghi và nhật ký thay đổi', done: 2, total: 3 });
      const tables: Record<string, unknown[]> = {};
      await scratch.transaction('r', scratch.tables, async () => {
        for (const t of scratch.tables) tables[t.name] = await t.toArray();
      });
      for (const [table, n] of Object.entries(info.counts)) {
        const now = rowsAfterMigration(tables, table);
        if (now !== n) throw corrupt(`bảng ${table} có ${now} bản ghi, tệp ghi ${n}.`);
      }
      const chainBroken = await verifyAuditChain(scratch);
      const org = (tables.settings ?? []).find((r) => (r as { id?: unknown }).id === ORGANISATION_SETTINGS_ID) as { authorityName?: unknown } | undefined;
      onProgress?.({ step: 'Đã kiểm tra xong bản sao lưu', done: 3, total: 3 });
      return {
        info,
        tables,
        counts: Object.fromEntries(Object.entries(tables).map(([k, v]) => [k, v.length])),
        officeName: typeof org?.authorityName === 'string' ? org.authorityName : null,
        chainBroken,
      };
    } finally {
      scratch.close();
    }
  } finally {
    await deleteDatabase(name);
  }
}

async function loadCurrent(info: BackupInfo, dump: DatabaseDump, onProgress?: OnProgress): Promise<LoadedBackup> {
  const stores = currentStores();
  onProgress?.({ step: 'Đang kiểm tra khóa các bản ghi', done: 1, total: 3 });
  checkKeys(dump, stores);
  const tables: Record<string, unknown[]> = {};
  for (const table of Object.keys(stores)) tables[table] = dump.tables[table] ?? [];
  for (const [table, n] of Object.entries(info.counts)) {
    if ((tables[table]?.length ?? 0) !== n) throw corrupt(`bảng ${table} có ${tables[table]?.length ?? 0} bản ghi, tệp ghi ${n}.`);
  }
  onProgress?.({ step: 'Đang kiểm tra nhật ký thay đổi', done: 2, total: 3 });
  const name = `${SCRATCH_PREFIX}${crypto.randomUUID()}`;
  let chainBroken: LoadedBackup['chainBroken'];
  try {
    await writeRawDatabase(name, { ...dump, tables: { audit: dump.tables.audit ?? [] } }, stores);
    const scratch = new DondocDb(name);
    try {
      await scratch.open();
      chainBroken = await verifyAuditChain(scratch);
    } finally {
      scratch.close();
    }
  } finally {
    await deleteDatabase(name);
  }
  const org = tables.settings.find((r) => (r as { id?: unknown }).id === ORGANISATION_SETTINGS_ID) as { authorityName?: unknown } | undefined;
  onProgress?.({ step: 'Đã kiểm tra xong bản sao lưu', done: 3, total: 3 });
  return {
    info,
    tables,
    counts: Object.fromEntries(Object.entries(tables).map(([k, v]) => [k, v.length])),
    officeName: typeof org?.authorityName === 'string' ? org.authorityName : null,
    chainBroken,
  };
}

/** Approximate bytes a restore needs in the database: the new copy lands before the old is freed. */
export function restoreFootprint(jsonLength: number): number {
  return jsonLength * 2;
}

/**
 * Tables a restore takes from the backup only when this PC sealed it: trusted peer keys and the
 * site registry. From any other backup they stay as they are, so a crafted file cannot plant a
 * key; pairing again (comparing fingerprints) is the way to change them.
 */
export const TRUST_TABLES = ['peers'];

/** Replaces every live table (but `keepLive`) with the loaded rows in one transaction; nothing else may run inside it. */
export async function replaceAllTables(live: DondocDb, tables: Record<string, unknown[]>, onProgress?: OnProgress, keepLive: readonly string[] = []): Promise<void> {
  // The local caches last: clearing taskIndex leaves a tail record they must not keep (dump.ts).
  const kept = live.tables.filter((t) => !keepLive.includes(t.name));
  const replaced = [...kept.filter((t) => !CACHE_TABLES.includes(t.name)), ...kept.filter((t) => CACHE_TABLES.includes(t.name))];
  const total = replaced.reduce((n, t) => n + (tables[t.name]?.length ?? 0), 0);
  let done = 0;
  try {
    await live.transaction('rw', live.tables, async () => {
      for (const table of replaced) {
        await table.clear();
        const rows = tables[table.name] ?? [];
        for (let i = 0; i < rows.length; i += RESTORE_CHUNK) {
          const chunk = rows.slice(i, i + RESTORE_CHUNK);
          await table.bulkAdd(chunk);
          done += chunk.length;
          onProgress?.({ step: 'Đang ghi dữ liệu khôi phục', done, total });
        }
      }
    });
  } catch (error) {
    if (error instanceof AppError) throw error;
    const name = (error as { name?: string } | null)?.name ?? '';
    if (name === 'QuotaExceededError' || (error as { inner?: { name?: string } }).inner?.name === 'QuotaExceededError') {
      throw new AppError('storage', 'Không đủ dung lượng lưu trữ để khôi phục. Dữ liệu hiện tại không bị thay đổi.');
    }
    throw new AppError('storage', 'Khôi phục không thành công; dữ liệu hiện tại không bị thay đổi.');
  }
}

/** A full dump of the live database handed to main as a backup. */
export async function backupLive(api: DondocApi, live: DondocDb, reason: 'daily' | 'manual' | 'pre-restore', folder?: string): Promise<BackupInfo> {
  const dump = await dumpDatabase(live.name);
  return api.call('backup:write', { reason, schemaVersion: Math.round(dump.idbVersion / 10), counts: countRows(dump), json: JSON.stringify(dump), ...(folder ? { folder } : {}) });
}

export interface RestoreOptions {
  api: DondocApi;
  live: DondocDb;
  loaded: LoadedBackup;
  jsonLength: number;
  onProgress?: OnProgress;
  estimate?: Estimator;
}

/**
 * Restores a loaded, verified backup: room check, a 'pre-restore' backup of the current data
 * (if that fails nothing changes), then the one-transaction replace. The caller reloads the window.
 */
export async function restoreLoaded(opts: RestoreOptions): Promise<BackupInfo> {
  const { api, live, loaded, onProgress } = opts;
  if (loaded.chainBroken) {
    throw new AppError('invalid-file', `Không khôi phục: nhật ký thay đổi trong bản sao lưu không toàn vẹn (${loaded.chainBroken.reason})`);
  }
  onProgress?.({ step: 'Đang kiểm tra dung lượng trống', done: 0, total: 1 });
  await ensureRoomFor(api, restoreFootprint(opts.jsonLength), opts.estimate ?? browserEstimator);
  onProgress?.({ step: 'Đang sao lưu dữ liệu hiện tại trước khi khôi phục', done: 0, total: 1 });
  const safety = await backupLive(api, live, 'pre-restore');
  await replaceAllTables(live, loaded.tables, onProgress, loaded.info.authenticity === 'this-site' ? [] : TRUST_TABLES);
  // The restored chain becomes the anchored one (main accepts a shorter chain only from an administrator).
  await reportAuditHead(api, live, true);
  return safety;
}

export interface DrillReport {
  fileName: string;
  createdAt: string;
  counts: { table: string; expected: number; actual: number }[];
  chainBroken: { seq: number; reason: string } | null;
  ok: boolean;
  durationMs: number;
}

/** Restores the newest backup into a scratch database, verifies it and deletes it; live data is untouched. */
export async function restoreDrill(api: DondocApi, onProgress?: OnProgress): Promise<DrillReport> {
  const started = performance.now();
  const list = await api.call('backup:list', {});
  const latest = list[0];
  if (!latest) throw new AppError('not-found', 'Chưa có bản sao lưu nào để diễn tập khôi phục.');
  const opened = await api.call('backup:open', { source: 'stored', fileName: latest.fileName });
  if (!opened.token || !opened.info) throw new AppError('not-found', 'Không mở được bản sao lưu mới nhất.');
  // The drill only reads into a scratch database, so an unsealed backup may be tried too.
  const { json } = await api.call('backup:body', { token: opened.token, acceptUnverified: true });
  const loaded = await loadBackup(opened.info, json, onProgress);
  const counts = Object.entries(opened.info.counts).map(([table, expected]) => ({ table, expected, actual: loaded.counts[table] ?? 0 }));
  return {
    fileName: latest.fileName,
    createdAt: latest.createdAt,
    counts,
    chainBroken: loaded.chainBroken,
    ok: loaded.chainBroken === null && counts.every((c) => c.expected === c.actual),
    durationMs: Math.round(performance.now() - started),
  };
}

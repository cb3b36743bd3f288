/**
 * Restoring a backup: the IndexedDB part of "Khôi phục" — loadBackup (parse, the
 * scratch copy at the backup's version, the app's migrations, counts and audit chain checked)
 * then replaceAllTables (every live table replaced in one transaction) — on a backup of the
 * demo database, against the raw floor of writing the same rows once into a fresh database in
 * one transaction. A backup carries the packed form (op segments, one audit record per
 * transaction, events and steps one record per task), so that floor is also the packed floor.
 * The pre-restore backup of the current data goes through main (a file) and is not included.
 * Runs at tiny and office; at province-years (the full demo: 50,000 tasks, ≈ 270,000 events)
 * when asked for by name (`--only restore --size province-years`).
 */
import { SCHEMA_VERSION } from '@shared/data/schema';
import type { BackupInfo } from '@shared/ipc/channels/backup';
import { DondocDb } from '../../../renderer/src/data/db';
import { countRows, dumpDatabase, type DatabaseDump } from '../../../renderer/src/data/dump';
import { loadBackup, replaceAllTables, type RestoreProgress } from '../../../renderer/src/data/restore';
import { deleteDatabase } from '../idb';
import { rawWriteDump } from './rawDump';
import { demoDb, DEMO_DB } from '../demoDb';
import { freshSetUpDb, generateBenchDemo, writeDemoInto } from '../demo';
import type { PageContext, RendererBenchCase, SizeLabel } from '../types';

const FLOOR_DB = 'bench-restore-floor';
const PROVINCE_DB = 'bench-restore-province-source';
const LIVE_DB = 'bench-restore-live';
/** The page was opened for `--only …restore…` (chromium.ts passes the filter in the query). */
const ONLY_ASKED = new URLSearchParams((globalThis as unknown as { location: { search: string } }).location.search).get('only')?.includes('restore') ?? false;
const SIZES: readonly SizeLabel[] = ONLY_ASKED ? ['tiny', 'office', 'province-years'] : ['tiny', 'office'];

let dump: DatabaseDump | null = null;
let json = '';
let info: BackupInfo | null = null;
let live: DondocDb | null = null;
let rowsFor: string | null = null;
let rows = 0;
let lastProgress: RestoreProgress | null = null;

/**
 * A backup of the demo database of this size. The shared province-years demo database holds the
 * screens' rows only (bench/renderer/demo.ts), so at that size the full demo is loaded into a
 * database of this case's own (untimed setup, through the app's loader).
 */
async function backupOfDemo(ctx: PageContext): Promise<void> {
  const label = ctx.size.label;
  if (rowsFor === label && dump) return;
  if (label === 'province-years') {
    const source = await freshSetUpDb(PROVINCE_DB);
    try {
      await writeDemoInto(source, generateBenchDemo(ctx.size));
    } finally {
      source.close();
    }
    dump = await dumpDatabase(PROVINCE_DB);
    await deleteDatabase(PROVINCE_DB);
  } else {
    await demoDb(ctx);
    dump = await dumpDatabase(DEMO_DB);
  }
  json = JSON.stringify(dump);
  const counts = countRows(dump);
  rows = Object.values(counts).reduce((n, c) => n + c, 0);
  info = {
    path: '',
    fileName: 'bench.ddbak',
    bytes: json.length,
    sha256: '0'.repeat(64),
    reason: 'manual',
    createdAt: new Date().toISOString(),
    appVersion: 'bench',
    siteId: 'site-bench',
    schemaVersion: SCHEMA_VERSION,
    counts,
    authenticity: 'this-site',
  };
  rowsFor = label;
}

export const rendererCases: RendererBenchCase[] = [
  {
    name: 'floor.raw.restoreRows',
    // Seconds a run: three runs keep the full bench inside its budget.
    maxRuns: 3,
    size: (s) => `a backup of the ${s.label} demo database: every row put once, raw, into a fresh database with the current stores and indexes, one transaction`,
    sizes: SIZES,
    heavy: true,
    rows: (s) => s.tasks,
    setup: async (ctx) => {
      await backupOfDemo(ctx);
      ctx.log(`  chromium  ${ctx.size.label}  restore: backup of ${rows.toLocaleString('en')} rows, ${(json.length / 1e6).toFixed(1)} MB of JSON`);
    },
    before: () => deleteDatabase(FLOOR_DB),
    run: () => rawWriteDump(FLOOR_DB, dump!),
    teardown: () => deleteDatabase(FLOOR_DB),
  },
  {
    name: 'restore.loadAndReplace',
    // Seconds a run: three runs keep the full bench inside its budget.
    maxRuns: 3,
    size: (s) =>
      `a backup of the ${s.label} demo database: loadBackup (parse, scratch copy, migrations, counts, audit chain) + replaceAllTables into a live database in one transaction (main's pre-restore backup not included)`,
    sizes: SIZES,
    heavy: true,
    rows: (s) => s.tasks,
    ratioTo: 'floor.raw.restoreRows',
    packedTo: 'floor.raw.restoreRows',
    setup: (ctx) => backupOfDemo(ctx),
    before: async () => {
      live?.close();
      await deleteDatabase(LIVE_DB);
      live = new DondocDb(LIVE_DB);
      await live.open();
    },
    run: async () => {
      const loaded = await loadBackup(info!, json, (p) => (lastProgress = p));
      if (loaded.chainBroken) throw new Error(`audit chain broken in the bench backup: ${loaded.chainBroken.reason}`);
      await replaceAllTables(live!, loaded.tables, (p) => (lastProgress = p));
      if (lastProgress?.done !== lastProgress?.total) throw new Error('restore progress did not reach its total');
    },
    teardown: async () => {
      live?.close();
      live = null;
      await deleteDatabase(LIVE_DB);
      dump = null;
      json = '';
      rowsFor = null;
    },
  },
];

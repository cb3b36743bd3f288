/**
 * The cold-start cases: each run is a new tab whose entry (bench/renderer/page.ts) starts what
 * the app's entry starts before its code loads (coldEarly.ts) and then loads only this module
 * (coldPage.ts), which carries the app's own first-screen code: the re-export of App below puts
 * the shell, the sign-in screens and the dashboard in this chunk, as they are in the app's
 * entry chunk, while every other screen stays in chunks the app loads when opened
 * (renderer/src/shell/lazyPage.tsx).
 */
import { createElement } from 'react';
import { TaskIndexMirror, taskIndexMirror } from '../../../renderer/src/features/tasks/data/indexMirror';
import { DashboardPage } from '../../../renderer/src/features/dashboard/DashboardPage';
import { DEMO_DB, demoDb, openDemoDb } from '../demoDb';
import { earlyReadDoneAt, takeRawPacks } from '../coldEarly';
import { dashboardShown, demoLabel, mount, openRaw, packedRows, SCREEN_SIZES, signIn, until } from '../screen';
import type { PageContext, RendererBenchCase, SizeSpec } from '../types';

export { App } from '../../../renderer/src/App';

let sink = 0;

/**
 * The dashboard from a cold tab: open the database the app's way, sign in, mount, wait for the
 * numbers. Logs where the time went (ms since navigation): the bundle loaded and run up to this
 * case, the database open, the index mirror loaded, the numbers shown.
 */
async function coldDashboard(ctx: PageContext): Promise<number> {
  const started = performance.now();
  const d = await openDemoDb();
  const opened = performance.now();
  // As App.tsx: the index mirror starts loading as soon as the database is open.
  const mirror = taskIndexMirror(d.db);
  let loaded = 0;
  void mirror.load().then(() => (loaded = performance.now()));
  signIn(d.db);
  const m = mount(createElement(DashboardPage));
  await until(m.host, () => dashboardShown(m.host), 'the dashboard numbers');
  const shown = performance.now();
  const ms = (t: number) => `${Math.round(t)} ms`;
  const early = earlyReadDoneAt === null ? '' : `early read done ${ms(earlyReadDoneAt)}, `;
  ctx.log(`    cold start phases: ${early}bundle run ${ms(started)}, database open ${ms(opened)}, index loaded ${ms(loaded)}, numbers shown ${ms(shown)}`);
  if (mirror.all()?.length !== expectedRows) throw new Error(`the dashboard counted ${mirror.all()?.length} index rows`);
  lastColdLoad = mirror.lastLoad;
  return shown;
}

/** Rows the cold tabs must see (the index rows of the demo; set from the URL-independent size). */
let expectedRows = 0;
let lastColdLoad: TaskIndexMirror['lastLoad'] = null;

/** What the two dashboard cases share: a new tab per run on the demo database, against the raw floor. */
const dashboardTab = {
  sizes: SCREEN_SIZES,
  rows: (s: SizeSpec) => s.tasks,
  ratioTo: 'floor.raw.coldPackedRead',
  measure: 'navigation',
  setup: async (ctx: PageContext) => void (await demoDb(ctx)),
} satisfies Partial<RendererBenchCase>;

export const coldCases: RendererBenchCase[] = [
  {
    name: 'floor.raw.coldPackedRead',
    size: (s) => `${demoLabel(s)}; new tab: the entry starts a raw getAll() of the packed task index snapshot, then loads and parses the same bench bundle and awaits the read (ms since navigation start): the floor of a cold start`,
    sizes: SCREEN_SIZES,
    rows: (s) => s.tasks,
    measure: 'navigation',
    setup: async (ctx) => void (await demoDb(ctx)),
    run: async () => {
      // Started by the tab's entry before this code loaded (coldEarly.ts), as the app starts its own read.
      const early = takeRawPacks();
      if (!early) throw new Error('the cold tab did not start the raw read early');
      sink += packedRows(await early);
      return performance.now();
    },
  },
  {
    name: 'app.coldStartToDashboard',
    size: (s) =>
      `${demoLabel(s)}; new tab: the entry starts the app's early read of the index snapshot, loads and parses the renderer bundle, opens the database, loads the task index mirror (the early records checked still current, decoded, plus the tail), shows the dashboard numbers (ms since navigation start; sign-in through main not included)`,
    ...dashboardTab,
    run: async (ctx) => {
      expectedRows = ctx.size.tasks;
      const ms = await coldDashboard(ctx);
      if (lastColdLoad?.source !== 'snapshot') throw new Error(`the cold start read the index in full (${lastColdLoad?.reason ?? 'no load'})`);
      if (!lastColdLoad.early) throw new Error('the cold start did not use the early read its entry started');
      return ms;
    },
  },
  {
    name: 'app.coldStartToDashboard.noSnapshot',
    // Seconds a run: three runs keep the full bench inside its budget.
    maxRuns: 3,
    size: (s) =>
      `${demoLabel(s)}; as app.coldStartToDashboard, but the first start after the upgrade or a restore: no snapshot, the index read row by row (the tab deletes the snapshot head raw first, counted; the case before this issue's change)`,
    ...dashboardTab,
    run: async (ctx) => {
      expectedRows = ctx.size.tasks;
      const db = await openRaw(DEMO_DB);
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('taskIndexPacks', 'readwrite');
        tx.objectStore('taskIndexPacks').delete('head');
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
      const ms = await coldDashboard(ctx);
      if (lastColdLoad?.source !== 'full') throw new Error('the cold start used a snapshot');
      return ms;
    },
    teardown: async () => {
      // Put the snapshot back as the app's idle save would, for the cases after this one.
      const d = await openDemoDb();
      const mirror = new TaskIndexMirror(d.db);
      await mirror.load();
      await mirror.saveSnapshotIfStale();
      mirror.close();
      d.db.close();
    },
  },
];

export function coldBenchSink(): number {
  return sink;
}

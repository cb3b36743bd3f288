/**
 * The task screens as a user meets them (issues 4 and 10), in real Chromium on the demo
 * database of each size: the list's first render, a filter change, a text search and a scroll
 * of 1,000 rows; the dashboard's counts and screen; the cold start to dashboard numbers; the
 * JS heap with the list open. Screens are the real components (TaskListPage, DashboardPage)
 * mounted at 1366×768 with an administrator session; "ready" means the figure a user waits
 * for is on screen and the next frame has been painted.
 */
import '@mantine/core/styles.css';
import '../../../renderer/src/ui/global.css';
import { createElement, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { MantineProvider } from '@mantine/core';
import type { TaskListFilter } from '../../../renderer/src/features/tasks/data/listSelection';
import { DEFAULT_TASK_SORT, selectTasks, TaskItemCache } from '../../../renderer/src/features/tasks/data/listSelection';
import { countsOfRows } from '../../../renderer/src/features/tasks/data/dashboards';
import { TaskIndexMirror, taskIndexMirror } from '../../../renderer/src/features/tasks/data/indexMirror';
import { OPEN, TaskListPage } from '../../../renderer/src/features/tasks/TaskListPage';
import { DashboardPage } from '../../../renderer/src/features/dashboard/DashboardPage';
import { theme } from '../../../renderer/src/ui/theme';
import { useAppState } from '../../../renderer/src/state/app';
import type { DondocDb } from '../../../renderer/src/data/db';
import { DEMO_DB, demoDb, openDemoDb, type DemoDb } from '../demoDb';
import { DEMO_TODAY } from '../demo';
import type { PageContext, RendererBenchCase, SizeSpec } from '../types';

const SITE = 'site-bench';

function signIn(db: DondocDb): void {
  useAppState.setState({
    db,
    siteId: SITE,
    session: {
      account: { id: 'acc-admin', username: 'admin', displayName: 'Quản trị', role: 'admin', unitId: null, officialId: null, active: true, createdAt: '2026-01-01T00:00:00Z' },
      startedAt: new Date().toISOString(),
      locked: false,
    },
  });
}

interface Mounted {
  host: HTMLDivElement;
  root: Root;
}

function mount(node: ReactNode): Mounted {
  const host = document.createElement('div');
  host.style.cssText = 'width:1366px;height:768px;overflow:hidden;padding:16px;box-sizing:border-box';
  document.body.appendChild(host);
  const root = createRoot(host);
  root.render(createElement(MantineProvider, { theme, defaultColorScheme: 'light' }, node));
  return { host, root };
}

function unmount(m: Mounted | null): void {
  if (!m) return;
  m.root.unmount();
  m.host.remove();
}

const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame((t) => resolve(t)));
/** After the frame that shows it has been painted. */
const painted = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

/** Resolves on the first DOM change after which `ready` holds (checked on every mutation), then after paint. */
function until(host: HTMLElement, ready: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = () => {
      observer.disconnect();
      clearTimeout(timer);
      void painted().then(resolve);
    };
    const observer = new MutationObserver(() => {
      if (ready()) done();
    });
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`timed out waiting for ${what}`));
    }, timeoutMs);
    observer.observe(host, { childList: true, subtree: true, characterData: true, attributes: true });
    if (ready()) done();
  });
}

const countText = (n: number) => `${n.toLocaleString('vi-VN')} nhiệm vụ`;
const listCount = (host: HTMLElement) => host.querySelector('[aria-live="polite"]')?.textContent ?? '';
const firstRowShown = (host: HTMLElement) => host.querySelector('.dd-vrow') !== null;

// The screen's own default, so the count it paints is the count expected.
const OPEN_FILTER: TaskListFilter = { statuses: OPEN };
const SEARCH = 'ke hoach';

/** How many rows the list shows for a filter, computed the screen's way (the run checks the screen agrees). */
function expectedCount(d: DemoDb, filter: TaskListFilter): number {
  const rows = taskIndexMirror(d.db).all() ?? [];
  return selectTasks(rows, filter, DEFAULT_TASK_SORT, DEMO_TODAY, d.settings, d.calendar).length;
}

async function readyDemo(ctx: PageContext): Promise<DemoDb> {
  const d = await demoDb(ctx);
  // The app loads the mirror at sign-in, while the dashboard shows; the list opens on it.
  await taskIndexMirror(d.db).load();
  signIn(d.db);
  return d;
}

async function listReady(m: Mounted, count: number): Promise<void> {
  try {
    await until(m.host, () => listCount(m.host) === countText(count) && (count === 0 || firstRowShown(m.host)), `the list to show ${countText(count)}`);
  } catch (e) {
    // Say what the screen shows instead: a count that differs means the case and the screen disagree on the filter.
    throw new Error(`${(e as Error).message}; the screen shows "${listCount(m.host)}"`, { cause: e });
  }
}

function segment(host: HTMLElement, label: string): HTMLLabelElement {
  const found = [...host.querySelectorAll('label')].find((l) => l.textContent === label);
  if (!found) throw new Error(`no "${label}" segment`);
  return found;
}

function typeInto(input: HTMLInputElement, value: string): void {
  // React listens for the native input event; the value must be set through the prototype setter.
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, value);
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

const demoLabel = (s: SizeSpec) => `demo data: ${s.tasks.toLocaleString('en')} tasks, ${s.progressReports.toLocaleString('en')} progress reports`;
const SIZES = ['tiny', 'office', 'province-years'] as const;

let list: Mounted | null = null;
let demo: DemoDb | null = null;
let flip = false;
/** Counts the two states of a toggling case show, computed in setup (not timed). */
let counts: [number, number] = [0, 0];
let sink = 0;

/** Dashboard screen ready: the six category cards show their numbers. */
const dashboardShown = (host: HTMLElement) => host.querySelectorAll('button[aria-label*=": "]').length >= 6;

let raw: IDBDatabase | null = null;

function openRaw(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** One raw getAll() on a store; resolves with how many records it read. */
function rawGetAll(db: IDBDatabase, store: string): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const req = db.transaction(store, 'readonly').objectStore(store).getAll();
    req.onsuccess = () => resolve(req.result as unknown[]);
    req.onerror = () => reject(req.error);
  });
}

/** Rows held by the packed snapshot records (head + column chunks) read raw. */
function packedRows(records: unknown[]): number {
  return records.reduce<number>((n, r) => n + ((r as { cols?: unknown; n?: number }).cols ? ((r as { n: number }).n ?? 0) : 0), 0);
}

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
  ctx.log(`    cold start phases: bundle run ${ms(started)}, database open ${ms(opened)}, index loaded ${ms(loaded)}, numbers shown ${ms(shown)}`);
  if (mirror.all()?.length !== expectedRows) throw new Error(`the dashboard counted ${mirror.all()?.length} index rows`);
  lastColdLoad = mirror.lastLoad;
  return shown;
}

/** Rows the cold tabs must see (the index rows of the demo; set from the URL-independent size). */
let expectedRows = 0;
let lastColdLoad: TaskIndexMirror['lastLoad'] = null;

export const rendererCases: RendererBenchCase[] = [
  {
    name: 'floor.raw.taskIndexGetAll',
    size: (s) => `${demoLabel(s)}; the ${s.tasks.toLocaleString('en')} task index rows read raw: one getAll() on the taskIndex store`,
    sizes: SIZES,
    rows: (s) => s.tasks,
    setup: async (ctx) => {
      await demoDb(ctx);
      raw = await openRaw(DEMO_DB);
    },
    run: async () => {
      const n = await new Promise<number>((resolve, reject) => {
        const req = raw!.transaction('taskIndex', 'readonly').objectStore('taskIndex').getAll();
        req.onsuccess = () => resolve((req.result as unknown[]).length);
        req.onerror = () => reject(req.error);
      });
      sink += n;
    },
    teardown: async () => {
      raw?.close();
      raw = null;
    },
  },
  {
    name: 'tasks.indexMirror.load',
    size: (s) => `${demoLabel(s)}; the screens' in-memory mirror of the task index loaded from scratch (what sign-in and a cold start wait for): the packed snapshot, zod-checked, and its tail`,
    sizes: SIZES,
    rows: (s) => s.tasks,
    ratioTo: 'floor.raw.taskIndexPacksGetAll',
    setup: async (ctx) => void (demo = await demoDb(ctx)),
    run: async () => {
      const mirror = new TaskIndexMirror(demo!.db);
      await mirror.load();
      sink += mirror.all()?.length ?? 0;
      mirror.close();
    },
  },
  {
    name: 'tasks.list.firstRender',
    size: (s) => `${demoLabel(s)}; TaskListPage mounted (index mirror loaded, as after sign-in) until the open tasks' count and first rows are painted`,
    sizes: SIZES,
    rows: (s) => s.tasks,
    setup: async (ctx) => {
      demo = await readyDemo(ctx);
      counts = [expectedCount(demo, OPEN_FILTER), 0];
    },
    run: async () => {
      list = mount(createElement(TaskListPage, {}));
      await listReady(list, counts[0]);
    },
    after: async () => {
      unmount(list);
      list = null;
    },
  },
  {
    name: 'tasks.list.filterChange',
    size: (s) => `${demoLabel(s)}; click "Tất cả" / "Đang thực hiện" in turn until the new count and rows are painted`,
    sizes: SIZES,
    rows: (s) => s.tasks,
    setup: async (ctx) => {
      demo = await readyDemo(ctx);
      counts = [expectedCount(demo, OPEN_FILTER), expectedCount(demo, {})];
      list = mount(createElement(TaskListPage, {}));
      await listReady(list, counts[0]);
    },
    run: async () => {
      flip = !flip;
      segment(list!.host, flip ? 'Tất cả' : 'Đang thực hiện').click();
      await listReady(list!, counts[flip ? 1 : 0]);
    },
    teardown: async () => {
      unmount(list);
      list = null;
    },
  },
  {
    name: 'tasks.list.textSearch',
    size: (s) => `${demoLabel(s)}; type "${SEARCH}" / clear it in turn (typing pause set to 0) until the count and rows are painted`,
    sizes: SIZES,
    rows: (s) => s.tasks,
    setup: async (ctx) => {
      demo = await readyDemo(ctx);
      counts = [expectedCount(demo, OPEN_FILTER), expectedCount(demo, { ...OPEN_FILTER, search: SEARCH })];
      list = mount(createElement(TaskListPage, { searchDelayMs: 0 }));
      await listReady(list, counts[0]);
    },
    run: async () => {
      flip = !flip;
      const input = list!.host.querySelector<HTMLInputElement>('input[placeholder^="Tên, số văn bản"]');
      if (!input) throw new Error('no search box');
      typeInto(input, flip ? SEARCH : '');
      await listReady(list!, counts[flip ? 1 : 0]);
    },
    teardown: async () => {
      unmount(list);
      list = null;
    },
  },
  {
    name: 'tasks.list.scroll1000.frame',
    size: (s) => `${demoLabel(s)}; all tasks listed, scrolled 1,000 rows in 50 steps of 20 rows, one per frame; figure = mean frame interval in ms (16.7 = every frame at 60 Hz)`,
    sizes: SIZES,
    rows: () => 1_000,
    setup: async (ctx) => {
      demo = await readyDemo(ctx);
      list = mount(createElement(TaskListPage, {}));
      await listReady(list, expectedCount(demo, OPEN_FILTER));
      segment(list.host, 'Tất cả').click();
      await listReady(list, expectedCount(demo, {}));
    },
    run: async () => {
      const scroller = list!.host.querySelector<HTMLDivElement>('[role="table"] > div[style*="overflow-y"]');
      if (!scroller) throw new Error('no list scroller');
      scroller.scrollTop = 0;
      await painted();
      let last = await nextFrame();
      let total = 0;
      for (let step = 0; step < 50; step++) {
        scroller.scrollTop += 20 * 52;
        const t = await nextFrame();
        total += t - last;
        last = t;
      }
      sink += scroller.scrollTop;
      return total / 50;
    },
    teardown: async () => {
      unmount(list);
      list = null;
    },
  },
  {
    name: 'dashboard.counts',
    size: (s) => `${demoLabel(s)}; counts per category, due soon, overdue ages and rate as of ${DEMO_TODAY} over the in-memory index (assessments not cached)`,
    sizes: SIZES,
    rows: (s) => s.tasks,
    setup: async (ctx) => void (demo = await readyDemo(ctx)),
    run: async () => {
      const rows = taskIndexMirror(demo!.db).all()!;
      const counts = await countsOfRows(demo!.db, rows, DEMO_TODAY, {}, demo!.settings, demo!.calendar, new TaskItemCache());
      sink += counts.total;
    },
  },
  {
    name: 'dashboard.render',
    size: (s) => `${demoLabel(s)}; DashboardPage mounted (index mirror loaded) until the category cards show numbers`,
    sizes: SIZES,
    rows: (s) => s.tasks,
    setup: async (ctx) => void (demo = await readyDemo(ctx)),
    run: async () => {
      list = mount(createElement(DashboardPage));
      await until(list.host, () => dashboardShown(list!.host), 'the dashboard numbers');
    },
    after: async () => {
      unmount(list);
      list = null;
    },
  },
  {
    name: 'floor.raw.taskIndexPacksGetAll',
    size: (s) => `${demoLabel(s)}; the packed snapshot of the ${s.tasks.toLocaleString('en')} task index rows read raw: one getAll() on the taskIndexPacks store (${Math.ceil(s.tasks / 10_000)} chunk records + head)`,
    sizes: SIZES,
    rows: (s) => s.tasks,
    setup: async (ctx) => {
      await demoDb(ctx);
      raw = await openRaw(DEMO_DB);
    },
    run: async () => {
      const n = packedRows(await rawGetAll(raw!, 'taskIndexPacks'));
      if (n === 0) throw new Error('the demo database has no task index snapshot');
      sink += n;
    },
    teardown: async () => {
      raw?.close();
      raw = null;
    },
  },
  {
    name: 'floor.raw.coldPackedRead',
    size: (s) => `${demoLabel(s)}; new tab: load and parse the same bench bundle, open the database raw and getAll() the packed task index snapshot (ms since navigation start): the floor of a cold start`,
    sizes: SIZES,
    rows: (s) => s.tasks,
    measure: 'navigation',
    setup: async (ctx) => void (await demoDb(ctx)),
    run: async () => {
      const db = await openRaw(DEMO_DB);
      try {
        sink += packedRows(await rawGetAll(db, 'taskIndexPacks'));
      } finally {
        db.close();
      }
      return performance.now();
    },
  },
  {
    name: 'app.coldStartToDashboard',
    size: (s) =>
      `${demoLabel(s)}; new tab: load and parse the renderer bundle, open the database, load the task index mirror (the packed snapshot the app wrote at idle + its tail), show the dashboard numbers (ms since navigation start; sign-in through main not included)`,
    sizes: SIZES,
    rows: (s) => s.tasks,
    ratioTo: 'floor.raw.coldPackedRead',
    measure: 'navigation',
    setup: async (ctx) => void (await demoDb(ctx)),
    run: async (ctx) => {
      expectedRows = ctx.size.tasks;
      const ms = await coldDashboard(ctx);
      if (lastColdLoad?.source !== 'snapshot') throw new Error(`the cold start read the index in full (${lastColdLoad?.reason ?? 'no load'})`);
      return ms;
    },
  },
  {
    name: 'app.coldStartToDashboard.noSnapshot',
    size: (s) =>
      `${demoLabel(s)}; as app.coldStartToDashboard, but the first start after the upgrade or a restore: no snapshot, the index read row by row (the tab deletes the snapshot head raw first, counted; the case before this issue's change)`,
    sizes: SIZES,
    rows: (s) => s.tasks,
    ratioTo: 'floor.raw.coldPackedRead',
    measure: 'navigation',
    setup: async (ctx) => void (await demoDb(ctx)),
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
  {
    name: 'heap.taskListOpen',
    size: (s) => `JS heap after GC: demo database open, index mirror loaded (${s.tasks.toLocaleString('en')} rows), task list screen showing all tasks`,
    sizes: SIZES,
    measure: 'heap',
    setup: async (ctx) => void (demo = await readyDemo(ctx)),
    run: async () => {
      list = mount(createElement(TaskListPage, {}));
      await listReady(list, expectedCount(demo!, OPEN_FILTER));
      segment(list.host, 'Tất cả').click();
      await listReady(list, expectedCount(demo!, {}));
    },
    after: async () => {
      unmount(list);
      list = null;
    },
  },
];

export function tasksBenchSink(): number {
  return sink;
}

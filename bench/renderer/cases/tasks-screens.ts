/**
 * The task screens as a user meets them (issues 4 and 10), in real Chromium on the demo
 * database of each size: the list's first render, a filter change, a text search and a scroll
 * of 1,000 rows; the dashboard's counts and screen; the cold start to dashboard numbers; the
 * JS heap with the list open. Screens are the real components (TaskListPage, DashboardPage)
 * mounted at 1366×768 with an administrator session; "ready" means the figure a user waits
 * for is on screen and the next frame has been painted.
 */
import { createElement } from 'react';
import type { TaskListFilter } from '../../../renderer/src/features/tasks/data/listSelection';
import { DEFAULT_TASK_SORT, selectTasks, TaskItemCache } from '../../../renderer/src/features/tasks/data/listSelection';
import { countsOfRows } from '../../../renderer/src/features/tasks/data/dashboards';
import { TaskIndexMirror, taskIndexMirror } from '../../../renderer/src/features/tasks/data/indexMirror';
import { OPEN, TaskListPage } from '../../../renderer/src/features/tasks/TaskListPage';
import { DashboardPage } from '../../../renderer/src/features/dashboard/DashboardPage';
import { DEMO_DB, demoDb, type DemoDb } from '../demoDb';
import { DEMO_TODAY } from '../demo';
import { dashboardShown, demoLabel, mount, nextFrame, openRaw, packedRows, painted, rawGetAll, SCREEN_SIZES as SIZES, signIn, unmount, until, type Mounted } from '../screen';
import type { PageContext, RendererBenchCase } from '../types';

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



let list: Mounted | null = null;
let demo: DemoDb | null = null;
let flip = false;
/** Counts the two states of a toggling case show, computed in setup (not timed). */
let counts: [number, number] = [0, 0];
let sink = 0;

let raw: IDBDatabase | null = null;

export const rendererCases: RendererBenchCase[] = [
  {
    name: 'floor.raw.taskIndexGetAll',
    // Seconds a run: three runs keep the full bench inside its budget.
    maxRuns: 3,
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

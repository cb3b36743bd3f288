/**
 * Reads of the task index without secondary indexes (schema v11): lists, dashboards, "my tasks",
 * the longest-pending tasks and a unit's tasks filter the mirror's rows in memory. For any rows
 * and any question they answer exactly what the v10 IndexedDB indexes answered (the queries as
 * they were, run on a store declared as v10 declared it): same rows, same order, same limit.
 */
import Dexie, { type Collection, type Table } from 'dexie';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dropAfterAll } from '../../../../../tests/unit/dropAfterAll';
import { DEFAULT_TASK_SETTINGS, type TaskStatus } from '@shared/tasks/state';
import { DondocDb, STORES_V10 } from '../../../data/db';
import { unitTasksOf } from '../../accountability/data';
import { countsOfRows, dashboardCounts, myTasks, overdueByUnit, pendingLongest, type DashboardScope } from './dashboards';
import { TaskItemCache, filterSorted, selectTasks, type TaskListFilter, type TaskSort } from './listSelection';
import { listTasks, settledIndexRows } from './queries';
import { NO_DUE_KEY, type TaskIndexRow } from './taskIndex';

const S = DEFAULT_TASK_SETTINGS;
const UNITS = ['u-a', 'u-b', 'u-c'];
const OFFICIALS = ['o-1', 'o-2'];
const DATES = ['2026-01-05', '2026-02-02', '2026-03-02', '2026-03-16', '2026-04-01'];
const STATUSES: TaskStatus[] = ['active', 'paused', 'awaitingAcceptance', 'completed', 'cancelled'];

interface Pick6 {
  lead: number;
  support: number;
  official: number;
  status: number;
  assigned: number;
  due: number;
  year: number;
}

function indexRow(i: number, p: Pick6): TaskIndexRow {
  const status = STATUSES[p.status];
  const open = status === 'active' || status === 'paused' || status === 'awaitingAcceptance' ? 1 : 0;
  const assignedOn = DATES[p.assigned];
  const dueOn = p.due < DATES.length ? DATES[p.due] : null;
  const leadUnitId = UNITS[p.lead];
  const supportUnitIds = p.support < UNITS.length && p.support !== p.lead ? [UNITS[p.support]] : [];
  return {
    // Ids not in insertion order, so ties are broken by id, not by when a row was written.
    id: `t${String((i * 7919) % 1000).padStart(4, '0')}-${i}`,
    title: `Nhiệm vụ ${i}`,
    directiveId: p.year % 2 ? 'd-1' : null,
    directiveRef: '',
    assignerUnitId: p.year % 3 ? 'u-ubnd' : 'u-b',
    assignerOfficialId: p.official < OFFICIALS.length ? OFFICIALS[p.official] : null,
    leadUnitId,
    supportUnitIds,
    unitIds: [leadUnitId, ...supportUnitIds],
    responsibleOfficialId: p.official < OFFICIALS.length ? OFFICIALS[(p.official + p.lead) % OFFICIALS.length] : null,
    planYear: p.year ? 2025 + p.year : null,
    priority: 'normal',
    status,
    open,
    originalDueOn: dueOn,
    effectiveDueOn: dueOn,
    dueKey: dueOn ?? NO_DUE_KEY,
    completedOn: status === 'completed' ? DATES[Math.max(p.assigned, p.due % DATES.length)] : null,
    acceptedOn: status === 'completed' ? DATES[Math.max(p.assigned, p.due % DATES.length)] : null,
    reportedOn: status === 'awaitingAcceptance' ? DATES[Math.max(p.assigned, p.due % DATES.length)] : null,
    percent: (i * 13) % 101,
    pendingExtension: 0,
    assignedOn,
    lastEventOn: assignedOn,
    lastStateEventOn: assignedOn,
    eventCount: 0,
    search: `nhiem vu ${i}`,
  };
}

const pick = fc.record({
  lead: fc.integer({ min: 0, max: UNITS.length - 1 }),
  support: fc.integer({ min: 0, max: UNITS.length }),
  official: fc.integer({ min: 0, max: OFFICIALS.length }),
  status: fc.integer({ min: 0, max: STATUSES.length - 1 }),
  assigned: fc.integer({ min: 0, max: DATES.length - 1 }),
  due: fc.integer({ min: 0, max: DATES.length }),
  year: fc.integer({ min: 0, max: 2 }),
});

// ─── The v10 reads, as they were, on a store with the v10 indexes ────────────────────────

function v10Candidates(t: Table<TaskIndexRow, string>, f: TaskListFilter): Collection<TaskIndexRow, string> {
  if (f.directiveId) return t.where('directiveId').equals(f.directiveId);
  if (f.responsibleOfficialId) return t.where('responsibleOfficialId').equals(f.responsibleOfficialId);
  if (f.unitId && f.unitRole === 'lead') return t.where('leadUnitId').equals(f.unitId);
  if (f.unitId) return t.where('unitIds').equals(f.unitId);
  if (f.assignerOfficialId) return t.where('assignerOfficialId').equals(f.assignerOfficialId);
  if (f.planYear !== undefined) return t.where('planYear').equals(f.planYear);
  if (f.dueFrom || f.dueTo) return t.where('dueKey').between(f.dueFrom ?? '0000-01-01', f.dueTo ?? '9999-12-30', true, true);
  const openOnly = f.statuses && f.statuses.length > 0 && f.statuses.every((s) => s === 'active' || s === 'paused');
  const openCategories = f.categories && f.categories.length > 0 && f.categories.every((c) => c.startsWith('open'));
  if (openOnly || openCategories || f.dueSoonOnly) return t.where('[open+dueKey]').between([1, Dexie.minKey], [1, Dexie.maxKey]);
  if (f.assignerUnitId) return t.where('assignerUnitId').equals(f.assignerUnitId);
  return t.toCollection();
}

function v10ScopeRows(t: Table<TaskIndexRow, string>, scope: DashboardScope): Promise<TaskIndexRow[]> {
  if (scope.leadUnitId) return t.where('leadUnitId').equals(scope.leadUnitId).toArray();
  if (scope.planYear !== undefined) return t.where('planYear').equals(scope.planYear).toArray();
  if (scope.assignerUnitId) return t.where('assignerUnitId').equals(scope.assignerUnitId).toArray();
  return t.toArray();
}

function v10Pending(t: Table<TaskIndexRow, string>, asOf: string, limit: number, leadUnitId?: string): Promise<TaskIndexRow[]> {
  return t
    .where('[open+assignedOn]')
    .between([1, Dexie.minKey], [1, asOf], true, true)
    .filter((r) => !leadUnitId || r.leadUnitId === leadUnitId)
    .limit(limit)
    .toArray();
}

async function v10Mine(t: Table<TaskIndexRow, string>, who: { officialId: string | null; unitId: string | null }): Promise<string[]> {
  const ids = new Set<string>();
  if (who.officialId) for (const r of await t.where('responsibleOfficialId').equals(who.officialId).toArray()) ids.add(r.id);
  if (who.unitId) for (const r of await t.where('[leadUnitId+open]').equals([who.unitId, 1]).toArray()) ids.add(r.id);
  return [...ids].sort();
}

// ─────────────────────────────────────────────────────────────────────────────────────────

const filters: TaskListFilter[] = [
  {},
  { directiveId: 'd-1' },
  { responsibleOfficialId: 'o-1' },
  { unitId: 'u-a', unitRole: 'lead' },
  { unitId: 'u-b' },
  { unitId: 'u-c', unitRole: 'support' },
  { assignerOfficialId: 'o-2' },
  { planYear: 2026 },
  { dueFrom: '2026-02-02', dueTo: '2026-03-16' },
  { dueTo: '2026-03-02' },
  { statuses: ['active', 'paused'] },
  { categories: ['openOverdue', 'openWithinDeadline'] },
  { dueSoonOnly: true },
  { assignerUnitId: 'u-b' },
  { statuses: ['completed'], unitId: 'u-a' },
];
const sorts: TaskSort[] = [
  { key: 'dueOn', direction: 'asc' },
  { key: 'assignedOn', direction: 'desc' },
  { key: 'percent', direction: 'asc' },
];
const scopes: DashboardScope[] = [{}, { leadUnitId: 'u-a' }, { planYear: 2027 }, { assignerUnitId: 'u-b' }, { leadUnitId: 'u-b', planYear: 2026 }];

const dropped = dropAfterAll();

describe('task index reads without secondary indexes', () => {
  it('answer lists, dashboards, my tasks, the longest pending and a unit\'s tasks as the v10 indexes did', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(pick, { minLength: 0, maxLength: 40 }), fc.constantFrom(...DATES.slice(1), '2026-12-31'), fc.integer({ min: 1, max: 8 }), async (picks, asOf, limit) => {
        const rows = picks.map((p, i) => indexRow(i, p));
        const db = new DondocDb(`index-reads-${Math.random()}`);
        const ref = new Dexie(`index-reads-v10-${Math.random()}`);
        ref.version(10).stores({ taskIndex: STORES_V10.taskIndex });
        dropped(db);
        dropped(ref);
        // Written in two batches (the mirror's order is not the key order), the same rows in both.
        await db.taskIndex.bulkPut(rows.slice(Math.floor(rows.length / 2)));
        await db.taskIndex.bulkPut(rows.slice(0, Math.floor(rows.length / 2)));
        const old = ref.table<TaskIndexRow, string>('taskIndex');
        await old.bulkPut(rows);

        const ids = (list: readonly { id: string }[]) => list.map((r) => r.id);
        // Past dates judge a task closed since as it was then: the v10 list dropped those for open-only
        // filters (see the test below); as of the year's end every task's state is its current one.
        if (asOf === '2026-12-31')
          for (const filter of filters)
            for (const sort of sorts) {
              const before = selectTasks(await v10Candidates(old, filter).toArray(), filter, sort, asOf, S);
              expect(ids(await listTasks(db, filter, sort, asOf, S))).toEqual(ids(before));
            }
        for (const leadUnitId of [undefined, ...UNITS]) {
          const now = await pendingLongest(db, asOf, limit, S, undefined, leadUnitId);
          expect(ids(now)).toEqual(ids(await v10Pending(old, asOf, limit, leadUnitId)));
          expect(now.map((p) => p.ageDays).every((d) => d >= 0)).toBe(true);
        }
        for (const who of [
          { officialId: 'o-1', unitId: null },
          { officialId: null, unitId: 'u-a' },
          { officialId: 'o-2', unitId: 'u-b' },
          { officialId: null, unitId: null },
        ]) {
          const mine = await myTasks(db, who, asOf, S);
          expect(ids(mine).sort()).toEqual(await v10Mine(old, who));
          // Open first by due date, then the rest by latest activity, ties by id.
          for (let i = 1; i < mine.length; i++) {
            const [a, b] = [mine[i - 1], mine[i]];
            expect(a.open >= b.open).toBe(true);
            if (a.open === b.open && a.open === 1) expect(a.dueKey < b.dueKey || (a.dueKey === b.dueKey && a.id < b.id)).toBe(true);
          }
        }
        for (const scope of scopes) {
          expect(await dashboardCounts(db, asOf, scope, S)).toEqual(await countsOfRows(db, await v10ScopeRows(old, scope), asOf, scope, S));
        }
        const units = await overdueByUnit(db, asOf, S);
        expect(units.map((u) => u.unitId).sort()).toEqual([...new Set(rows.filter((r) => r.assignedOn <= asOf).map((r) => r.leadUnitId))].sort());
        const mirrored = await settledIndexRows(db);
        for (const unitId of UNITS) {
          const led = unitTasksOf(mirrored, unitId);
          const v10 = await old.where('leadUnitId').equals(unitId).toArray();
          expect(ids(led).sort()).toEqual(ids(v10).sort());
          for (let i = 1; i < led.length; i++) expect(led[i - 1].assignedOn > led[i].assignedOn || (led[i - 1].assignedOn === led[i].assignedOn && led[i - 1].id < led[i].id)).toBe(true);
        }
      }),
      { numRuns: 30 },
    );
  });

  it('lists as of a past date what the list screen shows: a task completed since counts as open then', async () => {
    const db = new DondocDb(`index-reads-past-${Math.random()}`);
    dropped(db);
    const closedLater = { ...indexRow(1, { lead: 0, support: 3, official: 0, status: 3, assigned: 0, due: 1, year: 1 }), completedOn: '2026-04-01', acceptedOn: '2026-04-01' };
    const stillOpen = indexRow(2, { lead: 1, support: 3, official: 1, status: 0, assigned: 0, due: 1, year: 1 });
    await db.taskIndex.bulkPut([closedLater, stillOpen]);
    const asOf = '2026-03-02';
    const filter: TaskListFilter = { categories: ['openOverdue'] };
    const sort: TaskSort = { key: 'dueOn', direction: 'asc' };
    const screen = filterSorted(new TaskItemCache().sortedItems(await settledIndexRows(db), sort, asOf, S), filter);
    expect(screen.map((t) => t.id).sort()).toEqual([closedLater.id, stillOpen.id].sort());
    expect(await listTasks(db, filter, sort, asOf, S)).toEqual(screen);
  });
});

/**
 * The task list's selection, pure: the filter and sort a screen asks for, matching (fields and
 * diacritics-insensitive search, names of units and officials included), assessing each row as of
 * a date (through TaskItemCache, so a filter change reassesses nothing) and ordering. No database
 * access: `queries.ts` feeds it index rows from the mirror or an indexed read.
 */
import type { CalendarConfig } from '@shared/calendar';
import { foldedWords, matchesWholeWords, wordHaystack } from '@shared/text/search';
import { assess, type TaskAssessment, type TaskCategory, type TaskSettings, type TaskStatus } from '@shared/tasks/state';
import type { TaskIndexRow } from './taskIndex';

export interface TaskListFilter {
  /** Tasks where this unit leads or supports. */
  unitId?: string;
  /** With unitId: only as lead, only as support, or either (default). */
  unitRole?: 'lead' | 'support' | 'any';
  responsibleOfficialId?: string;
  assignerUnitId?: string;
  assignerOfficialId?: string;
  directiveId?: string;
  planYear?: number;
  statuses?: TaskStatus[];
  /** Categories as of `asOf` (cancelled tasks have none and are dropped by this filter). */
  categories?: TaskCategory[];
  dueSoonOnly?: boolean;
  pendingExtensionOnly?: boolean;
  /** Effective due date range, inclusive. */
  dueFrom?: string;
  dueTo?: string;
  /** Diacritics-insensitive words, all must match. */
  search?: string;
}

export type TaskSortKey = 'dueOn' | 'assignedOn' | 'lastEventOn' | 'completedOn' | 'title' | 'percent' | 'overdueDays';
export interface TaskSort {
  key: TaskSortKey;
  direction: 'asc' | 'desc';
}
export const DEFAULT_TASK_SORT: TaskSort = { key: 'dueOn', direction: 'asc' };

export interface TaskListItem extends TaskIndexRow, TaskAssessment {}

/**
 * Names a task search also looks in: unit id → its name and short name, official id → full
 * name, each as a word haystack (wordHaystack). The screens build it from the registries.
 */
export type SearchNames = ReadonlyMap<string, string>;

export function searchNamesOf(units: readonly { id: string; name: string; shortName?: string }[], officials: readonly { id: string; fullName: string }[]): SearchNames {
  const m = new Map<string, string>();
  for (const u of units) m.set(u.id, wordHaystack(`${u.name} ${u.shortName ?? ''}`));
  for (const o of officials) m.set(o.id, wordHaystack(o.fullName));
  return m;
}

const rowHaystacks = new WeakMap<TaskIndexRow, string>();
function rowHaystack(r: TaskIndexRow): string {
  let h = rowHaystacks.get(r);
  if (h === undefined) rowHaystacks.set(r, (h = wordHaystack(r.search)));
  return h;
}

/** Search words match whole words of the title, directive reference and content, or of the lead unit's or the responsible official's name. */
function searchHit(r: TaskIndexRow, words: readonly string[], names: SearchNames | undefined): boolean {
  if (words.length === 0) return true;
  const hay = [rowHaystack(r)];
  const lead = names?.get(r.leadUnitId);
  if (lead) hay.push(lead);
  const official = r.responsibleOfficialId ? names?.get(r.responsibleOfficialId) : undefined;
  if (official) hay.push(official);
  return matchesWholeWords(hay, words);
}

function matches(r: TaskIndexRow, f: TaskListFilter, words: readonly string[], names?: SearchNames): boolean {
  if (f.unitId) {
    const role = f.unitRole ?? 'any';
    if (role === 'lead' && r.leadUnitId !== f.unitId) return false;
    if (role === 'support' && !r.supportUnitIds.includes(f.unitId)) return false;
    if (role === 'any' && !r.unitIds.includes(f.unitId)) return false;
  }
  if (f.responsibleOfficialId && r.responsibleOfficialId !== f.responsibleOfficialId) return false;
  if (f.assignerUnitId && r.assignerUnitId !== f.assignerUnitId) return false;
  if (f.assignerOfficialId && r.assignerOfficialId !== f.assignerOfficialId) return false;
  if (f.directiveId && r.directiveId !== f.directiveId) return false;
  if (f.planYear !== undefined && r.planYear !== f.planYear) return false;
  if (f.statuses && f.statuses.length > 0 && !f.statuses.includes(r.status)) return false;
  if (f.pendingExtensionOnly && r.pendingExtension !== 1) return false;
  if (f.dueFrom && (r.effectiveDueOn === null || r.effectiveDueOn < f.dueFrom)) return false;
  if (f.dueTo && (r.effectiveDueOn === null || r.effectiveDueOn > f.dueTo)) return false;
  return searchHit(r, words, names);
}

function compareItems(key: TaskSortKey): (a: TaskListItem, b: TaskListItem) => number {
  const str = (x: string | null, y: string | null) => (x === y ? 0 : x === null ? 1 : y === null ? -1 : x < y ? -1 : 1);
  switch (key) {
    case 'dueOn':
      return (a, b) => str(a.dueKey, b.dueKey);
    case 'assignedOn':
      return (a, b) => str(a.assignedOn, b.assignedOn);
    case 'lastEventOn':
      return (a, b) => str(a.lastEventOn, b.lastEventOn);
    case 'completedOn':
      return (a, b) => str(a.completedOn, b.completedOn);
    case 'title':
      return (a, b) => a.title.localeCompare(b.title, 'vi');
    case 'percent':
      return (a, b) => a.percent - b.percent;
    case 'overdueDays':
      return (a, b) => a.overdueDays - b.overdueDays;
    default: {
      const never: never = key;
      throw new Error(String(never));
    }
  }
}

/**
 * Assessments as of one day with one settings/calendar pair, kept per index row object (a
 * changed row is a new object), so a filter change or a second screen does not re-assess
 * 50,000 rows. Settings and calendar are compared by value: each live query hands out new objects.
 */
export class TaskItemCache {
  /** A row's assessment alone: the dashboard needs only that, and the list item is the row and it together. */
  private assessed = new WeakMap<TaskIndexRow, TaskAssessment>();
  private items = new WeakMap<TaskIndexRow, TaskListItem>();
  private seen: readonly unknown[] = [];
  private key = '';
  private sorted: { rows: readonly TaskIndexRow[]; sort: string; items: readonly TaskListItem[] } | null = null;

  private use(asOf: string, settings: TaskSettings, calendar?: CalendarConfig): void {
    if (this.seen[0] === asOf && this.seen[1] === settings && this.seen[2] === calendar) return;
    this.seen = [asOf, settings, calendar];
    const key = JSON.stringify([asOf, settings, calendar ?? null]);
    if (key !== this.key) {
      this.assessed = new WeakMap();
      this.items = new WeakMap();
      this.sorted = null;
      this.key = key;
    }
  }

  assessment(r: TaskIndexRow, asOf: string, settings: TaskSettings, calendar?: CalendarConfig): TaskAssessment {
    this.use(asOf, settings, calendar);
    let a = this.assessed.get(r);
    if (!a) this.assessed.set(r, (a = assess(r, asOf, settings, calendar)));
    return a;
  }

  item(r: TaskIndexRow, asOf: string, settings: TaskSettings, calendar?: CalendarConfig): TaskListItem {
    this.use(asOf, settings, calendar);
    let it = this.items.get(r);
    if (!it) this.items.set(r, (it = { ...r, ...this.assessment(r, asOf, settings, calendar) }));
    return it;
  }

  /** Every row assessed and sorted, kept until the rows, the sort or the assessment change: a filter then only has to drop rows. */
  sortedItems(rows: readonly TaskIndexRow[], sort: TaskSort, asOf: string, settings: TaskSettings, calendar?: CalendarConfig): readonly TaskListItem[] {
    this.use(asOf, settings, calendar);
    const sortKey = `${sort.key}:${sort.direction}`;
    if (this.sorted && this.sorted.rows === rows && this.sorted.sort === sortKey) return this.sorted.items;
    const items = rows.map((r) => this.item(r, asOf, settings, calendar)).sort(itemOrder(sort));
    this.sorted = { rows, sort: sortKey, items };
    return items;
  }
}


function itemOrder(sort: TaskSort): (a: TaskListItem, b: TaskListItem) => number {
  const cmp = compareItems(sort.key);
  const sign = sort.direction === 'asc' ? 1 : -1;
  return (a, b) => sign * cmp(a, b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Whether an assessed task passes the filter (search words already folded). */
function keeps(it: TaskListItem, filter: TaskListFilter, words: readonly string[], categories: ReadonlySet<TaskCategory> | null, names?: SearchNames): boolean {
  if (!matches(it, filter, words, names)) return false;
  if (categories && (it.category === null || !categories.has(it.category))) return false;
  return !filter.dueSoonOnly || it.dueSoon;
}

/** The screens' path: items already assessed and sorted (TaskItemCache.sortedItems), filtered in their order. */
export function filterSorted(items: readonly TaskListItem[], filter: TaskListFilter, names?: SearchNames): TaskListItem[] {
  const words = searchWords(filter);
  const categories = categorySet(filter);
  return items.filter((it) => keeps(it, filter, words, categories, names));
}

function searchWords(filter: TaskListFilter): string[] {
  return foldedWords(filter.search ?? '');
}

function categorySet(filter: TaskListFilter): Set<TaskCategory> | null {
  return filter.categories && filter.categories.length > 0 ? new Set(filter.categories) : null;
}

/**
 * Filters, assesses (category, due soon, label as of `asOf` with the current state) and sorts
 * index rows. Ties keep a stable order by id.
 */
export function selectTasks(rows: Iterable<TaskIndexRow>, filter: TaskListFilter, sort: TaskSort, asOf: string, settings: TaskSettings, calendar?: CalendarConfig, cache = new TaskItemCache(), names?: SearchNames): TaskListItem[] {
  const words = searchWords(filter);
  const categories = categorySet(filter);
  const out: TaskListItem[] = [];
  for (const r of rows) {
    if (!matches(r, filter, words, names)) continue;
    const it = cache.item(r, asOf, settings, calendar);
    if (keeps(it, filter, words, categories, names)) out.push(it);
  }
  return out.sort(itemOrder(sort));
}

/**
 * The follow-up centre's pure part: tasks to follow up grouped by lead unit, what falls due
 * today, the rows of a unit's công văn đôn đốc, and the start-up notification text.
 */
import type { CalendarConfig } from '../calendar';
import { formatShortDate } from '../letters/model';
import type { FollowUpBatchUnit, FollowUpTaskRow } from '../letters/templates/followUp';
import { decisionClause, type TaskEvent } from '../tasks/model';
import { compareEvents } from '../tasks/state';
import { DEFAULT_LADDER_SETTINGS, isDue, nextStep, NO_ESCALATION, stepDoneLabels, type FollowUpTaskKind, type LadderSettings, type NextStep, type TaskEscalation } from './escalation';

/** One task the centre lists: open and overdue, or open and due soon, as of a date. */
export interface FollowUpItem {
  taskId: string;
  title: string;
  leadUnitId: string;
  kind: FollowUpTaskKind;
  /** Effective deadline, YYYY-MM-DD. */
  dueOn: string;
  /** Calendar days past the deadline (overdue tasks). */
  overdueDays: number;
  /** Working days left (due-soon tasks). */
  remainingWorkingDays: number | null;
  /** "Kế hoạch số 12/KH-UBND …" or "" when the task has no source document. */
  sourceRef: string;
  percent: number;
  assignedOn: string;
  /** The product the task must deliver ("5 rõ"), printed in the letter; absent or "" when not stated. */
  expectedProduct?: string;
  /**
   * The unit the follow-up addresses when it is not the lead unit: the assigner, for a
   * completion report it left unanswered past the set working days (kind acceptanceLate).
   */
  addressedUnitId?: string;
  /** acceptanceLate: the day the lead unit's completion report was recorded, and the product it named. */
  reportedOn?: string;
  deliveredProduct?: string;
  /** The latest granted extension as a letter says it ("Đã gia hạn đến … theo quyết định của …"); absent without one. */
  decisionNote?: string;
}

export interface FollowUpEntry extends FollowUpItem {
  escalation: TaskEscalation;
  next: NextStep | null;
  /** The next step is due on or before asOf. */
  dueToday: boolean;
}

export interface UnitGroup {
  unitId: string;
  entries: FollowUpEntry[];
  overdue: number;
  /** Completion reports this unit, as the assigner, left unanswered past the set working days. */
  acceptanceLate: number;
  dueSoon: number;
  maxOverdueDays: number;
  /** Tasks whose next step is a reminder due now: the unit needs a công văn đôn đốc. */
  remindersDue: number;
  /** Tasks whose next step is the report to the Chair, due now. */
  reportsDue: number;
}

/**
 * The latest granted extension of a task as a follow-up letter says it: "Đã gia hạn đến
 * 27/02/2026 theo quyết định của Nguyễn Văn A, Chủ tịch UBND xã (văn bản số 12/QĐ-UBND
 * ngày 20/02/2026)"; "" when no extension was granted. `leader` resolves the deciding leader on
 * record ("name, post" on the decision's day); a decision typed without one names only its document.
 */
export function extensionNote(events: readonly TaskEvent[], leader: (officialId: string, on: string) => string | null): string {
  const granted = events.filter((e) => e.type === 'extensionDecision' && e.accepted && e.newDueOn).sort(compareEvents);
  const last = granted[granted.length - 1];
  if (!last || last.type !== 'extensionDecision' || !last.newDueOn) return '';
  const clause = decisionClause(last, last.decidedByOfficialId ? leader(last.decidedByOfficialId, last.on) : null);
  return `Đã gia hạn đến ${formatShortDate(last.newDueOn)}${clause ? ` ${clause}` : ''}`;
}

/** Joins each item with its ladder and next step. */
export function followUpEntries(
  items: readonly FollowUpItem[],
  ladders: ReadonlyMap<string, TaskEscalation>,
  asOf: string,
  settings: LadderSettings = DEFAULT_LADDER_SETTINGS,
  calendar?: CalendarConfig,
): FollowUpEntry[] {
  return items.map((it) => {
    const escalation = ladders.get(it.taskId) ?? NO_ESCALATION;
    const next = nextStep(it.kind, escalation, asOf, settings, calendar);
    return { ...it, escalation, next, dueToday: isDue(next, asOf) };
  });
}

const KIND_ORDER: Record<FollowUpTaskKind, number> = { overdue: 0, acceptanceLate: 1, dueSoon: 2 };

/** The unit a follow-up about this item addresses: the assigner for a late acceptance, else the lead unit. */
export function addressedUnitOf(it: Pick<FollowUpItem, 'leadUnitId' | 'addressedUnitId'>): string {
  return it.addressedUnitId ?? it.leadUnitId;
}

/** Overdue first (most overdue on top), then late acceptances, then due soon by deadline; ties by title then id. */
export function compareEntries(a: FollowUpItem, b: FollowUpItem): number {
  if (a.kind !== b.kind) return KIND_ORDER[a.kind] - KIND_ORDER[b.kind];
  if (a.kind !== 'dueSoon' && a.overdueDays !== b.overdueDays) return b.overdueDays - a.overdueDays;
  if (a.dueOn !== b.dueOn) return a.dueOn < b.dueOn ? -1 : 1;
  return a.title.localeCompare(b.title, 'vi') || (a.taskId < b.taskId ? -1 : a.taskId > b.taskId ? 1 : 0);
}

/**
 * Entries grouped by the unit addressed (the lead unit, or the assigner of a late acceptance): units with the most overdue tasks first, then the oldest
 * overdue, then by name (`unitName` resolves ids; unknown ids sort by the id itself).
 */
export function groupByUnit(entries: readonly FollowUpEntry[], unitName: (id: string) => string = (id) => id): UnitGroup[] {
  const byUnit = new Map<string, FollowUpEntry[]>();
  for (const e of entries) {
    const unitId = addressedUnitOf(e);
    const list = byUnit.get(unitId);
    if (list) list.push(e);
    else byUnit.set(unitId, [e]);
  }
  const groups: UnitGroup[] = [];
  for (const [unitId, list] of byUnit) {
    list.sort(compareEntries);
    let overdue = 0;
    let acceptanceLate = 0;
    let maxOverdueDays = 0;
    let remindersDue = 0;
    let reportsDue = 0;
    for (const e of list) {
      if (e.kind === 'overdue') {
        overdue += 1;
        maxOverdueDays = Math.max(maxOverdueDays, e.overdueDays);
      }
      if (e.kind === 'acceptanceLate') acceptanceLate += 1;
      if (e.dueToday && e.next?.step === 'reportToChair') reportsDue += 1;
      else if (e.dueToday) remindersDue += 1;
    }
    groups.push({ unitId, entries: list, overdue, acceptanceLate, dueSoon: list.length - overdue - acceptanceLate, maxOverdueDays, remindersDue, reportsDue });
  }
  return groups.sort((a, b) => b.overdue - a.overdue || b.acceptanceLate - a.acceptanceLate || b.maxOverdueDays - a.maxOverdueDays || unitName(a.unitId).localeCompare(unitName(b.unitId), 'vi') || (a.unitId < b.unitId ? -1 : 1));
}

/**
 * The tasks a unit's công văn lists: its overdue and due-soon tasks that have a reminder due
 * (tasks waiting for the report to the Chair, or reminded too recently, are left out).
 */
export function letterEntries(group: UnitGroup): FollowUpEntry[] {
  return group.entries.filter((e) => e.dueToday && e.next !== null && e.next.step !== 'reportToChair');
}

/** Units that get a công văn in the batch: at least one overdue task (or late acceptance) with a reminder due. */
export function unitsForBatch(groups: readonly UnitGroup[]): UnitGroup[] {
  return groups.filter((g) => letterEntries(g).some((e) => e.kind !== 'dueSoon'));
}

/** "Đã đôn đốc lần 1 (Công văn số 05/UBND-VP ngày 10/03/2026)". */
export function escalationNote(esc: TaskEscalation): string {
  if (!esc.last) return '';
  const num = esc.last.number === null ? '' : ` số ${String(esc.last.number).padStart(2, '0')}/${esc.last.symbol}`;
  const what = esc.last.step === 'reportToChair' ? 'Báo cáo' : 'Công văn';
  return `${stepDoneLabels[esc.last.step]} (${what}${num} ngày ${formatShortDate(esc.last.date)})`;
}

/**
 * The task cell: the title with the product it must deliver ("5 rõ"), and for a late acceptance
 * the product the lead unit reported delivered.
 */
function taskCell(e: FollowUpItem): string {
  const products = [e.expectedProduct ? `sản phẩm: ${e.expectedProduct}` : '', e.kind === 'acceptanceLate' && e.deliveredProduct ? `sản phẩm đã báo cáo: ${e.deliveredProduct}` : ''].filter(Boolean);
  return products.length ? `${e.title} (${products.join('; ')})` : e.title;
}

/** A row of the công văn's table; the earlier reminder rides along for the letter to cite once. */
export function toLetterRow(e: FollowUpEntry, unitName: (id: string) => string = () => ''): FollowUpTaskRow {
  const notes = [e.kind !== 'acceptanceLate' && e.percent > 0 ? `Đã thực hiện ${e.percent}%` : ''].filter(Boolean);
  const last = e.escalation.last;
  return {
    earlierReminder: last && last.step !== 'reportToChair' ? { number: last.number, symbol: last.symbol, date: last.date } : undefined,
    title: taskCell(e),
    sourceRef: e.sourceRef || '—',
    dueOn: e.dueOn,
    status: e.kind,
    daysOverdue: e.kind !== 'dueSoon' ? e.overdueDays : undefined,
    daysLeft: e.kind === 'dueSoon' ? (e.remainingWorkingDays ?? undefined) : undefined,
    progressNote: notes.length ? notes.join('. ') : undefined,
    decisionNote: e.decisionNote || undefined,
    leadUnitName: e.kind === 'acceptanceLate' ? unitName(e.leadUnitId) || undefined : undefined,
    reportedOn: e.kind === 'acceptanceLate' ? e.reportedOn : undefined,
  };
}

/** The batch input for `buildFollowUpBatch`, one entry per unit, in the groups' order. */
export function batchUnits(groups: readonly UnitGroup[], unitName: (id: string) => string): FollowUpBatchUnit[] {
  return groups.map((g) => ({ unit: { id: g.unitId, name: unitName(g.unitId) }, tasks: letterEntries(g).map((e) => toLetterRow(e, unitName)) }));
}

// ─── Daily summary ─────────────────────────────────────────────────────────────────────

export interface DailySummary {
  overdue: number;
  dueSoon: number;
  /** Units with at least one reminder due today. */
  unitsToFollowUp: number;
  /** Tasks due for the report to the Chair. */
  reportsDue: number;
}

export function dailySummary(groups: readonly UnitGroup[]): DailySummary {
  let overdue = 0;
  let dueSoon = 0;
  let unitsToFollowUp = 0;
  let reportsDue = 0;
  for (const g of groups) {
    overdue += g.overdue;
    dueSoon += g.dueSoon;
    reportsDue += g.reportsDue;
    if (g.remindersDue > 0) unitsToFollowUp += 1;
  }
  return { overdue, dueSoon, unitsToFollowUp, reportsDue };
}

const vn = (n: number) => n.toLocaleString('vi-VN');

/** The notification, or null when there is nothing to follow up. */
export function summaryNotice(s: DailySummary): { title: string; body: string } | null {
  if (s.overdue === 0 && s.dueSoon === 0 && s.unitsToFollowUp === 0 && s.reportsDue === 0) return null;
  const parts = [`${vn(s.overdue)} nhiệm vụ quá hạn`, `${vn(s.dueSoon)} sắp đến hạn`, `${vn(s.unitsToFollowUp)} đơn vị cần đôn đốc`];
  if (s.reportsDue > 0) parts.push(`${vn(s.reportsDue)} nhiệm vụ cần báo cáo Chủ tịch`);
  return { title: 'Đôn đốc hôm nay', body: parts.join(', ') };
}

/** Once per day per installation: notify unless today's notice was already given. */
export function shouldNotify(lastNoticeOn: string | null | undefined, today: string): boolean {
  return !lastNoticeOn || lastNoticeOn < today;
}

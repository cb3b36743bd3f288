/**
 * A task's current state, folded from its definition and its append-only events, and the
 * report categories computed AS OF a cut-off date (ARCHITECTURE.md, "Deadlines and status").
 *
 * Decisions (documented here because reports print them):
 * - Events are folded in version order (HLC|site), never arrival order, so every office
 *   computes the same state. "As of D" ignores events whose effective date is after D (a
 *   completion takes effect on its completion date, everything else on its recording date).
 * - Cancelled tasks are not counted in any category (categorize returns null), as in the
 *   Government Office's reports: a cancelled task is no longer an obligation. Lists still show them.
 * - Paused tasks stay open and keep their deadline: a pause does not stop the clock; the
 *   assigner who wants it stopped grants an extension.
 * - Tasks assigned after the cut-off do not exist yet for that report (null).
 * - Late/on-time uses the calendar's convention: the due day itself is within the deadline,
 *   and a due date on a day off moves to the next working day.
 */
import { z } from 'zod';
import { daysBetween, isOverdue, overdueDays, remainingWorkingDays, resolveDeadline, type CalendarConfig } from '../calendar';
import { describeProduct, effectiveDateOf, type Task, type TaskEvent } from './model';

export type TaskStatus = 'active' | 'paused' | 'cancelled' | 'completed' | 'awaitingAcceptance';
export const taskStatusLabels: Record<TaskStatus, string> = {
  active: 'Đang thực hiện',
  awaitingAcceptance: 'Chờ xác nhận hoàn thành',
  paused: 'Tạm dừng',
  cancelled: 'Đã hủy',
  completed: 'Đã hoàn thành',
};

export interface DeadlineChange {
  fromDueOn: string | null;
  toDueOn: string;
  requestId: string;
  decisionId: string;
  decidedOn: string;
  decidedByAccount: string;
  /** The leader who decided (the deciding leader on record, else the official of the account that typed it). */
  decidedByOfficialId: string | null;
  /** The decision document (số, ngày), "" / null when none is on record. */
  decisionNumber: string;
  decisionDate: string | null;
  reason: string;
}

export interface LeadChange {
  eventId: string;
  fromUnitId: string;
  toUnitId: string;
  on: string;
  reason: string;
}

export interface PendingExtension {
  requestId: string;
  requestedOn: string;
  proposedDueOn: string;
  reason: string;
}

/** A completion report waiting for the assigning authority to accept it or return it. */
export interface PendingCompletion {
  reportId: string;
  /** The day the report was recorded: the assigner's time to decide runs from it. */
  reportedOn: string;
  /** The completion date the lead unit reported. */
  completedOn: string;
}

export interface TaskState {
  taskId: string;
  assignerUnitId: string;
  assignedOn: string;
  status: TaskStatus;
  /** Reported completion date: of the accepted report once completed, of the pending one while awaiting acceptance. */
  completedOn: string | null;
  /** The day the assigning authority accepted the completion (the completion date for reports from earlier versions). */
  acceptedOn: string | null;
  pendingCompletion: PendingCompletion | null;
  /** pendingCompletion.reportedOn, flat for index rows (null unless awaiting acceptance). */
  reportedOn: string | null;
  /** The product named by the completion report that is accepted or pending (describeProduct), "" when none. */
  deliveredProduct: string;
  /** Last reported percent; 100 once completed or reported done. */
  percent: number;
  leadUnitId: string;
  responsibleOfficialId: string | null;
  supportUnitIds: string[];
  leadHistory: LeadChange[];
  originalDueOn: string | null;
  effectiveDueOn: string | null;
  deadlineHistory: DeadlineChange[];
  pendingExtension: PendingExtension | null;
  /** Latest effective date among the folded events (null when none). */
  lastEventOn: string | null;
  /**
   * Latest effective date of an event that changed status, deadline, lead unit or responsible
   * official (progress reports, contributions and extension requests do not): the task's
   * status, deadline and lead as of an earlier day equal the current ones unless this is later.
   */
  lastStateEventOn: string | null;
  eventCount: number;
  progressCount: number;
  contributionCount: number;
}

export function compareEvents(a: Pick<TaskEvent, 'order' | 'id'>, b: Pick<TaskEvent, 'order' | 'id'>): number {
  if (a.order !== b.order) return a.order < b.order ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Folds a task and its events (any order) into its state; with asOf, only events effective
 * on or before that date count. `versions` (the task row's per-field versions) lets a later
 * edit of the responsible official win over an earlier reassignment.
 */
/** Events that leave status, deadline, lead unit and responsible official as they were. */
const PROGRESS_ONLY_EVENTS: ReadonlySet<TaskEvent['type']> = new Set(['progress', 'contribution', 'extensionRequest']);

export function foldTask(task: Task, events: readonly TaskEvent[], asOf?: string, versions?: Readonly<Record<string, string>>): TaskState {
  const state: TaskState = {
    taskId: task.id,
    assignerUnitId: task.assignerUnitId,
    assignedOn: task.assignedOn,
    status: 'active',
    completedOn: null,
    acceptedOn: null,
    pendingCompletion: null,
    reportedOn: null,
    deliveredProduct: '',
    percent: 0,
    leadUnitId: task.leadUnitId,
    responsibleOfficialId: task.responsibleOfficialId,
    supportUnitIds: [...task.supportUnitIds],
    leadHistory: [],
    originalDueOn: task.dueOn,
    effectiveDueOn: task.dueOn,
    deadlineHistory: [],
    pendingExtension: null,
    lastEventOn: null,
    lastStateEventOn: null,
    eventCount: 0,
    progressCount: 0,
    contributionCount: 0,
  };
  const sorted = events.filter((e) => e.taskId === task.id && (asOf === undefined || effectiveDateOf(e) <= asOf)).sort(compareEvents);
  let progressPercent = 0;
  let responsibleVersion = versions?.responsibleOfficialId ?? '';
  for (const e of sorted) {
    state.eventCount += 1;
    const when = effectiveDateOf(e);
    if (state.lastEventOn === null || when > state.lastEventOn) state.lastEventOn = when;
    if (!PROGRESS_ONLY_EVENTS.has(e.type) && (state.lastStateEventOn === null || when > state.lastStateEventOn)) state.lastStateEventOn = when;
    switch (e.type) {
      case 'progress':
        progressPercent = e.percent;
        state.progressCount += 1;
        break;
      case 'contribution':
        state.contributionCount += 1;
        break;
      case 'extensionRequest':
        state.pendingExtension = { requestId: e.id, requestedOn: e.on, proposedDueOn: e.proposedDueOn, reason: e.reason };
        break;
      case 'extensionDecision': {
        const pending = state.pendingExtension;
        if (pending && pending.requestId === e.requestId) state.pendingExtension = null;
        if (e.accepted && e.newDueOn) {
          state.deadlineHistory.push({
            fromDueOn: state.effectiveDueOn,
            toDueOn: e.newDueOn,
            requestId: e.requestId,
            decisionId: e.id,
            decidedOn: e.on,
            decidedByAccount: e.actorAccount,
            decidedByOfficialId: e.decidedByOfficialId ?? e.actorOfficialId,
            decisionNumber: e.decisionNumber ?? '',
            decisionDate: e.decisionDate ?? null,
            reason: pending && pending.requestId === e.requestId ? pending.reason : e.note,
          });
          state.effectiveDueOn = e.newDueOn;
        }
        break;
      }
      case 'completion':
        state.completedOn = e.completedOn;
        state.deliveredProduct = describeProduct(e);
        state.pendingExtension = null;
        if (e.awaitsAcceptance) {
          state.status = 'awaitingAcceptance';
          state.acceptedOn = null;
          state.pendingCompletion = { reportId: e.id, reportedOn: e.on, completedOn: e.completedOn };
        } else {
          state.status = 'completed';
          state.acceptedOn = e.completedOn;
          state.pendingCompletion = null;
        }
        break;
      case 'completionAcceptance':
        if (state.status === 'awaitingAcceptance' && state.pendingCompletion?.reportId === e.reportId) {
          state.status = 'completed';
          state.completedOn = state.pendingCompletion.completedOn;
          state.acceptedOn = e.on;
          state.pendingCompletion = null;
        }
        break;
      case 'completionReturn':
        if (state.status === 'awaitingAcceptance' && state.pendingCompletion?.reportId === e.reportId) {
          state.status = 'active';
          state.completedOn = null;
          state.pendingCompletion = null;
          state.deliveredProduct = '';
        }
        break;
      case 'reassignment':
        if (e.newLeadUnitId !== state.leadUnitId) {
          state.leadHistory.push({ eventId: e.id, fromUnitId: state.leadUnitId, toUnitId: e.newLeadUnitId, on: e.on, reason: e.reason });
          state.leadUnitId = e.newLeadUnitId;
          state.supportUnitIds = state.supportUnitIds.filter((u) => u !== e.newLeadUnitId);
        }
        if (e.order > responsibleVersion) {
          state.responsibleOfficialId = e.newResponsibleOfficialId;
          responsibleVersion = e.order;
        }
        state.pendingExtension = null;
        if (state.status === 'awaitingAcceptance') {
          // A new lead unit reports its own completion.
          state.status = 'active';
          state.completedOn = null;
          state.pendingCompletion = null;
          state.deliveredProduct = '';
        }
        break;
      case 'pause':
        if (state.status === 'active') state.status = 'paused';
        break;
      case 'resume':
        if (state.status === 'paused') state.status = 'active';
        break;
      case 'cancel':
        state.status = 'cancelled';
        state.completedOn = null;
        state.acceptedOn = null;
        state.pendingCompletion = null;
        state.pendingExtension = null;
        state.deliveredProduct = '';
        break;
      case 'reopen':
        if (state.status === 'completed' || state.status === 'cancelled') {
          state.status = 'active';
          state.completedOn = null;
          state.acceptedOn = null;
          state.deliveredProduct = '';
        }
        break;
      default: {
        const never: never = e;
        void never;
      }
    }
  }
  // The lead unit reports it done while waiting for acceptance; a returned report goes back to the last progress.
  state.percent = state.status === 'completed' || state.status === 'awaitingAcceptance' ? 100 : progressPercent;
  state.reportedOn = state.pendingCompletion?.reportedOn ?? null;
  return state;
}

// ─── Categories ────────────────────────────────────────────────────────────────────────

export const taskCategories = ['doneOnTime', 'doneLate', 'doneNoDeadline', 'awaitingAcceptance', 'openWithinDeadline', 'openOverdue', 'openNoDeadline'] as const;
export type TaskCategory = (typeof taskCategories)[number];
export const taskCategoryLabels: Record<TaskCategory, string> = {
  doneOnTime: 'Hoàn thành đúng hạn',
  doneLate: 'Hoàn thành quá hạn',
  doneNoDeadline: 'Hoàn thành (không có hạn)',
  awaitingAcceptance: 'Chờ xác nhận hoàn thành',
  openWithinDeadline: 'Đang thực hiện trong hạn',
  openOverdue: 'Quá hạn chưa hoàn thành',
  openNoDeadline: 'Đang thực hiện (không có hạn)',
};
/** Level-1 heading of the two-level report tree. */
export const taskCategoryGroups: Record<'done' | 'open', { label: string; categories: TaskCategory[] }> = {
  done: { label: 'Đã hoàn thành', categories: ['doneOnTime', 'doneLate', 'doneNoDeadline'] },
  open: { label: 'Chưa hoàn thành', categories: ['awaitingAcceptance', 'openWithinDeadline', 'openOverdue', 'openNoDeadline'] },
};

export const rateFormulaIds = ['dueCompletion', 'dueOnTime', 'dueOverdueShare', 'overdueShare', 'withDeadlineOnTime', 'completedOnTime'] as const;
export type RateFormulaId = (typeof rateFormulaIds)[number];

export interface TaskSettings {
  /** Judge lateness against the original deadline or the deadline after granted extensions. */
  judgeAgainst: 'original' | 'extended';
  /** "Sắp đến hạn" when at most this many working days remain. */
  dueSoonWorkingDays: number;
  /** The headline rate printed on reports and rankings. */
  rateFormula: RateFormulaId;
  /** A completion accepted by the assigner is on time or late as of the day the lead unit reported it done, or as of the acceptance. */
  onTimeAt: OnTimeAt;
  /** Working days the assigning authority has to accept or return a completion report; after that the delay is the assigner's. */
  acceptanceWorkingDays: number;
}
export const onTimeAtValues = ['report', 'acceptance'] as const;
export type OnTimeAt = (typeof onTimeAtValues)[number];
export const onTimeAtLabels: Record<OnTimeAt, string> = {
  report: 'Theo ngày đơn vị báo cáo hoàn thành',
  acceptance: 'Theo ngày cơ quan giao xác nhận hoàn thành',
};
/** Printed under reports and rankings. */
export function onTimeAtNote(onTimeAt: OnTimeAt | undefined): string {
  return onTimeAt === 'acceptance'
    ? 'Đúng hạn, quá hạn của nhiệm vụ đã hoàn thành được xác định theo ngày cơ quan giao xác nhận hoàn thành.'
    : 'Đúng hạn, quá hạn của nhiệm vụ đã hoàn thành được xác định theo ngày hoàn thành đơn vị chủ trì báo cáo (khi cơ quan giao xác nhận).';
}
export const taskSettingsSchema = z.object({
  judgeAgainst: z.enum(['original', 'extended']),
  dueSoonWorkingDays: z.number().int().min(0, 'Số ngày không được âm.').max(30, 'Tối đa 30 ngày làm việc.'),
  rateFormula: z.enum(rateFormulaIds),
  onTimeAt: z.enum(onTimeAtValues),
  acceptanceWorkingDays: z.number().int().min(1, 'Thời hạn xác nhận ít nhất 1 ngày làm việc.').max(30, 'Tối đa 30 ngày làm việc.'),
});
export const DEFAULT_TASK_SETTINGS: TaskSettings = { judgeAgainst: 'extended', dueSoonWorkingDays: 3, rateFormula: 'dueCompletion', onTimeAt: 'report', acceptanceWorkingDays: 5 };
export const TASK_SETTINGS_ID = 'taskSettings';

/** The folded facts a category needs; a TaskState or a derived index row both qualify. */
export interface CategorySubject {
  assignedOn: string;
  status: TaskStatus;
  completedOn: string | null;
  /** Absent in rows from earlier versions (their completions needed no acceptance: read completedOn). */
  acceptedOn?: string | null;
  /** While awaiting acceptance: the day the completion report was recorded. */
  reportedOn?: string | null;
  originalDueOn: string | null;
  effectiveDueOn: string | null;
}

export function judgedDueOn(s: Pick<CategorySubject, 'originalDueOn' | 'effectiveDueOn'>, settings: Pick<TaskSettings, 'judgeAgainst'>): string | null {
  return settings.judgeAgainst === 'original' ? s.originalDueOn : s.effectiveDueOn;
}

/** What judging a task needs from the settings; onTimeAt absent = judged at the reported date. */
export type JudgeSettings = Pick<TaskSettings, 'judgeAgainst'> & { onTimeAt?: OnTimeAt };

/** The date a completed task is judged on time or late by: the reported completion date or the acceptance date. */
export function judgedDoneOn(s: Pick<CategorySubject, 'completedOn' | 'acceptedOn'>, settings: { onTimeAt?: OnTimeAt }): string | null {
  if (s.completedOn === null) return null;
  return settings.onTimeAt === 'acceptance' ? (s.acceptedOn ?? s.completedOn) : s.completedOn;
}

/**
 * Category of an already-folded state (fold it as of the same date). A task whose completion
 * report waits for the assigner's acceptance is in its own category: neither done (not yet
 * accepted) nor overdue (the lead unit has reported; the wait is the assigner's).
 */
export function categorizeState(s: CategorySubject, asOf: string, settings: JudgeSettings, calendar?: CalendarConfig): TaskCategory | null {
  if (s.assignedOn > asOf) return null;
  if (s.status === 'cancelled') return null;
  const due = judgedDueOn(s, settings);
  if (s.status === 'completed' && s.completedOn !== null && s.completedOn <= asOf) {
    if (due === null) return 'doneNoDeadline';
    const doneOn = judgedDoneOn(s, settings)!;
    // Done by the due day itself is on time whatever the calendar (most tasks): no day count needed.
    return doneOn > due && isOverdue(due, doneOn, calendar) ? 'doneLate' : 'doneOnTime';
  }
  if (s.status === 'awaitingAcceptance' && s.completedOn !== null && s.completedOn <= asOf) return 'awaitingAcceptance';
  if (due === null) return 'openNoDeadline';
  return asOf > due && isOverdue(due, asOf, calendar) ? 'openOverdue' : 'openWithinDeadline';
}

/** The report category of a task as of a cut-off date; null when it is not counted then. */
export function categorize(task: Task, events: readonly TaskEvent[], asOf: string, settings: JudgeSettings, calendar?: CalendarConfig): TaskCategory | null {
  if (task.assignedOn > asOf) return null;
  return categorizeState(foldTask(task, events, asOf), asOf, settings, calendar);
}

export type OverdueBucket = 'upTo30' | 'from31To90' | 'over90';
export const overdueBucketLabels: Record<OverdueBucket, string> = { upTo30: 'Đến 30 ngày', from31To90: 'Từ 31 đến 90 ngày', over90: 'Trên 90 ngày' };

export function overdueBucketOf(days: number): OverdueBucket | null {
  if (days <= 0) return null;
  if (days <= 30) return 'upTo30';
  if (days <= 90) return 'from31To90';
  return 'over90';
}

export interface TaskAssessment {
  category: TaskCategory | null;
  /** Open, with a deadline not yet passed, and at most `dueSoonWorkingDays` working days left. */
  dueSoon: boolean;
  /** Working days left before the judged deadline (open tasks within deadline), else null. */
  remainingWorkingDays: number | null;
  /** Calendar days past the deadline: for open overdue tasks as of asOf, for late completions at completion. */
  overdueDays: number;
  overdueBucket: OverdueBucket | null;
  /** While awaiting acceptance: the last day the assigner has to accept or return the report. */
  acceptanceDueOn: string | null;
  /** Awaiting acceptance past acceptanceDueOn: the delay is the assigning authority's. */
  acceptanceLate: boolean;
  /** "Còn 3 ngày làm việc", "Quá hạn 12 ngày", "Hoàn thành đúng hạn"… */
  label: string;
}

/** The last day the assigner has to decide a completion report recorded on reportedOn. */
export function acceptanceDueOf(reportedOn: string, settings: Pick<TaskSettings, 'acceptanceWorkingDays'>, calendar?: CalendarConfig): string {
  return resolveDeadline({ kind: 'workingDays', days: settings.acceptanceWorkingDays, from: reportedOn }, calendar);
}

/** Whether, as of asOf, the assigner has sat on a completion report past its working days. */
export function acceptanceOverdue(reportedOn: string | null | undefined, asOf: string, settings: Pick<TaskSettings, 'acceptanceWorkingDays'>, calendar?: CalendarConfig): boolean {
  if (!reportedOn) return false;
  return asOf > acceptanceDueOf(reportedOn, settings, calendar);
}

/** Everything a list row or a dashboard shows about one task's timing, as of a date. */
export function assess(s: CategorySubject, asOf: string, settings: TaskSettings, calendar?: CalendarConfig): TaskAssessment {
  const category = categorizeState(s, asOf, settings, calendar);
  const due = judgedDueOn(s, settings);
  let remaining: number | null = null;
  let late = 0;
  if (category === 'openWithinDeadline' && due) remaining = remainingWorkingDays(due, asOf, calendar);
  if (category === 'openOverdue' && due) late = overdueDays(due, asOf, calendar);
  const doneOn = judgedDoneOn(s, settings);
  if (category === 'doneLate' && due && doneOn) late = overdueDays(due, doneOn, calendar);
  const dueSoon = remaining !== null && remaining <= settings.dueSoonWorkingDays;
  const acceptanceDueOn = category === 'awaitingAcceptance' && s.reportedOn ? acceptanceDueOf(s.reportedOn, settings, calendar) : null;
  const acceptanceLate = acceptanceDueOn !== null && asOf > acceptanceDueOn;
  let label: string;
  switch (category) {
    case null:
      label = s.status === 'cancelled' ? taskStatusLabels.cancelled : 'Chưa giao';
      break;
    case 'openWithinDeadline':
      label = deadlineLabel(due!, asOf, calendar);
      break;
    case 'openOverdue':
      label = `Quá hạn ${late} ngày`;
      break;
    case 'doneLate':
      label = `Hoàn thành quá hạn ${late} ngày`;
      break;
    case 'awaitingAcceptance':
      label = acceptanceLate ? `Chờ xác nhận quá hạn (cơ quan giao chậm ${daysBetween(acceptanceDueOn!, asOf)} ngày)` : 'Chờ xác nhận hoàn thành';
      break;
    default:
      label = taskCategoryLabels[category];
  }
  return { category, dueSoon, remainingWorkingDays: remaining, overdueDays: late, overdueBucket: category === 'openOverdue' ? overdueBucketOf(late) : null, acceptanceDueOn, acceptanceLate, label };
}

/** "Còn N ngày làm việc", "Hạn cuối hôm nay" or "Quá hạn N ngày" for an open task. */
export function deadlineLabel(dueOn: string, asOf: string, calendar?: CalendarConfig): string {
  const late = overdueDays(dueOn, asOf, calendar);
  if (late > 0) return `Quá hạn ${late} ngày`;
  const left = remainingWorkingDays(dueOn, asOf, calendar);
  if (left === 0) return 'Hạn cuối hôm nay';
  return `Còn ${left} ngày làm việc`;
}

// ─── Rates ─────────────────────────────────────────────────────────────────────────────

export type CategoryCounts = Record<TaskCategory, number>;

export function emptyCounts(): CategoryCounts {
  return { doneOnTime: 0, doneLate: 0, doneNoDeadline: 0, awaitingAcceptance: 0, openWithinDeadline: 0, openOverdue: 0, openNoDeadline: 0 };
}

export function countCategories(categories: Iterable<TaskCategory | null>): CategoryCounts {
  const counts = emptyCounts();
  for (const c of categories) if (c) counts[c] += 1;
  return counts;
}

export function totalOf(c: CategoryCounts): number {
  return taskCategories.reduce((sum, k) => sum + c[k], 0);
}

export interface RateFormula {
  id: RateFormulaId;
  label: string;
  /** Printed under every report and ranking that uses it. */
  formulaText: string;
  /** Which direction is good (rankings order by it). */
  better: 'higher' | 'lower';
  numerator(c: CategoryCounts): number;
  denominator(c: CategoryCounts): number;
}

/** A term of a formula: the count and the words the report prints for it, so the two never disagree. */
interface Term {
  text: string;
  count(c: CategoryCounts): number;
}
const DONE_ON_TIME: Term = { text: 'Hoàn thành đúng hạn', count: (c) => c.doneOnTime };
const DONE: Term = { text: '(Hoàn thành đúng hạn + Hoàn thành quá hạn)', count: (c) => c.doneOnTime + c.doneLate };
const OVERDUE: Term = { text: 'Quá hạn chưa hoàn thành', count: (c) => c.openOverdue };
/** Tasks come due: done (on time or late) or overdue. */
const COME_DUE: Term = { text: '(Hoàn thành đúng hạn + Hoàn thành quá hạn + Quá hạn chưa hoàn thành)', count: (c) => c.doneOnTime + c.doneLate + c.openOverdue };
const TOTAL: Term = { text: 'Tổng số nhiệm vụ', count: (c) => totalOf(c) };
const WITH_DEADLINE: Term = { text: '(Tổng số nhiệm vụ − Nhiệm vụ không có thời hạn)', count: (c) => totalOf(c) - c.doneNoDeadline - c.openNoDeadline };

function formula(id: RateFormulaId, label: string, better: RateFormula['better'], numerator: Term, denominator: Term): RateFormula {
  return { id, label, formulaText: `${numerator.text} / ${denominator.text}`, better, numerator: numerator.count, denominator: denominator.count };
}

/**
 * Named formulas. The Government Office's 2017 report (1270/BC-TCTTTg) prints 98,62% for
 * "nhiệm vụ đến hạn đã hoàn thành" = (14.068 + 1.983) / (14.068 + 1.983 + 223): done (on time
 * or late) over tasks come due, and 1,38% overdue = 223 over the same base. Tasks without a
 * deadline never "come due", so they are left out of those bases; so are tasks whose completion
 * report waits for the assigner's acceptance (neither done nor overdue yet). The same report's
 * 87,6% is the on-time share of completions: 14.068 / (14.068 + 1.983).
 */
export const rateFormulas: Record<RateFormulaId, RateFormula> = {
  dueCompletion: formula('dueCompletion', 'Tỷ lệ nhiệm vụ đến hạn đã hoàn thành', 'higher', DONE, COME_DUE),
  dueOnTime: formula('dueOnTime', 'Tỷ lệ hoàn thành đúng hạn trên số nhiệm vụ đến hạn', 'higher', DONE_ON_TIME, COME_DUE),
  dueOverdueShare: formula('dueOverdueShare', 'Tỷ lệ quá hạn trên số nhiệm vụ đến hạn', 'lower', OVERDUE, COME_DUE),
  overdueShare: formula('overdueShare', 'Tỷ lệ quá hạn trên tổng số nhiệm vụ', 'lower', OVERDUE, TOTAL),
  withDeadlineOnTime: formula('withDeadlineOnTime', 'Tỷ lệ hoàn thành đúng hạn trên số nhiệm vụ có thời hạn', 'higher', DONE_ON_TIME, WITH_DEADLINE),
  completedOnTime: formula('completedOnTime', 'Tỷ lệ hoàn thành đúng hạn trên số nhiệm vụ đã hoàn thành', 'higher', DONE_ON_TIME, DONE),
};

export interface Rate {
  formula: RateFormulaId;
  numerator: number;
  denominator: number;
  /** 0..1, or null when nothing is in the base. */
  value: number | null;
  /** Basis points (1/100 of a percent), rounded half-up; null with value. */
  basisPoints: number | null;
}

/**
 * numerator / denominator in basis points (1/100 of a percent) rounded half-up, in integer
 * arithmetic so no float error moves a half: 2/3 → 6667 (66,67%), 1/3 → 3333, 1/8 → 1250.
 */
export function basisPointsHalfUp(numerator: number, denominator: number): number {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || numerator < 0 || denominator <= 0) throw new RangeError('Tỷ lệ cần tử số nguyên không âm và mẫu số nguyên dương.');
  const a = numerator * 20_000 + denominator;
  const b = 2 * denominator;
  // Float division can land on the next integer for huge operands; the products below are exact integers.
  let q = Math.floor(a / b);
  while (q * b > a) q -= 1;
  while ((q + 1) * b <= a) q += 1;
  return q;
}

export function computeRate(counts: CategoryCounts, formulaId: RateFormulaId): Rate {
  const f = rateFormulas[formulaId];
  const numerator = f.numerator(counts);
  const denominator = f.denominator(counts);
  if (denominator <= 0) return { formula: formulaId, numerator, denominator, value: null, basisPoints: null };
  const basisPoints = basisPointsHalfUp(numerator, denominator);
  return { formula: formulaId, numerator, denominator, value: numerator / denominator, basisPoints };
}

/** "98,62%" (Vietnamese decimal comma), or "—" when the base is empty. */
export function formatRate(rate: Pick<Rate, 'basisPoints'>): string {
  if (rate.basisPoints === null) return '—';
  const whole = Math.floor(rate.basisPoints / 100);
  const frac = String(rate.basisPoints % 100).padStart(2, '0');
  return `${whole},${frac}%`;
}

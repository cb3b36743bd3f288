/**
 * The escalation ladder of the follow-up centre (docs/rules.md §4: Văn phòng HĐND-UBND "theo dõi, đôn
 * đốc"). Every step is an issued letter that names the task in `related.taskIds`:
 *   1. first reminder (công văn đôn đốc to the lead unit),
 *   2. second reminder (the same letter, with the "lần thứ 2" sentence),
 *   3. a report to the Chair listing the tasks still overdue after two reminders.
 *
 * A task's rung is counted from the letters that name it, not from the letter's purpose: one
 * công văn to a unit lists tasks on different rungs, and each of them moves up one.
 * Cancelled letters (number withdrawn) never count.
 */
import { addWorkingDays, type CalendarConfig } from '../calendar';

export const followUpSteps = ['followUp1', 'followUp2', 'reportToChair'] as const;
export type FollowUpStep = (typeof followUpSteps)[number];

export function isFollowUpStep(s: unknown): s is FollowUpStep {
  return typeof s === 'string' && (followUpSteps as readonly string[]).includes(s);
}

/** What a task shows once the step is done. */
export const stepDoneLabels: Record<FollowUpStep, string> = {
  followUp1: 'Đã đôn đốc lần 1',
  followUp2: 'Đã đôn đốc lần 2',
  reportToChair: 'Đã báo cáo Chủ tịch',
};

/** The action that takes the task to this step. */
export const stepActionLabels: Record<FollowUpStep, string> = {
  followUp1: 'Đôn đốc lần 1',
  followUp2: 'Đôn đốc lần 2',
  reportToChair: 'Báo cáo Chủ tịch',
};

/** One issued follow-up letter as the ladder sees it. */
export interface FollowUpRecord {
  letterId: string;
  purpose: FollowUpStep;
  /** Issue date, YYYY-MM-DD. */
  date: string;
  number: number | null;
  symbol: string;
  taskIds: readonly string[];
}

export interface EscalationStepDone {
  step: FollowUpStep;
  date: string;
  number: number | null;
  symbol: string;
  letterId: string;
}

export interface TaskEscalation {
  /** Follow-up letters (công văn đôn đốc) that named the task. */
  reminders: number;
  reportedToChair: boolean;
  /** The highest rung reached, or null when the task was never followed up. */
  reached: FollowUpStep | null;
  /** The latest letter that named the task (its rung and date). */
  last: EscalationStepDone | null;
  /** Every letter that named the task, oldest first, each with the rung it took the task to. */
  history: EscalationStepDone[];
}

export const NO_ESCALATION: TaskEscalation = { reminders: 0, reportedToChair: false, reached: null, last: null, history: [] };

function compareRecords(a: FollowUpRecord, b: FollowUpRecord): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : (a.number ?? 0) - (b.number ?? 0) || (a.letterId < b.letterId ? -1 : a.letterId > b.letterId ? 1 : 0);
}

/** The ladder of every task named by the records (records in any order). */
export function escalations(records: readonly FollowUpRecord[]): Map<string, TaskEscalation> {
  const out = new Map<string, TaskEscalation>();
  for (const r of [...records].sort(compareRecords)) {
    for (const taskId of new Set(r.taskIds)) {
      const prev = out.get(taskId) ?? NO_ESCALATION;
      const isReport = r.purpose === 'reportToChair';
      const reminders = prev.reminders + (isReport ? 0 : 1);
      const reportedToChair = prev.reportedToChair || isReport;
      const reached: FollowUpStep = reportedToChair ? 'reportToChair' : reminders >= 2 ? 'followUp2' : 'followUp1';
      const done: EscalationStepDone = { step: isReport ? 'reportToChair' : reminders >= 2 ? 'followUp2' : 'followUp1', date: r.date, number: r.number, symbol: r.symbol, letterId: r.letterId };
      out.set(taskId, { reminders, reportedToChair, reached, last: done, history: [...prev.history, done] });
    }
  }
  return out;
}

/** acceptanceLate: a completion report the assigner left unanswered past the set working days (the assigner is followed up). */
export type FollowUpTaskKind = 'overdue' | 'dueSoon' | 'acceptanceLate';

export interface LadderSettings {
  /** Working days to wait after a step before the next one is due. */
  waitWorkingDays: number;
}
export const DEFAULT_LADDER_SETTINGS: LadderSettings = { waitWorkingDays: 5 };

export interface NextStep {
  step: FollowUpStep;
  /** The day the step falls due (today or earlier means: do it now). */
  dueOn: string;
}

/**
 * The next rung for a task, or null when there is nothing more to do: an overdue task (and a late acceptance) climbs
 * all three rungs, each `waitWorkingDays` after the previous letter; a task that is only due
 * soon gets one reminder and no more until it becomes overdue.
 */
export function nextStep(kind: FollowUpTaskKind, esc: TaskEscalation, asOf: string, settings: LadderSettings = DEFAULT_LADDER_SETTINGS, calendar?: CalendarConfig): NextStep | null {
  if (esc.reportedToChair) return null;
  if (kind === 'dueSoon' && esc.reminders > 0) return null;
  const step: FollowUpStep = esc.reminders === 0 ? 'followUp1' : esc.reminders === 1 ? 'followUp2' : 'reportToChair';
  const dueOn = esc.last ? addWorkingDays(esc.last.date, settings.waitWorkingDays, calendar) : asOf;
  return { step, dueOn };
}

export function isDue(next: NextStep | null, asOf: string): next is NextStep {
  return next !== null && next.dueOn <= asOf;
}

/**
 * "lần thứ N" printed on a unit's công văn: the rung of the least-reminded overdue task it lists
 * (so the sentence is true of every task in the table), or 1 when it lists only due-soon tasks.
 */
export function reminderCountFor(tasks: readonly { kind: FollowUpTaskKind; escalation: TaskEscalation }[]): number {
  const overdue = tasks.filter((t) => t.kind !== 'dueSoon');
  if (overdue.length === 0) return 1;
  return Math.min(...overdue.map((t) => t.escalation.reminders + 1));
}

/** The purpose recorded on a công văn đôn đốc with that reminder count. */
export function purposeForReminder(count: number): FollowUpStep {
  return count >= 2 ? 'followUp2' : 'followUp1';
}

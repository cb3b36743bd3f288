/**
 * Deadlines. Conventions (docs/calendar.md §1.4, ARCHITECTURE.md, "Deadlines and status"):
 * - Counting starts the day after assignment/receipt ("kể từ ngày nhận được"): the day of
 *   assignment is not counted, so 3 working days from Monday 2025-03-03 is Thursday 03-06.
 * - A deadline that falls on a day off moves to the next working day (Bộ luật Dân sự 2015,
 *   Điều 148(5)); this applies to fixed dates and calendar-day counts alike.
 * - A task is overdue from the day after its (effective) due date; the due date itself is
 *   still within the deadline.
 * - Overdue age is counted in calendar days, because the report buckets (≤30, 31–90, >90
 *   days, ARCHITECTURE.md "Deadlines and status") are calendar-day ages; the remaining time before a deadline is counted
 *   in working days, because that is how the deadline itself was given.
 */
import { z } from 'zod';
import { CalendarError } from './errors';
import { addDays, daysBetween, isoDateSchema } from './dates';
import type { CalendarConfig } from './config';
import { addWorkingDays, workingDayOnOrAfter, workingDaysBetween } from './workingDays';

export type DeadlineRule =
  | { kind: 'fixed'; date: string }
  | { kind: 'workingDays'; days: number; from: string }
  | { kind: 'calendarDays'; days: number; from: string };

const dayCount = z.number().int().min(0).max(3650);

export const deadlineRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fixed'), date: isoDateSchema }),
  z.object({ kind: z.literal('workingDays'), days: dayCount, from: isoDateSchema }),
  z.object({ kind: z.literal('calendarDays'), days: dayCount, from: isoDateSchema }),
]);

function checkDays(days: number): void {
  if (!Number.isInteger(days) || days < 0) {
    throw new CalendarError('invalid-argument', `Số ngày của thời hạn phải là số nguyên không âm: ${String(days)}`);
  }
}

/** The due date (`YYYY-MM-DD`, always a working day) of a deadline rule. */
export function resolveDeadline(rule: DeadlineRule, calendar?: CalendarConfig): string {
  switch (rule.kind) {
    case 'fixed':
      return workingDayOnOrAfter(rule.date, calendar);
    case 'workingDays':
      checkDays(rule.days);
      return addWorkingDays(rule.from, rule.days, calendar);
    case 'calendarDays':
      checkDays(rule.days);
      return workingDayOnOrAfter(addDays(rule.from, rule.days), calendar);
    default: {
      const never: never = rule;
      throw new CalendarError('invalid-argument', `Loại thời hạn không hợp lệ: ${JSON.stringify(never)}`);
    }
  }
}

/**
 * Working days left before the deadline as of `asOf`: the working days in (asOf, dueOn].
 * 0 on the due day and after it (use overdueDays for how late); a due date on a day off
 * counts as the next working day.
 */
export function remainingWorkingDays(dueOn: string, asOf: string, calendar?: CalendarConfig): number {
  return Math.max(0, workingDaysBetween(asOf, workingDayOnOrAfter(dueOn, calendar), calendar));
}

/** Calendar days past the (effective) due date as of `asOf`; 0 up to and including the due day. */
export function overdueDays(dueOn: string, asOf: string, calendar?: CalendarConfig): number {
  return Math.max(0, daysBetween(workingDayOnOrAfter(dueOn, calendar), asOf));
}

/** True from the day after the (effective) due date. */
export function isOverdue(dueOn: string, asOf: string, calendar?: CalendarConfig): boolean {
  return overdueDays(dueOn, asOf, calendar) > 0;
}

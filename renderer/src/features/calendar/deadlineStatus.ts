/**
 * What a deadline badge says. Remaining time is in working days and lateness in calendar days,
 * as the calendar module counts them (shared/calendar/deadlines.ts).
 */
import { CalendarError, overdueDays, remainingWorkingDays, workingDayOnOrAfter, type CalendarConfig } from '@shared/calendar';

export type DeadlineTone = 'ok' | 'soon' | 'due' | 'late' | 'doneOnTime' | 'doneLate' | 'invalid';

export interface DeadlineStatus {
  tone: DeadlineTone;
  text: string;
  /** The working day the deadline actually falls on (a due date on a day off moves forward). */
  effectiveDueOn: string | null;
}

export const DEADLINE_TONE_COLORS: Record<DeadlineTone, string> = {
  ok: 'green',
  soon: 'yellow',
  due: 'yellow',
  late: 'red',
  doneOnTime: 'green',
  doneLate: 'red',
  invalid: 'gray',
};

/**
 * `completedOn` freezes the evaluation at completion. `soonWithin` is the "sắp đến hạn"
 * warning (ARCHITECTURE.md, "Deadlines and status": within N working days, default 3); 0 turns it off.
 */
export function deadlineStatus(dueOn: string, asOf: string, config: CalendarConfig | undefined, completedOn?: string | null, soonWithin = 3): DeadlineStatus {
  try {
    const effective = workingDayOnOrAfter(dueOn, config);
    if (completedOn) {
      const late = overdueDays(dueOn, completedOn, config);
      return late > 0
        ? { tone: 'doneLate', text: `Hoàn thành quá hạn ${late} ngày`, effectiveDueOn: effective }
        : { tone: 'doneOnTime', text: 'Hoàn thành đúng hạn', effectiveDueOn: effective };
    }
    const late = overdueDays(dueOn, asOf, config);
    if (late > 0) return { tone: 'late', text: `Quá hạn ${late} ngày`, effectiveDueOn: effective };
    const left = remainingWorkingDays(dueOn, asOf, config);
    if (left === 0) return { tone: 'due', text: 'Hạn hôm nay', effectiveDueOn: effective };
    return { tone: left <= soonWithin ? 'soon' : 'ok', text: `Còn ${left} ngày làm việc`, effectiveDueOn: effective };
  } catch (e) {
    if (e instanceof CalendarError) return { tone: 'invalid', text: e.message, effectiveDueOn: null };
    throw e;
  }
}

/**
 * Vietnamese working-day calendar for the public sector: lunar calendar, holidays and
 * announced schedules, working-day arithmetic and deadlines. Pure TypeScript, no host time
 * zone: all dates are `YYYY-MM-DD` strings in Vietnam time (UTC+7).
 *
 * Counting convention: the day of assignment is not counted (n working days from d is the
 * n-th working day after d), and a deadline that falls on a day off moves to the next
 * working day. Supported years: 1900–2100; outside, functions throw a CalendarError
 * (an AppError with code 'invalid-input' and a Vietnamese message). See deadlines.ts for
 * the overdue conventions and holidays.ts for the general rule used in provisional years.
 */
import { clearLunarCache } from './lunar';
import { clearHolidayCache } from './holidays';
import { clearWorkingDayCache } from './workingDays';

export { CalendarError, type CalendarErrorReason } from './errors';
export {
  addDays,
  compareDates,
  dateParts,
  dayOfWeek,
  daysBetween,
  daysInMonth,
  formatDateVi,
  isLeapYear,
  isoDateSchema,
  isValidDate,
  parseDate,
  todayInVietnam,
  weekdayNameVi,
  WEEKDAY_NAMES_VI,
  type DateParts,
} from './dates';
export {
  formatLunarVi,
  leapMonthOf,
  LUNAR_MAX_DATE,
  LUNAR_MIN_DATE,
  lunarMonthsOf,
  lunarToSolar,
  lunarYearName,
  solarToLunar,
  type LunarDate,
} from './lunar';
export { ANNOUNCED_SCHEDULES, type AnnouncedSchedule, type ScheduledOffDay, type ScheduledOffKind, type ScheduledWorkday } from './schedules';
export {
  announcedYears,
  CALENDAR_MAX_YEAR,
  CALENDAR_MIN_YEAR,
  EXTRA_GREGORIAN_HOLIDAYS,
  HOLIDAY_NAMES,
  isDayOffKind,
  provisionalHolidaysOf,
  STATUTORY_ERAS,
  yearStatus,
  type Holiday,
  type HolidayKind,
  type YearStatus,
} from './holidays';
export {
  calendarConfigSchema,
  calendarOverrideSchema,
  type CalendarConfig,
  type CalendarOverride,
  type CalendarOverrideKind,
} from './config';
export {
  addWorkingDays,
  dayKind,
  holidaysOf,
  isWorkingDay,
  nextWorkingDay,
  previousWorkingDay,
  workingDayOnOrAfter,
  workingDaysBetween,
  type DayKind,
} from './workingDays';
export { deadlineRuleSchema, isOverdue, overdueDays, remainingWorkingDays, resolveDeadline, type DeadlineRule } from './deadlines';

/** Drops every cached table (lunar years, holidays, working-day counts); for benchmarks and tests. */
export function clearCalendarCaches(): void {
  clearLunarCache();
  clearHolidayCache();
  clearWorkingDayCache();
}

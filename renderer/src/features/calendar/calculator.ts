/**
 * The "Tính hạn" calculator's input handling: typed text → calendar call → Vietnamese result
 * or the calendar's own error message. Text that is not a number never reaches the calendar,
 * so the screen can never print "NaN".
 */
import {
  CalendarError,
  daysBetween,
  formatDateVi,
  parseDate,
  resolveDeadline,
  weekdayNameVi,
  type CalendarConfig,
} from '@shared/calendar';
import { deadlineStatus, type DeadlineStatus } from './deadlineStatus';

export type CalcResult<T> = { ok: true; value: T } | { ok: false; error: string };

function fail(e: unknown): { ok: false; error: string } {
  if (e instanceof CalendarError) return { ok: false, error: e.message };
  throw e;
}

export function readDate(text: string, what: string): CalcResult<string> {
  if (!text.trim()) return { ok: false, error: `Nhập ${what} (dd/mm/yyyy).` };
  try {
    return { ok: true, value: parseDate(text) };
  } catch (e) {
    return fail(e);
  }
}

const NUMBER_RE = /^[+-]?\d+(?:[.,]\d+)?$/;

export function readDayCount(text: string): CalcResult<number> {
  const t = text.trim();
  if (!t) return { ok: false, error: 'Nhập số ngày làm việc.' };
  if (!NUMBER_RE.test(t)) return { ok: false, error: `Số ngày làm việc phải là một số, ví dụ 10: ${t}` };
  return { ok: true, value: Number(t.replace(',', '.')) };
}

export interface DeadlineResult {
  dueOn: string;
  /** "Thứ Sáu, 20/03/2026". */
  text: string;
  calendarDays: number;
}

/** From date + N working days (the day of assignment not counted). */
export function computeDeadline(fromText: string, daysText: string, config: CalendarConfig | undefined): CalcResult<DeadlineResult> {
  const from = readDate(fromText, 'ngày giao');
  if (!from.ok) return from;
  const days = readDayCount(daysText);
  if (!days.ok) return days;
  try {
    const dueOn = resolveDeadline({ kind: 'workingDays', days: days.value, from: from.value }, config);
    return { ok: true, value: { dueOn, text: `${weekdayNameVi(dueOn)}, ${formatDateVi(dueOn)}`, calendarDays: daysBetween(from.value, dueOn) } };
  } catch (e) {
    return fail(e);
  }
}

/** How a deadline stands as of a date. */
export function checkDeadline(dueText: string, asOfText: string, config: CalendarConfig | undefined): CalcResult<DeadlineStatus & { dueOn: string; asOf: string }> {
  const due = readDate(dueText, 'hạn xử lý');
  if (!due.ok) return due;
  const asOf = readDate(asOfText, 'ngày tính');
  if (!asOf.ok) return asOf;
  const status = deadlineStatus(due.value, asOf.value, config, null, 0);
  if (status.tone === 'invalid') return { ok: false, error: status.text };
  return { ok: true, value: { ...status, dueOn: due.value, asOf: asOf.value } };
}

/**
 * Calendar override writes. The working-day calendar is one for the whole organisation, so
 * only the coordinating office's administrators change it; unit offices receive it by sync.
 */
import { AppError } from '@shared/errors';
import type { Actor } from '@shared/authority';
import { canEditCalendar } from '@shared/calendar/authority';
import {
  calendarOverrideSchema,
  CALENDAR_MAX_YEAR,
  CALENDAR_MIN_YEAR,
  formatDateVi,
  isWorkingDay,
  type CalendarConfig,
  type CalendarOverride,
} from '@shared/calendar';
import type { DondocDb } from '../../data/db';
import { withWrites, type WriteContext } from '../../data/repository';
import { loadOrganisation } from '../registries/queries';
import { loadCalendarConfig, overrideRowId } from './config';

export { canEditCalendar };

export const OVERRIDE_KIND_LABELS: Record<CalendarOverride['kind'], string> = {
  dayOff: 'Ngày nghỉ thêm',
  workday: 'Ngày làm bù',
};

function withoutDate(config: CalendarConfig, date: string): CalendarConfig {
  return { overrides: config.overrides.filter((o) => o.date !== date) };
}

/** Whether `date` is a working day when the installation's own override on that date is ignored. */
export function baseIsWorking(config: CalendarConfig, date: string): boolean {
  return isWorkingDay(date, withoutDate(config, date));
}

async function checkAuthority(db: DondocDb, actor: Actor): Promise<void> {
  const decision = canEditCalendar(actor, await loadOrganisation(db));
  if (!decision.allowed) throw new AppError('not-authorised', decision.reason);
}

/**
 * Adds or replaces the override on `input.date`. Refuses an override that would change
 * nothing (an extra day off on a day that is already off, a worked day that is already worked),
 * because such rows only hide the real calendar entry in the list.
 */
export async function saveCalendarOverride(db: DondocDb, ctx: WriteContext, actor: Actor, input: CalendarOverride): Promise<void> {
  const parsed = calendarOverrideSchema.safeParse(input);
  if (!parsed.success) throw new AppError('invalid-input', parsed.error.issues.map((i) => i.message).join('; '));
  const o = parsed.data;
  const year = Number(o.date.slice(0, 4));
  if (year < CALENDAR_MIN_YEAR || year > CALENDAR_MAX_YEAR) {
    throw new AppError('invalid-input', `Chỉ điều chỉnh được ngày trong các năm ${CALENDAR_MIN_YEAR}–${CALENDAR_MAX_YEAR}.`);
  }
  await checkAuthority(db, actor);
  const config = await loadCalendarConfig(db);
  const working = baseIsWorking(config, o.date);
  if (o.kind === 'dayOff' && !working) throw new AppError('invalid-input', `Ngày ${formatDateVi(o.date)} vốn đã là ngày nghỉ, không cần thêm ngày nghỉ.`);
  if (o.kind === 'workday' && working) throw new AppError('invalid-input', `Ngày ${formatDateVi(o.date)} vốn đã là ngày làm việc, không cần thêm ngày làm bù.`);
  const existing = config.overrides.find((x) => x.date === o.date);
  const summary = `${formatDateVi(o.date)}: ${OVERRIDE_KIND_LABELS[o.kind]} – ${o.note}`;
  await withWrites(db, ctx, ['calendarOverrides'], (w) =>
    w.set('calendarOverrides', overrideRowId(o.date), { date: o.date, kind: o.kind, note: o.note, _deleted: 0 }, existing ? 'Sửa điều chỉnh lịch làm việc' : 'Thêm điều chỉnh lịch làm việc', summary),
  );
}

/** Removes the override on `date` (a tombstone, so the removal syncs). */
export async function removeCalendarOverride(db: DondocDb, ctx: WriteContext, actor: Actor, date: string): Promise<void> {
  await checkAuthority(db, actor);
  const config = await loadCalendarConfig(db);
  const existing = config.overrides.find((x) => x.date === date);
  if (!existing) throw new AppError('not-found', `Ngày ${date} không có điều chỉnh nào.`);
  await withWrites(db, ctx, ['calendarOverrides'], (w) =>
    w.set('calendarOverrides', overrideRowId(date), { _deleted: 1 }, 'Bỏ điều chỉnh lịch làm việc', `${formatDateVi(date)}: ${OVERRIDE_KIND_LABELS[existing.kind]} – ${existing.note}`),
  );
}

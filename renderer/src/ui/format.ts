import dayjs from 'dayjs';
import { todayInVietnam } from '@shared/calendar';

/** Dates on screen are dd/mm/yyyy. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = dayjs(iso);
  return d.isValid() ? d.format('DD/MM/YYYY') : '';
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = dayjs(iso);
  return d.isValid() ? d.format('DD/MM/YYYY HH:mm') : '';
}

/** Today in Vietnam (UTC+7) as YYYY-MM-DD, whatever the PC's time zone. */
export function todayVn(now: Date = new Date()): string {
  return todayInVietnam(now);
}

/**
 * What the year view draws: each day's class, lunar label and tooltip lines, and the year's
 * holidays folded into ranges ("16/02 – 20/02 Tết Âm lịch, 5 ngày").
 */
import {
  dayKind,
  dayOfWeek,
  daysBetween,
  daysInMonth,
  formatDateVi,
  formatLunarVi,
  holidaysOf,
  isDayOffKind,
  type CalendarConfig,
  type HolidayKind,
} from '@shared/calendar';

export type DayClass = HolidayKind | 'weekend' | 'workday';

export interface DayCell {
  date: string;
  day: number;
  /** 0 = Monday … 6 = Sunday: the column in a Vietnamese calendar. */
  column: number;
  cls: DayClass;
  working: boolean;
  /** "29/12", "1/1", "1/6n" (n = tháng nhuận). */
  lunarLabel: string;
  lunarFirst: boolean;
  /** Tooltip lines. */
  lines: string[];
}

export interface MonthModel {
  month: number;
  /** Empty cells before day 1. */
  lead: number;
  days: DayCell[];
}

export const DAY_CLASS_LABELS: Record<DayClass, string> = {
  workday: 'Ngày làm việc',
  weekend: 'Nghỉ cuối tuần',
  holiday: 'Ngày lễ, Tết',
  compensatory: 'Nghỉ bù',
  swapDayOff: 'Nghỉ hoán đổi',
  makeUpWorkday: 'Thứ Bảy làm bù',
  overrideDayOff: 'Ngày nghỉ thêm của cơ quan',
  overrideWorkday: 'Ngày làm bù của cơ quan',
};

const pad = (n: number) => String(n).padStart(2, '0');

export function yearModel(year: number, config: CalendarConfig | undefined): MonthModel[] {
  const months: MonthModel[] = [];
  for (let m = 1; m <= 12; m++) {
    const days: DayCell[] = [];
    for (let d = 1; d <= daysInMonth(year, m); d++) {
      const date = `${String(year).padStart(4, '0')}-${pad(m)}-${pad(d)}`;
      const k = dayKind(date, config);
      const cls: DayClass = k.kind ?? (k.weekend ? 'weekend' : 'workday');
      const lunar = k.lunar;
      const lines = [`${k.weekday}, ${formatDateVi(date)}`, `Âm lịch: ${formatLunarVi(lunar)}`, ...k.labels];
      if (k.kind) lines.push(k.working ? 'Đi làm' : 'Nghỉ làm');
      days.push({
        date,
        day: d,
        column: (dayOfWeek(date) + 6) % 7,
        cls,
        working: k.working,
        lunarLabel: `${lunar.day}/${lunar.month}${lunar.leap ? 'n' : ''}`,
        lunarFirst: lunar.day === 1,
        lines,
      });
    }
    months.push({ month: m, lead: days[0].column, days });
  }
  return months;
}

export interface HolidayRange {
  from: string;
  to: string;
  days: number;
  name: string;
  kind: HolidayKind;
  off: boolean;
}

/** Consecutive days with the same name and kind become one range. */
export function holidayRanges(year: number, config: CalendarConfig | undefined): HolidayRange[] {
  const out: HolidayRange[] = [];
  for (const h of holidaysOf(year, config)) {
    const prev = out[out.length - 1];
    if (prev && prev.name === h.name && prev.kind === h.kind && daysBetween(prev.to, h.date) === 1) {
      prev.to = h.date;
      prev.days += 1;
    } else {
      out.push({ from: h.date, to: h.date, days: 1, name: h.name, kind: h.kind, off: isDayOffKind(h.kind) });
    }
  }
  return out;
}

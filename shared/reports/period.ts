/**
 * Report periods (kỳ báo cáo): month, quarter, 6 months, 9 months, year, or any range, each
 * with its cut-off date (ngày chốt số liệu). Categories are computed as of the cut-off, so the
 * same report printed later gives the same numbers (ARCHITECTURE.md, "Deadlines and status").
 */
import { z } from 'zod';
import { daysInMonth, isoDateSchema } from '../calendar';

export const periodKinds = ['month', 'quarter', 'half', 'nineMonths', 'year', 'range'] as const;
export type PeriodKind = (typeof periodKinds)[number];
export const periodKindLabels: Record<PeriodKind, string> = {
  month: 'Tháng',
  quarter: 'Quý',
  half: '6 tháng',
  nineMonths: '9 tháng',
  year: 'Năm',
  range: 'Khoảng thời gian tùy chọn',
};

const date = isoDateSchema;

export const reportPeriodSchema = z
  .object({
    kind: z.enum(periodKinds),
    from: date,
    to: date,
    /** Figures are taken as of this date (usually the period's last day, or a few days before it). */
    cutOff: date,
  })
  .superRefine((p, ctx) => {
    if (p.from > p.to) ctx.addIssue({ code: 'custom', message: 'Ngày bắt đầu kỳ phải trước ngày kết thúc.', path: ['to'] });
    if (p.cutOff < p.from) ctx.addIssue({ code: 'custom', message: 'Ngày chốt số liệu không được trước ngày bắt đầu kỳ.', path: ['cutOff'] });
  });
export type ReportPeriod = z.infer<typeof reportPeriodSchema>;

const ROMAN_QUARTERS = ['I', 'II', 'III', 'IV'];

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
function lastDayOf(year: number, month: number): string {
  return `${year}-${pad(month)}-${pad(daysInMonth(year, month))}`;
}

/** The period of a kind in a year; `index` is the month (1–12), the quarter (1–4) or the half (1–2). */
export function periodOf(kind: Exclude<PeriodKind, 'range'>, year: number, index = 1): Omit<ReportPeriod, 'cutOff'> {
  switch (kind) {
    case 'month':
      return { kind, from: `${year}-${pad(index)}-01`, to: lastDayOf(year, index) };
    case 'quarter': {
      const first = (index - 1) * 3 + 1;
      return { kind, from: `${year}-${pad(first)}-01`, to: lastDayOf(year, first + 2) };
    }
    case 'half':
      return index === 2 ? { kind, from: `${year}-07-01`, to: `${year}-12-31` } : { kind, from: `${year}-01-01`, to: `${year}-06-30` };
    case 'nineMonths':
      return { kind, from: `${year}-01-01`, to: `${year}-09-30` };
    case 'year':
      return { kind, from: `${year}-01-01`, to: `${year}-12-31` };
    default: {
      const never: never = kind;
      throw new Error(String(never));
    }
  }
}

/** A period whose cut-off is its last day (or `today` when the period is not over yet). */
export function withCutOff(p: Omit<ReportPeriod, 'cutOff'>, today?: string): ReportPeriod {
  return { ...p, cutOff: today && today < p.to && today >= p.from ? today : p.to };
}

function shortVi(d: string): string {
  const [y, m, day] = d.split('-');
  return `${day}/${m}/${y}`;
}

/** As worded in a report's subject: "tháng 3 năm 2026", "quý I năm 2026", "6 tháng đầu năm 2026"… */
export function periodLabel(p: Pick<ReportPeriod, 'kind' | 'from' | 'to'>): string {
  const year = Number(p.from.slice(0, 4));
  const month = Number(p.from.slice(5, 7));
  switch (p.kind) {
    case 'month':
      return `tháng ${month} năm ${year}`;
    case 'quarter':
      return `quý ${ROMAN_QUARTERS[Math.floor((month - 1) / 3)]} năm ${year}`;
    case 'half':
      return month >= 7 ? `6 tháng cuối năm ${year}` : `6 tháng đầu năm ${year}`;
    case 'nineMonths':
      return `9 tháng năm ${year}`;
    case 'year':
      return `năm ${year}`;
    case 'range':
      return `từ ngày ${shortVi(p.from)} đến ngày ${shortVi(p.to)}`;
    default: {
      const never: never = p.kind;
      throw new Error(String(never));
    }
  }
}

/** The months (first and last day) from a period's start to its end, for the monthly trend. */
export function monthsOf(from: string, to: string): { month: string; from: string; to: string }[] {
  const out: { month: string; from: string; to: string }[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  for (;;) {
    const first = `${y}-${pad(m)}-01`;
    if (first > to) break;
    const last = lastDayOf(y, m);
    out.push({ month: `${y}-${pad(m)}`, from: first < from ? from : first, to: last > to ? to : last });
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

/**
 * The period of a kind that ended last before `today` — what a clerk reports on: on 01/04/2026
 * the quarter is quý I 2026 (cut-off 31/03), the month is March, the half is the second half
 * of 2025, the year is 2025. Its index is as periodOf takes it.
 */
export function lastEndedPeriod(kind: Exclude<PeriodKind, 'range'>, today: string): { year: number; index: number } {
  const year = Number(today.slice(0, 4));
  const candidates: { year: number; index: number }[] = [];
  const count = kind === 'month' ? 12 : kind === 'quarter' ? 4 : kind === 'half' ? 2 : 1;
  for (const y of [year, year - 1]) for (let i = count; i >= 1; i--) candidates.push({ year: y, index: i });
  const found = candidates.find((c) => periodOf(kind, c.year, c.index).to < today);
  return found ?? { year: year - 1, index: count };
}

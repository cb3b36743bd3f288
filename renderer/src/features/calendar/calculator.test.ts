import { describe, expect, it } from 'vitest';
import { addWorkingDays, type CalendarConfig } from '@shared/calendar';
import { checkDeadline, computeDeadline, readDayCount } from './calculator';

describe('computeDeadline', () => {
  it('adds working days from a dd/mm/yyyy date, skipping Tết', () => {
    // Fri 2026-02-13 + 1 working day: Tết runs to Sun 02-22, so Mon 02-23.
    expect(computeDeadline('13/02/2026', '1', undefined)).toEqual({ ok: true, value: { dueOn: '2026-02-23', text: 'Thứ Hai, 23/02/2026', calendarDays: 10 } });
  });

  it('moves by one working day when an extra day off falls inside the span', () => {
    const config: CalendarConfig = { overrides: [{ date: '2026-03-11', kind: 'dayOff', note: 'Bầu cử' }] };
    const before = computeDeadline('02/03/2026', '10', undefined);
    const after = computeDeadline('02/03/2026', '10', config);
    expect(before.ok && after.ok).toBe(true);
    if (before.ok && after.ok) expect(after.value.dueOn).toBe(addWorkingDays(before.value.dueOn, 1));
  });

  it('answers bad input with the calendar message, never NaN', () => {
    const cases: [string, string][] = [
      ['31/02/2026', '5'],
      ['hôm qua', '5'],
      ['02/03/2026', 'mười'],
      ['02/03/2026', '1.5'],
      ['02/03/2026', '-3'],
      ['02/03/2026', '999999'],
      ['', '5'],
      ['02/03/2026', ''],
    ];
    for (const [from, days] of cases) {
      const r = computeDeadline(from, days, undefined);
      expect(r.ok, `${from} + ${days}`).toBe(false);
      if (!r.ok) expect(r.error).not.toMatch(/NaN|undefined|Infinity/);
    }
    expect(computeDeadline('31/02/2026', '5', undefined)).toEqual({ ok: false, error: 'Ngày không hợp lệ: 31/02/2026' });
    expect(computeDeadline('02/03/2026', '1.5', undefined)).toEqual({ ok: false, error: 'Số ngày của thời hạn phải là số nguyên không âm: 1.5' });
    expect(computeDeadline('02/03/2026', '999999', undefined)).toMatchObject({ ok: false, error: expect.stringContaining('1900–2100') as unknown as string });
  });

  it('reads a decimal comma like a point', () => {
    expect(readDayCount(' 2,5 ')).toEqual({ ok: true, value: 2.5 });
    expect(readDayCount('1e3').ok).toBe(false);
  });
});

describe('checkDeadline', () => {
  it('counts remaining working days and overdue calendar days', () => {
    expect(checkDeadline('20/03/2026', '09/03/2026', undefined)).toMatchObject({ ok: true, value: { text: 'Còn 9 ngày làm việc' } });
    expect(checkDeadline('20/03/2026', '20/03/2026', undefined)).toMatchObject({ ok: true, value: { text: 'Hạn hôm nay' } });
    expect(checkDeadline('20/03/2026', '2026-03-25', undefined)).toMatchObject({ ok: true, value: { text: 'Quá hạn 5 ngày' } });
  });

  it('reports bad dates with the calendar message', () => {
    expect(checkDeadline('32/01/2026', '09/03/2026', undefined)).toEqual({ ok: false, error: 'Ngày không hợp lệ: 32/01/2026' });
    expect(checkDeadline('01/01/2101', '09/03/2026', undefined)).toMatchObject({ ok: false });
  });
});

import { describe, expect, it } from 'vitest';
import type { CalendarConfig } from '@shared/calendar';
import { deadlineStatus } from './deadlineStatus';

describe('deadlineStatus', () => {
  it('counts working days left, with the warning inside the last three', () => {
    // Due Fri 2026-03-20; as of Mon 03-09 there are 9 working days in (03-09, 03-20].
    expect(deadlineStatus('2026-03-20', '2026-03-09', undefined)).toEqual({ tone: 'ok', text: 'Còn 9 ngày làm việc', effectiveDueOn: '2026-03-20' });
    expect(deadlineStatus('2026-03-20', '2026-03-17', undefined).tone).toBe('soon');
    expect(deadlineStatus('2026-03-20', '2026-03-17', undefined, null, 0).tone).toBe('ok');
  });

  it('says "hạn hôm nay" on the effective due day and counts lateness in calendar days after it', () => {
    expect(deadlineStatus('2026-03-20', '2026-03-20', undefined)).toMatchObject({ tone: 'due', text: 'Hạn hôm nay' });
    expect(deadlineStatus('2026-03-20', '2026-03-23', undefined)).toMatchObject({ tone: 'late', text: 'Quá hạn 3 ngày' });
  });

  it('moves a due date on a day off to the next working day', () => {
    // Due Tue 2026-02-17 (Tết) → Mon 02-23.
    const s = deadlineStatus('2026-02-17', '2026-02-20', undefined);
    expect(s).toMatchObject({ tone: 'soon', text: 'Còn 1 ngày làm việc', effectiveDueOn: '2026-02-23' });
    expect(deadlineStatus('2026-02-17', '2026-02-23', undefined).text).toBe('Hạn hôm nay');
  });

  it('uses the installation overrides', () => {
    const config: CalendarConfig = { overrides: [{ date: '2026-03-20', kind: 'dayOff', note: 'Lễ hội' }] };
    expect(deadlineStatus('2026-03-20', '2026-03-20', config)).toMatchObject({ text: 'Còn 1 ngày làm việc', effectiveDueOn: '2026-03-23' });
  });

  it('judges completed work at its completion date', () => {
    expect(deadlineStatus('2026-03-20', '2026-06-01', undefined, '2026-03-20')).toMatchObject({ tone: 'doneOnTime', text: 'Hoàn thành đúng hạn' });
    expect(deadlineStatus('2026-03-20', '2026-03-01', undefined, '2026-03-25')).toMatchObject({ tone: 'doneLate', text: 'Hoàn thành quá hạn 5 ngày' });
  });

  it('reports bad dates with the calendar message instead of throwing', () => {
    expect(deadlineStatus('2026-02-30', '2026-03-01', undefined)).toEqual({ tone: 'invalid', text: 'Ngày không hợp lệ: 2026-02-30', effectiveDueOn: null });
    expect(deadlineStatus('2101-01-05', '2026-03-01', undefined)).toMatchObject({ tone: 'invalid', text: expect.stringContaining('1900–2100') as unknown as string });
  });
});

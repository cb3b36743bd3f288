import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { addWorkingDays, parseDate } from './index';
import { calendarError } from '../../tests/fixtures/errors';

describe('CalendarError on the wire', () => {
  it('keeps its reason for code but sends only the Vietnamese message (no English code in details)', () => {
    const e = calendarError(() => parseDate('31/02/2025'));
    expect(e.reason).toBe('invalid-date');
    expect(e).toBeInstanceOf(AppError);
    expect(e.details).toBeUndefined();
    expect(e.toData()).toEqual({ code: 'invalid-input', message: 'Ngày không hợp lệ: 31/02/2025' });
  });

  it('does so for range errors too', () => {
    const e = calendarError(() => addWorkingDays('2100-12-31', 5));
    expect(e.reason).toBe('out-of-range');
    expect(e.toData().details).toBeUndefined();
    expect(e.message).toMatch(/phạm vi lịch/);
  });
});

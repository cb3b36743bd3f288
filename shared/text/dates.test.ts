import { describe, expect, it } from 'vitest';
import { formatUserDate, isoToSerial, parseUserDate, readUserDate, serialToIso, userDateProblem } from './dates';

describe('the one date reader', () => {
  it('reads every form clerks type, day first', () => {
    for (const text of ['01/07/2025', '1/7/2025', '01-07-2025', '1-7-2025', '01.07.2025', '1.7.2025', '2025-07-01', ' 01/07/2025 ', '45839']) expect(parseUserDate(text), text).toBe('2025-07-01');
    expect(parseUserDate('05/06/2027')).toBe('2027-06-05');
    expect(parseUserDate('29/02/2024')).toBe('2024-02-29');
  });

  it('says which date does not exist, and refuses what is not a date', () => {
    expect(readUserDate('31/02/2026')).toEqual({ ok: false, reason: 'Ngày 31/02/2026 không có thật.' });
    expect(readUserDate('2025-02-30')).toEqual({ ok: false, reason: 'Ngày 30/02/2025 không có thật.' });
    expect(readUserDate('1/13/2026')).toEqual({ ok: false, reason: 'Ngày 01/13/2026 không có thật.' });
    expect(readUserDate('01/07/1850')).toEqual({ ok: false, reason: 'Năm 1850 nằm ngoài khoảng 1900–2100.' });
    for (const bad of ['abc', '', '01/07-2025', '12', '123', '1/7/25', '2025/07/01']) expect(parseUserDate(bad), bad).toBeNull();
  });

  it('converts Excel serial numbers both ways (day 0 = 30/12/1899)', () => {
    expect(serialToIso(45839)).toBe('2025-07-01');
    expect(serialToIso(61)).toBe('1900-03-01');
    expect(serialToIso(45839.75)).toBe('2025-07-01');
    expect(serialToIso(0, true)).toBe('1904-01-01');
    for (const iso of ['1900-03-01', '2000-02-29', '2025-07-01', '2099-12-31']) expect(serialToIso(isoToSerial(iso))).toBe(iso);
    expect(formatUserDate('2025-07-01')).toBe('01/07/2025');
    expect(formatUserDate(null)).toBe('');
  });
});

describe('userDateProblem', () => {
  it('names the field, says an impossible date does not exist, and accepts good dates', () => {
    expect(userDateProblem('Ngày hoàn thành', '31/02/2026')).toBe('Ngày hoàn thành: Ngày 31/02/2026 không có thật.');
    expect(userDateProblem('Hạn xử lý', '29/2/2025')).toBe('Hạn xử lý: Ngày 29/02/2025 không có thật.');
    expect(userDateProblem('Hạn xử lý', '2026-04-31')).toBe('Hạn xử lý: Ngày 31/04/2026 không có thật.');
    expect(userDateProblem('Hạn xử lý', 'mai')).toBe('Hạn xử lý: "mai" không phải là ngày (dạng dd/mm/yyyy).');
    expect(userDateProblem('Hạn xử lý', '')).toBe('Hạn xử lý: chưa nhập ngày (dạng dd/mm/yyyy).');
    expect(userDateProblem('Hạn xử lý', '29/02/2028')).toBeNull();
    expect(userDateProblem('Hạn xử lý', ' 05/01/2026 ')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { computeReport } from './compute';
import { fixtureParams, fixtureReportTasks, FIXTURE_UNITS } from './fixtures';
import { lastEndedPeriod, monthsOf, periodLabel, periodOf, withCutOff } from './period';
import { canonicalJson, chunkText, compareReports, makeSnapshot, readSnapshot, reportHash } from './snapshot';

const build = (cutOff: string, tasks = fixtureReportTasks(cutOff)) => computeReport({ params: fixtureParams(cutOff), tasks, units: FIXTURE_UNITS, scopeLabel: 'Tất cả đơn vị' });

describe('periods', () => {
  it('month, quarter, halves, nine months, year and a range, worded as in a report subject', () => {
    expect(periodOf('month', 2026, 2)).toEqual({ kind: 'month', from: '2026-02-01', to: '2026-02-28' });
    expect(periodOf('quarter', 2026, 3)).toEqual({ kind: 'quarter', from: '2026-07-01', to: '2026-09-30' });
    expect(periodOf('half', 2026, 1).to).toBe('2026-06-30');
    expect(periodOf('nineMonths', 2026).to).toBe('2026-09-30');
    expect(periodLabel(periodOf('quarter', 2026, 1))).toBe('quý I năm 2026');
    expect(periodLabel(periodOf('half', 2026, 1))).toBe('6 tháng đầu năm 2026');
    expect(periodLabel(periodOf('half', 2026, 2))).toBe('6 tháng cuối năm 2026');
    expect(periodLabel(periodOf('nineMonths', 2026))).toBe('9 tháng năm 2026');
    expect(periodLabel(periodOf('month', 2026, 3))).toBe('tháng 3 năm 2026');
    expect(periodLabel({ kind: 'range', from: '2026-02-01', to: '2026-03-15' })).toBe('từ ngày 01/02/2026 đến ngày 15/03/2026');
    // A period still running is cut off today; a finished one on its last day.
    expect(withCutOff(periodOf('quarter', 2026, 2), '2026-05-20').cutOff).toBe('2026-05-20');
    expect(withCutOff(periodOf('quarter', 2026, 1), '2026-05-20').cutOff).toBe('2026-03-31');
    expect(monthsOf('2025-11-15', '2026-02-10').map((m) => [m.month, m.from, m.to])).toEqual([
      ['2025-11', '2025-11-15', '2025-11-30'],
      ['2025-12', '2025-12-01', '2025-12-31'],
      ['2026-01', '2026-01-01', '2026-01-31'],
      ['2026-02', '2026-02-01', '2026-02-10'],
    ]);
  });
});

describe('snapshots', () => {
  it('canonical JSON ignores key order; the hash is stable and changes with any figure', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: undefined } })).toBe('{"a":{"d":[2,{"e":0,"f":1}]},"b":1}');
    const a = build('2026-06-30');
    const b = build('2026-06-30');
    expect(reportHash(a)).toBe(reportHash(b));
    expect(reportHash(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(reportHash(build('2026-09-30'))).not.toBe(reportHash(a));
  });

  it('stores the data in chunks under the sync limit and reads it back only when the hash matches', () => {
    const data = build('2026-06-30');
    const snap = makeSnapshot(data, { title: 'Báo cáo', issuedOn: '2026-07-02', issuedBy: 'x', letterId: null, number: 3 });
    expect(readSnapshot(snap)).toEqual(JSON.parse(canonicalJson(data)));
    const chunks = chunkText('x'.repeat(200_001));
    expect(chunks.map((c) => c.length)).toEqual([90_000, 90_000, 20_001]);
    const tampered = { ...snap, chunks: [snap.chunks[0].replace('"openOverdue":2', '"openOverdue":1')] };
    expect(tampered.chunks[0]).not.toBe(snap.chunks[0]);
    expect(() => readSnapshot(tampered)).toThrow(/không khớp/);
  });

  it('compareReports lists what changed since issue, per unit and in the totals', () => {
    const issued = build('2026-06-30');
    // Later, the assigner edits H1's deadline to 30/07 (a definition edit, not an event): H1 is no longer overdue at 30/06.
    const tasks = fixtureReportTasks('2026-06-30').map((t) => (t.id === 'H1' ? { ...t, originalDueOn: '2026-07-30', effectiveDueOn: '2026-07-30' } : t));
    const now = build('2026-06-30', tasks);
    expect(compareReports(issued, issued)).toEqual([]);
    const changes = compareReports(issued, now);
    expect(changes).toEqual([
      { unitId: 'pvh', unitName: 'Phòng Văn hóa - Xã hội', field: 'openWithinDeadline', label: 'Đang thực hiện trong hạn', before: 0, after: 1 },
      { unitId: 'pvh', unitName: 'Phòng Văn hóa - Xã hội', field: 'openOverdue', label: 'Quá hạn chưa hoàn thành', before: 1, after: 0 },
      { unitId: null, unitName: 'Tổng cộng', field: 'openWithinDeadline', label: 'Đang thực hiện trong hạn', before: 1, after: 2 },
      { unitId: null, unitName: 'Tổng cộng', field: 'openOverdue', label: 'Quá hạn chưa hoàn thành', before: 2, after: 1 },
    ]);
  });
});

describe('the default period', () => {
  it('is the period that just ended: on 01/04 quý I (cut-off 31/03), the month before, the half and year before', () => {
    expect(lastEndedPeriod('quarter', '2026-04-01')).toEqual({ year: 2026, index: 1 });
    expect(withCutOff(periodOf('quarter', 2026, 1), '2026-04-01').cutOff).toBe('2026-03-31');
    expect(lastEndedPeriod('quarter', '2026-03-31')).toEqual({ year: 2025, index: 4 });
    expect(lastEndedPeriod('quarter', '2026-01-02')).toEqual({ year: 2025, index: 4 });
    expect(lastEndedPeriod('month', '2026-04-01')).toEqual({ year: 2026, index: 3 });
    expect(lastEndedPeriod('month', '2026-01-15')).toEqual({ year: 2025, index: 12 });
    expect(lastEndedPeriod('half', '2026-07-01')).toEqual({ year: 2026, index: 1 });
    expect(lastEndedPeriod('half', '2026-05-01')).toEqual({ year: 2025, index: 2 });
    expect(lastEndedPeriod('nineMonths', '2026-10-01')).toEqual({ year: 2026, index: 1 });
    expect(lastEndedPeriod('year', '2026-04-01')).toEqual({ year: 2025, index: 1 });
  });
});

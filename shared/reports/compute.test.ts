/**
 * Golden tests: the fixture (fixtures.ts) at three cut-off dates, every figure worked out by
 * hand below, and the Government Office's 2017 proportions.
 */
import { describe, expect, it } from 'vitest';
import { addDays } from '../calendar';
import { categorizeState, computeRate, rateFormulaIds, type CategoryCounts } from '../tasks/state';
import { computeReport, reportTaskOf } from './compute';
import { makeEvents, makeTask } from '../tasks/fixtures';
import { foldTask } from '../tasks/state';
import { formulaLines, summarySentence } from './export';
import { fixtureParams, fixtureReportTasks, FIXTURE_UNITS } from './fixtures';
import type { ReportData, ReportParams, ReportTask } from './model';

function run(cutOff: string, overrides: Partial<ReportParams> = {}): ReportData {
  return computeReport({ params: fixtureParams(cutOff, overrides), tasks: fixtureReportTasks(cutOff), units: FIXTURE_UNITS, scopeLabel: 'Tất cả đơn vị' });
}
const counts = (doneOnTime: number, doneLate: number, doneNoDeadline: number, openWithinDeadline: number, openOverdue: number, openNoDeadline: number): CategoryCounts => ({
  doneOnTime,
  doneLate,
  doneNoDeadline,
  openWithinDeadline,
  openOverdue,
  openNoDeadline,
  awaitingAcceptance: 0,
});
const unit = (d: ReportData, id: string) => d.units.find((u) => u.unitId === id)!;

describe('golden fixture, judged against the extended deadline, rate "dueCompletion"', () => {
  it('as of 31/03/2026', () => {
    const d = run('2026-03-31');
    // pkt: K1 done 09/3 ≤ due 10/3 → on time; K2 due 20/3 open → overdue 11 days (20/3→31/3);
    //      K3 due 15/5 → within; K4 no deadline, open.           rate = (1+0)/(1+0+1) = 50,00%
    expect(unit(d, 'pkt').counts).toEqual(counts(1, 0, 0, 1, 1, 1));
    expect(unit(d, 'pkt').rate).toEqual({ numerator: 1, denominator: 2, basisPoints: 5000 });
    expect(unit(d, 'pkt').overdueBuckets).toEqual({ upTo30: 1, from31To90: 0, over90: 0 });
    // pvh: H1 due 27/02 open → overdue 32 days (1 day to 28/2 + 31 in March) → 31–90 bucket;
    //      H3 due 31/3 = cut-off: the due day itself is within; H2 not assigned yet.   rate = 0/1 = 0,00%
    expect(unit(d, 'pvh').counts).toEqual(counts(0, 0, 0, 1, 1, 0));
    expect(unit(d, 'pvh').rate.basisPoints).toBe(0);
    expect(unit(d, 'pvh').overdueBuckets).toEqual({ upTo30: 0, from31To90: 1, over90: 0 });
    // vp: V1 assigned 2025, done 15/01/2026 (after the period began) → carried over, late 15 days (31/12→15/1);
    //     V2 done 20/11/2025, before the period → not counted.   rate = 1/1 = 100,00%
    expect(unit(d, 'vp')).toMatchObject({ assigned: 1, carriedOver: 1, counts: counts(0, 1, 0, 0, 0, 0) });
    expect(unit(d, 'vp').rate.basisPoints).toBe(10_000);
    // Totals: 4 + 2 + 1 = 7 tasks; rate = (1+1)/(1+1+2) = 2/4 = 50,00%; overdue share = 2/4 = 50,00%.
    expect(d.totals.assigned).toBe(7);
    expect(d.totals.counts).toEqual(counts(1, 1, 0, 2, 2, 1));
    expect(d.totals.rate).toEqual({ numerator: 2, denominator: 4, basisPoints: 5000 });
    expect(d.totals.overdueShare).toEqual({ numerator: 2, denominator: 4, basisPoints: 5000 });
    expect(d.overdueTasks.map((t) => [t.taskId, t.overdueDays])).toEqual([
      ['H1', 32],
      ['K2', 11],
    ]);
  });

  it('as of 30/06/2026', () => {
    const d = run('2026-06-30');
    // pkt: K2 done 15/4, late 26 days (11 in March + 15 in April); K3 extended on 10/5 to 15/7 → within.
    //      rate = (1+1)/(1+1+0) = 100,00%; one extension granted in the period.
    expect(unit(d, 'pkt').counts).toEqual(counts(1, 1, 0, 1, 0, 1));
    expect(unit(d, 'pkt').rate.basisPoints).toBe(10_000);
    expect(unit(d, 'pkt').extensionsGranted).toBe(1);
    expect(d.counted.find((t) => t.id === 'K2')?.lateDays).toBe(26);
    // pvh: H1 overdue 123 days (32 + 30 + 31 + 30) → over 90; H2 done on its due day 05/6 → on time;
    //      H3 cancelled 04/5 → not counted.   rate = 1/(1+0+1) = 50,00%
    expect(unit(d, 'pvh')).toMatchObject({ assigned: 2, counts: counts(1, 0, 0, 0, 1, 0), overdueBuckets: { upTo30: 0, from31To90: 0, over90: 1 } });
    expect(unit(d, 'pvh').rate.basisPoints).toBe(5000);
    // vp: V1 late (carried); V3 due 26/6 open → overdue 4 days.   rate = 1/(1+1) = 50,00%
    expect(unit(d, 'vp')).toMatchObject({ assigned: 2, carriedOver: 1, counts: counts(0, 1, 0, 0, 1, 0), overdueBuckets: { upTo30: 1, from31To90: 0, over90: 0 } });
    // Totals: 8 tasks; rate = (2+2)/(2+2+2) = 4/6 = 66,666…% → printed 66,66% (rounded down, never flattering);
    // overdue share = 2/6 = 33,333…% → printed 33,34% (rounded up for the same reason).
    expect(d.totals.counts).toEqual(counts(2, 2, 0, 1, 2, 1));
    expect(d.totals.rate).toEqual({ numerator: 4, denominator: 6, basisPoints: 6667 });
    expect(d.totals.overdueShare).toEqual({ numerator: 2, denominator: 6, basisPoints: 3333 });
    expect(d.totals.extensionsGranted).toBe(1);
  });

  it('as of 30/09/2026', () => {
    const d = run('2026-09-30');
    // pkt: K3 done 10/7 ≤ extended due 15/7 → on time; K4 done 03/8 without deadline.  rate = 3/3 = 100,00%
    expect(unit(d, 'pkt').counts).toEqual(counts(2, 1, 1, 0, 0, 0));
    expect(unit(d, 'pkt').rate).toEqual({ numerator: 3, denominator: 3, basisPoints: 10_000 });
    // pvh: H1 overdue 215 days (123 + 31 + 31 + 30).  rate = 1/2 = 50,00%
    expect(unit(d, 'pvh').counts).toEqual(counts(1, 0, 0, 0, 1, 0));
    expect(d.overdueTasks).toEqual([expect.objectContaining({ taskId: 'H1', overdueDays: 215, bucket: 'over90', leadUnitName: 'Phòng Văn hóa - Xã hội' })]);
    // vp: V3 done 03/7, 7 days late; V4 due 15/12 within.  rate = (0+2)/(0+2+0) = 100,00%
    expect(unit(d, 'vp').counts).toEqual(counts(0, 2, 0, 1, 0, 0));
    // Totals: 9 tasks; rate = (3+3)/(3+3+1) = 6/7 = 85,714…% → 85,71%; overdue share = 1/7 = 14,285…% → 14,29%.
    expect(d.totals.assigned).toBe(9);
    expect(d.totals.counts).toEqual(counts(3, 3, 1, 1, 1, 0));
    expect(d.totals.rate.basisPoints).toBe(8571);
    expect(d.totals.overdueShare.basisPoints).toBe(1429);
    // Trend by month of the judged deadline (Jan–Sep 2026): Feb H1 overdue → 0/1; Mar K1 on time + K2 late → 2/2;
    // Jun H2 on time + V3 late → 2/2; Jul K3 (extended to 15/7) on time → 1/1; other months have nothing due.
    const trend = Object.fromEntries(d.trend.map((p) => [p.month, p.rate.basisPoints]));
    expect(trend).toEqual({ '2026-01': null, '2026-02': 0, '2026-03': 10_000, '2026-04': null, '2026-05': null, '2026-06': 10_000, '2026-07': 10_000, '2026-08': null, '2026-09': null });
  });

  it('judged against the original deadline, K3 (due 15/5, extended to 15/7) is overdue 46 days at 30/06 and late at 30/09', () => {
    const june = run('2026-06-30', { judgeAgainst: 'original' });
    // 15/5 → 30/6 = 16 + 30 = 46 days; pkt rate = (1+1)/(1+1+1) = 66,66%
    expect(unit(june, 'pkt').counts).toEqual(counts(1, 1, 0, 0, 1, 1));
    expect(june.overdueTasks.find((t) => t.taskId === 'K3')).toMatchObject({ overdueDays: 46, bucket: 'from31To90', dueOn: '2026-05-15' });
    expect(unit(june, 'pkt').rate.basisPoints).toBe(6667);
    const sept = run('2026-09-30', { judgeAgainst: 'original' });
    expect(unit(sept, 'pkt').counts).toEqual(counts(1, 2, 1, 0, 0, 0));
  });

  it('"tasks assigned in the period" leaves out the carried-over V1; another formula changes only the rate', () => {
    const d = run('2026-09-30', { inclusion: 'assignedInPeriod' });
    expect(unit(d, 'vp')).toMatchObject({ assigned: 2, carriedOver: 0, counts: counts(0, 1, 0, 1, 0, 0) });
    expect(d.totals.assigned).toBe(8);
    // dueOnTime: 3 / (3 + 2 + 1) = 50,00% with V1 out of the base.
    const onTime = run('2026-09-30', { inclusion: 'assignedInPeriod', rateFormula: 'dueOnTime' });
    expect(onTime.totals.rate).toEqual({ numerator: 3, denominator: 6, basisPoints: 5000 });
    expect(onTime.totals.counts).toEqual(d.totals.counts);
  });

  it('scopes: some units, plan year, directive, assigning leader', () => {
    const some = run('2026-09-30', { scope: { kind: 'units', unitIds: ['pvh'] } });
    expect(some.units.map((u) => u.unitId)).toEqual(['pvh']);
    expect(some.totals.assigned).toBe(2);
    expect(run('2026-09-30', { scope: { kind: 'planYear', planYear: 2025 } }).totals.assigned).toBe(0);
    expect(run('2026-09-30', { scope: { kind: 'leader', officialId: 'chair' } }).totals.assigned).toBe(9);
    expect(run('2026-09-30', { scope: { kind: 'directive', directiveId: 'none' } }).units).toEqual([]);
  });

  it('totals equal the sum of the unit rows for every figure', () => {
    for (const cutOff of ['2026-03-31', '2026-06-30', '2026-09-30']) {
      const d = run(cutOff);
      for (const k of Object.keys(d.totals.counts) as (keyof CategoryCounts)[]) expect(d.units.reduce((s, u) => s + u.counts[k], 0)).toBe(d.totals.counts[k]);
      expect(d.units.reduce((s, u) => s + u.assigned, 0)).toBe(d.totals.assigned);
      expect(d.counted).toHaveLength(d.totals.assigned);
    }
  });

  it('follow-up letters and consultation figures land on their units; a note says when none are recorded', () => {
    const d = computeReport({
      params: fixtureParams('2026-06-30'),
      tasks: fixtureReportTasks('2026-06-30'),
      units: FIXTURE_UNITS,
      scopeLabel: 'Tất cả đơn vị',
      followUps: [
        { unitId: 'pvh', issuedOn: '2026-04-02' },
        { unitId: 'pvh', issuedOn: '2026-07-02' }, // after the cut-off
        { unitId: 'vp', issuedOn: '2025-12-20' }, // before the period
      ],
      consultations: [{ unitId: 'pkt', consulted: 3, noReply: 1, late: 1 }],
    });
    expect(unit(d, 'pvh').followUpLetters).toBe(1);
    expect(unit(d, 'vp').followUpLetters).toBe(0);
    expect(unit(d, 'pkt')).toMatchObject({ consultationsConsulted: 3, consultationsNoReply: 1, consultationsLate: 1 });
    expect(d.totals.followUpLetters).toBe(1);
    const none = computeReport({ params: fixtureParams('2026-06-30'), tasks: [], units: FIXTURE_UNITS, scopeLabel: 'x', followUpsRecorded: false });
    expect(none.notes.join(' ')).toMatch(/chưa ghi nhận công văn đôn đốc/);
  });
});

describe('the memoised categorisation', () => {
  it('agrees with categorizeState for every fixture task at every day of 2026, both deadline rules', () => {
    for (const judgeAgainst of ['original', 'extended'] as const)
      for (let d = '2026-01-01'; d <= '2026-12-31'; d = addDays(d, 7)) {
        const tasks = fixtureReportTasks(d);
        const report = run(d, { judgeAgainst });
        const byId = new Map(report.counted.map((c) => [c.id, c.category]));
        for (const t of tasks) {
          const expected = categorizeState(t, d, { judgeAgainst });
          if (byId.has(t.id)) expect(byId.get(t.id)).toBe(expected);
          else if (t.assignedOn >= '2026-01-01') expect(expected).toBeNull();
        }
      }
  });
});

describe("the Government Office's 2017 report (1270/BC-TCTTTg)", () => {
  it('14.068 on time, 1.983 late, 5.640 open within deadline, 223 overdue → 98,63% only with "dueCompletion", and 87,65% on time among completions', () => {
    const tasks: ReportTask[] = [];
    const add = (n: number, due: string, completedOn: string | null) => {
      for (let i = 0; i < n; i++)
        tasks.push({ id: `t${tasks.length}`, title: 'x', leadUnitId: 'bo', assignerOfficialId: null, directiveId: null, directiveRef: '', planYear: 2017, assignedOn: '2017-01-03', status: completedOn ? 'completed' : 'active', completedOn, originalDueOn: due, effectiveDueOn: due, extensionDates: [] });
    };
    add(14_068, '2017-06-30', '2017-06-20');
    add(1_983, '2017-06-30', '2017-07-20');
    add(5_640, '2018-03-30', null);
    add(223, '2017-10-31', null);
    const params: ReportParams = { period: { kind: 'year', from: '2017-01-01', to: '2017-12-31', cutOff: '2017-12-31' }, scope: { kind: 'all' }, inclusion: 'assignedInPeriod', judgeAgainst: 'extended', rateFormula: 'dueCompletion' };
    const d = computeReport({ params, tasks, units: [{ id: 'bo', name: 'Các bộ, cơ quan' }], scopeLabel: 'Toàn quốc' });
    expect(d.totals.counts).toEqual(counts(14_068, 1_983, 0, 5_640, 223, 0));
    // (14.068 + 1.983) / (14.068 + 1.983 + 223) = 16.051 / 16.274 = 0,986297… → 98,63% half-up (the report printed 98,62%, truncated);
    // overdue 223 / 16.274 = 1,3702…% → 1,37%; on time among completions 14.068 / 16.051 = 87,646…% → 87,65% (printed 87,6%).
    expect(d.totals.rate).toEqual({ numerator: 16_051, denominator: 16_274, basisPoints: 9863 });
    expect(d.totals.overdueShare.basisPoints).toBe(137);
    expect(d.totals.onTimeShare).toEqual({ numerator: 14_068, denominator: 16_051, basisPoints: 8765 });
    const giving9863 = rateFormulaIds.filter((f) => computeRate(d.totals.counts, f).basisPoints === 9863);
    expect(giving9863).toEqual(['dueCompletion']);
    // Both rates are printed, each with its formula.
    const text = summarySentence(d);
    expect(text).toContain('Tỷ lệ nhiệm vụ đến hạn đã hoàn thành: 98,63% (16.051/16.274)');
    expect(text).toContain('tỷ lệ hoàn thành đúng hạn trên số nhiệm vụ đã hoàn thành: 87,65% (14.068/16.051)');
    expect(formulaLines(d)).toEqual([
      'Tỷ lệ nhiệm vụ đến hạn đã hoàn thành = (Hoàn thành đúng hạn + Hoàn thành quá hạn) / (Hoàn thành đúng hạn + Hoàn thành quá hạn + Quá hạn chưa hoàn thành).',
      'Tỷ lệ hoàn thành đúng hạn trên số nhiệm vụ đã hoàn thành = Hoàn thành đúng hạn / (Hoàn thành đúng hạn + Hoàn thành quá hạn).',
      'Tỷ lệ quá hạn trên số nhiệm vụ đến hạn = Quá hạn chưa hoàn thành / (Hoàn thành đúng hạn + Hoàn thành quá hạn + Quá hạn chưa hoàn thành).',
    ]);
  });
});

describe('completion reports waiting for the assigner', () => {
  // A1: due 13/03; reported done 12/03 (recorded 13/03), returned 17/03, reported again 20/03 (done 19/03), accepted 27/03.
  // A2: due 31/03; reported done 30/03 (recorded 30/03), never accepted.
  const a1 = makeTask({ id: 'A1', leadUnitId: 'pkt', supportUnitIds: [], assignedOn: '2026-03-02', dueOn: '2026-03-13', deadline: { kind: 'fixed', date: '2026-03-13' }, planYear: 2026 });
  const a2 = makeTask({ id: 'A2', leadUnitId: 'pvh', supportUnitIds: [], assignedOn: '2026-03-02', dueOn: '2026-03-31', deadline: { kind: 'fixed', date: '2026-03-31' }, planYear: 2026 });
  const report = (on: string, completedOn: string) => ({ type: 'completion' as const, on, completedOn, resultText: 'Xong', reportNumber: '', attachments: [], product: 'Báo cáo', productNumber: '5/BC', productDate: completedOn, awaitsAcceptance: true });
  const events = [
    ...makeEvents('A1', [
      report('2026-03-13', '2026-03-12'),
      { type: 'completionReturn', on: '2026-03-17', reportId: 'A1-e1', reason: 'Thiếu phụ lục', decidedByOfficialId: 'chair' },
      report('2026-03-20', '2026-03-19'),
      { type: 'completionAcceptance', on: '2026-03-27', reportId: 'A1-e3', note: '', decidedByOfficialId: 'chair' },
    ]),
    ...makeEvents('A2', [report('2026-03-30', '2026-03-30')]),
  ];
  const build = (cutOff: string, onTimeAt: 'report' | 'acceptance') =>
    computeReport({
      params: { ...fixtureParams(cutOff), onTimeAt, acceptanceWorkingDays: 5 },
      tasks: [a1, a2].map((t) => reportTaskOf(t, foldTask(t, events, cutOff))),
      units: FIXTURE_UNITS,
      scopeLabel: 'Tất cả đơn vị',
    });
  const category = (d: ReportData, id: string) => d.counted.find((c) => c.id === id)?.category;

  it('counts a waiting task as neither done nor overdue, and done as of the reported date once accepted', () => {
    // 16/03: A1 waits (reported 13/03, within the assigner's 5 working days); it was due 13/03 but is not overdue.
    expect(category(build('2026-03-16', 'report'), 'A1')).toBe('awaitingAcceptance');
    // 18/03: returned on 17/03 → open again, and now overdue (due 13/03).
    expect(category(build('2026-03-18', 'report'), 'A1')).toBe('openOverdue');
    // 31/03: accepted on 27/03 as done on 19/03 → late (due 13/03) whichever date judges it.
    expect(category(build('2026-03-31', 'report'), 'A1')).toBe('doneLate');
    // A2 reported on its due day: waiting at 31/03.
    const march = build('2026-03-31', 'report');
    expect(category(march, 'A2')).toBe('awaitingAcceptance');
    expect(march.totals.counts.awaitingAcceptance).toBe(1);
    // Waiting tasks are outside both rates' bases: A1 alone counts, done late.
    expect(march.totals.rate).toEqual({ numerator: 1, denominator: 1, basisPoints: 10_000 });
    expect(march.totals.onTimeShare).toEqual({ numerator: 0, denominator: 1, basisPoints: 0 });
    expect(march.totals.acceptanceLate).toBe(0);
  });

  it('puts the delay on the assigner after the set working days, and says so in the notes', () => {
    // A2 recorded 30/03; 5 working days later is 06/04 (Mon 30/3 → Mon 6/4); on 07/04 the assigner is late.
    expect(build('2026-04-06', 'report').totals.acceptanceLate).toBe(0);
    const late = build('2026-04-07', 'report');
    expect(late.totals.acceptanceLate).toBe(1);
    expect(late.units.find((u) => u.unitId === 'pvh')!.counts.openOverdue).toBe(0);
    expect(late.notes.join(' ')).toMatch(/Quá 5 ngày làm việc chưa xác nhận thì chậm thuộc cơ quan giao \(tính đến ngày chốt số liệu: 1 nhiệm vụ\)/);
    expect(summarySentence(late)).toContain('chờ cơ quan giao xác nhận hoàn thành 1, trong đó 1 quá hạn xác nhận');
  });

  it('judges on time at the report date or at the acceptance, as the setting says, and prints which', () => {
    // B1: due 20/03, reported done 19/03, accepted 25/03.
    const b1 = makeTask({ id: 'B1', leadUnitId: 'pkt', supportUnitIds: [], assignedOn: '2026-03-02', dueOn: '2026-03-20', deadline: { kind: 'fixed', date: '2026-03-20' }, planYear: 2026 });
    const ev = makeEvents('B1', [report('2026-03-19', '2026-03-19'), { type: 'completionAcceptance', on: '2026-03-25', reportId: 'B1-e1', note: '' }]);
    const at = (onTimeAt: 'report' | 'acceptance') =>
      computeReport({ params: { ...fixtureParams('2026-03-31'), onTimeAt }, tasks: [reportTaskOf(b1, foldTask(b1, ev, '2026-03-31'))], units: FIXTURE_UNITS, scopeLabel: 'x' });
    expect(category(at('report'), 'B1')).toBe('doneOnTime');
    expect(category(at('acceptance'), 'B1')).toBe('doneLate');
    expect(at('report').notes.join(' ')).toContain('theo ngày hoàn thành đơn vị chủ trì báo cáo');
    expect(at('acceptance').notes.join(' ')).toContain('theo ngày cơ quan giao xác nhận hoàn thành');
  });

  it('agrees with categorizeState every day, under both settings', () => {
    for (const onTimeAt of ['report', 'acceptance'] as const)
      for (let d = '2026-03-02'; d <= '2026-04-30'; d = addDays(d, 1)) {
        const data = build(d, onTimeAt);
        for (const t of [a1, a2]) {
          const expected = categorizeState(reportTaskOf(t, foldTask(t, events, d)), d, { judgeAgainst: 'extended', onTimeAt });
          expect(category(data, t.id) ?? null, `${t.id} ${d} ${onTimeAt}`).toBe(expected);
        }
      }
  });
});

import { describe, expect, it } from 'vitest';
import { makeEvents, makeTask } from './fixtures';
import {
  assess,
  basisPointsHalfUp,
  categorize,
  computeRate,
  countCategories,
  DEFAULT_TASK_SETTINGS,
  deadlineLabel,
  foldTask,
  formatRate,
  overdueBucketOf,
  rateFormulas,
  type TaskCategory,
  type TaskSettings,
} from './state';
import type { Task, TaskEvent } from './model';

const extended: TaskSettings = { ...DEFAULT_TASK_SETTINGS, judgeAgainst: 'extended' };
const original: TaskSettings = { ...DEFAULT_TASK_SETTINGS, judgeAgainst: 'original' };

// 2025-03-03 is a Monday; the task is due Friday 2025-03-14; no holidays in March 2025.
const task = makeTask();

function completedOn(date: string, t: Task = task): TaskEvent[] {
  return makeEvents(t.id, [{ type: 'completion', on: date, completedOn: date, resultText: 'Đã ban hành kế hoạch', reportNumber: '12/BC-KT', attachments: [] }]);
}

describe('categorize', () => {
  it('is within deadline on the due day and overdue from the next day', () => {
    expect(categorize(task, [], '2025-03-14', extended)).toBe('openWithinDeadline');
    expect(categorize(task, [], '2025-03-15', extended)).toBe('openOverdue');
  });

  it('counts a completion on the deadline as on time and one day later as late', () => {
    expect(categorize(task, completedOn('2025-03-14'), '2025-03-31', extended)).toBe('doneOnTime');
    expect(categorize(task, completedOn('2025-03-17'), '2025-03-31', extended)).toBe('doneLate');
  });

  it('moves a due date on a day off to the next working day', () => {
    const satTask = makeTask({ dueOn: '2025-03-15', deadline: { kind: 'fixed', date: '2025-03-15' } });
    expect(categorize(satTask, completedOn('2025-03-17', satTask), '2025-03-31', extended)).toBe('doneOnTime');
    expect(categorize(satTask, [], '2025-03-17', extended)).toBe('openWithinDeadline');
    expect(categorize(satTask, [], '2025-03-18', extended)).toBe('openOverdue');
  });

  it('separates tasks without a deadline', () => {
    const open = makeTask({ dueOn: null, deadline: null });
    expect(categorize(open, [], '2030-01-01', extended)).toBe('openNoDeadline');
    expect(categorize(open, completedOn('2025-06-01', open), '2025-06-01', extended)).toBe('doneNoDeadline');
  });

  it('does not count a task assigned after the cut-off', () => {
    expect(categorize(task, [], '2025-03-02', extended)).toBeNull();
    expect(categorize(task, [], '2025-03-03', extended)).toBe('openWithinDeadline');
  });

  it('ignores events after the cut-off', () => {
    const events = completedOn('2025-03-20');
    expect(categorize(task, events, '2025-03-19', extended)).toBe('openOverdue');
    expect(categorize(task, events, '2025-03-20', extended)).toBe('doneLate');
    expect(categorize(task, events, '2025-03-13', extended)).toBe('openWithinDeadline');
  });

  describe('an extension granted after the original deadline', () => {
    const events = makeEvents(task.id, [
      { id: 'req', type: 'extensionRequest', on: '2025-03-12', reason: 'Chờ số liệu của các xã', proposedDueOn: '2025-03-31' },
      { type: 'extensionDecision', on: '2025-03-20', requestId: 'req', accepted: true, newDueOn: '2025-03-31', note: '' },
    ]);
    it('leaves the task overdue until the decision is taken', () => {
      expect(categorize(task, events, '2025-03-18', extended)).toBe('openOverdue');
      expect(categorize(task, events, '2025-03-18', original)).toBe('openOverdue');
    });
    it('brings it back within deadline when judged against the extended deadline only', () => {
      expect(categorize(task, events, '2025-03-21', extended)).toBe('openWithinDeadline');
      expect(categorize(task, events, '2025-03-21', original)).toBe('openOverdue');
    });
    it('judges a completion before the new deadline on time or late depending on the setting', () => {
      const done = [...events, ...makeEvents(task.id, [{ id: 'c', type: 'completion', on: '2025-03-28', completedOn: '2025-03-28', resultText: 'Xong', reportNumber: '', attachments: [] }]).map((e) => ({ ...e, order: `9${e.order}` }))];
      expect(categorize(task, done, '2025-04-30', extended)).toBe('doneOnTime');
      expect(categorize(task, done, '2025-04-30', original)).toBe('doneLate');
    });
  });

  it('excludes cancelled tasks, but only from the cancellation on', () => {
    const events = makeEvents(task.id, [{ type: 'cancel', on: '2025-03-20', reason: 'Không còn phù hợp' }]);
    expect(categorize(task, events, '2025-03-19', extended)).toBe('openOverdue');
    expect(categorize(task, events, '2025-03-20', extended)).toBeNull();
  });

  it('keeps a paused task open against its deadline', () => {
    const events = makeEvents(task.id, [{ type: 'pause', on: '2025-03-10', reason: 'Chờ hướng dẫn của tỉnh' }]);
    expect(foldTask(task, events).status).toBe('paused');
    expect(categorize(task, events, '2025-03-20', extended)).toBe('openOverdue');
  });
});

describe('assess and labels', () => {
  const s = foldTask(task, []);
  it('flags due soon within the configured working days', () => {
    expect(assess(s, '2025-03-11', extended).dueSoon).toBe(true);
    expect(assess(s, '2025-03-11', extended).remainingWorkingDays).toBe(3);
    expect(assess(s, '2025-03-10', extended).dueSoon).toBe(false);
    expect(assess(s, '2025-03-10', { ...extended, dueSoonWorkingDays: 4 }).dueSoon).toBe(true);
    expect(assess(s, '2025-03-15', extended).dueSoon).toBe(false);
  });
  it('ages overdue tasks into buckets', () => {
    expect(assess(s, '2025-04-13', extended)).toMatchObject({ category: 'openOverdue', overdueDays: 30, overdueBucket: 'upTo30' });
    expect(assess(s, '2025-04-14', extended)).toMatchObject({ overdueDays: 31, overdueBucket: 'from31To90' });
    expect(assess(s, '2025-06-12', extended)).toMatchObject({ overdueDays: 90, overdueBucket: 'from31To90' });
    expect(assess(s, '2025-06-13', extended)).toMatchObject({ overdueDays: 91, overdueBucket: 'over90' });
    expect(overdueBucketOf(0)).toBeNull();
  });
  it('says how long is left or how late it is', () => {
    expect(deadlineLabel('2025-03-14', '2025-03-11')).toBe('Còn 3 ngày làm việc');
    expect(deadlineLabel('2025-03-14', '2025-03-14')).toBe('Hạn cuối hôm nay');
    expect(deadlineLabel('2025-03-14', '2025-03-16')).toBe('Quá hạn 2 ngày');
    expect(assess(foldTask(task, completedOn('2025-03-17')), '2025-03-31', extended).label).toBe('Hoàn thành quá hạn 3 ngày');
  });
});

describe('foldTask', () => {
  it('follows reassignments, extensions, completion and reopening', () => {
    const events = makeEvents(task.id, [
      { type: 'progress', on: '2025-03-05', percent: 30, text: 'Đã dự thảo', attachments: [] },
      { type: 'reassignment', on: '2025-03-06', newLeadUnitId: 'phong-vhxh', newResponsibleOfficialId: 'official-vh', reason: 'Đúng chức năng' },
      { id: 'r1', type: 'extensionRequest', on: '2025-03-10', reason: 'Thiếu số liệu', proposedDueOn: '2025-03-21' },
      { type: 'extensionDecision', on: '2025-03-11', requestId: 'r1', accepted: false, newDueOn: null, note: 'Không đủ căn cứ' },
      { id: 'r2', type: 'extensionRequest', on: '2025-03-12', reason: 'Chờ ý kiến Sở', proposedDueOn: '2025-03-28' },
    ]);
    const mid = foldTask(task, events);
    expect(mid.leadUnitId).toBe('phong-vhxh');
    expect(mid.responsibleOfficialId).toBe('official-vh');
    expect(mid.supportUnitIds).toEqual([]);
    expect(mid.leadHistory).toEqual([expect.objectContaining({ fromUnitId: 'phong-kt', toUnitId: 'phong-vhxh' })]);
    expect(mid.pendingExtension).toMatchObject({ requestId: 'r2', proposedDueOn: '2025-03-28' });
    expect(mid.effectiveDueOn).toBe('2025-03-14');
    expect(mid.percent).toBe(30);

    const more = makeEvents(task.id, [
      ...events.map(({ order, taskId, actorAccount, ...e }) => (void order, void taskId, void actorAccount, e)),
      { type: 'extensionDecision', on: '2025-03-13', requestId: 'r2', accepted: true, newDueOn: '2025-03-28', note: '' },
      { type: 'completion', on: '2025-03-27', completedOn: '2025-03-26', resultText: 'Xong', reportNumber: '5/BC', attachments: [] },
    ] as Parameters<typeof makeEvents>[1]);
    const done = foldTask(task, more);
    expect(done).toMatchObject({ status: 'completed', completedOn: '2025-03-26', percent: 100, originalDueOn: '2025-03-14', effectiveDueOn: '2025-03-28', pendingExtension: null });
    expect(done.deadlineHistory).toEqual([expect.objectContaining({ fromDueOn: '2025-03-14', toDueOn: '2025-03-28', requestId: 'r2', reason: 'Chờ ý kiến Sở' })]);

    const reopened = foldTask(task, [...more, ...makeEvents(task.id, [{ type: 'reopen', on: '2025-04-01', reason: 'Kết quả chưa đạt' }]).map((e) => ({ ...e, order: `9${e.order}` }))]);
    expect(reopened).toMatchObject({ status: 'active', completedOn: null, percent: 30 });
  });

  it('lets a later edit of the responsible official win over an earlier reassignment', () => {
    const events = makeEvents(task.id, [{ type: 'reassignment', on: '2025-03-06', newLeadUnitId: 'phong-vhxh', newResponsibleOfficialId: 'official-vh', reason: 'Đúng chức năng' }]);
    const later = foldTask({ ...task, responsibleOfficialId: 'official-new' }, events, undefined, { responsibleOfficialId: '999999999999999-0000-site|site' });
    expect(later.responsibleOfficialId).toBe('official-new');
    const earlier = foldTask({ ...task, responsibleOfficialId: 'official-new' }, events, undefined, { responsibleOfficialId: '000000000000001-0000-site|site' });
    expect(earlier.responsibleOfficialId).toBe('official-vh');
  });
});

describe('rates', () => {
  /**
   * Báo cáo 1270/BC-TCTTTg (2017): 14.068 done on time, 1.983 done late, 5.640 open within
   * deadline, 223 overdue; printed "16.051 nhiệm vụ đến hạn đã hoàn thành, đạt 98,62%" and
   * "quá hạn chỉ chiếm 1,38%". Build that many real tasks and categorise them.
   */
  function governmentOffice2017(): TaskCategory[] {
    const asOf = '2017-12-25';
    const out: TaskCategory[] = [];
    const add = (n: number, t: Task, ev: TaskEvent[]) => {
      const c = categorize(t, ev, asOf, extended);
      for (let i = 0; i < n; i++) out.push(c!);
    };
    const t = makeTask({ assignedOn: '2017-03-01', dueOn: '2017-06-30', deadline: { kind: 'fixed', date: '2017-06-30' } });
    add(14_068, t, completedOn('2017-06-30', t));
    add(1_983, t, completedOn('2017-07-03', t));
    add(5_640, makeTask({ assignedOn: '2017-11-01', dueOn: '2018-03-30', deadline: { kind: 'fixed', date: '2018-03-30' } }), []);
    add(223, t, []);
    return out;
  }
  const counts = countCategories(governmentOffice2017());

  it('reproduces the Government Office 2017 headline with the "tasks come due" formula', () => {
    expect(counts).toMatchObject({ doneOnTime: 14_068, doneLate: 1_983, openWithinDeadline: 5_640, openOverdue: 223 });
    const headline = computeRate(counts, 'dueCompletion');
    expect(headline).toMatchObject({ numerator: 16_051, denominator: 16_274 });
    // 16.051 / 16.274 = 0,986297… and 223 / 16.274 = 0,013702…: half-up gives 98,63% and 1,37%
    // (the 2017 report truncated to 98,62% and rounded the overdue share up to 1,38%).
    expect(formatRate(headline)).toBe('98,63%');
    expect(formatRate(computeRate(counts, 'dueOverdueShare'))).toBe('1,37%');
    // The second rate of the same report: on time among completions, 14.068 / 16.051 = 87,646…%.
    expect(computeRate(counts, 'completedOnTime')).toMatchObject({ numerator: 14_068, denominator: 16_051, basisPoints: 8765 });
  });

  it('gives different numbers under the other named formulas', () => {
    expect(formatRate(computeRate(counts, 'dueOnTime'))).toBe('86,44%');
    expect(computeRate(counts, 'overdueShare')).toMatchObject({ numerator: 223, denominator: 21_914 });
    expect(formatRate(computeRate(counts, 'overdueShare'))).toBe('1,02%');
    const withDeadline = computeRate({ ...counts, doneNoDeadline: 100, openNoDeadline: 50 }, 'withDeadlineOnTime');
    expect(withDeadline).toMatchObject({ numerator: 14_068, denominator: 21_914 });
  });

  it('prints each formula in the words of the counts it divides', () => {
    expect(Object.fromEntries(Object.values(rateFormulas).map((f) => [f.id, f.formulaText]))).toEqual({
      dueCompletion: '(Hoàn thành đúng hạn + Hoàn thành quá hạn) / (Hoàn thành đúng hạn + Hoàn thành quá hạn + Quá hạn chưa hoàn thành)',
      dueOnTime: 'Hoàn thành đúng hạn / (Hoàn thành đúng hạn + Hoàn thành quá hạn + Quá hạn chưa hoàn thành)',
      dueOverdueShare: 'Quá hạn chưa hoàn thành / (Hoàn thành đúng hạn + Hoàn thành quá hạn + Quá hạn chưa hoàn thành)',
      overdueShare: 'Quá hạn chưa hoàn thành / Tổng số nhiệm vụ',
      withDeadlineOnTime: 'Hoàn thành đúng hạn / (Tổng số nhiệm vụ − Nhiệm vụ không có thời hạn)',
      completedOnTime: 'Hoàn thành đúng hạn / (Hoàn thành đúng hạn + Hoàn thành quá hạn)',
    });
  });

  it('rounds every rate half-up to two decimals, exactly', () => {
    const c = { ...countCategories([]), doneOnTime: 29, openOverdue: 71 };
    expect(formatRate(computeRate(c, 'dueOnTime'))).toBe('29,00%');
    const third = { ...countCategories([]), doneOnTime: 1, openOverdue: 2 };
    expect(formatRate(computeRate(third, 'dueOnTime'))).toBe('33,33%');
    expect(formatRate(computeRate(third, 'dueOverdueShare'))).toBe('66,67%');
    const twoThirds = { ...countCategories([]), doneOnTime: 2, openOverdue: 1 };
    expect(formatRate(computeRate(twoThirds, 'dueOnTime'))).toBe('66,67%');
    expect(formatRate(computeRate(twoThirds, 'dueOverdueShare'))).toBe('33,33%');
    expect(formatRate(computeRate(countCategories([]), 'dueCompletion'))).toBe('—');
  });

  it('basisPointsHalfUp: a half basis point goes up, less stays down, in integers even for huge counts', () => {
    expect(basisPointsHalfUp(2, 3)).toBe(6667);
    expect(basisPointsHalfUp(1, 3)).toBe(3333);
    expect(basisPointsHalfUp(1, 8)).toBe(1250);
    expect(basisPointsHalfUp(1, 20_000)).toBe(1); // 0,5 basis point
    expect(basisPointsHalfUp(1, 40_000)).toBe(0); // 0,25
    expect(basisPointsHalfUp(3, 40_000)).toBe(1); // 0,75
    expect(basisPointsHalfUp(0, 7)).toBe(0);
    expect(basisPointsHalfUp(7, 7)).toBe(10_000);
    // 2^40 − 1 out of 2^40 is 99,99999…%: rounds to 100,00%, never past it.
    expect(basisPointsHalfUp(2 ** 40 - 1, 2 ** 40)).toBe(10_000);
    // 0,49995 = 4 999,5 basis points: exactly half, up to 5 000; 0,499949… stays at 4 999.
    expect(basisPointsHalfUp(199_980_000_000, 400_000_000_000)).toBe(5_000);
    expect(basisPointsHalfUp(199_979_999_999, 400_000_000_000)).toBe(4_999);
    expect(() => basisPointsHalfUp(1, 0)).toThrow();
  });
});

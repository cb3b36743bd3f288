import { describe, expect, it } from 'vitest';
import { addWorkingDays, type CalendarConfig } from '../calendar';
import { makeConsultation, makeReply } from './fixtures';
import { accountabilityByUnit } from './accountability';
import { deemedAgreementDate, effectiveDueOn, positionOf, positionsOf, unitsDeemedAgreed, upwardStatusOf } from './positions';
import type { UpwardAnswer, UpwardRequest } from './model';

describe('deemed agreement at the deadline boundary', () => {
  // Thu 23/4/2026 + 5 working days skips Giỗ Tổ (Sun 26/4, compensatory Mon 27/4), 30/4 and 1/5.
  const c = makeConsultation();

  it('resolves 5 working days across the April–May holidays', () => {
    expect(c.dueOn).toBe('2026-05-05');
    expect(c.dueOn).toBe(addWorkingDays('2026-04-23', 5));
  });

  it('is pending up to and including the due day, deemed agreed the day after', () => {
    expect(positionOf(c, 'ct', [], '2026-05-04').kind).toBe('pending');
    expect(positionOf(c, 'ct', [], '2026-05-05').kind).toBe('pending');
    const after = positionOf(c, 'ct', [], '2026-05-06');
    expect(after).toEqual({ kind: 'deemedAgreed', unitId: 'ct', deemedOn: '2026-05-06', lateReply: null });
    expect(deemedAgreementDate(c)).toBe('2026-05-06');
  });

  it('moves a fixed deadline on a holiday to the next working day before deeming', () => {
    const fixed = makeConsultation({ deadline: { kind: 'fixed', date: '2026-04-30' }, dueOn: '2026-04-30' });
    expect(effectiveDueOn(fixed)).toBe('2026-05-04');
    expect(positionOf(fixed, 'kt', [], '2026-05-01').kind).toBe('pending');
    expect(positionOf(fixed, 'kt', [], '2026-05-04').kind).toBe('pending');
    expect(positionOf(fixed, 'kt', [], '2026-05-05')).toMatchObject({ kind: 'deemedAgreed', deemedOn: '2026-05-05' });
  });

  it('follows an extra day off declared later (calendar override on the due day)', () => {
    const calendar: CalendarConfig = { overrides: [{ date: '2026-05-05', kind: 'dayOff', note: 'Nghỉ đột xuất' }] };
    expect(positionOf(c, 'ct', [], '2026-05-06', calendar).kind).toBe('pending');
    expect(positionOf(c, 'ct', [], '2026-05-07', calendar)).toMatchObject({ kind: 'deemedAgreed', deemedOn: '2026-05-07' });
  });

  it('counts a reply on the due day as on time', () => {
    const r = makeReply('kt', 'agree', '2026-05-05');
    expect(positionOf(c, 'kt', [r], '2026-05-20')).toMatchObject({ kind: 'replied', position: 'agree' });
  });

  it('ignores replies recorded after the as-of date', () => {
    const r = makeReply('kt', 'disagree', '2026-05-04', 'x'.repeat(40));
    expect(positionOf(c, 'kt', [r], '2026-05-03').kind).toBe('pending');
    expect(positionOf(c, 'kt', [r], '2026-05-04')).toMatchObject({ kind: 'replied', position: 'disagree' });
  });
});

describe('late reply after deemed agreement', () => {
  const c = makeConsultation();
  const late = makeReply('tc', 'disagree', '2026-05-08', 'Đề nghị bỏ mục chi thường xuyên vì vượt dự toán ngân sách năm 2027.');

  it('keeps the unit deemed agreed and attaches the late reply', () => {
    const p = positionOf(c, 'tc', [late], '2026-05-10');
    expect(p).toEqual({ kind: 'deemedAgreed', unitId: 'tc', deemedOn: '2026-05-06', lateReply: late });
  });

  it('before the late reply arrives, the unit is deemed agreed without a reply', () => {
    expect(positionOf(c, 'tc', [late], '2026-05-07')).toMatchObject({ kind: 'deemedAgreed', lateReply: null });
  });

  it('a late reply does not remove the unit from the notice', () => {
    expect(unitsDeemedAgreed(c, [late], '2026-05-10')).toEqual(['kt', 'vhxh', 'tc', 'ct']);
    const onTime = makeReply('kt', 'agree', '2026-04-24');
    expect(unitsDeemedAgreed(c, [late, onTime], '2026-05-10')).toEqual(['vhxh', 'tc', 'ct']);
  });

  it('the earliest reply counts when a unit has two', () => {
    const a = makeReply('vhxh', 'agree', '2026-04-28');
    const b = makeReply('vhxh', 'disagree', '2026-04-29', 'y'.repeat(40));
    expect(positionOf(c, 'vhxh', [b, a], '2026-05-10')).toMatchObject({ kind: 'replied', position: 'agree', reply: a });
  });

  it('positionsOf lists units in the request order', () => {
    expect(positionsOf(c, [], '2026-04-24').map((p) => p.unitId)).toEqual(['kt', 'vhxh', 'tc', 'ct']);
  });
});

describe('accountability figures', () => {
  it('counts on time, late, no reply and pending per unit for the period of the deadline', () => {
    const c = makeConsultation();
    const c2 = makeConsultation({ id: 'c2', requestedOn: '2026-05-25', deadline: { kind: 'workingDays', days: 5, from: '2026-05-25' } });
    const replies = [
      makeReply('kt', 'agree', '2026-04-24'),
      makeReply('vhxh', 'disagree', '2026-05-04', 'z'.repeat(40)),
      makeReply('tc', 'agree', '2026-05-08'),
      makeReply('kt', 'agree', '2026-05-26', '', 'c2'),
    ];
    const may = accountabilityByUnit({ consultations: [c, c2], replies }, { from: '2026-05-01', to: '2026-05-31' });
    const get = (u: string) => may.find((r) => r.unitId === u)!;
    // c2 is due 1/6, outside May.
    expect(get('kt')).toMatchObject({ consulted: 1, onTime: 1, late: 0, noReply: 0 });
    expect(get('tc')).toMatchObject({ consulted: 1, late: 1, noReply: 0 });
    expect(get('ct')).toMatchObject({ consulted: 1, noReply: 1 });
    // As of the due day itself nothing is late yet.
    const early = accountabilityByUnit({ consultations: [c], replies }, { from: '2026-05-01', to: '2026-05-31' }, { asOf: '2026-05-05' });
    expect(early.find((r) => r.unitId === 'ct')).toMatchObject({ pending: 1, noReply: 0 });
  });

  it('counts requests upward and those returned as within the unit\'s authority', () => {
    const base = { subject: 's', content: 'c', toUnitId: 'ubnd', addressee: 'authority' as const, beyondAuthorityReason: 'r', attachments: [], deadline: { kind: 'workingDays' as const, days: 15, from: '2026-03-02' }, dueOn: '2026-03-23', taskId: null };
    const reqs: UpwardRequest[] = [
      { ...base, id: 'u1', fromUnitId: 'xa', requestedOn: '2026-03-02' },
      { ...base, id: 'u2', fromUnitId: 'xa', requestedOn: '2026-03-03' },
      { ...base, id: 'u3', fromUnitId: 'kt', requestedOn: '2026-04-03' },
    ];
    const answers: UpwardAnswer[] = [
      { id: 'a1', requestId: 'u1', kind: 'returned', content: 'Thuộc thẩm quyền của xã', answerRef: '', answeredOn: '2026-03-10', recordedBy: 't' },
      { id: 'a2', requestId: 'u2', kind: 'decision', content: 'Đồng ý chủ trương', answerRef: '', answeredOn: '2026-03-30', recordedBy: 't' },
    ];
    const rows = accountabilityByUnit({ consultations: [], replies: [], upwardRequests: reqs, upwardAnswers: answers }, { from: '2026-03-01', to: '2026-03-31' });
    expect(rows).toEqual([expect.objectContaining({ unitId: 'xa', upwardSubmitted: 2, upwardReturned: 1 })]);
    expect(upwardStatusOf(reqs[1], answers, '2026-03-31')).toMatchObject({ kind: 'decision', late: true });
    expect(upwardStatusOf(reqs[1], answers, '2026-03-24')).toEqual({ kind: 'pending', overdue: true });
    expect(upwardStatusOf(reqs[1], answers, '2026-03-23')).toEqual({ kind: 'pending', overdue: false });
  });
});

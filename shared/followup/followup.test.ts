import { describe, expect, it } from 'vitest';
import { buildFollowUpBatch } from '../letters/templates/followUp';
import { sampleIssuer } from '../letters/__fixtures__/samples';
import { makeEvents } from '../tasks/fixtures';
import {
  batchUnits,
  buildChairReport,
  dailySummary,
  escalationNote,
  escalations,
  extensionNote,
  followUpEntries,
  groupByUnit,
  letterEntries,
  nextStep,
  NO_ESCALATION,
  purposeForReminder,
  reminderCountFor,
  shouldNotify,
  summaryNotice,
  toLetterRow,
  unitsForBatch,
  type FollowUpItem,
  type FollowUpRecord,
} from '.';

const rec = (letterId: string, purpose: FollowUpRecord['purpose'], date: string, number: number, taskIds: string[]): FollowUpRecord => ({ letterId, purpose, date, number, symbol: 'UBND-VP', taskIds });

function item(taskId: string, leadUnitId: string, kind: FollowUpItem['kind'], overdueDays = 0, dueOn = '2026-03-02'): FollowUpItem {
  return { taskId, title: `Nhiệm vụ ${taskId}`, leadUnitId, kind, dueOn, overdueDays, remainingWorkingDays: kind === 'dueSoon' ? 2 : null, sourceRef: 'Kế hoạch số 01/KH-UBND', percent: 0, assignedOn: '2026-01-05' };
}

describe('escalation ladder', () => {
  it('counts reminders per task, whatever the letter purpose, and orders by date', () => {
    const ladders = escalations([
      rec('b', 'followUp2', '2026-03-20', 7, ['t1', 't2']),
      rec('a', 'followUp1', '2026-03-10', 3, ['t1']),
      rec('c', 'reportToChair', '2026-04-01', 9, ['t1']),
    ]);
    const t1 = ladders.get('t1')!;
    expect(t1.reminders).toBe(2);
    expect(t1.reportedToChair).toBe(true);
    expect(t1.reached).toBe('reportToChair');
    expect(t1.history.map((h) => [h.step, h.date])).toEqual([
      ['followUp1', '2026-03-10'],
      ['followUp2', '2026-03-20'],
      ['reportToChair', '2026-04-01'],
    ]);
    // t2 was named only by the second letter: that is its FIRST reminder.
    const t2 = ladders.get('t2')!;
    expect(t2.reminders).toBe(1);
    expect(t2.reached).toBe('followUp1');
    expect(t2.last?.number).toBe(7);
    expect(ladders.has('t3')).toBe(false);
  });

  it('climbs followUp1 → followUp2 → reportToChair, waiting the set working days after each letter', () => {
    expect(nextStep('overdue', NO_ESCALATION, '2026-03-11')).toEqual({ step: 'followUp1', dueOn: '2026-03-11' });
    const once = escalations([rec('a', 'followUp1', '2026-03-10', 1, ['t'])]).get('t')!;
    // Tuesday 10/03 + 5 working days = Tuesday 17/03.
    expect(nextStep('overdue', once, '2026-03-11')).toEqual({ step: 'followUp2', dueOn: '2026-03-17' });
    expect(nextStep('overdue', once, '2026-03-11', { waitWorkingDays: 1 })?.dueOn).toBe('2026-03-11');
    const twice = escalations([rec('a', 'followUp1', '2026-03-10', 1, ['t']), rec('b', 'followUp2', '2026-03-17', 2, ['t'])]).get('t')!;
    expect(nextStep('overdue', twice, '2026-03-30')?.step).toBe('reportToChair');
    const done = escalations([rec('a', 'followUp1', '2026-03-10', 1, ['t']), rec('b', 'followUp2', '2026-03-17', 2, ['t']), rec('c', 'reportToChair', '2026-03-25', 3, ['t'])]).get('t')!;
    expect(nextStep('overdue', done, '2026-04-30')).toBeNull();
  });

  it('reminds a due-soon task once and no more until it is overdue', () => {
    const once = escalations([rec('a', 'followUp1', '2026-03-10', 1, ['t'])]).get('t')!;
    expect(nextStep('dueSoon', NO_ESCALATION, '2026-03-10')?.step).toBe('followUp1');
    expect(nextStep('dueSoon', once, '2026-04-30')).toBeNull();
  });

  it('prints "lần thứ N" only when it is true of every overdue task in the letter', () => {
    const once = escalations([rec('a', 'followUp1', '2026-03-10', 1, ['t'])]).get('t')!;
    expect(reminderCountFor([{ kind: 'overdue', escalation: once }])).toBe(2);
    expect(reminderCountFor([{ kind: 'overdue', escalation: once }, { kind: 'overdue', escalation: NO_ESCALATION }])).toBe(1);
    expect(reminderCountFor([{ kind: 'overdue', escalation: once }, { kind: 'dueSoon', escalation: NO_ESCALATION }])).toBe(2);
    expect(reminderCountFor([{ kind: 'dueSoon', escalation: NO_ESCALATION }])).toBe(1);
    expect(purposeForReminder(1)).toBe('followUp1');
    expect(purposeForReminder(3)).toBe('followUp2');
  });
});

describe('grouping by unit', () => {
  const ladders = escalations([rec('a', 'followUp1', '2026-03-10', 4, ['k1'])]);
  const entries = followUpEntries(
    [item('k1', 'KT', 'overdue', 5), item('k2', 'KT', 'dueSoon', 0, '2026-03-13'), item('v1', 'VH', 'overdue', 40), item('v2', 'VH', 'overdue', 2), item('x1', 'XA', 'dueSoon', 0, '2026-03-12')],
    ladders,
    '2026-03-11',
  );
  const groups = groupByUnit(entries, (id) => ({ KT: 'Phòng Kinh tế', VH: 'Phòng Văn hóa', XA: 'Xã An' })[id] ?? id);

  it('orders units by overdue count, then oldest overdue, and counts each kind', () => {
    expect(groups.map((g) => [g.unitId, g.overdue, g.dueSoon, g.maxOverdueDays])).toEqual([
      ['VH', 2, 0, 40],
      ['KT', 1, 1, 5],
      ['XA', 0, 1, 0],
    ]);
    expect(groups[0].entries.map((e) => e.taskId)).toEqual(['v1', 'v2']);
  });

  it('leaves a task reminded yesterday out of today’s letter and the batch', () => {
    const kt = groups.find((g) => g.unitId === 'KT')!;
    expect(kt.remindersDue).toBe(1);
    expect(letterEntries(kt).map((e) => e.taskId)).toEqual(['k2']);
    // KT's only overdue task waits; its due-soon one alone does not warrant a batch letter.
    expect(unitsForBatch(groups).map((g) => g.unitId)).toEqual(['VH']);
  });

  it('feeds the batch template one letter per unit with its rows', () => {
    const letters = buildFollowUpBatch({ issuer: sampleIssuer, asOf: '2026-03-11', units: batchUnits(unitsForBatch(groups), () => 'Phòng Văn hóa'), numbers: [12] });
    expect(letters).toHaveLength(1);
    const table = letters[0].letter.blocks.find((b) => b.type === 'table');
    expect(table?.type === 'table' && table.rows.map((r) => r[1])).toEqual(['Nhiệm vụ v1', 'Nhiệm vụ v2']);
    expect(letters[0].letter.number).toBe(12);
  });

  it('carries the earlier reminder for the letter to cite once, not in the Tình trạng column', () => {
    const k1 = entries.find((e) => e.taskId === 'k1')!;
    expect(escalationNote(k1.escalation)).toBe('Đã đôn đốc lần 1 (Công văn số 04/UBND-VP ngày 10/03/2026)');
    expect(toLetterRow(k1)).toMatchObject({ status: 'overdue', daysOverdue: 5, earlierReminder: { number: 4, symbol: 'UBND-VP', date: '2026-03-10' } });
    expect(toLetterRow(k1).progressNote).toBeUndefined();
    expect(toLetterRow({ ...k1, percent: 30, escalation: NO_ESCALATION }).progressNote).toBe('Đã thực hiện 30%');
  });

  it('summarises the day for the notification', () => {
    const s = dailySummary(groups);
    expect(s).toEqual({ overdue: 3, dueSoon: 2, unitsToFollowUp: 3, reportsDue: 0 });
    expect(summaryNotice(s)?.body).toBe('3 nhiệm vụ quá hạn, 2 sắp đến hạn, 3 đơn vị cần đôn đốc');
    expect(summaryNotice({ overdue: 0, dueSoon: 0, unitsToFollowUp: 0, reportsDue: 0 })).toBeNull();
    expect(summaryNotice({ overdue: 1200, dueSoon: 0, unitsToFollowUp: 1, reportsDue: 2 })?.body).toBe('1.200 nhiệm vụ quá hạn, 0 sắp đến hạn, 1 đơn vị cần đôn đốc, 2 nhiệm vụ cần báo cáo Chủ tịch');
  });

  it('notifies once per day', () => {
    expect(shouldNotify(null, '2026-03-11')).toBe(true);
    expect(shouldNotify('2026-03-10', '2026-03-11')).toBe(true);
    expect(shouldNotify('2026-03-11', '2026-03-11')).toBe(false);
  });
});

describe('report to the Chair', () => {
  it('lists the tasks with the reminders already sent', () => {
    const ladders = escalations([rec('a', 'followUp1', '2026-03-10', 4, ['v1']), rec('b', 'followUp2', '2026-03-17', 8, ['v1'])]);
    const [e] = followUpEntries([item('v1', 'VH', 'overdue', 40)], ladders, '2026-03-30');
    expect(e.next?.step).toBe('reportToChair');
    const letter = buildChairReport({
      issuer: { ...sampleIssuer, issuingAgency: 'Văn phòng HĐND và UBND', authorityName: 'Văn phòng HĐND và UBND xã', agencyAbbr: 'VP' },
      chairName: 'Chủ tịch Ủy ban nhân dân xã',
      authorityName: 'Ủy ban nhân dân xã',
      asOf: '2026-03-30',
      tasks: [{ ...e, unitName: 'Phòng Văn hóa' }],
    });
    expect(letter.kind).toBe('report');
    expect(letter.symbol).toBe('BC-VP');
    expect(letter.recipients).toEqual(['Chủ tịch Ủy ban nhân dân xã']);
    // Every task in the same reminders: cited once, in full, in the opening paragraph; no column repeats them.
    const opening = letter.blocks[0];
    expect(opening.type === 'paragraph' && opening.text).toContain(
      'Văn phòng HĐND và UBND xã đã ban hành Công văn số 04/UBND-VP ngày 10/03/2026 và Công văn số 08/UBND-VP ngày 17/03/2026 đôn đốc các đơn vị.',
    );
    const table = letter.blocks.find((b) => b.type === 'table');
    expect(table?.type === 'table' && table.columns.map((c) => c.header)).toEqual(['STT', 'Nhiệm vụ', 'Đơn vị chủ trì', 'Thời hạn', 'Số ngày quá hạn']);
    expect(table?.type === 'table' && table.rows[0]).toEqual(['1', 'Nhiệm vụ v1', 'Phòng Văn hóa', '02/03/2026', '40']);
    expect(JSON.stringify(table)).not.toContain('04/UBND-VP');
  });

  it('tasks reminded in different letters keep the "Đã đôn đốc" column, each row with its own', () => {
    const ladders = escalations([rec('a', 'followUp1', '2026-03-10', 4, ['v1', 'v2']), rec('b', 'followUp2', '2026-03-17', 8, ['v1']), rec('c', 'followUp2', '2026-03-18', 9, ['v2'])]);
    const entries = followUpEntries([item('v1', 'VH', 'overdue', 40), item('v2', 'KT', 'overdue', 30)], ladders, '2026-03-30');
    const letter = buildChairReport({
      issuer: { ...sampleIssuer, issuingAgency: 'Văn phòng HĐND và UBND', authorityName: 'Văn phòng HĐND và UBND xã', agencyAbbr: 'VP' },
      chairName: 'Chủ tịch Ủy ban nhân dân xã',
      authorityName: 'Ủy ban nhân dân xã',
      asOf: '2026-03-30',
      tasks: entries.map((e) => ({ ...e, unitName: e.leadUnitId === 'VH' ? 'Phòng Văn hóa' : 'Phòng Kinh tế' })),
    });
    const opening = letter.blocks[0];
    expect(opening.type === 'paragraph' && opening.text).toContain('đã ban hành văn bản đôn đốc các đơn vị.');
    const table = letter.blocks.find((b) => b.type === 'table');
    expect(table?.type === 'table' && table.rows).toEqual([
      ['1', 'Nhiệm vụ v1', 'Phòng Văn hóa', '02/03/2026', '40', 'Số 04/UBND-VP ngày 10/03/2026; Số 08/UBND-VP ngày 17/03/2026'],
      ['2', 'Nhiệm vụ v2', 'Phòng Kinh tế', '02/03/2026', '30', 'Số 04/UBND-VP ngày 10/03/2026; Số 09/UBND-VP ngày 18/03/2026'],
    ]);
  });
});

describe('late acceptance and the deciding leader in the công văn', () => {
  it('addresses a completion report left unanswered past the working days to the assigner, with the product reported', () => {
    const late: FollowUpItem = {
      ...item('a1', 'tyt', 'acceptanceLate', 6, '2026-03-09'),
      addressedUnitId: 'pkt',
      reportedOn: '2026-03-02',
      expectedProduct: 'Báo cáo gửi UBND xã',
      deliveredProduct: 'Báo cáo kết quả (số 12/BC-TYT ngày 02/03/2026)',
    };
    const names: Record<string, string> = { tyt: 'Trạm Y tế', pkt: 'Phòng Kinh tế' };
    const groups = groupByUnit(followUpEntries([late, item('o1', 'tyt', 'overdue', 3)], new Map(), '2026-03-15'));
    expect(groups.map((g) => [g.unitId, g.overdue, g.acceptanceLate])).toEqual([
      ['tyt', 1, 0],
      ['pkt', 0, 1],
    ]);
    expect(unitsForBatch(groups).map((g) => g.unitId)).toEqual(['tyt', 'pkt']);
    const [batchPkt] = batchUnits(groups.slice(1), (id) => names[id]);
    const row = batchPkt.tasks[0];
    expect(row).toMatchObject({ status: 'acceptanceLate', daysOverdue: 6, leadUnitName: 'Trạm Y tế', reportedOn: '2026-03-02' });
    expect(row.title).toBe('Nhiệm vụ a1 (sản phẩm: Báo cáo gửi UBND xã; sản phẩm đã báo cáo: Báo cáo kết quả (số 12/BC-TYT ngày 02/03/2026))');
    const [letter] = buildFollowUpBatch({ issuer: sampleIssuer, asOf: '2026-03-15', units: [batchPkt] }).map((l) => l.letter);
    expect(letter.subject).toBe('đôn đốc xác nhận hoàn thành nhiệm vụ');
    expect(letter.recipients).toEqual(['Phòng Kinh tế']);
    const text = JSON.stringify(letter.blocks);
    expect(text).toContain('Trạm Y tế đã báo cáo hoàn thành ngày 02/03/2026; chưa được xác nhận, quá thời hạn xác nhận');
    expect(text).toContain('xác nhận hoàn thành hoặc trả lại, yêu cầu bổ sung');
  });

  it('the latest granted extension names the leader who decided and the document', () => {
    const events = makeEvents('t1', [
      { type: 'extensionDecision', on: '2026-02-10', requestId: 'r1', accepted: true, newDueOn: '2026-02-27', note: '', decidedByOfficialId: 'vice', decisionNumber: '', decisionDate: null },
      { type: 'extensionDecision', on: '2026-02-25', requestId: 'r2', accepted: true, newDueOn: '2026-03-13', note: '', decidedByOfficialId: 'chair', decisionNumber: '45/UBND-VP', decisionDate: '2026-02-25' },
      { type: 'extensionDecision', on: '2026-03-01', requestId: 'r3', accepted: false, newDueOn: null, note: 'Không', decidedByOfficialId: 'chair' },
    ]);
    const leader = (id: string) => (id === 'chair' ? 'Nguyễn Văn An, Chủ tịch UBND xã' : null);
    expect(extensionNote(events, leader)).toBe('Đã gia hạn đến 13/03/2026 theo quyết định của Nguyễn Văn An, Chủ tịch UBND xã (văn bản số 45/UBND-VP ngày 25/02/2026)');
    expect(extensionNote(events.slice(0, 1), leader)).toBe('Đã gia hạn đến 27/02/2026');
    expect(extensionNote([], leader)).toBe('');
    const row = toLetterRow({ ...followUpEntries([item('t1', 'tyt', 'overdue', 2)], new Map(), '2026-03-15')[0], decisionNote: extensionNote(events, leader) });
    const letter = buildFollowUpBatch({ issuer: sampleIssuer, asOf: '2026-03-15', units: [{ unit: { name: 'Trạm Y tế' }, tasks: [row] }] })[0].letter;
    expect(JSON.stringify(letter.blocks)).toContain('Quá hạn, chưa hoàn thành. Đã gia hạn đến 13/03/2026 theo quyết định của Nguyễn Văn An, Chủ tịch UBND xã');
  });
});

import { describe, expect, it } from 'vitest';
import { makeEvents, makeTask } from '../tasks/fixtures';
import { foldTask } from '../tasks/state';
import { computeReport, reportTaskOf } from './compute';
import { decisionLines } from './decisions';
import { reportSections, reportSheets } from './export';
import { FIXTURE_UNITS, fixtureParams } from './fixtures';

const leaders: Record<string, string> = { chair: 'Nguyễn Văn An, Chủ tịch UBND xã', vice: 'Trần Thị Bình, Phó Chủ tịch UBND xã' };
const leader = (id: string) => leaders[id] ?? null;
const unitName = (id: string) => FIXTURE_UNITS.find((u) => u.id === id)?.name ?? id;

const task = makeTask({ id: 'T1', title: 'Rà soát hộ nghèo', leadUnitId: 'pvh', supportUnitIds: [], assignedOn: '2026-01-05', dueOn: '2026-02-27', deadline: { kind: 'fixed', date: '2026-02-27' }, expectedProduct: 'Báo cáo gửi UBND xã' });
const events = makeEvents('T1', [
  { type: 'extensionRequest', on: '2026-02-20', reason: 'Chờ số liệu thôn', proposedDueOn: '2026-03-13' },
  { type: 'extensionDecision', on: '2026-02-23', requestId: 'T1-e1', accepted: true, newDueOn: '2026-03-13', note: '', decidedByOfficialId: 'vice', decisionNumber: '45/UBND-VP', decisionDate: '2026-02-23' },
  { type: 'completion', on: '2026-03-10', completedOn: '2026-03-10', resultText: 'Đã rà soát', reportNumber: '', attachments: [], product: 'Báo cáo kết quả rà soát', productNumber: '12/BC-VHXH', productDate: '2026-03-10', awaitsAcceptance: true },
  { type: 'completionReturn', on: '2026-03-12', reportId: 'T1-e3', reason: 'Thiếu danh sách hộ', decidedByOfficialId: 'chair', decisionNumber: '', decisionDate: null },
  { type: 'completion', on: '2026-03-16', completedOn: '2026-03-16', resultText: 'Đã bổ sung', reportNumber: '', attachments: [], product: 'Báo cáo kết quả rà soát', productNumber: '15/BC-VHXH', productDate: '2026-03-16', awaitsAcceptance: true },
  { type: 'completionAcceptance', on: '2026-03-18', reportId: 'T1-e5', note: '', decidedByOfficialId: 'chair', decisionNumber: '', decisionDate: null },
  { type: 'extensionDecision', on: '2026-03-19', requestId: 'none', accepted: false, newDueOn: null, note: 'Không cần', decidedByOfficialId: 'chair' },
]);
const other = makeTask({ id: 'T2', title: 'Kiểm tra chợ', leadUnitId: 'pkt', supportUnitIds: [], assignedOn: '2026-01-05', dueOn: '2026-06-30', deadline: { kind: 'fixed', date: '2026-06-30' } });
const otherEvents = makeEvents('T2', [{ type: 'cancel', on: '2026-04-02', reason: 'Đã lồng ghép', decidedByOfficialId: 'chair', decisionNumber: '60/QĐ-UBND', decisionDate: '2026-04-01' }]);

describe('leaders’ decisions in a report', () => {
  const tasks = [
    { id: 'T1', title: task.title, leadUnitId: 'pvh', leadUnitName: unitName('pvh') },
    { id: 'T2', title: other.title, leadUnitId: 'pkt', leadUnitName: unitName('pkt') },
  ];
  const lines = decisionLines(tasks, [...otherEvents, ...events], { from: '2026-01-01', cutOff: '2026-03-31' }, leader, unitName);

  it('lists granted extensions, returns and acceptances of the period with the deciding leader and document; refusals and later decisions are left out', () => {
    expect(lines.map((l) => [l.kind, l.on, l.decidedBy, l.document])).toEqual([
      ['extension', '2026-02-23', 'Trần Thị Bình, Phó Chủ tịch UBND xã', 'Số 45/UBND-VP ngày 23/02/2026'],
      ['return', '2026-03-12', 'Nguyễn Văn An, Chủ tịch UBND xã', ''],
      ['acceptance', '2026-03-18', 'Nguyễn Văn An, Chủ tịch UBND xã', ''],
    ]);
    expect(lines[0].content).toBe('Gia hạn đến 13/03/2026');
    // The accepted report's product, not the returned one's.
    expect(lines[2].content).toBe('Xác nhận hoàn thành (ngày hoàn thành 16/03/2026); sản phẩm: Báo cáo kết quả rà soát (số 15/BC-VHXH ngày 16/03/2026)');
  });

  it('prints the decisions table and the product column in the báo cáo, and a sheet in the workbook', () => {
    const q2 = decisionLines(tasks, [...otherEvents, ...events], { from: '2026-04-01', cutOff: '2026-06-30' }, leader, unitName);
    expect(q2).toHaveLength(1);
    expect(q2[0]).toMatchObject({ kind: 'cancellation', decidedBy: 'Nguyễn Văn An, Chủ tịch UBND xã', document: 'Số 60/QĐ-UBND ngày 01/04/2026', content: 'Hủy nhiệm vụ. Lý do: Đã lồng ghép' });

    // As of 10/03 the task is overdue against its original deadline, so it is listed with its product.
    const cut = '2026-03-05';
    const params = fixtureParams(cut, { judgeAgainst: 'original' });
    const data = computeReport({
      params,
      tasks: [reportTaskOf(task, foldTask(task, events, cut))],
      units: FIXTURE_UNITS,
      scopeLabel: 'Tất cả đơn vị',
      decisions: decisionLines(tasks, events, { from: params.period.from, cutOff: cut }, leader, unitName),
    });
    expect(data.overdueTasks[0].expectedProduct).toBe('Báo cáo gửi UBND xã');
    const sections = reportSections(data, { omitEmpty: true });
    const sub = sections[0].subsections ?? [];
    const overdue = sub.find((s) => s.title === 'Danh mục nhiệm vụ quá hạn chưa hoàn thành')!.blocks[0];
    expect(overdue.type === 'table' && overdue.columns.map((c) => c.header)).toContain('Sản phẩm');
    expect(overdue.type === 'table' && overdue.rows[0]).toContain('Báo cáo gửi UBND xã');
    const dec = sub.find((s) => s.title.startsWith('Gia hạn, điều chỉnh'))!.blocks[0];
    expect(dec.type === 'table' && dec.rows).toEqual([['1', 'Rà soát hộ nghèo', 'Phòng Văn hóa - Xã hội', 'Gia hạn đến 13/03/2026', '23/02/2026', 'Trần Thị Bình, Phó Chủ tịch UBND xã; Số 45/UBND-VP ngày 23/02/2026']]);
    const sheet = reportSheets(data).find((s) => s.name === 'Quyết định trong kỳ')!;
    expect(sheet.rows[0]).toContain('Trần Thị Bình, Phó Chủ tịch UBND xã');
  });

  it('a unit scope keeps only its units’ decisions; without decisions given, the report has no such section', () => {
    const params = fixtureParams('2026-06-30', { scope: { kind: 'units', unitIds: ['pvh'] } });
    const all = decisionLines(tasks, [...otherEvents, ...events], { from: '2026-01-01', cutOff: '2026-06-30' }, leader, unitName);
    const data = computeReport({ params, tasks: [], units: FIXTURE_UNITS, scopeLabel: 'Một số đơn vị', decisions: all });
    expect(data.decisions?.every((d) => d.leadUnitId === 'pvh')).toBe(true);
    const bare = computeReport({ params, tasks: [], units: FIXTURE_UNITS, scopeLabel: 'Một số đơn vị' });
    expect(bare.decisions).toBeUndefined();
    expect((reportSections(bare)[0].subsections ?? []).some((s) => s.title.startsWith('Gia hạn, điều chỉnh'))).toBe(false);
  });
});

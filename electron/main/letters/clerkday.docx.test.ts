/**
 * The deciding leader, the decision document and the products ("5 rõ") as the generated .docx
 * prints them: a công văn đôn đốc (to a lead unit, and to an assigner late to accept a
 * completion) and a báo cáo with the period's decisions.
 */
import { describe, expect, it } from 'vitest';
import { buildFollowUpLetter, buildPeriodicReport } from '@shared/letters/templates';
import { sampleIssuer } from '@shared/letters/__fixtures__/samples';
import { extensionNote, toLetterRow, followUpEntries, type FollowUpItem } from '@shared/followup';
import { computeReport, decisionLines, reportSections, reportTaskOf } from '@shared/reports';
import { FIXTURE_UNITS, fixtureParams } from '@shared/reports/fixtures';
import { makeEvents, makeTask } from '@shared/tasks/fixtures';
import { foldTask } from '@shared/tasks/state';
import { renderLetterDocx } from './docx';
import { paragraphs, paragraphText, readDocx } from './__fixtures__/docxXml';

async function docxText(letter: Parameters<typeof renderLetterDocx>[0]): Promise<string> {
  // A balanced line break (the V/v line) reads as a space.
  return paragraphs(readDocx(await renderLetterDocx(letter)).document.replace(/<w:br\/>/g, '<w:t> </w:t>'))
    .map(paragraphText)
    .join('\n');
}

const leader = (id: string) => (id === 'vice' ? 'Trần Thị Bình, Phó Chủ tịch UBND xã' : id === 'chair' ? 'Nguyễn Văn An, Chủ tịch UBND xã' : null);
const unitName = (id: string) => FIXTURE_UNITS.find((u) => u.id === id)?.name ?? id;

const task = makeTask({ id: 'T1', title: 'Rà soát hộ nghèo', leadUnitId: 'pvh', supportUnitIds: [], assignedOn: '2026-01-05', dueOn: '2026-02-27', deadline: { kind: 'fixed', date: '2026-02-27' }, expectedProduct: 'Báo cáo gửi UBND xã' });
const events = makeEvents('T1', [
  { type: 'extensionRequest', on: '2026-02-20', reason: 'Chờ số liệu thôn', proposedDueOn: '2026-03-06' },
  { type: 'extensionDecision', on: '2026-02-23', requestId: 'T1-e1', accepted: true, newDueOn: '2026-03-06', note: '', decidedByOfficialId: 'vice', decisionNumber: '45/UBND-VP', decisionDate: '2026-02-23' },
]);

function item(over: Partial<FollowUpItem>): FollowUpItem {
  return { taskId: 'T1', title: task.title, leadUnitId: 'pvh', kind: 'overdue', dueOn: '2026-03-06', overdueDays: 9, remainingWorkingDays: null, sourceRef: 'Kế hoạch số 01/KH-UBND', percent: 40, assignedOn: '2026-01-05', expectedProduct: 'Báo cáo gửi UBND xã', ...over };
}

describe('decisions and products printed in letters (.docx text)', () => {
  it('a công văn đôn đốc prints the product and the extension with the deciding leader and document', async () => {
    const [entry] = followUpEntries([item({ decisionNote: extensionNote(events, leader) })], new Map(), '2026-03-15');
    const letter = buildFollowUpLetter({ issuer: sampleIssuer, unit: { name: 'Phòng Văn hóa - Xã hội' }, tasks: [toLetterRow(entry, unitName)], asOf: '2026-03-15', date: '2026-03-16', number: 7 });
    const text = await docxText(letter);
    expect(text).toContain('Rà soát hộ nghèo (sản phẩm: Báo cáo gửi UBND xã)');
    expect(text).toContain('Quá hạn, chưa hoàn thành. Đã gia hạn đến 06/03/2026 theo quyết định của Trần Thị Bình, Phó Chủ tịch UBND xã (văn bản số 45/UBND-VP ngày 23/02/2026). Đã thực hiện 40%');
  });

  it('a công văn to an assigner late to accept says whose the delay is, with the product reported', async () => {
    const [entry] = followUpEntries([item({ kind: 'acceptanceLate', addressedUnitId: 'pkt', dueOn: '2026-03-09', overdueDays: 6, reportedOn: '2026-03-02', deliveredProduct: 'Báo cáo kết quả rà soát (số 12/BC-VHXH ngày 02/03/2026)' })], new Map(), '2026-03-15');
    const letter = buildFollowUpLetter({ issuer: sampleIssuer, unit: { name: 'Phòng Kinh tế' }, tasks: [toLetterRow(entry, unitName)], asOf: '2026-03-15', date: '2026-03-16', number: 8 });
    const text = await docxText(letter);
    expect(text).toContain('V/v đôn đốc xác nhận hoàn thành nhiệm vụ');
    expect(text).toContain('Phòng Kinh tế còn 1 nhiệm vụ đơn vị chủ trì đã báo cáo hoàn thành nhưng chưa được xác nhận hoàn thành hoặc trả lại, đã quá thời hạn xác nhận');
    expect(text).toContain('sản phẩm đã báo cáo: Báo cáo kết quả rà soát (số 12/BC-VHXH ngày 02/03/2026)');
    expect(text).toContain('Phòng Văn hóa - Xã hội đã báo cáo hoàn thành ngày 02/03/2026; chưa được xác nhận, quá thời hạn xác nhận');
    expect(text).not.toContain('Đã thực hiện 40%');
  });

  it('a báo cáo lists the period’s decisions with the leader and document, and the overdue tasks with their product', async () => {
    const cut = '2026-03-15';
    const params = fixtureParams(cut);
    const data = computeReport({
      params,
      tasks: [reportTaskOf(task, foldTask(task, events, cut))],
      units: FIXTURE_UNITS,
      scopeLabel: 'Tất cả đơn vị',
      decisions: decisionLines([{ id: 'T1', title: task.title, leadUnitId: 'pvh', leadUnitName: unitName('pvh') }], events, { from: params.period.from, cutOff: cut }, leader, unitName),
    });
    const letter = buildPeriodicReport({ issuer: sampleIssuer, periodLabel: data.periodLabel, sections: reportSections(data, { omitEmpty: true }), number: 12, date: '2026-03-16' });
    const text = await docxText(letter);
    expect(text).toContain('Gia hạn, điều chỉnh, hủy nhiệm vụ và xác nhận hoàn thành trong kỳ');
    expect(text).toContain('Lãnh đạo quyết định; văn bản');
    expect(text).toContain('Gia hạn đến 06/03/2026');
    expect(text).toContain('Trần Thị Bình, Phó Chủ tịch UBND xã; Số 45/UBND-VP ngày 23/02/2026');
    expect(text).toMatch(/Sản phẩm[\s\S]*Rà soát hộ nghèo\nBáo cáo gửi UBND xã/);
  });
});

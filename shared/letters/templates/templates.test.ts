import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import type { LetterBlock, TableBlock } from '../model';
import { sampleBatchUnits, sampleIssuer, sampleTasks } from '../__fixtures__/samples';
import {
  FOLLOW_UP_COLUMNS,
  buildDeemedAgreementNotice,
  buildFollowUpBatch,
  buildFollowUpLetter,
  buildPeriodicReport,
  unitsNeedingFollowUp,
} from './index';

const tableOf = (blocks: LetterBlock[]): TableBlock => blocks.find((b): b is TableBlock => b.type === 'table')!;
const allText = (blocks: LetterBlock[]) =>
  blocks.map((b) => (b.type === 'bullets' ? b.items.join('\n') : b.type === 'table' ? '' : b.text)).join('\n');

describe('buildFollowUpLetter', () => {
  const letter = buildFollowUpLetter({
    issuer: sampleIssuer,
    unit: { name: 'Phòng Kinh tế', headTitle: 'Trưởng phòng Kinh tế' },
    tasks: sampleTasks(5).reverse(),
    asOf: '2026-05-05',
    reportBy: '2026-05-15',
    number: 5,
    date: '2026-05-05',
  });

  it('is a công văn to the unit with the agency-unit symbol', () => {
    expect(letter.kind).toBe('officialLetter');
    expect(letter.symbol).toBe('UBND-VP');
    expect(letter.recipients).toEqual(['Phòng Kinh tế']);
    expect(letter.subject).toBe('đôn đốc thực hiện các nhiệm vụ quá hạn');
    expect(letter.distribution[0]).toBe('Như trên');
  });

  it('lists tasks in a table, overdue first and most overdue on top', () => {
    const t = tableOf(letter.blocks);
    expect(t.columns.map((c) => c.header)).toEqual([...FOLLOW_UP_COLUMNS]);
    expect(t.rows.map((r) => r[0])).toEqual(['1', '2', '3', '4', '5']);
    const days = t.rows.map((r) => r[4]);
    expect(days.slice(0, 3)).toEqual(['7', '4', '1']);
    expect(days.slice(3)).toEqual(['', '']);
    expect(t.rows[0][3]).toMatch(/^\d{2}\/\d{2}\/2026$/);
    expect(t.rows[3][5]).toMatch(/^Sắp đến hạn/);
  });

  it('states counts, the report deadline and the head’s responsibility', () => {
    const text = allText(letter.blocks);
    expect(text).toContain('tính đến ngày 05/05/2026, Phòng Kinh tế còn 3 nhiệm vụ đã quá thời hạn nhưng chưa hoàn thành và 2 nhiệm vụ sắp đến hạn');
    expect(text).toContain('trước ngày 15/05/2026');
    expect(text).toContain('Trưởng phòng Kinh tế chịu trách nhiệm cá nhân, trực tiếp và toàn diện trước');
    expect(text.trimEnd().endsWith('./.')).toBe(true);
  });

  it('escalates on a repeated reminder and refuses an empty task list', () => {
    const again = buildFollowUpLetter({ issuer: sampleIssuer, unit: { name: 'Phòng A' }, tasks: sampleTasks(2), asOf: '2026-05-05', reminderCount: 2 });
    expect(allText(again.blocks)).toContain('Đây là lần thứ 2');
    expect(() => buildFollowUpLetter({ issuer: sampleIssuer, unit: { name: 'Phòng A' }, tasks: [], asOf: '2026-05-05' })).toThrow(AppError);
  });
});

describe('buildFollowUpBatch', () => {
  const units = sampleBatchUnits(6);

  it('writes one letter per unit with overdue tasks, in order', () => {
    const out = buildFollowUpBatch({ issuer: sampleIssuer, asOf: '2026-05-05', units });
    expect(out.map((o) => o.unitId)).toEqual(['unit-1', 'unit-2', 'unit-4', 'unit-5']);
    expect(unitsNeedingFollowUp(units)).toHaveLength(4);
    expect(out.every((o) => o.letter.number === null)).toBe(true);
    expect(out[2].letter.recipients).toEqual(['Phòng chuyên môn số 4']);
  });

  it('assigns the given numbers and rejects a count mismatch', () => {
    const out = buildFollowUpBatch({ issuer: sampleIssuer, asOf: '2026-05-05', units, numbers: [11, 12, 13, 14], date: '2026-05-06' });
    expect(out.map((o) => o.letter.number)).toEqual([11, 12, 13, 14]);
    expect(out[0].letter.date).toBe('2026-05-06');
    expect(() => buildFollowUpBatch({ issuer: sampleIssuer, asOf: '2026-05-05', units, numbers: [1, 2] })).toThrow(/không khớp/);
  });
});

describe('buildDeemedAgreementNotice', () => {
  const notice = buildDeemedAgreementNotice({
    issuer: sampleIssuer,
    dossierTitle: 'dự thảo Đề án X',
    requestRef: 'Công văn số 15/UBND-VP ngày 20/4/2026',
    deadline: '2026-04-30',
    units: ['Phòng Kinh tế', 'Phòng Văn hóa - Xã hội'],
    number: 3,
    date: '2026-05-04',
  });

  it('is a thông báo with the TB symbol, naming the late units', () => {
    expect(notice.kind).toBe('notice');
    expect(notice.symbol).toBe('TB-UBND');
    expect(notice.subject).toContain('được xác định là đồng ý');
    const bullets = notice.blocks.find((b) => b.type === 'bullets');
    expect(bullets).toMatchObject({ items: ['Phòng Kinh tế;', 'Phòng Văn hóa - Xã hội.'] });
    expect(notice.distribution.slice(0, 2)).toEqual(['Phòng Kinh tế', 'Phòng Văn hóa - Xã hội']);
  });

  it('states deemed agreement and responsibility per docs/rules.md §1', () => {
    const text = allText(notice.blocks);
    expect(text).toContain('chậm nhất đến hết ngày 30/04/2026');
    expect(text).toContain('được xác định là đồng ý với nội dung dự thảo Đề án X');
    expect(text).toContain('không có ý kiến hoặc chậm có ý kiến trả lời phải chịu trách nhiệm trước Ủy ban nhân dân xã, Chủ tịch Ủy ban nhân dân xã và trước pháp luật');
  });

  it('refuses an empty unit list', () => {
    expect(() =>
      buildDeemedAgreementNotice({ issuer: sampleIssuer, dossierTitle: 'X', requestRef: 'Y', deadline: '2026-04-30', units: [] }),
    ).toThrow(AppError);
  });
});

describe('buildPeriodicReport', () => {
  it('numbers sections with Roman numerals and subsections with Arabic numbers', () => {
    const r = buildPeriodicReport({
      issuer: sampleIssuer,
      periodLabel: '6 tháng đầu năm 2026',
      sections: [
        { title: 'Kết quả', subsections: [{ title: 'Chung', blocks: [] }, { title: 'Cụ thể', blocks: [{ type: 'paragraph', text: 'Nội dung.' }] }] },
        { title: 'Kiến nghị' },
      ],
    });
    expect(r.kind).toBe('report');
    expect(r.symbol).toBe('BC-UBND');
    expect(r.subject).toBe('Kết quả thực hiện nhiệm vụ được giao 6 tháng đầu năm 2026');
    const headings = r.blocks.filter((b) => b.type === 'heading').map((b) => (b.type === 'heading' ? `${b.level}:${b.label}:${b.text}` : ''));
    expect(headings).toEqual(['1:I:Kết quả', '2:1:Chung', '2:2:Cụ thể', '1:II:Kiến nghị']);
  });

  it('defaults to the four usual sections', () => {
    const r = buildPeriodicReport({ issuer: sampleIssuer, periodLabel: 'tháng 5 năm 2026' });
    expect(r.blocks.filter((b) => b.type === 'heading')).toHaveLength(4);
  });
});

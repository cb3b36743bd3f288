import { describe, expect, it } from 'vitest';
import { addWorkingDays } from '../calendar';
import type { Official, Post } from '../registries/officials';
import type { Unit } from '../registries/units';
import { workbookOf } from '../xlsx/table';
import { PLAN_COLUMNS, parsePlanRows, planTemplateRows, type PlanImportContext } from './planImport';
import { taskRecordSchema } from './model';
import { makeUnit } from '../../tests/fixtures/registries';

const units: Unit[] = [
  makeUnit('ubnd', 'Ủy ban nhân dân xã Hòa An', 'UBND', { kind: 'leadership', parentId: null }),
  makeUnit('pkt', 'Phòng Kinh tế', 'PKT'),
  makeUnit('vhxh', 'Phòng Văn hóa - Xã hội', 'VHXH'),
  makeUnit('old', 'Phòng Tài chính - Kế hoạch', 'TCKH', { validTo: '2025-06-30' }),
];
const officials: Official[] = [
  { id: 'ha', fullName: 'Lương Thị Hà', active: true, phone: '', email: '' },
  { id: 'son', fullName: 'Đàm Văn Sơn', active: true, phone: '', email: '' },
];
const posts: Post[] = [
  { id: 'p1', officialId: 'ha', unitId: 'pkt', title: 'Trưởng phòng', isHead: true, from: '2025-07-01', to: null },
  { id: 'p2', officialId: 'son', unitId: 'vhxh', title: 'Trưởng phòng', isHead: true, from: '2025-07-01', to: null },
  { id: 'p3', officialId: 'son', unitId: 'pkt', title: 'Phó Trưởng phòng', isHead: false, from: '2025-07-01', to: '2025-12-31' },
];
const ctx: PlanImportContext = {
  units,
  officials,
  posts,
  assignerUnitId: 'ubnd',
  assignerOfficialId: null,
  directiveId: 'kh-01',
  planYear: 2026,
  assignedOn: '2026-01-05',
  defaultAuthorityLevel: 'commune',
};
const header = PLAN_COLUMNS.map((c) => c.header);
/** The template's header row, then these rows, parsed with the screen's shared fields. */
const parseRows = (...rows: string[][]) => parsePlanRows(workbookOf([header, ...rows]), ctx);

describe('annual plan import', () => {
  it('turns clean rows into valid task drafts with the shared fields from the screen', () => {
    const r = parseRows(
      ['1', 'Rà soát thủ tục hành chính', 'Công bố trên Cổng dịch vụ công', 'pkt', 'VHXH; Phòng Văn hóa - Xã hội', 'luong thi ha', '30/06/2026', '', 'quan trong', 'Kế hoạch 01/KH-UBND', ''],
      ['', '', '', '', '', '', '', '', '', '', ''],
      ['2', 'Báo cáo 6 tháng', '', 'VHXH', '', '', '', '10', '', '', 'Thẩm quyền cấp tỉnh'],
      ['3', 'Tổng kết năm', '', 'VHXH', '', '', '', '', 'Khẩn', '', ''],
    );
    expect(r.errors).toEqual([]);
    expect(r.drafts).toHaveLength(3);
    expect(r.drafts[0]).toMatchObject({
      title: 'Rà soát thủ tục hành chính',
      leadUnitId: 'pkt',
      supportUnitIds: ['vhxh'],
      responsibleOfficialId: 'ha',
      deadline: { kind: 'fixed', date: '2026-06-30' },
      priority: 'high',
      directiveId: 'kh-01',
      assignerUnitId: 'ubnd',
      planYear: 2026,
      assignedOn: '2026-01-05',
      authorityLevel: 'commune',
      legalBasis: 'Kế hoạch 01/KH-UBND',
    });
    expect(r.drafts[1]).toMatchObject({ deadline: { kind: 'workingDays', days: 10, from: '2026-01-05' }, authorityLevel: 'province', responsibleOfficialId: null });
    expect(r.drafts[2]).toMatchObject({ deadline: null, priority: 'urgent' });
    // Each draft becomes a storable task once its deadline is resolved.
    for (const d of r.drafts) {
      const dueOn = d.deadline === null ? null : d.deadline.kind === 'fixed' ? d.deadline.date : addWorkingDays(d.assignedOn, d.deadline.kind === 'workingDays' ? d.deadline.days : 0);
      expect(taskRecordSchema.safeParse({ ...d, dueOn }).success).toBe(true);
    }
  });

  it('reports every bad row with its Excel row number and reason, and returns no partial import', () => {
    const r = parseRows(
      ['1', 'Nhiệm vụ tốt', '', 'PKT', '', '', '30/06/2026', '', '', '', ''],
      ['2', '', '', 'PKT', '', '', '', '', '', '', ''],
      ['3', 'Đơn vị lạ', '', 'KHONGCO', '', '', '', '', '', '', ''],
      ['4', 'Đơn vị đã hết hiệu lực', '', 'TCKH', '', '', '', '', '', '', ''],
      ['5', 'Hai hạn', '', 'PKT', '', '', '30/06/2026', '5', '', '', ''],
      ['6', 'Ngày sai', '', 'PKT', '', '', '31/02/2026', '', '', '', ''],
      ['7', 'Trước ngày giao', '', 'PKT', '', '', '02/01/2026', '', '', '', ''],
      ['8', 'Chủ trì kiêm phối hợp', '', 'PKT', 'PKT', '', '', '', '', '', ''],
      ['9', 'Người không thuộc đơn vị', '', 'PKT', '', 'Đàm Văn Sơn', '', '', '', '', ''],
      ['10', 'Mức độ lạ', '', 'PKT', '', '', '', '', 'Siêu gấp', '', ''],
      ['11', 'Số ngày âm', '', 'PKT', '', '', '', '-3', '', '', ''],
    );
    expect(r.errors.map((e) => e.row)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const reason = (row: number) => r.errors.find((e) => e.row === row)!.reason;
    expect(reason(3)).toContain('Thiếu tên nhiệm vụ');
    expect(reason(4)).toContain('Không tìm thấy đơn vị chủ trì "KHONGCO"');
    expect(reason(5)).toContain('"TCKH"');
    expect(reason(6)).toContain('không ghi cả hai');
    expect(reason(7)).toBe('Hạn hoàn thành: Ngày 31/02/2026 không có thật.');
    expect(reason(8)).toContain('trước ngày giao');
    expect(reason(9)).toContain('vừa chủ trì vừa phối hợp');
    // Sơn's post in PKT ended on 31/12/2025: not responsible there in 2026.
    expect(reason(10)).toContain('không giữ chức vụ nào tại PKT');
    expect(reason(11)).toContain('Mức độ "Siêu gấp"');
    expect(reason(12)).toContain('số nguyên từ 1 đến 3650');
    expect(r.drafts).toEqual([]);
  });

  it('refuses a file that is not the template, and an empty one', () => {
    expect(parsePlanRows(workbookOf([['Họ tên', 'Ngày sinh']]), ctx).errors[0].reason).toContain('Không tìm thấy dòng tiêu đề của mẫu kế hoạch năm');
    expect(parseRows(['', '']).errors).toEqual([{ row: 2, reason: 'Tệp không có dòng nhiệm vụ nào.' }]);
  });

  it('accepts its own template rows', () => {
    const rows = planTemplateRows('PKT', 'VHXH', 2026).map((row) => row.map((c) => (c === null ? '' : String(c))));
    const r = parseRows(...rows);
    expect(r.errors).toEqual([]);
    expect(r.drafts.map((d) => d.leadUnitId)).toEqual(['pkt', 'pkt']);
  });
});

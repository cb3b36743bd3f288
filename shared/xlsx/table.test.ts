import { describe, expect, it } from 'vitest';
import type { ImportCell, ImportWorkbook } from './sheets';
import { OFFICIAL_COLUMNS, UNIT_COLUMNS, parseOfficialRows, parseUnitRows } from '../registries/xlsxImport';
import type { Unit } from '../registries/units';
import { headerKey, readTable, restorePhone, workbookOf, type ColumnSpec } from './table';

const root: Unit = { id: 'root', name: 'Ủy ban nhân dân xã Hòa An', shortName: 'UBND', kind: 'leadership', symbol: 'UBND', parentId: null, validFrom: '2025-07-01', validTo: null, order: 0, fields: [] };
let n = 0;
const ids = () => `id-${++n}`;
const specs: ColumnSpec<'stt' | 'name' | 'due'>[] = [
  { key: 'stt', header: 'STT', counter: true },
  { key: 'name', header: 'Tên (*)', required: true },
  { key: 'due', header: 'Hạn (dd/mm/yyyy)', kind: 'date' },
];
const date = (iso: string, format = ''): ImportCell => ({ date: iso, format });

describe('finding the template table', () => {
  it('folds headers: "(*)", hints, case, line breaks and NFD diacritics do not matter', () => {
    expect(headerKey('Tên đơn vị (*)')).toBe('ten don vi');
    expect(headerKey('TÊN ĐƠN\nVỊ')).toBe('ten don vi');
    expect(headerKey('Tên đơn vị'.normalize('NFD'))).toBe('ten don vi');
    expect(headerKey('Hiệu lực từ ngày (dd/mm/yyyy) (*)')).toBe('hieu luc tu ngay');
  });

  it('takes the header under a title block on a later sheet, skips rows with only STT, and collapses inner spaces', () => {
    const wb: ImportWorkbook = {
      language: null,
      sheets: [
        { name: 'Hướng dẫn', hidden: false, rows: [['Hướng dẫn'], ['Tên (*)', 'bắt buộc']], lastRow: 2, tooManyRows: false },
        {
          name: 'Kế hoạch',
          hidden: false,
          rows: [['UBND XÃ HÒA AN'], [], ['STT', 'TÊN', 'Hạn'], [1, 'Việc  một\nhai', '05/06/2027'], [2], [3, '', '']],
          lastRow: 6,
          tooManyRows: false,
        },
      ],
    };
    const r = readTable(wb, specs, 'thử');
    expect(r.ok && r.rows.map((x) => [x.row, x.get('name'), x.get('due')])).toEqual([[4, 'Việc một hai', '05/06/2027']]);
    expect(r.ok && [r.sheet, r.headerRow]).toEqual(['Kế hoạch', 3]);
  });

  it('names a missing, a doubled, and a renamed column', () => {
    const oh = OFFICIAL_COLUMNS.map((c) => c.header);
    const noTitle = parseOfficialRows(workbookOf([oh.filter((_, i) => i !== 3)]), [root], ids);
    expect(noTitle.errors).toEqual([{ row: 1, reason: "Không thấy cột 'Chức vụ'." }]);
    const doubled = parseOfficialRows(workbookOf([[...oh, 'Email']]), [root], ids);
    expect(doubled.errors).toEqual([{ row: 1, reason: "Cột 'Email' xuất hiện 2 lần (cột I, J). Hãy giữ một cột." }]);
    const renamed = parseOfficialRows(workbookOf([oh.map((h) => (h === 'Điện thoại' ? 'Di động' : h))]), [root], ids);
    expect(renamed.errors[0].reason).toBe("Không thấy cột 'Điện thoại'; các cột H ('Di động') không đúng tiêu đề mẫu. Hãy đặt lại tiêu đề cột theo mẫu.");
  });

  it('swapped Phone and Email headers: values follow their headers, never their positions', () => {
    const oh = OFFICIAL_COLUMNS.map((c) => c.header);
    const swapped = [...oh.slice(0, 7), oh[8], oh[7]];
    const r = parseOfficialRows(workbookOf([swapped, ['', 'Hoàng Văn Đức', 'UBND', 'Chủ tịch', 'x', '01/07/2025', '', 'duc@hoaan.gov.vn', 912345678]]), [root], ids);
    expect(r.errors).toEqual([]);
    expect([r.officials[0].phone, r.officials[0].email]).toEqual(['0912345678', 'duc@hoaan.gov.vn']);
    expect(r.warnings.map((w) => w.reason)).toEqual([
      "Cột 'Điện thoại' đang ở vị trí cột 'Email' của mẫu; đã đọc theo tên cột.",
      "Cột 'Email' đang ở vị trí cột 'Điện thoại' của mẫu; đã đọc theo tên cột.",
      'Số điện thoại 912345678 là ô kiểu số nên mất số 0 ở đầu; đã đọc thành 0912345678.',
    ]);
  });

  it('restores the leading 0 only for Vietnamese numbers', () => {
    expect(restorePhone(912345678)).toBe('0912345678');
    expect(restorePhone(243812456)).toBe('0243812456');
    expect(restorePhone(2438124567)).toBe('02438124567');
    for (const other of [12345, 112, 1912345678, 91234567.5]) expect(restorePhone(other)).toBeNull();
  });
});

describe('date cells', () => {
  const header = ['STT', 'Tên', 'Hạn'];
  it('are trusted when nothing says day and month were swapped', () => {
    const r = readTable(workbookOf([header, [1, 'A', date('2027-06-05')], [2, 'B', '01/07/2027']]), specs, 'thử');
    expect(r.ok && r.rows.map((x) => x.get('due'))).toEqual(['05/06/2027', '01/07/2027']);
    // A date cell with a day over 12 shows the program read day first, whatever its format says.
    const dayFirst = readTable(workbookOf([header, [1, 'A', date('2027-06-05', 'mm/dd/yy')], [2, 'B', date('2027-06-25', 'mm/dd/yy')]]), specs, 'thử');
    expect(dayFirst.ok).toBe(true);
  });

  it('mixed with text dates whose day is over 12: refused, each ambiguous cell with both readings', () => {
    const r = readTable(workbookOf([header, [1, 'A', date('2027-05-06')], [2, 'B', '25/06/2027'], [3, 'C', date('2027-07-07')], [4, 'D', date('2027-05-13')]]), specs, 'thử');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.row)).toEqual([2]);
    expect(r.errors[0].reason).toBe(
      "Cột 'Hạn': ô kiểu ngày có thể là 06/05/2027 hoặc 05/06/2027 (cột này có cả ngày gõ dạng văn bản có ngày lớn hơn 12 (dòng 3) lẫn ô kiểu ngày, dấu hiệu máy tạo tệp đọc ngày theo kiểu tháng trước). Hãy gõ lại ngày dạng văn bản (gõ dấu ' trước ngày, ví dụ '05/06/2027).",
    );
  });

  it('in a month-first workbook (format or language): refused', () => {
    const byFormat = readTable(workbookOf([header, [1, 'A', date('2027-05-06', 'MM/DD/YYYY')]]), specs, 'thử');
    expect(!byFormat.ok && byFormat.errors[0].reason).toContain('ô được định dạng ngày kiểu tháng trước');
    const byLanguage = readTable({ ...workbookOf([header, [1, 'A', date('2027-05-06')]]), language: 'en-US' }, specs, 'thử');
    expect(!byLanguage.ok && byLanguage.errors[0].reason).toContain('tệp được tạo với ngôn ngữ en-US');
    const viFormat = readTable({ ...workbookOf([header, [1, 'A', date('2027-05-06', 'DD/MM/YYYY')]]), language: 'en-US' }, specs, 'thử');
    expect(viFormat.ok).toBe(true);
  });
});

describe('units whose parent row was refused', () => {
  it('say so, naming the parent and its row', () => {
    const header = UNIT_COLUMNS.map((c) => c.header);
    const r = parseUnitRows(
      workbookOf([
        header,
        ['Phòng Văn hóa - Xã hội', 'VHXH', 'Cơ quan chuyên môn / Phòng', '', 'UBND', '31/02/2026'],
        ['Tổ Văn hóa thông tin', 'TVH', 'Khác', '', 'VHXH', '01/07/2025'],
      ]),
      [root],
      ids,
    );
    expect(r.errors).toEqual([
      { row: 2, reason: 'Hiệu lực từ ngày: Ngày 31/02/2026 không có thật.' },
      { row: 3, reason: "Không nhập được vì đơn vị cấp trên 'VHXH' bị lỗi ở dòng 2." },
    ]);
  });
});

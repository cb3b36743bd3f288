import { describe, expect, it } from 'vitest';
import { parseUserDate } from '../text/dates';
import { workbookOf } from '../xlsx/table';
import { OFFICIAL_COLUMNS, UNIT_COLUMNS, parseOfficialRows, parseUnitRows, unitsToRows } from './xlsxImport';
import type { Unit } from './units';

let n = 0;
const ids = () => `id-${++n}`;
const header = UNIT_COLUMNS.map((c) => c.header);
const root: Unit = { id: 'root', name: 'Ủy ban nhân dân xã Hòa An', shortName: 'UBND', kind: 'leadership', symbol: 'UBND', parentId: null, validFrom: '2025-07-01', validTo: null, order: 0, fields: [] };

describe('registry import from .xlsx', () => {
  it('reads real dates only', () => {
    expect(parseUserDate('05/01/2026')).toBe('2026-01-05');
    expect(parseUserDate('2026-01-05')).toBe('2026-01-05');
    expect(parseUserDate('29/02/2024')).toBe('2024-02-29');
    for (const bad of ['29/02/2025', '31/04/2026', '2025-02-30', 'abc', '', '1/13/2026']) expect(parseUserDate(bad)).toBeNull();
  });

  it('imports units whose parents are in the file or already registered, by short name', () => {
    const r = parseUnitRows(
      workbookOf([header, ['Phòng Kinh tế', 'PKT', 'Cơ quan chuyên môn / Phòng', 'kt', 'UBND', '01/07/2025', '', '2', 'Nông nghiệp; Xây dựng'], ['Tổ Quy hoạch', 'TQH', 'Khác', '', 'pkt', '01/07/2025', '', '', '']]),
      [root],
      ids,
    );
    expect(r.errors).toEqual([]);
    expect(r.units).toHaveLength(2);
    const pkt = r.units.find((u) => u.shortName === 'PKT')!;
    expect(pkt).toMatchObject({ parentId: 'root', kind: 'department', symbol: 'KT', fields: ['Nông nghiệp', 'Xây dựng'], order: 2 });
    expect(r.units.find((u) => u.shortName === 'TQH')!.parentId).toBe(pkt.id);
  });

  it('reports every bad row with its Excel row number and imports nothing', () => {
    const r = parseUnitRows(
      workbookOf([
        header,
        ['Phòng Kinh tế', 'PKT', 'Phòng ban lạ', '', '', '01/07/2025'],
        ['', '', '', '', '', ''],
        ['Phòng Văn hóa', 'VHXH', 'Cơ quan chuyên môn / Phòng', '', 'KHONGCO', '01/07/2025'],
        ['Thôn Nà Pò', 'UBND', 'Thôn, tổ dân phố', '', '', '01/07/2025'],
        ['Thôn Bản Giới', 'BG', 'Thôn, tổ dân phố', '', '', '30/02/2025'],
      ]),
      [root],
      ids,
    );
    expect(r.errors.map((e) => e.row)).toEqual([2, 4, 5, 6]);
    expect(r.errors[0].reason).toContain('Loại đơn vị "Phòng ban lạ" không hợp lệ');
    expect(r.errors[1].reason).toContain('Không tìm thấy đơn vị cấp trên "KHONGCO"');
    expect(r.errors[2].reason).toContain('đã có trong danh mục');
    expect(r.errors[3].reason).toBe('Hiệu lực từ ngày: Ngày 30/02/2025 không có thật.');
  });

  it('refuses a file that is not the template', () => {
    expect(parseUnitRows(workbookOf([['Họ tên', 'Ngày sinh']]), [], ids).errors).toEqual([
      {
        row: 1,
        reason:
          "Không tìm thấy dòng tiêu đề của mẫu danh mục đơn vị trong 15 dòng đầu của các trang (cần các cột 'Tên đơn vị', 'Tên viết tắt', 'Loại đơn vị', 'Hiệu lực từ ngày'). Hãy tải tệp mẫu và nhập dữ liệu vào đó.",
      },
    ]);
    expect(parseUnitRows(workbookOf([header]), [], ids).errors[0].reason).toBe('Tệp không có dòng dữ liệu nào.');
  });

  it('round-trips an export through the import', () => {
    const child: Unit = { ...root, id: 'c', name: 'Văn phòng HĐND và UBND', shortName: 'VP', kind: 'office', symbol: 'VP', parentId: 'root', order: 1 };
    const rows = unitsToRows([child], [root, child]).map((r) => r.map((c) => (c === null ? '' : String(c))));
    const r = parseUnitRows(workbookOf([header, ...rows]), [root], ids);
    expect(r.errors).toEqual([]);
    const { id: _id, ...rest } = r.units[0];
    const { id: _cid, ...expected } = child;
    expect(rest).toEqual(expected);
  });

  it('groups officials holding several posts (kiêm nhiệm) by code, and checks units and dates', () => {
    const oh = OFFICIAL_COLUMNS.map((c) => c.header);
    const ok = parseOfficialRows(
      workbookOf([oh, ['CB01', 'Hoàng Văn Đức', 'UBND', 'Phó Chủ tịch UBND', '', '01/07/2025'], ['CB01', 'Hoàng Văn Đức', 'ubnd', 'Chánh Văn phòng', 'x', '01/07/2025']]),
      [root],
      ids,
    );
    expect(ok.errors).toEqual([]);
    expect(ok.officials).toHaveLength(1);
    expect(ok.officials[0].posts.map((p) => [p.title, p.isHead])).toEqual([
      ['Phó Chủ tịch UBND', false],
      ['Chánh Văn phòng', true],
    ]);
    const bad = parseOfficialRows(
      workbookOf([oh, ['', 'Lương Thị Hà', 'XYZ', 'Trưởng phòng', '', '01/07/2025'], ['CB01', 'Lò Văn Páo', 'UBND', 'Trưởng phòng', '', '01/07/2025'], ['CB01', 'Ma Thị Hoa', 'UBND', 'Phó phòng', '', '01/07/2025'], ['', 'N', 'UBND', 'Phó phòng', '', '01/07/2025']]),
      [root],
      ids,
    );
    expect(bad.errors).toEqual([
      { row: 2, reason: 'Không tìm thấy đơn vị "XYZ" trong danh mục.' },
      { row: 4, reason: 'Mã cán bộ "CB01" đã dùng cho người khác (Lò Văn Páo).' },
      { row: 5, reason: 'Nhập họ và tên' },
    ]);
    // Lò Văn Páo's row was fine, but a file with any refused row imports nobody.
    expect(bad.officials).toEqual([]);
  });

  it('imports no unit from a file with any refused row, even when other rows are valid (found by the fuzz test)', () => {
    const r = parseUnitRows(workbookOf([header, ['!!', '!', 'x', '', '', '01/07/2025'], ['!']]), [root], ids);
    expect(r.errors.map((e) => e.row)).toEqual([3]);
    expect(r.units).toEqual([]);
  });
});


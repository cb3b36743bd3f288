/**
 * Files made by LibreOffice Calc itself, imported through the real reader and parsers:
 * the app's own templates edited in Calc (sample rows deleted, a title block and a guide sheet
 * added, columns moved, hidden or deleted, values typed through Calc's input path in a
 * Vietnamese and a US locale) and CSV files opened in Calc with an explicit locale. Each file
 * has its expected result: accepted exactly as typed, or refused naming the column or rows.
 * The corpus is made once per run (one soffice, see calc_corpus.py) in a temporary directory.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWorkbook, writeWorkbook } from '../../electron/main/xlsx/workbook';
import type { ImportWorkbook } from '@shared/xlsx/sheets';
import type { Official, Post } from '@shared/registries/officials';
import type { Unit } from '@shared/registries/units';
import { OFFICIAL_COLUMNS, UNIT_COLUMNS, parseOfficialRows, parseUnitRows } from '@shared/registries/xlsxImport';
import { PLAN_COLUMNS, parsePlanRows, planTemplateRows, type PlanImportContext } from '@shared/tasks/planImport';
import { makeUnit } from '../fixtures/registries';

const PYTHON = '/usr/bin/python3';
const hasCalc = spawnSync('sh', ['-c', `command -v soffice && ${PYTHON} -c 'import uno' && test -e /usr/lib/libreoffice/program/libsclo.so`]).status === 0;

const root = makeUnit('ubnd', 'Ủy ban nhân dân xã Hòa An', 'UBND', { kind: 'leadership', parentId: null, order: 0 });
const units: Unit[] = [root, makeUnit('pkt', 'Phòng Kinh tế', 'PKT'), makeUnit('vhxh', 'Phòng Văn hóa - Xã hội', 'VHXH')];
const officials: Official[] = [{ id: 'ha', fullName: 'Lương Thị Hà', active: true, phone: '', email: '' }];
const posts: Post[] = [{ id: 'p1', officialId: 'ha', unitId: 'pkt', title: 'Trưởng phòng', isHead: true, from: '2025-07-01', to: null }];
const planCtx: PlanImportContext = {
  units,
  officials,
  posts,
  assignerUnitId: 'ubnd',
  assignerOfficialId: null,
  directiveId: null,
  planYear: 2027,
  assignedOn: '2027-01-05',
  defaultAuthorityLevel: 'commune',
};
let n = 0;
const ids = () => `id-${++n}`;

type Op =
  | { op: 'type'; cells: [string, string][] }
  | { op: 'deleteRows' | 'insertRows'; start: number; count: number }
  | { op: 'deleteColumn' | 'hideColumn'; index: number }
  | { op: 'moveColumn'; from: number; to: number }
  | { op: 'merge' | 'background'; range: string }
  | { op: 'insertSheet'; name: string; index: number; cells: [string, string][] }
  | { op: 'hideSheet'; name: string };
interface Job {
  out: string;
  locale: 'vi-VN' | 'en-US';
  open: string;
  csvOptions?: string;
  ops?: Op[];
}

/** Cells of one typed row, from column A. */
const row = (r: number, values: string[]): [string, string][] => values.map((v, i) => [`${String.fromCharCode(65 + i)}${r}`, v] as [string, string]).filter(([, v]) => v !== '');

const csv = (rows: string[][]) => rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\n') + '\n';

let dir = '';
const files = new Map<string, ImportWorkbook>();
const wb = (name: string) => {
  const w = files.get(name);
  if (!w) throw new Error(`corpus file ${name} was not made`);
  return w;
};

describe.skipIf(!hasCalc)('.xlsx files made by LibreOffice Calc, through the real import', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dondoc-calc-corpus-'));
    const p = (f: string) => join(dir, f);
    // The app's templates, written by the app (as the "Tải tệp mẫu" buttons do).
    writeFileSync(p('units.xlsx'), await writeWorkbook([{ name: 'Đơn vị', columns: UNIT_COLUMNS, rows: [['Phòng Kinh tế', 'PKT', 'Cơ quan chuyên môn / Phòng', 'KT', 'UBND', '05/12/2026', '', 2, 'Nông nghiệp; Xây dựng']] }]));
    writeFileSync(
      p('officials.xlsx'),
      await writeWorkbook([
        {
          name: 'Cán bộ',
          columns: OFFICIAL_COLUMNS,
          rows: [
            ['CB01', 'Nguyễn Văn An', 'PKT', 'Phó Chủ tịch UBND', '', '05/12/2026', '', '', ''],
            ['CB01', 'Nguyễn Văn An', 'PKT', 'Chánh Văn phòng', 'x', '05/12/2026', '', '', ''],
          ],
        },
      ]),
    );
    writeFileSync(p('plan.xlsx'), await writeWorkbook([{ name: 'Kế hoạch', columns: PLAN_COLUMNS, rows: planTemplateRows('PKT', 'VHXH', 2027) }]));
    const planHeader = PLAN_COLUMNS.map((c) => c.header);
    const blankPlan = (stt: string, title: string, lead: string, due: string) => [stt, title, '', lead, '', '', due, '', '', '', ''];
    writeFileSync(p('plan-us.csv'), csv([planHeader, blankPlan('1', 'Nhiệm vụ A', 'PKT', '05/06/2027'), blankPlan('2', 'Nhiệm vụ B', 'PKT', '25/06/2027'), blankPlan('3', 'Nhiệm vụ C', 'VHXH', '01/07/2027'), blankPlan('4', 'Nhiệm vụ D', 'VHXH', '15.08.2027')]));
    writeFileSync(p('plan-us-small.csv'), csv([planHeader, blankPlan('1', 'Nhiệm vụ A', 'PKT', '05/06/2027'), blankPlan('2', 'Nhiệm vụ C', 'VHXH', '01/07/2027')]));
    const unitHeader = UNIT_COLUMNS.map((c) => c.header);
    writeFileSync(
      p('units-vi.csv'),
      csv([unitHeader, ['Phòng Văn hóa - Xã hội', 'VHXH', 'Cơ quan chuyên môn / Phòng', 'VHXH', 'UBND', '05/06/2025', '', '3', ''], ['Phòng Kinh tế', 'PKT', 'Cơ quan chuyên môn / Phòng', 'KT', 'UBND', '25/06/2025', '31/12/2030', '2', '']]),
    );
    const offHeader = OFFICIAL_COLUMNS.map((c) => c.header);
    writeFileSync(
      p('officials-vi.csv'),
      csv([offHeader, ['CB01', 'Hoàng Văn Đức', 'UBND', 'Chủ tịch UBND', 'x', '15/07/2025', '', '0912345678', 'duc@hoaan.gov.vn'], ['CB02', 'Lương Thị Hà', 'UBND', 'Phó Chủ tịch UBND', '', '15/07/2025', '', '0243.812.456', '']]),
    );
    const officialsTyped = [
      ...row(2, ['CB01', 'Hoàng Văn Đức', 'UBND', 'Chủ tịch UBND', 'x', '01/07/2025', '', 'duc@hoaan.gov.vn', '0912345678']),
      ...row(3, ['CB02', 'Lương Thị Hà', 'UBND', 'Phó Chủ tịch UBND', '', '01/07/2025', '', 'ha@hoaan.gov.vn', '0243812456']),
    ];
    const planTasks = Array.from({ length: 10 }, (_, i) => row(5 + i, ['', `Nhiệm vụ số ${i + 1} của kế hoạch`, i === 0 ? 'Ghi chú ẩn' : '', i % 2 ? 'VHXH' : 'PKT', '', '', i < 5 ? `${10 + i}/0${i + 2}/2027` : '', i < 5 ? '' : String(5 + i)])).flat();
    const jobs: Job[] = [
      {
        out: p('units-deleted-samples.xlsx'),
        locale: 'vi-VN',
        open: p('units.xlsx'),
        ops: [
          { op: 'deleteRows', start: 2, count: 1 },
          {
            op: 'type',
            cells: [
              ...row(2, ['Phòng Văn hóa  -  Xã hội', 'VHXH', 'Cơ quan chuyên môn / Phòng', 'VHXH', 'UBND', '01/07/2025', '', '3', 'Giáo dục; Y tế']),
              ...row(3, ['Tổ Văn hóa thông tin', 'TVH', 'Khác', '', 'VHXH', '15/08/2025']),
              ...row(4, ['Phòng Kinh tế', 'PKT', 'Cơ quan chuyên môn / Phòng', 'KT', 'UBND', '1.7.2025', '31-12-2030', '2', 'Nông nghiệp']),
            ],
          },
          { op: 'background', range: 'A20:I3000' },
          { op: 'insertSheet', name: 'Ghi chú', index: 1, cells: [['A150000', 'ô lạc']] },
        ],
      },
      {
        out: p('plan-title-guide.xlsx'),
        locale: 'vi-VN',
        open: p('plan.xlsx'),
        ops: [
          { op: 'deleteRows', start: 2, count: 2 },
          { op: 'insertRows', start: 1, count: 3 },
          { op: 'type', cells: [['A1', 'ỦY BAN NHÂN DÂN XÃ HÒA AN'], ['A2', 'KẾ HOẠCH THỰC HIỆN NHIỆM VỤ NĂM 2027']] },
          { op: 'merge', range: 'A1:K1' },
          { op: 'merge', range: 'A2:K2' },
          { op: 'type', cells: Array.from({ length: 30 }, (_, i) => [`A${5 + i}`, String(i + 1)] as [string, string]) },
          { op: 'type', cells: planTasks },
          { op: 'hideColumn', index: 2 },
          {
            op: 'insertSheet',
            name: 'Hướng dẫn',
            index: 0,
            cells: [
              ['A1', 'Hướng dẫn nhập kế hoạch'],
              ['A3', 'Tên nhiệm vụ (*)'],
              ['B3', 'bắt buộc'],
              ['A4', 'Đơn vị chủ trì (tên viết tắt) (*)'],
              ['B4', 'tên viết tắt'],
            ],
          },
        ],
      },
      {
        out: p('officials-swapped.xlsx'),
        locale: 'vi-VN',
        open: p('officials.xlsx'),
        ops: [{ op: 'deleteRows', start: 2, count: 2 }, { op: 'moveColumn', from: 8, to: 7 }, { op: 'type', cells: officialsTyped }],
      },
      {
        out: p('officials-no-title.xlsx'),
        locale: 'vi-VN',
        open: p('officials.xlsx'),
        ops: [{ op: 'deleteColumn', index: 3 }],
      },
      { out: p('plan-us.xlsx'), locale: 'en-US', open: p('plan-us.csv'), csvOptions: '44,34,76,1,,1033' },
      { out: p('plan-us-small.xlsx'), locale: 'en-US', open: p('plan-us-small.csv'), csvOptions: '44,34,76,1,,1033' },
      { out: p('units-vi.xlsx'), locale: 'vi-VN', open: p('units-vi.csv'), csvOptions: '44,34,76,1,,1066' },
      { out: p('officials-vi.xlsx'), locale: 'vi-VN', open: p('officials-vi.csv'), csvOptions: '44,34,76,1,,1066' },
      {
        out: p('plan-us-typed.xlsx'),
        locale: 'en-US',
        open: p('plan.xlsx'),
        ops: [{ op: 'deleteRows', start: 2, count: 2 }, { op: 'type', cells: [...row(2, ['1', 'Nhiệm vụ A', '', 'PKT', '', '', '05/06/2027']), ...row(3, ['2', 'Nhiệm vụ B', '', 'VHXH', '', '', '25/06/2027'])] }],
      },
    ];
    writeFileSync(p('jobs.json'), JSON.stringify({ profile: p('profile'), jobs }));
    const r = spawnSync(PYTHON, [join(import.meta.dirname, 'calc_corpus.py'), p('jobs.json')], { encoding: 'utf8', timeout: 170_000 });
    if (r.status !== 0) throw new Error(`calc_corpus.py failed: ${r.stderr || r.error}`);
    for (const job of jobs) {
      const name = job.out.slice(dir.length + 1);
      files.set(name, await readWorkbook(readFileSync(job.out)));
    }
  }, 180_000);
  afterAll(() => {
    // XLSX_CORPUS_KEEP=1 keeps the files for a look in Calc.
    if (dir && !process.env.XLSX_CORPUS_KEEP) rmSync(dir, { recursive: true, force: true });
  });

  it('template with the sample row deleted, formatted empty rows and a stray cell at row 150000 of another sheet: accepted exactly', () => {
    const w = wb('units-deleted-samples.xlsx');
    expect(w.sheets.map((s) => [s.name, s.tooManyRows])).toEqual([
      ['Đơn vị', false],
      ['Ghi chú', true],
    ]);
    expect(w.sheets[0].lastRow).toBe(4);
    const r = parseUnitRows(w, [root], ids);
    expect(r.errors).toEqual([]);
    const [vhxh, tvh, pkt] = r.units;
    expect(vhxh).toMatchObject({ name: 'Phòng Văn hóa - Xã hội', shortName: 'VHXH', kind: 'department', symbol: 'VHXH', parentId: 'ubnd', validFrom: '2025-07-01', validTo: null, order: 3, fields: ['Giáo dục', 'Y tế'] });
    expect(tvh).toMatchObject({ name: 'Tổ Văn hóa thông tin', shortName: 'TVH', kind: 'other', parentId: vhxh.id, validFrom: '2025-08-15', validTo: null });
    expect(pkt).toMatchObject({ shortName: 'PKT', validFrom: '2025-07-01', validTo: '2030-12-31', order: 2, fields: ['Nông nghiệp'] });
    expect(r.units).toHaveLength(3);
  });

  it('plan under a merged title block, guide sheet first, STT numbered to row 34, a hidden column: exactly the 10 tasks', () => {
    const w = wb('plan-title-guide.xlsx');
    expect(w.sheets[0].name).toBe('Hướng dẫn');
    const r = parsePlanRows(w, planCtx);
    expect(r.errors).toEqual([]);
    expect(r.drafts.map((d) => d.title)).toEqual(Array.from({ length: 10 }, (_, i) => `Nhiệm vụ số ${i + 1} của kế hoạch`));
    expect(r.drafts.map((d) => d.leadUnitId)).toEqual(Array.from({ length: 10 }, (_, i) => (i % 2 ? 'vhxh' : 'pkt')));
    expect(r.drafts.map((d) => d.deadline)).toEqual(
      Array.from({ length: 10 }, (_, i) => (i < 5 ? { kind: 'fixed', date: `2027-0${i + 2}-${10 + i}` } : { kind: 'workingDays', days: 5 + i, from: '2027-01-05' })),
    );
    // The hidden column is still read by its header.
    expect(r.drafts[0].content).toBe('Ghi chú ẩn');
  });

  it('Email moved before Điện thoại: read by name, each value in its own field, and the move is reported', () => {
    const r = parseOfficialRows(wb('officials-swapped.xlsx'), [root], ids);
    expect(r.errors).toEqual([]);
    expect(r.officials.map((o) => [o.fullName, o.phone, o.email])).toEqual([
      ['Hoàng Văn Đức', '0912345678', 'duc@hoaan.gov.vn'],
      ['Lương Thị Hà', '0243812456', 'ha@hoaan.gov.vn'],
    ]);
    expect(r.warnings.map((x) => x.reason)).toContain("Cột 'Điện thoại' đang ở vị trí cột 'Email' của mẫu; đã đọc theo tên cột.");
  });

  it('a required column deleted: refused naming it', () => {
    const r = parseOfficialRows(wb('officials-no-title.xlsx'), [root], ids);
    expect(r.officials).toEqual([]);
    expect(r.errors).toEqual([{ row: 1, reason: "Không thấy cột 'Chức vụ'." }]);
  });

  it('CSV opened by a US-locale Calc: 05/06/2027 became 6 May while 25/06/2027 stayed text — refused, the suspect rows shown with both readings', () => {
    const w = wb('plan-us.xlsx');
    expect(w.language).toBe('en-US');
    const r = parsePlanRows(w, planCtx);
    expect(r.drafts).toEqual([]);
    expect(r.errors.map((e) => e.row)).toEqual([2, 4]);
    expect(r.errors[0].reason).toContain('ô kiểu ngày có thể là 06/05/2027 hoặc 05/06/2027');
    expect(r.errors[0].reason).toContain('ngày lớn hơn 12 (dòng 3, 5)');
    expect(r.errors[1].reason).toContain('có thể là 07/01/2027 hoặc 01/07/2027');
  });

  it('US-locale Calc file whose date cells all have a day ≤ 12: refused (month-first), both readings shown', () => {
    const r = parsePlanRows(wb('plan-us-small.xlsx'), planCtx);
    expect(r.drafts).toEqual([]);
    expect(r.errors.map((e) => e.row)).toEqual([2, 3]);
    expect(r.errors[0].reason).toMatch(/^Cột 'Hạn hoàn thành': ô kiểu ngày có thể là 06\/05\/2027 hoặc 05\/06\/2027 \((ô được định dạng ngày kiểu tháng trước|tệp được tạo với ngôn ngữ en-US)/);
    expect(r.errors[1].reason).toContain('có thể là 07/01/2027 hoặc 01/07/2027');
  });

  it('the template typed in a US-locale Calc: its Text date column keeps what was typed — accepted exactly', () => {
    const w = wb('plan-us-typed.xlsx');
    expect(w.sheets[0].rows[1][6]).toBe('05/06/2027');
    const r = parsePlanRows(w, planCtx);
    expect(r.errors).toEqual([]);
    expect(r.drafts.map((d) => d.deadline)).toEqual([
      { kind: 'fixed', date: '2027-06-05' },
      { kind: 'fixed', date: '2027-06-25' },
    ]);
  });

  it('CSV opened by a Vietnamese-locale Calc: date cells read day first — accepted exactly', () => {
    const w = wb('units-vi.xlsx');
    expect(typeof w.sheets[0].rows[1][5]).toBe('object');
    const r = parseUnitRows(w, [root], ids);
    expect(r.errors).toEqual([]);
    expect(r.units.map((u) => [u.shortName, u.validFrom, u.validTo, u.order])).toEqual([
      ['VHXH', '2025-06-05', null, 3],
      ['PKT', '2025-06-25', '2030-12-31', 2],
    ]);
  });

  it('phone numbers Calc turned into numbers get their leading 0 back, with a warning per row', () => {
    const w = wb('officials-vi.xlsx');
    expect(w.sheets[0].rows[1][7]).toBe(912345678);
    const r = parseOfficialRows(w, [root], ids);
    expect(r.errors).toEqual([]);
    expect(r.officials.map((o) => o.phone)).toEqual(['0912345678', '0243812456']);
    expect(r.warnings).toEqual([
      { row: 2, reason: 'Số điện thoại 912345678 là ô kiểu số nên mất số 0 ở đầu; đã đọc thành 0912345678.' },
      { row: 3, reason: 'Số điện thoại 243812456 là ô kiểu số nên mất số 0 ở đầu; đã đọc thành 0243812456.' },
    ]);
  });
});

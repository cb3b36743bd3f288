/**
 * The exported task list and report as LibreOffice sees them: printed to PDF they are A4
 * landscape with the header row on every page and nothing cut off at the right; re-saved by
 * Calc their date columns are still date cells (so they sort as dates) and their figures numbers.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWorkbook, writeWorkbook } from '../../../../electron/main/xlsx/workbook';
import type { ImportWorkbook } from '@shared/xlsx/sheets';
import { computeReport } from '@shared/reports/compute';
import { reportSheets } from '@shared/reports/export';
import { FIXTURE_UNITS, fixtureParams, fixtureReportTasks } from '@shared/reports/fixtures';
import type { Registry } from './context';
import type { TaskListItem } from './data/listSelection';
import { EXPORT_COLUMNS, exportRows } from './TaskListPage';

const hasTools = spawnSync('sh', ['-c', 'command -v soffice && command -v pdftotext && command -v pdfinfo && test -e /usr/lib/libreoffice/program/libsclo.so']).status === 0;

const UNITS = ['Phòng Văn hóa - Xã hội', 'Phòng Kinh tế', 'Văn phòng HĐND và UBND', 'Công an xã'];
/** 90 tasks, due dates spread over two years so text sorting and date sorting differ. */
const items = Array.from({ length: 90 }, (_, i) => {
  const due = `${2026 + (i % 2)}-${String(1 + ((i * 5) % 12)).padStart(2, '0')}-${String(1 + ((i * 7) % 28)).padStart(2, '0')}`;
  return {
    title: `Nhiệm vụ ${i + 1}: ${i % 3 === 0 ? 'rà soát, cập nhật danh mục thủ tục hành chính thuộc thẩm quyền giải quyết của Ủy ban nhân dân xã và công bố đầy đủ trên Cổng dịch vụ công quốc gia' : 'báo cáo kết quả thực hiện'}`,
    directiveRef: `${i + 1}/KH-UBND`,
    leadUnitId: UNITS[i % 4],
    supportUnitIds: i % 2 ? [UNITS[(i + 1) % 4]] : [],
    responsibleOfficialId: 'Lương Thị Hà',
    assignedOn: '2026-01-05',
    originalDueOn: due,
    effectiveDueOn: due,
    completedOn: i % 5 === 0 ? '2026-03-02' : null,
    status: i % 5 === 0 ? 'done' : 'active',
    category: i % 5 === 0 ? 'doneOnTime' : 'openWithinDeadline',
    label: i % 5 === 0 ? 'Hoàn thành đúng hạn' : 'Còn hạn',
    percent: (i * 10) % 100,
    planYear: 2026,
  } as unknown as TaskListItem;
});
const registry = { unitName: (id: string | null | undefined) => id ?? '', officialName: (id: string | null | undefined) => id ?? '' } as unknown as Registry;
const report = computeReport({ params: fixtureParams('2026-09-30'), tasks: fixtureReportTasks('2026-09-30'), units: FIXTURE_UNITS, scopeLabel: 'Tất cả đơn vị' });

let dir = '';
const pages: Record<string, string[]> = {};
const sizes: Record<string, string> = {};
let resaved: ImportWorkbook | null = null;

describe.skipIf(!hasTools)('exports opened by LibreOffice', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dondoc-export-lo-'));
    writeFileSync(join(dir, 'tasks.xlsx'), await writeWorkbook([{ name: 'Nhiệm vụ', columns: EXPORT_COLUMNS, rows: exportRows(items, registry) }]));
    writeFileSync(join(dir, 'report.xlsx'), await writeWorkbook(reportSheets(report)));
    const profile = `-env:UserInstallation=file://${join(dir, 'profile')}`;
    execFileSync('soffice', [profile, '--headless', '--convert-to', 'pdf', '--outdir', dir, join(dir, 'tasks.xlsx'), join(dir, 'report.xlsx')], { timeout: 170_000, stdio: 'ignore' });
    execFileSync('soffice', [profile, '--headless', '--convert-to', 'xlsx', '--outdir', join(dir, 'calc'), join(dir, 'tasks.xlsx')], { timeout: 170_000, stdio: 'ignore' });
    for (const name of ['tasks', 'report']) {
      const pdf = join(dir, `${name}.pdf`);
      // Set EXPORT_PDF_OUT=/some/dir to keep the PDFs for a look.
      if (process.env.EXPORT_PDF_OUT) copyFileSync(pdf, join(process.env.EXPORT_PDF_OUT, `${name}.pdf`));
      pages[name] = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).split('\f').filter((p) => p.trim());
      sizes[name] = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    }
    resaved = await readWorkbook(readFileSync(join(dir, 'calc', 'tasks.xlsx')));
  }, 180_000);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('prints on A4 landscape (842 × 595 pt), every column on the page width', () => {
    for (const name of ['tasks', 'report']) expect(sizes[name], name).toMatch(/Page size:\s+841\.89 x 595\.\d+ pts \(A4\)/);
    // Fit to width: a task's first and last columns (STT … Năm kế hoạch) print on the same line of page 1.
    expect(pages.tasks[0]).toMatch(/^\s*2 ?Nhiệm vụ 2: .* 2026\s*$/m);
  });

  it('repeats the header row on every printed page of the task list', () => {
    expect(pages.tasks.length).toBeGreaterThanOrEqual(2);
    for (const [i, page] of pages.tasks.entries()) {
      expect(page, `page ${i + 1}`).toMatch(/STT/);
      expect(page, `page ${i + 1}`).toMatch(/Hạn hiện\s+tại|Hạn hiện tại/);
    }
    // Every task made it to paper, long titles wrapped rather than cut.
    const all = pages.tasks.join('\n');
    for (const n of [1, 45, 90]) expect(all).toContain(`Nhiệm vụ ${n}:`);
    expect(all.replace(/\s+/g, ' ')).toContain('Cổng dịch vụ công quốc gia');
  });

  it('keeps dates as date cells shown dd/mm/yyyy and figures as numbers after Calc re-saves the file', () => {
    const rows = resaved!.sheets[0].rows;
    const header = rows[0];
    const due = header.indexOf('Hạn hiện tại');
    const percent = header.indexOf('Tiến độ (%)');
    const cells = rows.slice(1).map((r) => r[due]);
    for (const c of cells) expect(c).toMatchObject({ format: expect.stringMatching(/^dd\/mm\/yyyy$/i) });
    expect(cells.map((c) => (c as { date: string }).date)).toEqual(items.map((t) => t.effectiveDueOn));
    expect(rows.slice(1).map((r) => r[percent])).toEqual(items.map((t) => t.percent));
    // Sorted as dates, 2026 comes before 2027 (as text, "01/…/2027" would come before "05/…/2026").
    const sorted = [...cells].map((c) => (c as { date: string }).date).sort();
    expect(sorted[0] < sorted[sorted.length - 1]).toBe(true);
    expect(sorted[0].startsWith('2026')).toBe(true);
  });

  it('prints the report sheets on A4 landscape with their header on each page', () => {
    expect(pages.report.length).toBeGreaterThanOrEqual(4);
    expect(pages.report[0]).toContain('Đơn vị chủ trì');
    expect(pages.report.join('\n')).toContain('27/02/2026');
  });
});

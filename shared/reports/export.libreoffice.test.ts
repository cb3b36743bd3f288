/**
 * Real consumers: the report letter (.docx) opened by LibreOffice and read back as text, and the
 * workbook (.xlsx) read back with exceljs; the totals printed must be the computed totals.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderLetterDocx } from '../../electron/main/letters/docx';
import { writeWorkbook } from '../../electron/main/xlsx/workbook';
import { sampleIssuer } from '../letters/__fixtures__/samples';
import { buildPeriodicReport } from '../letters/templates';
import { computeReport } from './compute';
import { sheetSchema } from '../xlsx/sheets';
import { rankingSheet, reportSections, reportSheets } from './export';
import { DEFAULT_RANKING_SCHEME, rankUnits } from './ranking';
import { fixtureParams, fixtureReportTasks, FIXTURE_UNITS } from './fixtures';

const hasTools = spawnSync('sh', ['-c', 'command -v soffice && command -v pdftotext'], { encoding: 'utf8' }).status === 0;
const data = computeReport({ params: fixtureParams('2026-09-30'), tasks: fixtureReportTasks('2026-09-30'), units: FIXTURE_UNITS, scopeLabel: 'Tất cả đơn vị' });
const letter = buildPeriodicReport({ issuer: sampleIssuer, periodLabel: data.periodLabel, sections: reportSections(data, { proposals: ['Đề nghị Phòng Văn hóa - Xã hội khẩn trương hoàn thành nhiệm vụ quá hạn.'] }), number: 12, date: '2026-10-05' });

describe.skipIf(!hasTools)('the report letter in LibreOffice', () => {
  let dir = '';
  let text = '';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'report-lo-'));
    const file = join(dir, 'report.docx');
    writeFileSync(file, await renderLetterDocx(letter));
    execFileSync('soffice', [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, file], { timeout: 170_000, stdio: 'ignore' });
    // Set REPORT_PDF_OUT to keep the PDF for a look at the layout.
    if (process.env.REPORT_PDF_OUT) copyFileSync(join(dir, 'report.pdf'), process.env.REPORT_PDF_OUT);
    text = execFileSync('pdftotext', ['-layout', join(dir, 'report.pdf'), '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, ' ');
  }, 180_000);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('opens, with the title block, the numbered sections and the signature in order', () => {
    expect(existsSync(join(dir, 'report.pdf'))).toBe(true);
    let at = 0;
    for (const needle of ['Số: 12/BC-UBND', 'BÁO CÁO', 'Kết quả thực hiện nhiệm vụ được giao năm 2026', 'I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ', '1. Kết quả theo đơn vị chủ trì', 'II. TỒN TẠI', 'IV. KIẾN NGHỊ', 'Nơi nhận:', 'Nguyễn Phương Huy']) {
      const i = text.indexOf(needle, at);
      expect(i, needle).toBeGreaterThanOrEqual(0);
      at = i;
    }
  });

  it('prints the totals rows as computed (9 tasks; 3, 3, 1 done; none awaiting acceptance; 1, 1, 0 open; 85,71%; 50,00% on time among completions; 14,29%)', () => {
    const t = data.totals;
    expect([t.assigned, t.counts.doneOnTime, t.counts.doneLate, t.counts.doneNoDeadline, t.counts.awaitingAcceptance, t.counts.openWithinDeadline, t.counts.openOverdue, t.counts.openNoDeadline]).toEqual([9, 3, 3, 1, 0, 1, 1, 0]);
    // No task waits for acceptance, so the letter leaves that column out; rates are in the "(%)" columns.
    expect(text).toContain('Tổng cộng 9 3 3 1 1 1 0 85,71 50,00 14,29');
    // Second table: overdue ages (0, 0, 1), extensions 1, letters 0, consultations 0 / 0.
    expect(text).toContain('Tổng cộng 0 0 1 1 0 0 0');
    expect(text).toMatch(/Nhiệm vụ H1 .*Phòng Văn hóa - .*27\/02\/2026 215/s);
  });
});

describe('the report workbook', () => {
  it('passes the xlsx:save request schema (what main accepts)', () => {
    for (const sheet of [...reportSheets(data), ...rankingSheet(rankUnits(data, DEFAULT_RANKING_SCHEME), DEFAULT_RANKING_SCHEME)]) expect(sheetSchema.safeParse(sheet).error?.issues ?? []).toEqual([]);
  });

  it('has one sheet per table with Vietnamese headers, numbers as numbers, a frozen header and the totals', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await writeWorkbook(reportSheets(data))) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Tổng hợp theo đơn vị', 'Nhiệm vụ quá hạn', 'Theo tháng đến hạn', 'Ghi chú']);
    const ws = wb.worksheets[0];
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getRow(1).getCell(2).value).toBe('Đơn vị chủ trì');
    expect(ws.getRow(1).getCell(5).value).toBe('Hoàn thành đúng hạn');
    const last = ws.getRow(ws.rowCount);
    const values = (last.values as unknown[]).slice(2, 18);
    // Tổng cộng, 9 tasks, 1 carried over, 3/3/1 done, 0 awaiting acceptance, 1/1/0 open, 85.71 % (6/7), 50 % on time among completions, 14.29 %
    expect(values).toEqual(['Tổng cộng', 9, 1, 3, 3, 1, 0, 1, 1, 0, 85.71, 6, 7, 50, 14.29, 0]);
    // The totals row equals the sum of the unit rows, column by column.
    for (let c = 3; c <= 11; c++) {
      let sum = 0;
      for (let r = 2; r < ws.rowCount; r++) sum += Number(ws.getRow(r).getCell(c).value);
      expect(sum, `column ${c}`).toBe(last.getCell(c).value);
    }
    const overdue = wb.worksheets[1];
    // The deadline is a date cell shown dd/mm/yyyy, so the column sorts as dates.
    expect(overdue.getRow(2).values).toEqual([undefined, 1, 'Nhiệm vụ H1', undefined, 'Phòng Văn hóa - Xã hội', new Date(Date.UTC(2026, 1, 27)), 215, 'Trên 90 ngày']);
    expect(overdue.getRow(2).getCell(5).numFmt).toBe('dd/mm/yyyy');
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' });
  });
});

import ExcelJS from 'exceljs';
import type { Sheet, SheetColumn } from '@shared/xlsx/sheets';
import { readUserDate } from '@shared/text/dates';

export { readWorkbook, MAX_XLSX_BYTES, MAX_XLSX_ROWS, MAX_XLSX_ENTRIES, MAX_XLSX_UNCOMPRESSED } from './read';

/** Narrowest and widest column, in characters. */
const MIN_WIDTH = 6;
const MAX_WIDTH = 50;
/** The header wraps onto this many lines at most before a column is widened for it. */
const HEADER_LINES = 3;

type Value = string | number | null;

function longestWord(text: string): number {
  return text.split(/\s+/).reduce((n, w) => Math.max(n, w.length), 0);
}

/** Width from content: the longest value (up to MAX_WIDTH, then wrapped), and the header on up to three lines. */
export function columnWidth(column: SheetColumn, values: readonly Value[]): number {
  if (column.width) return column.width;
  let longest = 0;
  for (const v of values) {
    if (v === null || v === '') continue;
    const len = column.format === 'date' ? 10 : typeof v === 'number' ? String(v).length : Math.max(...String(v).split('\n').map((l) => l.length));
    if (len > longest) longest = len;
  }
  const header = Math.max(longestWord(column.header), Math.ceil(column.header.length / HEADER_LINES));
  return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, longest + 2, header + 2));
}

/** Lines a text takes in a column `width` characters wide, wrapping at spaces. */
export function wrappedLines(text: string, width: number): number {
  let lines = 0;
  for (const para of text.split('\n')) {
    let line = 0;
    lines++;
    for (const word of para.split(/\s+/)) {
      if (line > 0 && line + 1 + word.length > width - 1) {
        lines++;
        line = word.length;
      } else line += (line > 0 ? 1 : 0) + word.length;
    }
  }
  return lines;
}

/** Points per printed line at the default 11 pt font. */
const LINE_HEIGHT = 15;

/** `YYYY-MM-DD` or dd/mm/yyyy → a Date at UTC midnight (how exceljs writes a date cell), else null. */
function dateValue(v: Value): Date | null {
  if (typeof v !== 'string' || !v) return null;
  const r = readUserDate(v);
  if (!r.ok) return null;
  const [y, m, d] = r.iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

/**
 * Sheets as an .xlsx that sorts and prints: bold frozen header row repeated on every printed
 * page, A4 landscape fitted to the page width, long text wrapped, columns sized to content;
 * numbers stay numbers, 'date' columns are date cells shown dd/mm/yyyy, 'text' columns are
 * formatted as Text down the whole column (templates: what a clerk types stays as typed).
 */
export async function writeWorkbook(sheets: Sheet[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Đôn Đốc';
  for (const sheet of sheets) {
    const ws = wb.addWorksheet(sheet.name, {
      views: [{ state: 'frozen', ySplit: 1 }],
      pageSetup: {
        paperSize: 9,
        orientation: 'landscape',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        horizontalCentered: true,
        margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
      },
      headerFooter: { oddFooter: 'Trang &P / &N' },
    });
    ws.pageSetup.printTitlesRow = '1:1';
    const widths = sheet.columns.map((c, i) => columnWidth(c, sheet.rows.map((r) => r[i] ?? null)));
    ws.columns = sheet.columns.map((c, i) => ({
      header: c.header,
      width: widths[i],
      style: c.format === 'text' ? { numFmt: '@' } : c.format === 'date' ? { numFmt: 'dd/mm/yyyy' } : {},
    }));
    const head = ws.getRow(1);
    // Row heights are set, not left to the program: neither Excel nor Calc grows a row for wrapped text on open.
    head.height = LINE_HEIGHT * Math.max(1, ...sheet.columns.map((c, i) => wrappedLines(c.header, widths[i])));
    head.font = { bold: true };
    head.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    for (const row of sheet.rows) {
      const added = ws.addRow(
        sheet.columns.map((c, i) => {
          const v = row[i] ?? null;
          if (v === null || v === '') return null;
          if (c.format === 'text') return String(v);
          if (c.format === 'date') return dateValue(v) ?? v;
          return v;
        }),
      );
      let lines = 1;
      sheet.columns.forEach((c, i) => {
        const v = row[i];
        const cell = added.getCell(i + 1);
        if (c.format === 'text') cell.numFmt = '@';
        else if (c.format === 'date' && cell.value instanceof Date) cell.numFmt = 'dd/mm/yyyy';
        if (typeof v === 'string' && (v.length > widths[i] - 1 || v.includes('\n'))) {
          cell.alignment = { wrapText: true, vertical: 'top' };
          lines = Math.max(lines, wrappedLines(v, widths[i]));
        } else cell.alignment = { vertical: 'top' };
      });
      if (lines > 1) added.height = LINE_HEIGHT * lines;
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

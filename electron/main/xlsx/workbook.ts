import ExcelJS from 'exceljs';
import { AppError } from '@shared/errors';
import type { Sheet } from '@shared/ipc/channels/app';

export const MAX_XLSX_BYTES = 20 * 1024 * 1024;
export const MAX_XLSX_ROWS = 100_000;

/** Sheets as an .xlsx: bold frozen header row, column widths, numbers kept as numbers. */
export async function writeWorkbook(sheets: Sheet[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Đôn Đốc';
  for (const sheet of sheets) {
    const ws = wb.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = sheet.columns.map((c) => ({ header: c.header, width: c.width ?? Math.min(60, Math.max(12, c.header.length + 4)) }));
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).alignment = { vertical: 'middle', wrapText: true };
    for (const row of sheet.rows) ws.addRow(row.map((v) => (v === null ? '' : v)));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Cells of every sheet as trimmed text; a file that is not an .xlsx gets a clear message. */
export async function readWorkbook(bytes: Buffer): Promise<{ name: string; rows: string[][] }[]> {
  if (bytes.length > MAX_XLSX_BYTES) throw new AppError('invalid-file', 'Tệp quá lớn (tối đa 20 MB).');
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    throw new AppError('invalid-file', 'Tệp không phải là bảng tính Excel (.xlsx) hợp lệ.');
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new AppError('invalid-file', 'Không đọc được tệp Excel: tệp bị hỏng hoặc không đúng định dạng .xlsx.');
  }
  const out: { name: string; rows: string[][] }[] = [];
  for (const ws of wb.worksheets) {
    if (ws.rowCount > MAX_XLSX_ROWS) throw new AppError('invalid-file', `Trang "${ws.name}" có quá nhiều dòng (tối đa ${MAX_XLSX_ROWS}).`);
    const rows: string[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, rowNumber) => {
      const cells: string[] = [];
      const count = Math.min(row.cellCount, 100);
      for (let c = 1; c <= count; c++) cells.push(cellText(row.getCell(c)).normalize('NFC').trim());
      rows[rowNumber - 1] = cells;
    });
    for (let i = 0; i < rows.length; i++) if (!rows[i]) rows[i] = [];
    out.push({ name: ws.name, rows });
  }
  return out;
}

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (v instanceof Date) {
    // Excel dates carry no zone; exceljs reads them as UTC midnight.
    return v.toISOString().slice(0, 10);
  }
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) return v.result === undefined || v.result === null ? '' : String(v.result instanceof Date ? v.result.toISOString().slice(0, 10) : v.result);
    return cell.text ?? '';
  }
  return String(v);
}

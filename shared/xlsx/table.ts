/**
 * Reading a template's table out of a workbook as offices really make it: the header may sit
 * under a title block, on any sheet (a guide sheet first, hidden sheets), with columns reordered,
 * hidden or renamed within reason ("(*)", case, diacritics, line breaks do not matter). Every
 * template column is found by its header name, so swapped columns never put values into the
 * wrong field. Cells come typed from the reader; this module turns them into the text each
 * column expects and checks what a spreadsheet program may have changed on the way:
 * - date cells are trusted only when the column's text dates agree with them (a month-first
 *   program turns 05/06/2027 into 6 May and leaves 25/06/2027 as text);
 * - phone numbers that became numbers get their leading 0 back, with a warning.
 */
import type { DateCell, ImportCell, ImportWorkbook } from './sheets';
import { foldVietnamese } from '../text/search';
import { formatUserDate, readUserDate } from '../text/dates';

export interface RowError {
  /** Row number as the spreadsheet shows it. */
  row: number;
  reason: string;
}

export interface TemplateColumn {
  header: string;
  width?: number;
  /** Template writes the column as Text (date and phone columns), so typing keeps what was typed. */
  format?: 'text' | 'date';
}

export interface ColumnSpec<K extends string> extends TemplateColumn {
  key: K;
  required?: boolean;
  /** How cells are read: dates are checked for swapped day/month, phones get their leading 0 back. */
  kind?: 'text' | 'date' | 'phone' | 'number';
  /** Other headers clerks use for the same column. */
  aliases?: readonly string[];
  /** A column such as STT: its value alone does not make a row. */
  counter?: boolean;
}

/** The template's columns as the writer takes them. */
export function templateColumns(specs: readonly ColumnSpec<string>[]): TemplateColumn[] {
  return specs.map(({ header, width, format }) => ({ header, width, ...(format ? { format } : {}) }));
}

/** Rows searched for the header on each sheet. */
export const HEADER_SEARCH_ROWS = 15;

/** "Tên đơn vị (*)", "TÊN ĐƠN VỊ", "Ten don\nvi" → "ten don vi"; parenthesised hints dropped. */
export function headerKey(text: string): string {
  return foldVietnamese(text.replace(/\([^)]*\)/g, ' '))
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The short name a message uses for a column: its header without hints. */
export function columnLabel(spec: TemplateColumn): string {
  return spec.header.replace(/\([^)]*\)/g, ' ').replace(/\s+/g, ' ').trim();
}

/** Text with inner whitespace (line breaks, doubled spaces, non-breaking spaces) collapsed to one space. */
export function cleanText(text: string): string {
  return text.normalize('NFC').replace(/[\s\u00a0\u200b]+/g, ' ').trim();
}

function columnLetter(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function cellIsEmpty(c: ImportCell | undefined): boolean {
  return c === undefined || (typeof c === 'string' && !c.trim());
}

function numberText(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(15)));
}

/** Plain text of any cell (date cells as dd/mm/yyyy). */
export function cellText(c: ImportCell | undefined): string {
  if (c === undefined) return '';
  if (typeof c === 'string') return cleanText(c);
  if (typeof c === 'number') return numberText(c);
  return formatUserDate(c.date);
}

export interface TableRow<K extends string> {
  /** Row number as the spreadsheet shows it. */
  row: number;
  get(key: K): string;
}

export type TableResult<K extends string> =
  | { ok: true; sheet: string; headerRow: number; rows: TableRow<K>[]; warnings: RowError[] }
  | { ok: false; errors: RowError[]; warnings: RowError[] };

/** Locales whose spreadsheet programs read 05/06/2027 as 6 May. */
const MONTH_FIRST_LANGUAGES = /^(en-US|en-PH|en-BZ|en-MH|en-FM|en-PW|en-AS|en-GU|en-MP|en-PR|en-UM|en-VI|es-US|es-PA|fil|en-CA-x-us)$/i;

/** Day/month order a date format shows: 'dm', 'md', or null when the file does not say (built-in formats). */
export function formatOrder(format: string): 'dm' | 'md' | null {
  const bare = format
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '')
    .toLowerCase();
  const d = bare.indexOf('d');
  const m = bare.indexOf('m');
  if (d < 0 || m < 0) return null;
  return d < m ? 'dm' : 'md';
}

interface Found {
  sheetIndex: number;
  headerRow: number;
  /** spec index → column index */
  columns: Map<number, number>;
  score: number;
}

function matchHeader(specs: readonly ColumnSpec<string>[], cells: readonly ImportCell[]): Map<number, number[]> {
  const keys = specs.map((s) => [headerKey(s.header), ...(s.aliases ?? []).map(headerKey)]);
  const hits = new Map<number, number[]>();
  cells.forEach((c, col) => {
    if (typeof c !== 'string') return;
    const k = headerKey(c);
    if (!k) return;
    const i = keys.findIndex((ks) => ks.includes(k));
    if (i >= 0) hits.set(i, [...(hits.get(i) ?? []), col]);
  });
  return hits;
}

/**
 * Finds the template's header in the first rows of every sheet and reads the rows under it.
 * Refuses (with the column named) when a required column is missing, a column appears twice,
 * or an unrecognised header stands where a template column is missing.
 */
export function readTable<K extends string>(wb: ImportWorkbook, specs: readonly ColumnSpec<K>[], what: string): TableResult<K> {
  const warnings: RowError[] = [];
  let best: (Found & { hits: Map<number, number[]> }) | null = null;
  wb.sheets.forEach((sheet, sheetIndex) => {
    for (let r = 0; r < Math.min(HEADER_SEARCH_ROWS, sheet.rows.length); r++) {
      const hits = matchHeader(specs, sheet.rows[r] ?? []);
      const score = hits.size;
      // Visible sheets win ties over hidden ones; earlier sheets and rows over later.
      if (score >= 2 && (!best || score > best.score || (score === best.score && wb.sheets[best.sheetIndex].hidden && !sheet.hidden))) {
        best = { sheetIndex, headerRow: r + 1, columns: new Map([...hits].map(([k, v]) => [k, v[0]])), score, hits };
      }
    }
  });
  const found = best as (Found & { hits: Map<number, number[]> }) | null;
  const required = specs.filter((s) => s.required).map((s) => `'${columnLabel(s)}'`);
  if (!found) {
    return {
      ok: false,
      warnings,
      errors: [{ row: 1, reason: `Không tìm thấy dòng tiêu đề của mẫu ${what} trong ${HEADER_SEARCH_ROWS} dòng đầu của các trang (cần các cột ${required.join(', ')}). Hãy tải tệp mẫu và nhập dữ liệu vào đó.` }],
    };
  }
  const sheet = wb.sheets[found.sheetIndex];
  const headerRow = found.headerRow;
  const headerCells = sheet.rows[headerRow - 1] ?? [];
  const errors: RowError[] = [];
  for (const [i, cols] of found.hits) {
    if (cols.length > 1) errors.push({ row: headerRow, reason: `Cột '${columnLabel(specs[i])}' xuất hiện ${cols.length} lần (cột ${cols.map(columnLetter).join(', ')}). Hãy giữ một cột.` });
  }
  const unknownHeaders = headerCells
    .map((c, col) => ({ text: cellText(c), col }))
    .filter(({ text, col }) => text && ![...found.hits.values()].some((cols) => cols.includes(col)));
  specs.forEach((spec, i) => {
    if (found.columns.has(i)) return;
    const label = columnLabel(spec);
    const atTemplatePlace = unknownHeaders.find((u) => u.col === i);
    if (spec.required) {
      errors.push({ row: headerRow, reason: `Không thấy cột '${label}'${atTemplatePlace ? ` (cột ${columnLetter(i)} có tiêu đề '${atTemplatePlace.text}' không đúng mẫu)` : ''}.` });
    } else if (unknownHeaders.length) {
      errors.push({
        row: headerRow,
        reason: `Không thấy cột '${label}'; các cột ${unknownHeaders.map((u) => `${columnLetter(u.col)} ('${u.text}')`).join(', ')} không đúng tiêu đề mẫu. Hãy đặt lại tiêu đề cột theo mẫu.`,
      });
    } else {
      warnings.push({ row: headerRow, reason: `Không thấy cột '${label}'; cột này được để trống.` });
    }
  });
  // Reordered columns are read by name; say so, so the clerk can check what was read.
  specs.forEach((spec, i) => {
    const col = found.columns.get(i);
    if (col === undefined || col === i) return;
    const owner = col < specs.length ? col : -1;
    if (owner >= 0) warnings.push({ row: headerRow, reason: `Cột '${columnLabel(spec)}' đang ở vị trí cột '${columnLabel(specs[owner])}' của mẫu; đã đọc theo tên cột.` });
  });
  if (sheet.tooManyRows) errors.push({ row: headerRow, reason: `Trang "${sheet.name}" có dữ liệu ở dòng ${sheet.lastRow}, quá giới hạn 100000 dòng. Hãy xóa các dòng thừa ở cuối trang.` });
  if (errors.length) return { ok: false, errors, warnings };

  const columnOf = new Map<K, number>();
  specs.forEach((s, i) => {
    const col = found.columns.get(i);
    if (col !== undefined) columnOf.set(s.key, col);
  });
  const dataRows: { row: number; cells: readonly ImportCell[] }[] = [];
  for (let r = headerRow; r < sheet.rows.length; r++) {
    const cells = sheet.rows[r] ?? [];
    // A row with only STT (or only formatting, which the reader already dropped) is blank.
    const filled = specs.some((s) => !s.counter && columnOf.has(s.key) && !cellIsEmpty(cells[columnOf.get(s.key)!]));
    if (filled) dataRows.push({ row: r + 1, cells });
  }

  const values = new Map<K, Map<number, string>>();
  for (const spec of specs) {
    const col = columnOf.get(spec.key);
    const out = new Map<number, string>();
    values.set(spec.key, out);
    if (col === undefined) continue;
    if (spec.kind === 'date') {
      const r = readDateColumn(spec, dataRows.map((d) => ({ row: d.row, cell: d.cells[col] })), wb.language);
      errors.push(...r.errors);
      for (const [row, text] of r.values) out.set(row, text);
      continue;
    }
    for (const d of dataRows) {
      const cell = d.cells[col];
      if (spec.kind === 'phone' && typeof cell === 'number') {
        const restored = restorePhone(cell);
        if (restored) warnings.push({ row: d.row, reason: `Số điện thoại ${numberText(cell)} là ô kiểu số nên mất số 0 ở đầu; đã đọc thành ${restored}.` });
        out.set(d.row, restored ?? numberText(cell));
        continue;
      }
      out.set(d.row, cellText(cell));
    }
  }
  if (errors.length) return { ok: false, errors: errors.sort((a, b) => a.row - b.row), warnings };
  const rows = dataRows.map((d) => ({ row: d.row, get: (key: K) => values.get(key)?.get(d.row) ?? '' }));
  return { ok: true, sheet: sheet.name, headerRow, rows, warnings };
}

/** 912345678 → "0912345678": a Vietnamese mobile (9 digits after the 0) or landline (10 digits, 02x) missing its 0. */
export function restorePhone(n: number): string | null {
  if (!Number.isInteger(n) || n <= 0) return null;
  const s = String(n);
  if (/^[35789]\d{8}$/.test(s) || /^2\d{8,9}$/.test(s)) return `0${s}`;
  return null;
}

/**
 * A date column: text dates are read day first; date cells are trusted only when nothing says
 * the program that made them read day and month the other way round. When something does (the
 * column also holds text dates whose day is over 12 — which that program could not read — or a
 * date format or document language that is month first), every date cell that has two readings
 * is refused with both, so the clerk retypes it as text.
 */
function readDateColumn(spec: ColumnSpec<string>, cells: readonly { row: number; cell: ImportCell | undefined }[], language: string | null): { values: Map<number, string>; errors: RowError[] } {
  const values = new Map<number, string>();
  const errors: RowError[] = [];
  const label = columnLabel(spec);
  const dateCells: { row: number; cell: DateCell }[] = [];
  const textDayOver12: number[] = [];
  for (const { row, cell } of cells) {
    if (cell === undefined) continue;
    if (typeof cell === 'object') {
      dateCells.push({ row, cell });
      values.set(row, formatUserDate(cell.date));
      continue;
    }
    const text = cellText(cell);
    values.set(row, text);
    const r = readUserDate(text);
    if (typeof cell === 'string' && r.ok && Number(r.iso.slice(8, 10)) > 12 && /^\d{1,2}[/.-]/.test(text)) textDayOver12.push(row);
  }
  if (dateCells.length === 0) return { values, errors };
  // A date cell whose day is over 12 was read day first (or typed month first, consistently):
  // either way the program's reading matches what was typed, and format or language prove nothing.
  const readDayFirst = dateCells.some((d) => Number(d.cell.date.slice(8, 10)) > 12);
  const monthFirstFormat = !readDayFirst && dateCells.some((d) => formatOrder(d.cell.format) === 'md');
  const monthFirstLanguage = !readDayFirst && !!language && MONTH_FIRST_LANGUAGES.test(language) && !dateCells.some((d) => formatOrder(d.cell.format) === 'dm');
  const why = textDayOver12.length
    ? `cột này có cả ngày gõ dạng văn bản có ngày lớn hơn 12 (dòng ${textDayOver12.slice(0, 5).join(', ')}${textDayOver12.length > 5 ? ', …' : ''}) lẫn ô kiểu ngày, dấu hiệu máy tạo tệp đọc ngày theo kiểu tháng trước`
    : monthFirstFormat
      ? 'ô được định dạng ngày kiểu tháng trước (mm/dd/yyyy)'
      : monthFirstLanguage
        ? `tệp được tạo với ngôn ngữ ${language} (đọc ngày kiểu tháng trước)`
        : null;
  if (!why) return { values, errors };
  for (const { row, cell } of dateCells) {
    const [y, m, d] = cell.date.split('-').map(Number);
    if (d > 12 || d === m) continue;
    const swapped = `${String(m).padStart(2, '0')}/${String(d).padStart(2, '0')}/${y}`;
    errors.push({
      row,
      reason: `Cột '${label}': ô kiểu ngày có thể là ${formatUserDate(cell.date)} hoặc ${swapped} (${why}). Hãy gõ lại ngày dạng văn bản (gõ dấu ' trước ngày, ví dụ '${swapped}).`,
    });
  }
  return { values, errors };
}

/** A one-sheet workbook of text cells (what tests and the text-only paths hand the parsers). */
export function workbookOf(rows: readonly (readonly ImportCell[])[], name = 'Trang 1'): ImportWorkbook {
  let last = 0;
  rows.forEach((r, i) => {
    if (r.some((c) => !cellIsEmpty(c))) last = i + 1;
  });
  return { sheets: [{ name, hidden: false, rows: rows.slice(0, last).map((r) => [...r]), lastRow: last, tooManyRows: false }], language: null };
}

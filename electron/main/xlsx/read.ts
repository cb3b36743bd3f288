/**
 * A small .xlsx reader on fflate (already a dependency), in place of exceljs for imports.
 * It looks at the zip's central directory first and refuses a file whose entries would
 * inflate past MAX_XLSX_UNCOMPRESSED or that holds more than MAX_XLSX_ENTRIES entries, before
 * a byte is inflated; each entry is then inflated through a counting stream, so a file that lies
 * about its sizes is stopped at the same cap. It keeps what an import needs and exceljs hid:
 * whether a cell is text, a number or a date (and the date's number format), hidden sheets, the
 * workbook's language, and the last row that actually holds a value.
 * Figures and the choice over exceljs: docs/decisions/xlsx-library.md.
 */
import { Inflate, strFromU8 } from 'fflate';
import { AppError } from '@shared/errors';
import type { ImportCell, ImportSheet, ImportWorkbook } from '@shared/xlsx/sheets';
import { serialToIso } from '@shared/text/dates';

export const MAX_XLSX_BYTES = 20 * 1024 * 1024;
/** Total uncompressed size of the entries read; a 5,000-task plan is about 3 MB. */
export const MAX_XLSX_UNCOMPRESSED = 60 * 1024 * 1024;
/** Entries in the zip; a workbook made by Excel or Calc has 10–40. */
export const MAX_XLSX_ENTRIES = 2_000;
/** Rows with a value on the sheet being imported. */
export const MAX_XLSX_ROWS = 100_000;
export const MAX_XLSX_COLUMNS = 100;
/** Rows kept of a sheet that is over MAX_XLSX_ROWS (enough to find its header and name it). */
export const HEAD_ROWS_KEPT = 15;

const NOT_XLSX = 'Tệp không phải là bảng tính Excel (.xlsx) hợp lệ.';
const BROKEN = 'Không đọc được tệp Excel: tệp bị hỏng hoặc không đúng định dạng .xlsx.';

function mb(n: number): string {
  return `${Math.round(n / 1024 / 1024)} MB`;
}

function tooBig(): AppError {
  return new AppError('invalid-file', `Tệp Excel khi giải nén vượt quá ${mb(MAX_XLSX_UNCOMPRESSED)} — không phải một bảng tính bình thường (có thể là tệp nén độc hại). Chưa đọc tệp.`);
}

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

/**
 * Names and sizes from the zip's central directory; nothing is inflated. Refuses more than
 * MAX_XLSX_ENTRIES entries from the end record's count, before walking the directory.
 */
export function listZipEntries(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new AppError('invalid-file', BROKEN);
  const count = view.getUint16(eocd + 10, true);
  if (count > MAX_XLSX_ENTRIES) throw tooMany();
  let at = view.getUint32(eocd + 16, true);
  const entries: ZipEntry[] = [];
  const decoder = new TextDecoder();
  for (let k = 0; k < count; k++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) throw new AppError('invalid-file', BROKEN);
    const nameLength = view.getUint16(at + 28, true);
    const entry: ZipEntry = {
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localOffset: view.getUint32(at + 42, true),
      name: decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
    };
    // ZIP64 sizes (0xFFFFFFFF) mean an entry of 4 GB or more: no spreadsheet of this app is that.
    if (entry.size === 0xffffffff || entry.compressedSize === 0xffffffff) throw tooBig();
    entries.push(entry);
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return entries;
}

function tooMany(): AppError {
  return new AppError('invalid-file', `Tệp Excel có quá nhiều thành phần (hơn ${MAX_XLSX_ENTRIES}) — không phải một bảng tính bình thường. Chưa đọc tệp.`);
}

/** Slice of compressed input inflated at a time, so the output counter is checked every ≤ 16 MB. */
const INFLATE_SLICE = 16 * 1024;

/**
 * Inflates the entries, counting real output bytes against `budget.left` whatever the directory
 * declared: a file that lies about its sizes is stopped at the same cap.
 */
function inflateEntry(bytes: Uint8Array, e: ZipEntry, budget: { left: number }): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lh = e.localOffset;
  if (lh + 30 > bytes.length || view.getUint32(lh, true) !== 0x04034b50) throw new AppError('invalid-file', BROKEN);
  const start = lh + 30 + view.getUint16(lh + 26, true) + view.getUint16(lh + 28, true);
  const raw = bytes.subarray(start, start + e.compressedSize);
  if (raw.length !== e.compressedSize) throw new AppError('invalid-file', BROKEN);
  if (e.method === 0) {
    budget.left -= raw.length;
    if (budget.left < 0) throw tooBig();
    return strFromU8(raw);
  }
  if (e.method !== 8) throw new AppError('invalid-file', BROKEN);
  const chunks: Uint8Array[] = [];
  const inflate = new Inflate((chunk) => {
    budget.left -= chunk.length;
    if (budget.left < 0) throw tooBig();
    chunks.push(chunk);
  });
  try {
    for (let i = 0; i < raw.length; i += INFLATE_SLICE) inflate.push(raw.subarray(i, i + INFLATE_SLICE), i + INFLATE_SLICE >= raw.length);
    if (raw.length === 0) inflate.push(new Uint8Array(0), true);
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('invalid-file', BROKEN);
  }
  if (chunks.length === 1) return strFromU8(chunks[0]);
  const all = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let o = 0;
  for (const c of chunks) {
    all.set(c, o);
    o += c.length;
  }
  return strFromU8(all);
}

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXml(s: string): string {
  return s
    .replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) => (e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : ENTITY[e]))
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

function attrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:]+)\s*=\s*"([^"]*)"/g)) out[m[1].replace(/^\w+:/, (p) => (p === 'r:' ? 'r:' : ''))] = decodeXml(m[2]);
  return out;
}

/** Text of a shared string or inline string: its <t> runs, without phonetic (<rPh>) runs. */
function runText(xml: string): string {
  const body = xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '');
  let s = '';
  for (const m of body.matchAll(/<t\b[^>]*?(?:\/>|>([\s\S]*?)<\/t>)/g)) s += decodeXml(m[1] ?? '');
  return s;
}

const BUILTIN_DATE_IDS = new Set([14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 34, 35, 36, 50, 51, 52, 53, 54, 57, 58]);

/** True when a number format shows a date (day, month or year parts outside quotes and brackets). */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '');
  return /[dy]/i.test(bare) || (/m/i.test(bare) && !/[hs]/i.test(bare));
}

function colIndex(ref: string): number {
  let n = 0;
  for (const ch of ref) {
    const c = ch.charCodeAt(0);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

function resolveTarget(target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = `xl/${target}`.split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.') out.push(p);
  }
  return out.join('/');
}

/** Every sheet's cells: text, numbers, and date cells with the stored date and its format. */
export async function readWorkbook(input: Buffer | Uint8Array): Promise<ImportWorkbook> {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  if (bytes.length > MAX_XLSX_BYTES) throw new AppError('invalid-file', 'Tệp quá lớn (tối đa 20 MB).');
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw new AppError('invalid-file', NOT_XLSX);
  const entries = listZipEntries(bytes);
  const byName = new Map(entries.map((e) => [e.name, e]));
  if (!byName.has('xl/workbook.xml')) throw new AppError('invalid-file', NOT_XLSX);
  const wanted = (n: string) => n === 'xl/workbook.xml' || n === 'xl/_rels/workbook.xml.rels' || n === 'xl/sharedStrings.xml' || n === 'xl/styles.xml' || n === 'docProps/core.xml' || /^xl\/worksheets\/[^/]+\.xml$/.test(n);
  const picked = entries.filter((e) => wanted(e.name));
  if (picked.reduce((n, e) => n + e.size, 0) > MAX_XLSX_UNCOMPRESSED) throw tooBig();
  const budget = { left: MAX_XLSX_UNCOMPRESSED };
  const files = new Map<string, string>();
  for (const e of picked) files.set(e.name, inflateEntry(bytes, e, budget));

  const workbookXml = files.get('xl/workbook.xml') ?? '';
  const date1904 = /<(?:\w+:)?workbookPr\b[^>]*date1904\s*=\s*"(?:1|true)"/.test(workbookXml);
  const rels = new Map<string, string>();
  for (const m of (files.get('xl/_rels/workbook.xml.rels') ?? '').matchAll(/<Relationship\b[^>]*>/g)) {
    const a = attrs(m[0]);
    if (a.Id && a.Target) rels.set(a.Id, resolveTarget(a.Target));
  }
  const shared: string[] = [];
  for (const m of (files.get('xl/sharedStrings.xml') ?? '').matchAll(/<si\b[^>]*?(?:\/>|>([\s\S]*?)<\/si>)/g)) shared.push(runText(m[1] ?? ''));
  const { dateStyle, formatOf } = readStyles(files.get('xl/styles.xml') ?? '');
  const language = /<dc:language>([^<]*)<\/dc:language>/.exec(files.get('docProps/core.xml') ?? '')?.[1]?.trim() || null;

  const sheets: ImportSheet[] = [];
  for (const m of workbookXml.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const a = attrs(m[0]);
    const path = rels.get(a['r:id'] ?? '') ?? '';
    const xml = files.get(path);
    if (xml === undefined) continue;
    sheets.push({ name: a.name ?? '', hidden: a.state === 'hidden' || a.state === 'veryHidden', ...readSheet(xml, shared, dateStyle, formatOf, date1904) });
  }
  if (sheets.length === 0) throw new AppError('invalid-file', BROKEN);
  return { sheets, language };
}

function readStyles(xml: string): { dateStyle: boolean[]; formatOf: string[] } {
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(/<numFmt\b[^>]*>/g)) {
    const a = attrs(m[0]);
    custom.set(Number(a.numFmtId), a.formatCode ?? '');
  }
  const dateStyle: boolean[] = [];
  const formatOf: string[] = [];
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml)?.[1] ?? '';
  for (const m of xfs.matchAll(/<xf\b[^>]*>/g)) {
    const id = Number(attrs(m[0]).numFmtId ?? 0);
    const code = custom.get(id);
    // Built-in formats have no code in the file; their day/month order follows the reader's locale.
    dateStyle.push(code !== undefined ? isDateFormat(code) : BUILTIN_DATE_IDS.has(id));
    formatOf.push(code ?? (BUILTIN_DATE_IDS.has(id) ? '' : id === 49 ? '@' : 'General'));
  }
  return { dateStyle, formatOf };
}

const ROW_RE = /<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g;
const CELL_RE = /<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;
const attr = (tag: string, name: string): string | undefined => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];

/**
 * Rows up to the last one holding a value (formatted or empty rows after it do not count). At a
 * value past row MAX_XLSX_ROWS the scan stops: the sheet is too long to import, and only its
 * first rows are kept (to find and name it), so a million-row sheet costs no more than a
 * hundred-thousand-row one.
 */
function readSheet(xml: string, shared: string[], dateStyle: boolean[], formatOf: string[], date1904: boolean): Pick<ImportSheet, 'rows' | 'lastRow' | 'tooManyRows'> {
  const rows: ImportCell[][] = [];
  let lastRow = 0;
  let rowNo = 0;
  let tooManyRows = false;
  const start = xml.indexOf('<sheetData');
  const end = xml.lastIndexOf('</sheetData>');
  const data = start >= 0 && end > start ? xml.slice(start, end) : '';
  ROW_RE.lastIndex = 0;
  for (let rm = ROW_RE.exec(data); rm; rm = ROW_RE.exec(data)) {
    const r = Number(attr(rm[1], 'r'));
    rowNo = Number.isInteger(r) && r > 0 ? r : rowNo + 1;
    const body = rm[2];
    if (!body) continue;
    const cells: ImportCell[] = [];
    let col = -1;
    let any = false;
    CELL_RE.lastIndex = 0;
    for (let cm = CELL_RE.exec(body); cm; cm = CELL_RE.exec(body)) {
      const tag = cm[1];
      const ref = attr(tag, 'r');
      col = ref ? colIndex(ref) : col + 1;
      if (col < 0 || col >= MAX_XLSX_COLUMNS) continue;
      const inner = cm[2] ?? '';
      const vAt = inner.indexOf('<v');
      const v = vAt >= 0 ? /<v\b[^>]*>([\s\S]*?)<\/v>/.exec(inner.slice(vAt))?.[1] : undefined;
      const style = Number(attr(tag, 's') ?? 0);
      let cell: ImportCell = '';
      switch (attr(tag, 't')) {
        case 's':
          cell = v === undefined ? '' : (shared[Number(v)] ?? '');
          break;
        case 'inlineStr':
          cell = runText(/<is\b[^>]*>([\s\S]*?)<\/is>/.exec(inner)?.[1] ?? '');
          break;
        case 'str':
        case 'e':
          cell = decodeXml(v ?? '');
          break;
        case 'b':
          cell = v === '1' ? 'TRUE' : v === '0' ? 'FALSE' : '';
          break;
        case 'd':
          cell = v ? { date: decodeXml(v).slice(0, 10), format: formatOf[style] ?? '' } : '';
          break;
        default: {
          if (v === undefined || v.trim() === '') break;
          const n = Number(v);
          if (!Number.isFinite(n)) cell = decodeXml(v);
          else if (dateStyle[style]) {
            const iso = serialToIso(n, date1904);
            cell = iso ? { date: iso, format: formatOf[style] ?? '' } : n;
          } else cell = n;
        }
      }
      if (typeof cell === 'string') {
        if (!cell.trim()) continue;
        cell = cell.normalize('NFC');
      }
      while (cells.length < col) cells.push('');
      cells[col] = cell;
      any = true;
    }
    if (!any) continue;
    lastRow = rowNo;
    if (rowNo > MAX_XLSX_ROWS) {
      tooManyRows = true;
      break;
    }
    rows[rowNo - 1] = cells;
  }
  const kept = tooManyRows ? rows.slice(0, HEAD_ROWS_KEPT) : rows;
  const dense: ImportCell[][] = [];
  for (let i = 0; i < Math.min(kept.length, lastRow); i++) dense.push(kept[i] ?? []);
  return { rows: dense, lastRow, tooManyRows };
}

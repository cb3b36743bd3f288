/**
 * Registry import and export as .xlsx: the templates' columns and the row-by-row validation.
 * Columns are found by header name (shared/xlsx/table.ts), a bad row is reported with its row
 * number and reason, and the caller imports nothing until the whole file is clean.
 */
import type { ImportWorkbook } from '../xlsx/sheets';
import { foldVietnamese } from '../text/search';
import { formatUserDate, readUserDate } from '../text/dates';
import { readTable, templateColumns, type ColumnSpec, type RowError } from '../xlsx/table';
import { unitInputSchema, unitKindLabels, unitKinds, type Unit, type UnitInput, type UnitKind } from './units';
import { officialInputSchema, type Official, type Post } from './officials';

export type { RowError } from '../xlsx/table';

export const UNIT_SPECS = [
  { key: 'name', header: 'Tên đơn vị (*)', width: 45, required: true },
  { key: 'shortName', header: 'Tên viết tắt (*)', width: 18, required: true },
  { key: 'kind', header: 'Loại đơn vị (*)', width: 32, required: true },
  { key: 'symbol', header: 'Ký hiệu văn bản', width: 14 },
  { key: 'parent', header: 'Đơn vị cấp trên (tên viết tắt)', width: 26 },
  { key: 'validFrom', header: 'Hiệu lực từ ngày (dd/mm/yyyy) (*)', width: 22, required: true, kind: 'date', format: 'text' },
  { key: 'validTo', header: 'Hiệu lực đến ngày', width: 18, kind: 'date', format: 'text' },
  { key: 'order', header: 'Thứ tự', width: 8, kind: 'number' },
  { key: 'fields', header: 'Lĩnh vực phụ trách (cách nhau bằng dấu ;)', width: 40 },
] as const satisfies readonly ColumnSpec<string>[];

export const OFFICIAL_SPECS = [
  { key: 'code', header: 'Mã cán bộ (tùy chọn)', width: 14, aliases: ['Mã cán bộ'] },
  { key: 'fullName', header: 'Họ và tên (*)', width: 28, required: true, aliases: ['Họ tên'] },
  { key: 'unit', header: 'Đơn vị (tên viết tắt) (*)', width: 24, required: true },
  { key: 'title', header: 'Chức vụ (*)', width: 28, required: true },
  { key: 'head', header: 'Thủ trưởng đơn vị (x)', width: 12 },
  { key: 'from', header: 'Từ ngày (dd/mm/yyyy) (*)', width: 18, required: true, kind: 'date', format: 'text' },
  { key: 'to', header: 'Đến ngày', width: 14, kind: 'date', format: 'text' },
  { key: 'phone', header: 'Điện thoại', width: 14, kind: 'phone', format: 'text', aliases: ['Số điện thoại', 'SĐT', 'ĐT'] },
  { key: 'email', header: 'Email', width: 24, aliases: ['Thư điện tử', 'E-mail'] },
] as const satisfies readonly ColumnSpec<string>[];

export const UNIT_COLUMNS = templateColumns(UNIT_SPECS);
export const OFFICIAL_COLUMNS = templateColumns(OFFICIAL_SPECS);

/** "Hiệu lực từ ngày: Ngày 31/02/2026 không có thật." */
function dateError(label: string, text: string): string | null {
  const r = readUserDate(text);
  return r.ok ? null : `${label}: ${r.reason}`;
}

function parseKind(text: string): UnitKind | null {
  const f = foldVietnamese(text);
  if (!f) return null;
  for (const k of unitKinds) {
    if (foldVietnamese(k) === f || foldVietnamese(unitKindLabels[k]) === f) return k;
  }
  // Accept the first words of a label ("Văn phòng", "Xã").
  const hit = unitKinds.find((k) => foldVietnamese(unitKindLabels[k]).startsWith(f));
  return hit ?? null;
}

export interface ParsedUnits {
  units: (UnitInput & { id: string })[];
  errors: RowError[];
  /** Things read differently from the cell (a phone's leading 0, columns found elsewhere); the import goes ahead. */
  warnings: RowError[];
}

/**
 * Units from the template. Parents are named by short name, from the file or from the units
 * already registered; ids for new units come from newId. A unit whose parent row was refused
 * says so ("vì đơn vị cấp trên 'VHXH' bị lỗi ở dòng 5").
 */
export function parseUnitRows(wb: ImportWorkbook, existing: readonly Unit[], newId: () => string): ParsedUnits {
  const table = readTable(wb, UNIT_SPECS, 'danh mục đơn vị');
  if (!table.ok) return { units: [], errors: table.errors, warnings: table.warnings };
  const errors: RowError[] = [];
  const byShort = new Map<string, string>();
  for (const u of existing) byShort.set(foldVietnamese(u.shortName), u.id);
  const pending: { row: number; id: string; parentShort: string; input: Omit<UnitInput, 'parentId'> }[] = [];
  const seenInFile = new Map<string, number>();
  const refused = new Map<string, number>();
  for (const r of table.rows) {
    const rowNo = r.row;
    const name = r.get('name');
    const shortName = r.get('shortName');
    const kindText = r.get('kind');
    const fromText = r.get('validFrom');
    const toText = r.get('validTo');
    const orderText = r.get('order');
    const refuse = (reason: string) => {
      errors.push({ row: rowNo, reason });
      const key = foldVietnamese(shortName);
      if (key && !refused.has(key)) refused.set(key, rowNo);
    };
    const kind = parseKind(kindText);
    if (!kind) {
      refuse(`Loại đơn vị "${kindText}" không hợp lệ (ví dụ: ${unitKindLabels.department}).`);
      continue;
    }
    const fromError = dateError('Hiệu lực từ ngày', fromText);
    if (fromError) {
      refuse(fromError);
      continue;
    }
    const toError = toText ? dateError('Hiệu lực đến ngày', toText) : null;
    if (toError) {
      refuse(toError);
      continue;
    }
    const validFrom = readUserDate(fromText);
    const validTo = toText ? readUserDate(toText) : null;
    const order = orderText ? Number(orderText) : rowNo;
    if (!Number.isInteger(order) || order < 0) {
      refuse(`Thứ tự "${orderText}" phải là số nguyên không âm.`);
      continue;
    }
    const candidate = {
      name,
      shortName,
      kind,
      symbol: r.get('symbol').toUpperCase(),
      parentId: null,
      validFrom: validFrom.ok ? validFrom.iso : '',
      validTo: validTo?.ok ? validTo.iso : null,
      order,
      fields: r.get('fields').split(';').map((x) => x.trim()).filter(Boolean),
    };
    const parsed = unitInputSchema.safeParse(candidate);
    if (!parsed.success) {
      refuse(parsed.error.issues.map((x) => x.message).join('; '));
      continue;
    }
    const key = foldVietnamese(shortName);
    if (seenInFile.has(key)) {
      refuse(`Tên viết tắt "${shortName}" trùng với dòng ${seenInFile.get(key)}.`);
      continue;
    }
    if (byShort.has(key)) {
      refuse(`Tên viết tắt "${shortName}" đã có trong danh mục.`);
      continue;
    }
    seenInFile.set(key, rowNo);
    const { parentId: _ignored, ...rest } = parsed.data;
    void _ignored;
    pending.push({ row: rowNo, id: newId(), parentShort: r.get('parent'), input: rest });
  }
  for (const p of pending) byShort.set(foldVietnamese(p.input.shortName), p.id);
  const units: (UnitInput & { id: string })[] = [];
  for (const p of pending) {
    let parentId: string | null = null;
    if (p.parentShort) {
      const key = foldVietnamese(p.parentShort);
      parentId = byShort.get(key) ?? null;
      if (!parentId) {
        const at = refused.get(key);
        errors.push({ row: p.row, reason: at ? `Không nhập được vì đơn vị cấp trên '${p.parentShort}' bị lỗi ở dòng ${at}.` : `Không tìm thấy đơn vị cấp trên "${p.parentShort}".` });
        continue;
      }
      if (parentId === p.id) {
        errors.push({ row: p.row, reason: 'Đơn vị không thể là cấp trên của chính nó.' });
        continue;
      }
    }
    units.push({ ...p.input, parentId, id: p.id });
  }
  if (errors.length === 0 && table.rows.length === 0) errors.push({ row: table.headerRow + 1, reason: 'Tệp không có dòng dữ liệu nào.' });
  errors.sort((a, b) => a.row - b.row);
  // All or nothing: a file with any refused row imports no unit (the user fixes the file and retries).
  return { units: errors.length ? [] : units, errors, warnings: table.warnings };
}

/** Rows for export; parents are named by short name, looked up among all registered units. */
export function unitsToRows(units: readonly Unit[], allUnits: readonly Unit[] = units): (string | number | null)[][] {
  const byId = new Map(allUnits.map((u) => [u.id, u]));
  return units.map((u) => [
    u.name,
    u.shortName,
    unitKindLabels[u.kind],
    u.symbol,
    u.parentId ? (byId.get(u.parentId)?.shortName ?? '') : '',
    formatUserDate(u.validFrom),
    formatUserDate(u.validTo),
    u.order,
    u.fields.join('; '),
  ]);
}

export interface ParsedOfficials {
  officials: (Official & { posts: Omit<Post, 'officialId'>[] })[];
  errors: RowError[];
  warnings: RowError[];
}

function yes(text: string): boolean {
  return ['x', 'co', 'yes', '1', 'true'].includes(foldVietnamese(text));
}

/** Officials from the template: rows with the same code (or, without one, the same name) are one person holding several posts. */
export function parseOfficialRows(wb: ImportWorkbook, units: readonly Unit[], newId: () => string): ParsedOfficials {
  const table = readTable(wb, OFFICIAL_SPECS, 'danh mục cán bộ');
  if (!table.ok) return { officials: [], errors: table.errors, warnings: table.warnings };
  const errors: RowError[] = [];
  const unitByShort = new Map(units.map((u) => [foldVietnamese(u.shortName), u.id]));
  const people = new Map<string, Official & { posts: Omit<Post, 'officialId'>[] }>();
  for (const r of table.rows) {
    const rowNo = r.row;
    const code = r.get('code');
    const fullName = r.get('fullName');
    const unitShort = r.get('unit');
    const title = r.get('title');
    const fromText = r.get('from');
    const toText = r.get('to');
    const person = officialInputSchema.safeParse({ fullName, active: true, phone: r.get('phone'), email: r.get('email') });
    if (!person.success) {
      errors.push({ row: rowNo, reason: person.error.issues.map((x) => x.message).join('; ') });
      continue;
    }
    const unitId = unitByShort.get(foldVietnamese(unitShort));
    if (!unitId) {
      errors.push({ row: rowNo, reason: `Không tìm thấy đơn vị "${unitShort}" trong danh mục.` });
      continue;
    }
    if (title.length < 2) {
      errors.push({ row: rowNo, reason: 'Thiếu chức vụ.' });
      continue;
    }
    const from = readUserDate(fromText);
    if (!from.ok) {
      errors.push({ row: rowNo, reason: `Từ ngày: ${from.reason}` });
      continue;
    }
    const to = toText ? readUserDate(toText) : null;
    if (to && !to.ok) {
      errors.push({ row: rowNo, reason: `Đến ngày: ${to.reason}` });
      continue;
    }
    if (to?.ok && to.iso < from.iso) {
      errors.push({ row: rowNo, reason: `Đến ngày ${toText} trước từ ngày ${fromText}.` });
      continue;
    }
    const key = code ? `code:${foldVietnamese(code)}` : `name:${foldVietnamese(fullName)}`;
    let official = people.get(key);
    if (!official) {
      official = { id: newId(), ...person.data, posts: [] };
      people.set(key, official);
    } else if (foldVietnamese(official.fullName) !== foldVietnamese(person.data.fullName)) {
      errors.push({ row: rowNo, reason: `Mã cán bộ "${code}" đã dùng cho người khác (${official.fullName}).` });
      continue;
    }
    official.posts.push({ id: newId(), unitId, title, isHead: yes(r.get('head')), from: from.iso, to: to?.ok ? to.iso : null });
  }
  if (errors.length === 0 && people.size === 0) errors.push({ row: table.headerRow + 1, reason: 'Tệp không có dòng dữ liệu nào.' });
  return { officials: errors.length ? [] : [...people.values()], errors, warnings: table.warnings };
}

export function officialsToRows(officials: readonly Official[], posts: readonly Post[], units: readonly Unit[]): (string | number | null)[][] {
  const unitShort = new Map(units.map((u) => [u.id, u.shortName]));
  const rows: (string | number | null)[][] = [];
  for (const o of officials) {
    const own = posts.filter((p) => p.officialId === o.id);
    for (const p of own.length ? own : [null]) {
      rows.push([
        o.id.slice(-8),
        o.fullName,
        p ? (unitShort.get(p.unitId) ?? '') : '',
        p?.title ?? '',
        p?.isHead ? 'x' : '',
        p ? formatUserDate(p.from) : '',
        p ? formatUserDate(p.to) : '',
        o.phone,
        o.email,
      ]);
    }
  }
  return rows;
}

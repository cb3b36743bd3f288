/**
 * Registry import and export as .xlsx: column layout of the downloadable templates and the
 * row-by-row validation. A bad row is reported with its row number and reason, and the caller
 * imports nothing until the whole file is clean.
 */
import { foldVietnamese } from '../text/search';
import { formatDateVi, parseDate } from '../calendar';
import { unitInputSchema, unitKindLabels, unitKinds, type Unit, type UnitInput, type UnitKind } from './units';
import { officialInputSchema, type Official, type Post } from './officials';

export interface RowError {
  /** Row number as Excel shows it (header is row 1). */
  row: number;
  reason: string;
}

export const UNIT_COLUMNS = [
  { header: 'Tên đơn vị (*)', width: 45 },
  { header: 'Tên viết tắt (*)', width: 18 },
  { header: 'Loại đơn vị (*)', width: 32 },
  { header: 'Ký hiệu văn bản', width: 14 },
  { header: 'Đơn vị cấp trên (tên viết tắt)', width: 26 },
  { header: 'Hiệu lực từ ngày (dd/mm/yyyy) (*)', width: 22 },
  { header: 'Hiệu lực đến ngày', width: 18 },
  { header: 'Thứ tự', width: 8 },
  { header: 'Lĩnh vực phụ trách (cách nhau bằng dấu ;)', width: 40 },
];

export const OFFICIAL_COLUMNS = [
  { header: 'Mã cán bộ (tùy chọn)', width: 14 },
  { header: 'Họ và tên (*)', width: 28 },
  { header: 'Đơn vị (tên viết tắt) (*)', width: 24 },
  { header: 'Chức vụ (*)', width: 28 },
  { header: 'Thủ trưởng đơn vị (x)', width: 12 },
  { header: 'Từ ngày (dd/mm/yyyy) (*)', width: 18 },
  { header: 'Đến ngày', width: 14 },
  { header: 'Điện thoại', width: 14 },
  { header: 'Email', width: 24 },
];

/** "05/01/2026" or "2026-01-05" → "2026-01-05"; null when not a real date (the calendar decides). */
export function parseUserDate(text: string): string | null {
  try {
    const iso = parseDate(text.trim());
    const year = Number(iso.slice(0, 4));
    return year >= 1900 && year <= 2100 ? iso : null;
  } catch {
    return null;
  }
}

/**
 * Why a typed date is refused, naming its field, or null when parseUserDate accepts it:
 * "Ngày hoàn thành: Ngày 31/02/2026 không có thật" for a well-formed but impossible date,
 * "Ngày hoàn thành: không hợp lệ (dạng dd/mm/yyyy)" for anything else.
 */
export function userDateProblem(field: string, text: string): string | null {
  const t = text.trim();
  if (parseUserDate(t)) return null;
  if (!t) return `${field}: chưa nhập ngày (dạng dd/mm/yyyy).`;
  const vi = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  const parts = vi ? { d: Number(vi[1]), m: Number(vi[2]), y: vi[3] } : iso ? { d: Number(iso[3]), m: Number(iso[2]), y: iso[1] } : null;
  if (parts && parts.m >= 1 && parts.m <= 12 && parts.d >= 1 && parts.d <= 31 && Number(parts.y) >= 1900 && Number(parts.y) <= 2100) {
    return `${field}: Ngày ${String(parts.d).padStart(2, '0')}/${String(parts.m).padStart(2, '0')}/${parts.y} không có thật.`;
  }
  return `${field}: không hợp lệ (dạng dd/mm/yyyy).`;
}

export function formatUserDate(iso: string | null): string {
  return iso ? formatDateVi(iso) : '';
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

function isBlank(row: readonly string[] | undefined): boolean {
  return !row || row.every((c) => !c || !c.trim());
}

function headerMatches(row: readonly string[] | undefined, columns: readonly { header: string }[]): boolean {
  if (!row) return false;
  return foldVietnamese(row[0] ?? '') === foldVietnamese(columns[0].header) && foldVietnamese(row[1] ?? '') === foldVietnamese(columns[1].header);
}

export interface ParsedUnits {
  units: (UnitInput & { id: string })[];
  errors: RowError[];
}

/**
 * Units from the template sheet. Parents are named by short name, from the file or from the
 * units already registered; ids for new units come from newId.
 */
export function parseUnitRows(rows: readonly (readonly string[])[], existing: readonly Unit[], newId: () => string): ParsedUnits {
  const errors: RowError[] = [];
  if (!headerMatches(rows[0], UNIT_COLUMNS)) {
    return { units: [], errors: [{ row: 1, reason: 'Dòng tiêu đề không đúng mẫu. Hãy tải tệp mẫu và nhập dữ liệu vào đó.' }] };
  }
  const byShort = new Map<string, string>();
  for (const u of existing) byShort.set(foldVietnamese(u.shortName), u.id);
  const pending: { row: number; id: string; parentShort: string; input: Omit<UnitInput, 'parentId'> }[] = [];
  const seenInFile = new Map<string, number>();
  for (let i = 1; i < rows.length; i++) {
    const r = rows[i];
    const rowNo = i + 1;
    if (isBlank(r)) continue;
    const [name = '', shortName = '', kindText = '', symbol = '', parentShort = '', fromText = '', toText = '', orderText = '', fieldsText = ''] = r;
    const kind = parseKind(kindText);
    if (!kind) {
      errors.push({ row: rowNo, reason: `Loại đơn vị "${kindText}" không hợp lệ (ví dụ: ${unitKindLabels.department}).` });
      continue;
    }
    const validFrom = parseUserDate(fromText);
    if (!validFrom) {
      errors.push({ row: rowNo, reason: `Ngày hiệu lực "${fromText}" không hợp lệ (dạng dd/mm/yyyy).` });
      continue;
    }
    const validTo = toText.trim() ? parseUserDate(toText) : null;
    if (toText.trim() && !validTo) {
      errors.push({ row: rowNo, reason: `Ngày hết hiệu lực "${toText}" không hợp lệ (dạng dd/mm/yyyy).` });
      continue;
    }
    const order = orderText.trim() ? Number(orderText) : i;
    if (!Number.isInteger(order) || order < 0) {
      errors.push({ row: rowNo, reason: `Thứ tự "${orderText}" phải là số nguyên không âm.` });
      continue;
    }
    const candidate = {
      name,
      shortName,
      kind,
      symbol: symbol.toUpperCase(),
      parentId: null,
      validFrom,
      validTo,
      order,
      fields: fieldsText.split(';').map((s) => s.trim()).filter(Boolean),
    };
    const parsed = unitInputSchema.safeParse(candidate);
    if (!parsed.success) {
      errors.push({ row: rowNo, reason: parsed.error.issues.map((x) => x.message).join('; ') });
      continue;
    }
    const key = foldVietnamese(shortName);
    if (seenInFile.has(key)) {
      errors.push({ row: rowNo, reason: `Tên viết tắt "${shortName}" trùng với dòng ${seenInFile.get(key)}.` });
      continue;
    }
    if (byShort.has(key)) {
      errors.push({ row: rowNo, reason: `Tên viết tắt "${shortName}" đã có trong danh mục.` });
      continue;
    }
    seenInFile.set(key, rowNo);
    const { parentId: _ignored, ...rest } = parsed.data;
    void _ignored;
    pending.push({ row: rowNo, id: newId(), parentShort, input: rest });
  }
  for (const p of pending) byShort.set(foldVietnamese(p.input.shortName), p.id);
  const units: (UnitInput & { id: string })[] = [];
  for (const p of pending) {
    let parentId: string | null = null;
    if (p.parentShort.trim()) {
      parentId = byShort.get(foldVietnamese(p.parentShort)) ?? null;
      if (!parentId) {
        errors.push({ row: p.row, reason: `Không tìm thấy đơn vị cấp trên "${p.parentShort}".` });
        continue;
      }
      if (parentId === p.id) {
        errors.push({ row: p.row, reason: 'Đơn vị không thể là cấp trên của chính nó.' });
        continue;
      }
    }
    units.push({ ...p.input, parentId, id: p.id });
  }
  if (errors.length === 0 && rows.slice(1).every(isBlank)) errors.push({ row: 2, reason: 'Tệp không có dòng dữ liệu nào.' });
  errors.sort((a, b) => a.row - b.row);
  // All or nothing: a file with any refused row imports no unit (the user fixes the file and retries).
  return { units: errors.length ? [] : units, errors };
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
}

function yes(text: string): boolean {
  return ['x', 'co', 'yes', '1', 'true'].includes(foldVietnamese(text));
}

/** Officials from the template: rows with the same code (or, without one, the same name) are one person holding several posts. */
export function parseOfficialRows(rows: readonly (readonly string[])[], units: readonly Unit[], newId: () => string): ParsedOfficials {
  const errors: RowError[] = [];
  if (!headerMatches(rows[0], OFFICIAL_COLUMNS)) {
    return { officials: [], errors: [{ row: 1, reason: 'Dòng tiêu đề không đúng mẫu. Hãy tải tệp mẫu và nhập dữ liệu vào đó.' }] };
  }
  const unitByShort = new Map(units.map((u) => [foldVietnamese(u.shortName), u.id]));
  const people = new Map<string, Official & { posts: Omit<Post, 'officialId'>[] }>();
  for (let i = 1; i < rows.length; i++) {
    const r = rows[i];
    const rowNo = i + 1;
    if (isBlank(r)) continue;
    const [code = '', fullName = '', unitShort = '', title = '', head = '', fromText = '', toText = '', phone = '', email = ''] = r;
    const person = officialInputSchema.safeParse({ fullName, active: true, phone, email });
    if (!person.success) {
      errors.push({ row: rowNo, reason: person.error.issues.map((x) => x.message).join('; ') });
      continue;
    }
    const unitId = unitByShort.get(foldVietnamese(unitShort));
    if (!unitId) {
      errors.push({ row: rowNo, reason: `Không tìm thấy đơn vị "${unitShort}" trong danh mục.` });
      continue;
    }
    if (title.trim().length < 2) {
      errors.push({ row: rowNo, reason: 'Thiếu chức vụ.' });
      continue;
    }
    const from = parseUserDate(fromText);
    if (!from) {
      errors.push({ row: rowNo, reason: `Từ ngày "${fromText}" không hợp lệ (dạng dd/mm/yyyy).` });
      continue;
    }
    const to = toText.trim() ? parseUserDate(toText) : null;
    if (toText.trim() && (!to || to < from)) {
      errors.push({ row: rowNo, reason: `Đến ngày "${toText}" không hợp lệ.` });
      continue;
    }
    const key = code.trim() ? `code:${foldVietnamese(code)}` : `name:${foldVietnamese(fullName)}`;
    let official = people.get(key);
    if (!official) {
      official = { id: newId(), ...person.data, posts: [] };
      people.set(key, official);
    } else if (foldVietnamese(official.fullName) !== foldVietnamese(person.data.fullName)) {
      errors.push({ row: rowNo, reason: `Mã cán bộ "${code}" đã dùng cho người khác (${official.fullName}).` });
      continue;
    }
    official.posts.push({ id: newId(), unitId, title: title.trim(), isHead: yes(head), from, to });
  }
  if (errors.length === 0 && people.size === 0) errors.push({ row: 2, reason: 'Tệp không có dòng dữ liệu nào.' });
  return { officials: errors.length ? [] : [...people.values()], errors };
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

/**
 * The official letter (văn bản hành chính) as data, per Nghị định 30/2020/NĐ-CP (see
 * docs/letter-format.md). One model feeds two renderers: docx (main) and HTML (preview, print).
 * Every string is normalised to NFC by the schema so both renderers and search see the same text.
 */
import { z } from 'zod';
import { balancedLines } from './metrics';

/** NFC-normalised, trimmed text with a length cap. */
function text(max: number) {
  return z
    .string()
    .max(max * 2)
    .transform((s) => s.normalize('NFC').trim())
    .pipe(z.string().max(max));
}

function requiredText(max: number, message: string) {
  return text(max).pipe(z.string().min(1, message));
}

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải có dạng YYYY-MM-DD')
  .refine((s) => {
    const [y, m, d] = s.split('-').map(Number);
    const dt = new Date(Date.UTC(y, m - 1, d));
    return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
  }, 'Ngày không hợp lệ');

export const letterKindSchema = z.enum([
  'officialLetter',
  'notice',
  'report',
  'plan',
  'invitation',
  'decision',
  'dispatch',
  'submission',
]);
export type LetterKind = z.infer<typeof letterKindSchema>;

export interface LetterKindInfo {
  /** Tên loại as printed in the title block (ô 5a); null for công văn, which has none. */
  title: string | null;
  /** Abbreviation for the ký hiệu (docs/letter-format.md §4); null for công văn. */
  abbr: string | null;
  /** Vietnamese name for the UI. */
  label: string;
}

export const letterKinds: Record<LetterKind, LetterKindInfo> = {
  officialLetter: { title: null, abbr: null, label: 'Công văn' },
  notice: { title: 'THÔNG BÁO', abbr: 'TB', label: 'Thông báo' },
  report: { title: 'BÁO CÁO', abbr: 'BC', label: 'Báo cáo' },
  plan: { title: 'KẾ HOẠCH', abbr: 'KH', label: 'Kế hoạch' },
  invitation: { title: 'GIẤY MỜI', abbr: 'GM', label: 'Giấy mời' },
  decision: { title: 'QUYẾT ĐỊNH', abbr: 'QĐ', label: 'Quyết định' },
  dispatch: { title: 'CÔNG ĐIỆN', abbr: 'CĐ', label: 'Công điện' },
  submission: { title: 'TỜ TRÌNH', abbr: 'TTr', label: 'Tờ trình' },
};

export const signingAuthoritySchema = z.enum(['TM', 'KT', 'TL', 'TUQ', 'Q']);
export type SigningAuthority = z.infer<typeof signingAuthoritySchema>;

export const urgencySchema = z.enum(['urgent', 'veryUrgent', 'flash']);
export type Urgency = z.infer<typeof urgencySchema>;
/** Every urgency stamp box is 8 mm high (Phụ lục I, ô 10b). */
export const URGENCY_STAMP_HEIGHT_MM = 8;
/** Stamp text and box width in mm (docs/letter-format.md §3, ô 10b). */
export const urgencyStamps: Record<Urgency, { text: string; widthMm: number }> = {
  urgent: { text: 'KHẨN', widthMm: 20 },
  veryUrgent: { text: 'THƯỢNG KHẨN', widthMm: 40 },
  flash: { text: 'HỎA TỐC', widthMm: 30 },
};

const paragraphBlockSchema = z.object({
  type: z.literal('paragraph'),
  text: requiredText(20_000, 'Đoạn văn trống'),
  bold: z.boolean().default(false),
  italic: z.boolean().default(false),
  /** Centred paragraphs (rare: captions, "QUYẾT ĐỊNH:") get no first-line indent. */
  align: z.enum(['justify', 'center']).default('justify'),
});

/**
 * Level 1: "I. TIÊU ĐỀ" (Roman numeral, title in UPPER, bold). Level 2: "1. Tiêu đề" (bold).
 * Level 3: "a) …" upright. docs/letter-format.md §3 row 6 (phần, mục, khoản, điểm).
 */
const headingBlockSchema = z.object({
  type: z.literal('heading'),
  level: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  /** The printed label without punctuation: "I", "2", "a". Empty for an unnumbered heading. */
  label: text(20).default(''),
  text: requiredText(1000, 'Tiêu đề trống'),
});

const bulletsBlockSchema = z.object({
  type: z.literal('bullets'),
  items: z.array(requiredText(20_000, 'Ý trống')).min(1).max(1000),
});

const tableColumnSchema = z.object({
  header: text(300),
  /** Relative width; the renderers scale columns to the text width. */
  weight: z.number().positive().max(100).default(1),
  align: z.enum(['left', 'center', 'right']).default('left'),
});

const tableBlockSchema = z
  .object({
    type: z.literal('table'),
    columns: z.array(tableColumnSchema).min(1).max(20),
    rows: z.array(z.array(text(5000))).max(20_000),
    totals: z.array(text(5000)).nullable().default(null),
    /** Font size in pt for the cells; tables are usually set smaller than the body [practice]. */
    fontSize: z.number().min(10).max(14).default(12),
  })
  .superRefine((t, ctx) => {
    const n = t.columns.length;
    t.rows.forEach((r, i) => {
      if (r.length !== n) ctx.addIssue({ code: 'custom', message: `Dòng ${i + 1} của bảng có ${r.length} ô, cần ${n}`, path: ['rows', i] });
    });
    if (t.totals && t.totals.length !== n) ctx.addIssue({ code: 'custom', message: `Dòng tổng cộng cần ${n} ô`, path: ['totals'] });
  });

export const letterBlockSchema = z.union([paragraphBlockSchema, headingBlockSchema, bulletsBlockSchema, tableBlockSchema]);
export type LetterBlock = z.infer<typeof letterBlockSchema>;
export type LetterBlockInput = z.input<typeof letterBlockSchema>;
export type ParagraphBlock = z.infer<typeof paragraphBlockSchema>;
export type HeadingBlock = z.infer<typeof headingBlockSchema>;
export type BulletsBlock = z.infer<typeof bulletsBlockSchema>;
export type TableBlock = z.infer<typeof tableBlockSchema>;

export const letterSignatureSchema = z.object({
  /** TM./KT./TL./TUQ./Q. or null (the head signs in their own name, as in the seed). */
  authority: signingAuthoritySchema.nullable().default(null),
  /** What follows the prefix: "ỦY BAN NHÂN DÂN" after TM., "CHỦ TỊCH" after KT. */
  authorityLine: text(200).default(''),
  /** Three-line form "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH": the "KT." line. Only with TM. */
  deputyFor: text(200).nullable().default(null),
  /** Chức vụ of the signer, e.g. "PHÓ CHỦ TỊCH"; may be empty with Q. ("Q. GIÁM ĐỐC" says it all). */
  title: text(200).default(''),
  name: requiredText(120, 'Nhập họ và tên người ký'),
});
export type LetterSignature = z.infer<typeof letterSignatureSchema>;
export type LetterSignatureInput = z.input<typeof letterSignatureSchema>;

const symbolSchema = text(40).pipe(
  z
    .string()
    .min(1, 'Nhập ký hiệu văn bản')
    .regex(/^[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*$/u, 'Ký hiệu gồm các nhóm chữ viết tắt nối bằng dấu gạch ngang, không có khoảng trắng (ví dụ UBND-VP)'),
);

export const letterSchema = z
  .object({
    kind: letterKindSchema,
    /** Cơ quan chủ quản; lines separated by "\n"; empty when there is none. */
    parentAgency: text(300).default(''),
    /** Cơ quan ban hành; lines separated by "\n". */
    issuingAgency: requiredText(300, 'Nhập tên cơ quan ban hành'),
    /** Null until the clerk issues the letter (docs/letter-format.md: number assigned after signature). */
    number: z.number().int().min(1).max(999_999).nullable().default(null),
    symbol: symbolSchema,
    place: requiredText(100, 'Nhập địa danh'),
    /** YYYY-MM-DD; null while drafting. */
    date: isoDate.nullable().default(null),
    /** Trích yếu: after "V/v " for công văn, under the tên loại otherwise. */
    subject: text(500).default(''),
    recipients: z.array(requiredText(300, 'Tên nơi nhận trống')).max(200).default([]),
    blocks: z.array(letterBlockSchema).max(50_000),
    signature: letterSignatureSchema,
    /** Nơi nhận lines without the leading "- " and trailing ";" (the renderers add them). */
    distribution: z.array(requiredText(300, 'Dòng nơi nhận trống')).max(200).default([]),
    /** Drafting unit abbreviation in "Lưu: VT, <unit>". */
    archiveUnit: text(40).default(''),
    /** Ký hiệu người soạn thảo (initials) and number of copies issued, ô 12. */
    drafterInitials: text(20).default(''),
    copies: z.number().int().min(1).max(100_000).nullable().default(null),
    urgency: urgencySchema.nullable().default(null),
  })
  .superRefine((l, ctx) => {
    if (l.kind === 'officialLetter' && !l.subject) ctx.addIssue({ code: 'custom', message: 'Công văn cần trích yếu (V/v)', path: ['subject'] });
    if (l.signature.deputyFor && l.signature.authority !== 'TM')
      ctx.addIssue({ code: 'custom', message: 'Dòng "KT." thứ hai chỉ dùng kèm "TM."', path: ['signature', 'deputyFor'] });
  });

export type Letter = z.infer<typeof letterSchema>;
export type LetterInput = z.input<typeof letterSchema>;

/** Parses and normalises; throws a ZodError on invalid input. */
export function parseLetter(input: LetterInput): Letter {
  return letterSchema.parse(input);
}

// ---------------------------------------------------------------------------------------------
// Pure formatting helpers shared by both renderers.

/** Vietnamese uppercase (agency names, quốc hiệu, chức vụ); NFC so "Ủ" stays one code point. */
export function upperVi(s: string): string {
  return s.normalize('NFC').toLocaleUpperCase('vi-VN').normalize('NFC');
}

/** Splits a multi-line agency name; blank lines dropped. */
export function agencyLines(name: string): string[] {
  return name
    .split(/\r?\n/)
    .map((l) => upperVi(l.trim()))
    .filter((l) => l.length > 0);
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Blank kept for the clerk to write the number by hand (the official samples leave a gap). */
export const NUMBER_BLANK = '      ';

/** "Số: 05/UBND-VP"; "Số:      /UBND-VP" before issue. Numbers 1–9 take a leading zero (docs/letter-format.md §3). */
export function formatLetterNumber(number: number | null, symbol: string): string {
  const n = number === null ? NUMBER_BLANK : pad2(number);
  return `Số: ${n}/${symbol.normalize('NFC')}`;
}

/** Day and month as printed: days 1–9 and months 1–2 take a leading zero, months 3–12 do not (docs/letter-format.md §3 Date rules). */
export function formatDayMonth(date: string): { day: string; month: string; year: string } {
  const [y, m, d] = date.split('-').map(Number);
  return { day: pad2(d), month: m <= 2 ? pad2(m) : String(m), year: String(y) };
}

/** "Cao Bằng, ngày 05 tháng 5 năm 2026"; dotted blanks while the date is not yet assigned. */
export function formatPlaceDate(place: string, date: string | null): string {
  const p = place.normalize('NFC').trim();
  if (date === null) return `${p}, ngày …… tháng …… năm ……`;
  const { day, month, year } = formatDayMonth(date);
  return `${p}, ngày ${day} tháng ${month} năm ${year}`;
}

/** dd/mm/yyyy for dates inside the body and tables (e.g. "28/4/2023" style is also common; we keep zero padding). */
export function formatShortDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

/** The lines of ô 7a, uppercased: ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]. */
export function signatureLines(sig: LetterSignature): string[] {
  const lines: string[] = [];
  if (sig.authority) lines.push(`${sig.authority}. ${upperVi(sig.authorityLine)}`.trim());
  if (sig.authority === 'TM' && sig.deputyFor) lines.push(`KT. ${upperVi(sig.deputyFor)}`);
  if (sig.title) lines.push(upperVi(sig.title));
  return lines;
}

/** The ký hiệu: công văn "<agency>-<unit>", named kinds "<kind>-<agency>" (docs/letter-format.md §3 Số, ký hiệu rules). */
export function buildSymbol(kind: LetterKind, agencyAbbr: string, unitAbbr?: string): string {
  const abbr = letterKinds[kind].abbr;
  if (abbr === null) return unitAbbr ? `${agencyAbbr}-${unitAbbr}` : agencyAbbr;
  return `${abbr}-${agencyAbbr}`;
}

/**
 * Kính gửi lines: one recipient is printed on the same line; several get "- " and ";", the last ".".
 */
export function recipientLines(recipients: readonly string[]): string[] {
  if (recipients.length <= 1) return recipients.map((r) => r.replace(/[.;]+$/, ''));
  return recipients.map((r, i) => `- ${r.replace(/[.;]+$/, '')}${i === recipients.length - 1 ? '.' : ';'}`);
}

/** Kinds whose Nơi nhận starts with "Như trên" when they have Kính gửi addressees (Phụ lục I: công văn, tờ trình and báo cáo sent upward). */
const AS_ABOVE_KINDS: readonly LetterKind[] = ['officialLetter', 'report', 'submission'];

/**
 * The drafting unit for "Lưu: VT, <unit>": the letter's own, else read from the ký hiệu (công văn
 * "UBND-VP" → VP; a named kind with a third group "KH-UBND-VP" → VP; else the issuing agency's).
 */
export function archiveUnitOf(letter: Pick<Letter, 'kind' | 'symbol' | 'archiveUnit'>): string {
  if (letter.archiveUnit) return letter.archiveUnit;
  const groups = letter.symbol.split('-');
  if (letter.kind === 'officialLetter') return groups[1] ?? groups[0];
  return groups[2] ?? groups[1] ?? groups[0];
}

/** Nơi nhận lines, each "- …;", ending with "- Lưu: VT, <unit>. <initials>(<copies>)." (Mẫu 1.4/1.5 notes 8–9). */
export function distributionLines(
  letter: Pick<Letter, 'kind' | 'symbol' | 'recipients' | 'distribution' | 'archiveUnit' | 'drafterInitials' | 'copies'>,
): string[] {
  const items = letter.distribution.map((d) => d.replace(/^-\s*/, '').replace(/[.;]+$/, ''));
  if (letter.recipients.length > 0 && AS_ABOVE_KINDS.includes(letter.kind) && items[0] !== 'Như trên') items.unshift('Như trên');
  const lines = items.map((d) => `- ${d};`);
  let archive = `- Lưu: VT, ${archiveUnitOf(letter)}.`;
  if (letter.drafterInitials) {
    archive += ` ${upperVi(letter.drafterInitials)}`;
    if (letter.copies !== null) archive += `(${letter.copies})`;
    archive += '.';
  }
  lines.push(archive);
  return lines;
}

/** The date as printed: none until the letter has its number (the văn thư assigns both at issue). */
export function printedDate(letter: Pick<Letter, 'number' | 'date'>): string | null {
  return letter.number === null ? null : letter.date;
}

/** Roman numerals for level-1 headings (I, II, … XXXIX is plenty for a report). */
export function toRoman(n: number): string {
  const table: [number, string][] = [
    [1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'],
    [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
  ];
  let out = '';
  let rest = n;
  for (const [v, s] of table) {
    while (rest >= v) {
      out += s;
      rest -= v;
    }
  }
  return out;
}

/** The printed heading line: level 1 "I. TIÊU ĐỀ", level 2 "1. Tiêu đề", level 3 "a) Tiêu đề". */
export function headingText(h: Pick<HeadingBlock, 'level' | 'label' | 'text'>): string {
  const title = h.level === 1 ? upperVi(h.text) : h.text;
  if (!h.label) return title;
  return h.level === 3 ? `${h.label}) ${title}` : `${h.label}. ${title}`;
}

/**
 * Lines of a left-column header block broken so that no word is left alone on the last line
 * (agency names: each given line balanced on its own; the V/v line of a công văn).
 */
export function balancedAgencyLines(name: string, sizePt: number, bold: boolean, widthTwips: number): string[] {
  return agencyLines(name).flatMap((line) => {
    const lines = balancedLines(line, sizePt, bold, widthTwips);
    if (lines.length !== 2) return lines;
    // Two lines: break before the place ("ỦY BAN NHÂN DÂN / TỈNH CAO BẰNG") when both halves fit.
    const m = ADMIN_LEVEL.exec(line);
    if (!m || m.index === 0) return lines;
    const halves = [line.slice(0, m.index).trim(), line.slice(m.index).trim()];
    return halves.every((h) => balancedLines(h, sizePt, bold, widthTwips).length === 1) ? halves : lines;
  });
}

/** Where a local agency's name turns to its place: the administrative level word. */
const ADMIN_LEVEL = /\s(?:TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|THỊ TRẤN|ĐẶC KHU)\s/u;

/** "V/v …" line of a công văn. */
export function subjectLine(letter: Pick<Letter, 'kind' | 'subject'>): string {
  return letter.kind === 'officialLetter' ? `V/v ${letter.subject}` : letter.subject;
}

/**
 * Letterhead settings (Cài đặt → Thể thức văn bản): what the office prints on every letter, kept
 * as one settings row. `letterIssuer` turns them plus the organisation into the templates'
 * `LetterIssuer`, so templates never read settings themselves.
 */
import { z } from 'zod';
import { AppError } from '../errors';
import type { Organisation } from '../registries/organisation';
import { DEFAULT_MARGINS_MM, letterMarginsSchema } from './layout';
import { signingAuthoritySchema, upperVi, type LetterSignatureInput } from './model';
import type { LetterIssuer } from './templates/common';

export const LETTERHEAD_SETTINGS_ID = 'letterhead';

const trimmed = (max: number) => z.string().transform((s) => s.normalize('NFC').trim()).pipe(z.string().max(max));

/** Multi-line agency names: lines trimmed, blank lines dropped, joined by "\n". */
const agencyText = (max: number) =>
  z
    .string()
    .transform((s) =>
      s
        .normalize('NFC')
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean)
        .join('\n'),
    )
    .pipe(z.string().max(max));

/** One abbreviation group of a ký hiệu: letters and digits only ("UBND", "VP", "VHXH"). */
const symbolGroup = (what: string) =>
  z
    .string()
    .transform((s) => s.normalize('NFC').trim().toLocaleUpperCase('vi-VN'))
    .pipe(
      z
        .string()
        .min(1, `Nhập ký hiệu ${what}`)
        .max(20)
        .regex(/^[\p{L}\p{N}]+$/u, `Ký hiệu ${what} chỉ gồm chữ và số, không có khoảng trắng hay dấu gạch`),
    );

export const draftingOfficeSchema = z.object({
  /** Abbreviation after the agency's in a công văn ký hiệu ("UBND-VP") and in "Lưu: VT, VP". */
  symbol: symbolGroup('đơn vị soạn thảo'),
  name: trimmed(200).pipe(z.string().min(2, 'Nhập tên đơn vị soạn thảo')),
});
export type DraftingOffice = z.infer<typeof draftingOfficeSchema>;

export const letterheadSignerSchema = z
  .object({
    id: z.string().min(1).max(64),
    name: trimmed(120).pipe(z.string().min(2, 'Nhập họ và tên người ký')),
    /** Chức vụ as printed, e.g. "Phó Chủ tịch" (uppercased on the letter). */
    title: trimmed(200),
    /** Usual quyền hạn prefix: TM./KT./TL./TUQ./Q., or null when the head signs in their own name. */
    authority: signingAuthoritySchema.nullable(),
    /** What follows the prefix: "Ủy ban nhân dân" after TM., "Chủ tịch" after KT. */
    authorityLine: trimmed(200),
    /** The "KT." line of the three-line form (only with TM.), e.g. "Chủ tịch"; "" for none. */
    deputyFor: trimmed(200),
  })
  .superRefine((s, ctx) => {
    if (s.authority && !s.authorityLine) ctx.addIssue({ code: 'custom', message: `Nhập dòng quyền hạn sau "${s.authority}." cho ${s.name}`, path: ['authorityLine'] });
    if (s.deputyFor && s.authority !== 'TM') ctx.addIssue({ code: 'custom', message: `Dòng "KT." thứ hai chỉ dùng kèm "TM." (${s.name})`, path: ['deputyFor'] });
    if (!s.title && s.authority !== 'Q') ctx.addIssue({ code: 'custom', message: `Nhập chức vụ của ${s.name}`, path: ['title'] });
  });
export type LetterheadSigner = z.infer<typeof letterheadSignerSchema>;

export const letterheadSchema = z
  .object({
    /** The unit (registry id) whose outgoing register numbers these letters. */
    issuerUnitId: z.string().min(1).max(64),
    /** Cơ quan chủ quản, one printed line per line; "" when there is none. */
    parentAgency: agencyText(300),
    /** Cơ quan ban hành, one printed line per line. */
    issuingAgency: agencyText(300).pipe(z.string().min(1, 'Nhập tên cơ quan ban hành')),
    place: trimmed(100).pipe(z.string().min(2, 'Nhập địa danh')),
    /** The issuing agency's abbreviation in the ký hiệu, e.g. "UBND". */
    authoritySymbol: symbolGroup('cơ quan'),
    offices: z.array(draftingOfficeSchema).min(1, 'Cần ít nhất một đơn vị soạn thảo').max(50),
    defaultOfficeSymbol: z.string().max(20),
    /** How responsibility clauses name the head, e.g. "Chủ tịch Ủy ban nhân dân xã". */
    chairName: trimmed(200).pipe(z.string().min(2, 'Nhập cách gọi người đứng đầu')),
    signers: z.array(letterheadSignerSchema).max(30),
    defaultSignerId: z.string().max(64),
    margins: letterMarginsSchema,
    /** Ký hiệu người soạn thảo (ô 12), e.g. "LT". */
    drafterInitials: trimmed(20).pipe(z.string().regex(/^[\p{L}\p{N}.]*$/u, 'Ký hiệu người soạn thảo chỉ gồm chữ viết tắt, không có khoảng trắng')),
    /** Số bản phát hành printed after the initials; null to leave it out. */
    copies: z.number().int().min(1).max(100_000).nullable(),
    /** Nơi nhận lines added to every new letter after the addressees (without "- " and ";"). */
    distribution: z.array(trimmed(300).pipe(z.string().min(1, 'Dòng nơi nhận trống'))).max(50),
  })
  .superRefine((l, ctx) => {
    const seen = new Set<string>();
    l.offices.forEach((o, i) => {
      if (seen.has(o.symbol)) ctx.addIssue({ code: 'custom', message: `Ký hiệu đơn vị "${o.symbol}" bị trùng`, path: ['offices', i, 'symbol'] });
      seen.add(o.symbol);
    });
    if (!l.offices.some((o) => o.symbol === l.defaultOfficeSymbol))
      ctx.addIssue({ code: 'custom', message: 'Chọn đơn vị soạn thảo mặc định trong danh sách', path: ['defaultOfficeSymbol'] });
    const ids = new Set(l.signers.map((s) => s.id));
    if (ids.size !== l.signers.length) ctx.addIssue({ code: 'custom', message: 'Người ký bị trùng', path: ['signers'] });
    if (l.signers.length > 0 && !ids.has(l.defaultSignerId))
      ctx.addIssue({ code: 'custom', message: 'Chọn người ký mặc định trong danh sách', path: ['defaultSignerId'] });
  });
export type Letterhead = z.infer<typeof letterheadSchema>;
export type LetterheadInput = z.input<typeof letterheadSchema>;

/**
 * Splits an authority's name into the printed header lines: "Ủy ban nhân dân xã Hòa An" →
 * "ỦY BAN NHÂN DÂN\nXÃ HÒA AN" (docs/letter-format.md §3, ô 2: local bodies print the place on the second line).
 * Names that do not start with a known body type stay on one line.
 */
export function agencyHeaderLines(name: string): string {
  const n = name.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (!n) return '';
  // "Uỷ" (old-style tone placement) and "Ủy" are both in use.
  const m = /^(ủy ban nhân dân|uỷ ban nhân dân|hội đồng nhân dân)\s+(.+)$/iu.exec(n);
  if (!m) return upperVi(n);
  return `${upperVi(m[1]).replace('UỶ', 'ỦY')}\n${upperVi(m[2])}`;
}

/** "Chủ tịch Ủy ban nhân dân xã Hòa An" from the authority's name. */
export function defaultChairName(authorityName: string): string {
  const n = authorityName.normalize('NFC').trim();
  return /^(ủy|uỷ) ban nhân dân/iu.test(n) ? `Chủ tịch ${n.charAt(0).toUpperCase()}${n.slice(1)}` : `Thủ trưởng ${n}`;
}

/** The unit whose register numbers this site's letters: the authority at the coordinating office, else the site's own unit. */
export function defaultIssuerUnitId(org: Pick<Organisation, 'siteRole' | 'authorityUnitId' | 'actsForUnitIds'>): string {
  if (org.siteRole === 'coordinator') return org.authorityUnitId;
  return org.actsForUnitIds[0] ?? org.authorityUnitId;
}

/** Settings before the administrator has saved any: everything derived from the first-run answers. */
export function defaultLetterhead(org: Organisation, office: DraftingOffice | null): Letterhead {
  const offices = office ? [office] : [{ symbol: 'VP', name: 'Văn phòng' }];
  return letterheadSchema.parse({
    issuerUnitId: defaultIssuerUnitId(org),
    parentAgency: agencyHeaderLines(org.parentName),
    issuingAgency: agencyHeaderLines(org.authorityName),
    place: org.placeName,
    authoritySymbol: org.authoritySymbol,
    offices,
    defaultOfficeSymbol: offices[0].symbol,
    chairName: defaultChairName(org.authorityName),
    signers: [],
    defaultSignerId: '',
    margins: DEFAULT_MARGINS_MM,
    drafterInitials: '',
    copies: null,
    distribution: [],
  } satisfies LetterheadInput);
}

/** The signature block data for a signer (ô 7a/7b). */
export function signatureOf(signer: LetterheadSigner): LetterSignatureInput {
  return {
    authority: signer.authority,
    authorityLine: signer.authority ? signer.authorityLine : '',
    deputyFor: signer.authority === 'TM' && signer.deputyFor ? signer.deputyFor : null,
    title: signer.title,
    name: signer.name,
  };
}

export interface IssuerChoice {
  /** Drafting unit; defaults to the settings' default office. */
  officeSymbol?: string;
  /** Signer; defaults to the settings' default signer. */
  signerId?: string;
}

/**
 * The templates' issuer for these settings. Throws an AppError the screen can show when no signer
 * is configured or a chosen one no longer exists.
 */
export function letterIssuer(settings: Letterhead, org: Pick<Organisation, 'authorityName'>, choice: IssuerChoice = {}): LetterIssuer {
  const officeSymbol = choice.officeSymbol ?? settings.defaultOfficeSymbol;
  const office = settings.offices.find((o) => o.symbol === officeSymbol);
  if (!office) throw new AppError('invalid-input', `Không có đơn vị soạn thảo ký hiệu "${officeSymbol}" trong Cài đặt → Thể thức văn bản.`);
  if (settings.signers.length === 0) throw new AppError('invalid-input', 'Chưa khai báo người ký trong Cài đặt → Thể thức văn bản.');
  const signerId = choice.signerId ?? settings.defaultSignerId;
  const signer = settings.signers.find((s) => s.id === signerId);
  if (!signer) throw new AppError('invalid-input', 'Người ký đã chọn không còn trong Cài đặt → Thể thức văn bản.');
  const coordinator = settings.offices.find((o) => o.symbol === settings.defaultOfficeSymbol) ?? office;
  return {
    parentAgency: settings.parentAgency,
    issuingAgency: settings.issuingAgency,
    authorityName: org.authorityName.normalize('NFC').trim(),
    chairName: settings.chairName,
    coordinatorName: coordinator.name,
    agencyAbbr: settings.authoritySymbol,
    draftingUnitAbbr: office.symbol,
    place: settings.place,
    signature: signatureOf(signer),
    extraDistribution: [...settings.distribution],
    drafterInitials: settings.drafterInitials,
    copies: settings.copies,
  };
}

/**
 * What every template needs to know about the office that issues the letter. Plain data, so the
 * screens can fill it from the organisation settings without the templates knowing those models.
 */
import { buildSymbol, letterSchema, type Letter, type LetterInput, type LetterKind, type LetterSignatureInput } from '../model';

export interface LetterIssuer {
  /** Cơ quan chủ quản (lines separated by "\n"), or "" when there is none. */
  parentAgency: string;
  /** Cơ quan ban hành as printed in the header, e.g. "ỦY BAN NHÂN DÂN\nXÃ HÒA AN". */
  issuingAgency: string;
  /** How the body refers to the issuing authority, e.g. "Ủy ban nhân dân xã Hòa An". */
  authorityName: string;
  /** The head, as named in responsibility clauses, e.g. "Chủ tịch Ủy ban nhân dân xã". */
  chairName: string;
  /** Office that monitors and receives reports, e.g. "Văn phòng HĐND và UBND xã"; "" to omit. */
  coordinatorName: string;
  /** Abbreviation of the issuing agency in the ký hiệu, e.g. "UBND". */
  agencyAbbr: string;
  /** Abbreviation of the drafting unit, e.g. "VP" (công văn ký hiệu and "Lưu: VT, VP"). */
  draftingUnitAbbr: string;
  /** Địa danh, e.g. "Hòa An" or "Cao Bằng". */
  place: string;
  signature: LetterSignatureInput;
  /** Extra Nơi nhận lines after the addressees, e.g. "TT. Đảng ủy xã". */
  extraDistribution?: string[];
  drafterInitials?: string;
  copies?: number | null;
}

export interface IssueInfo {
  /** Outgoing number from the register, or null to leave the blank for the clerk. */
  number?: number | null;
  /** Issue date YYYY-MM-DD, or null while drafting. */
  date?: string | null;
}

export function symbolFor(kind: LetterKind, issuer: LetterIssuer): string {
  return buildSymbol(kind, issuer.agencyAbbr, issuer.draftingUnitAbbr);
}

/** Fills the parts common to every template and validates the result. */
export function assembleLetter(
  kind: LetterKind,
  issuer: LetterIssuer,
  issue: IssueInfo,
  rest: Pick<LetterInput, 'subject' | 'recipients' | 'blocks' | 'distribution' | 'urgency'>,
): Letter {
  return letterSchema.parse({
    kind,
    parentAgency: issuer.parentAgency,
    issuingAgency: issuer.issuingAgency,
    number: issue.number ?? null,
    symbol: symbolFor(kind, issuer),
    place: issuer.place,
    date: issue.date ?? null,
    signature: issuer.signature,
    archiveUnit: issuer.draftingUnitAbbr,
    drafterInitials: issuer.drafterInitials ?? '',
    copies: issuer.copies ?? null,
    ...rest,
  });
}


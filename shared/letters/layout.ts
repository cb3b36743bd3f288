/**
 * Page geometry and typography for official letters, each value tied to the line of
 * docs/letter-format.md it comes from. Both renderers (docx, HTML) read these constants,
 * so the preview and the printed letter agree.
 */
import { z } from 'zod';

export const FONT_FAMILY = 'Times New Roman';

/** 1 mm in twips (1 tw = 1/20 pt, 1 in = 25.4 mm = 1440 tw). */
export const TWIPS_PER_MM = 1440 / 25.4;
export function mmToTwips(mm: number): number {
  return Math.round(mm * TWIPS_PER_MM);
}

/** docs/letter-format.md §1: A4 portrait, 210 × 297 mm. */
export const PAGE_WIDTH_MM = 210;
export const PAGE_HEIGHT_MM = 297;
export const PAGE_WIDTH_TW = 11906;
export const PAGE_HEIGHT_TW = 16838;

/** docs/letter-format.md §1 ranges (mm): top/bottom 20–25, left 30–35, right 15–20. */
export const MARGIN_RANGES_MM = {
  top: [20, 25],
  bottom: [20, 25],
  left: [30, 35],
  right: [15, 20],
} as const;

export const letterMarginsSchema = z.object({
  top: z.number().min(MARGIN_RANGES_MM.top[0]).max(MARGIN_RANGES_MM.top[1]),
  bottom: z.number().min(MARGIN_RANGES_MM.bottom[0]).max(MARGIN_RANGES_MM.bottom[1]),
  left: z.number().min(MARGIN_RANGES_MM.left[0]).max(MARGIN_RANGES_MM.left[1]),
  right: z.number().min(MARGIN_RANGES_MM.right[0]).max(MARGIN_RANGES_MM.right[1]),
});
export type LetterMargins = z.infer<typeof letterMarginsSchema>;

/** docs/letter-format.md §1 "Recommended": top 20, bottom 20, left 30, right 15 mm → text width 165 mm. */
export const DEFAULT_MARGINS_MM: LetterMargins = { top: 20, bottom: 20, left: 30, right: 15 };
/** Header (page number) distance from the paper edge: 10 mm, as in the official appendix file [sample]. */
export const HEADER_DISTANCE_MM = 10;

/** Font sizes in pt: the "Default" column of docs/letter-format.md §3. */
export const SIZES = {
  /** ô 1 Quốc hiệu: 12–13, default 12 (13 does not fit a 58 % column). */
  nationalTitle: 12,
  /** ô 1 Tiêu ngữ: 13–14; 13 as in the decree's Mục V. */
  motto: 13,
  /** ô 2 chủ quản and cơ quan ban hành: 12–13. */
  parentAgency: 13,
  issuingAgency: 13,
  /** ô 3 Số, ký hiệu: 13. */
  number: 13,
  /** ô 4 địa danh, ngày tháng: 13–14; 13 to match the Tiêu ngữ above it. */
  placeDate: 13,
  /** ô 5a tên loại and trích yếu: 13–14, default 14. */
  kindTitle: 14,
  kindSubject: 14,
  /** ô 5b V/v of a công văn: 12–13, default 12. */
  officialSubject: 12,
  /** ô 9a Kính gửi: 13–14, default 14. */
  recipients: 14,
  /** ô 6 body: 13–14, default 14. */
  body: 14,
  /** ô 7a/7b signature block: 13–14, default 14. */
  signature: 14,
  /** ô 9b "Nơi nhận:" 12 and its list 11; ô 12 drafter initials 11. */
  distributionLabel: 12,
  distribution: 11,
  /** ô 10b urgency stamp 13–14, default 13. */
  urgency: 13,
  /** Page number 13–14, default 14. */
  pageNumber: 14,
} as const;

/** docs/letter-format.md §3 row 6: first-line indent 1 cm or 1.27 cm. */
export const BODY_FIRST_LINE_INDENT_MM = 10;
/** docs/letter-format.md §3 row 6: paragraph spacing ≥ 6 pt. */
export const BODY_PARAGRAPH_SPACING_PT = 6;
/**
 * docs/letter-format.md §3 row 6: line spacing between single and 1.5 lines. Ours [practice]: body
 * lines 1.2 × the font size apart (16.8 pt at 14 pt; a single Times New Roman line is 1.15 × the
 * size), the same in the HTML/PDF (`line-height`) and the .docx (at least that many points).
 */
export const BODY_LINE_SPACING = 1.2;
/** docs/letter-format.md §3 ô 5b: V/v line 6 pt below the Số line. */
export const OFFICIAL_SUBJECT_SPACING_PT = 6;

/** docs/letter-format.md §2: header table split about 42 % / 58 % (Mẫu 1.4/1.5). */
export const HEADER_LEFT_RATIO = 0.42;
/** docs/letter-format.md §2: signature / Nơi nhận table split about 38 % / 62 %. */
export const SIGNATURE_LEFT_RATIO = 0.38;
/** docs/letter-format.md §3 ô 2 / ô 5a: the short rule is 1/3–1/2 of the text line; we take the middle. */
export const SHORT_RULE_RATIO = 0.4;
/** Rule thickness: 0.75 pt solid (docs/letter-format.md §5 "dòng kẻ"). */
export const RULE_THICKNESS_PT = 0.75;
/** Blank lines left for signature and seal (ô 7c); not fixed by ND30 [practice]. */
export const SIGNATURE_GAP_LINES = 4;
/** Kính gửi block starts this far from the text's left edge when there are several recipients [practice]. */
export const RECIPIENTS_INDENT_MM = 30;
/** The label before the colon: several recipients put their dashes under the colon, i.e. this far right of the label's start. */
export const RECIPIENTS_LABEL_STEM = 'Kính gửi';

export function textWidthMm(margins: LetterMargins): number {
  return PAGE_WIDTH_MM - margins.left - margins.right;
}

export function textWidthTwips(margins: LetterMargins): number {
  return PAGE_WIDTH_TW - mmToTwips(margins.left) - mmToTwips(margins.right);
}

/** Width of the header's left column (agency, Số, V/v) in twips. */
export function headerLeftTwips(margins: LetterMargins): number {
  return Math.round(textWidthTwips(margins) * HEADER_LEFT_RATIO);
}

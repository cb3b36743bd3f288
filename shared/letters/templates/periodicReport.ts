/**
 * Báo cáo định kỳ (month / quarter / half-year / year): the shell with numbered sections
 * (I., II., … with 1., 2. inside) whose content the reports feature supplies.
 */
import { toRoman, type Letter, type LetterBlockInput } from '../model';
import { assembleLetter, type IssueInfo, type LetterIssuer } from './common';

export interface ReportSubsection {
  title: string;
  blocks: LetterBlockInput[];
}

export interface ReportSection {
  /** Printed in UPPER after the Roman numeral. */
  title: string;
  blocks?: LetterBlockInput[];
  subsections?: ReportSubsection[];
}

export interface PeriodicReportInput extends IssueInfo {
  issuer: LetterIssuer;
  /** Period as worded in the subject, e.g. "quý I năm 2026", "6 tháng đầu năm 2026". */
  periodLabel: string;
  /** Subject before the period, default "Kết quả thực hiện nhiệm vụ được giao". */
  topic?: string;
  /** Opening paragraph(s) before section I. */
  intro?: string[];
  /** Sections in order; defaults to the usual four with placeholders. */
  sections?: ReportSection[];
  /** Kính gửi, for a report sent up to a higher body (docs/letter-format.md §3, ô 9a); empty for none. */
  recipients?: string[];
  /** Nơi nhận lines (the "Lưu" line is added). */
  distribution?: string[];
}

export const DEFAULT_REPORT_SECTIONS: readonly string[] = [
  'Kết quả thực hiện nhiệm vụ',
  'Tồn tại, hạn chế và nguyên nhân',
  'Nhiệm vụ, giải pháp trong thời gian tới',
  'Kiến nghị, đề xuất',
];

/** Printed under an empty section of a draft; issuing refuses a letter that contains it. */
export const REPORT_PLACEHOLDER = '(Nội dung do bộ phận tổng hợp bổ sung.)';
const PLACEHOLDER = REPORT_PLACEHOLDER;

export function buildPeriodicReport(input: PeriodicReportInput): Letter {
  const topic = input.topic ?? 'Kết quả thực hiện nhiệm vụ được giao';
  const sections: ReportSection[] = input.sections ?? DEFAULT_REPORT_SECTIONS.map((title) => ({ title }));
  const blocks: LetterBlockInput[] = (input.intro ?? []).map((text) => ({ type: 'paragraph', text }));
  sections.forEach((s, i) => {
    blocks.push({ type: 'heading', level: 1, label: toRoman(i + 1), text: s.title });
    const own = s.blocks ?? [];
    const subs = s.subsections ?? [];
    if (own.length === 0 && subs.length === 0) blocks.push({ type: 'paragraph', text: PLACEHOLDER });
    blocks.push(...own);
    subs.forEach((sub, j) => {
      blocks.push({ type: 'heading', level: 2, label: String(j + 1), text: sub.title });
      blocks.push(...(sub.blocks.length ? sub.blocks : [{ type: 'paragraph' as const, text: PLACEHOLDER }]));
    });
  });
  blocks.push({ type: 'paragraph', text: `Trên đây là báo cáo ${topic.charAt(0).toLowerCase()}${topic.slice(1)} ${input.periodLabel} của ${input.issuer.authorityName}./.` });

  return assembleLetter('report', input.issuer, input, {
    subject: `${topic} ${input.periodLabel}`,
    recipients: input.recipients ?? [],
    blocks,
    distribution: input.distribution ?? input.issuer.extraDistribution ?? [],
  });
}

/**
 * "Không trả lời chung chung" (docs/rules.md §1): a reply that agrees with comments or disagrees must say
 * something of substance. Stock phrases are compared folded (no diacritics, lower case), so
 * "Nhất trí." and "nhat tri" are the same phrase.
 */
import { foldVietnamese } from '../text/search';
import type { ReplyPosition } from './model';

/** Phrases that carry no position of their own; longest first so "dong y voi du thao" goes before "dong y". */
export const STOCK_PHRASES: readonly string[] = [
  'co bo sung gi them',
  'khong co y kien gi them',
  'khong co y kien khac',
  'khong co y kien gop y',
  'khong co y kien',
  'khong y kien',
  'khong co gi bo sung',
  'khong bo sung',
  'khong gop y',
  'co y kien',
  'dong y voi du thao',
  'dong y voi noi dung du thao',
  'dong y voi noi dung',
  'dong y nhu du thao',
  'nhat tri voi du thao',
  'nhat tri voi noi dung',
  'nhat tri nhu du thao',
  'co ban nhat tri',
  'co ban dong y',
  'thong nhat voi du thao',
  'thong nhat voi noi dung',
  'thong nhat nhu du thao',
  'thong nhat',
  'nhat tri',
  'dong y',
  'khong dong y',
  'nhu du thao',
  'theo du thao',
  'de nghi xem xet',
  'de nghi nghien cuu them',
  'can nghien cuu them',
  'can xem xet them',
  've co ban',
].sort((a, b) => b.length - a.length);

export type ContentCheck = { ok: true } | { ok: false; reason: string };

/** Letters and digits left once stock phrases and punctuation are removed. */
export function substantiveLength(content: string): number {
  let folded = ` ${foldVietnamese(content).replace(/[^a-z0-9]+/g, ' ')} `;
  for (const phrase of STOCK_PHRASES) folded = folded.split(` ${phrase} `).join(' ');
  // A second pass: removing one phrase can leave another (e.g. "nhat tri, thong nhat").
  for (const phrase of STOCK_PHRASES) folded = folded.split(` ${phrase} `).join(' ');
  return folded.replace(/[^a-z0-9]/g, '').length;
}

/**
 * Is this content enough for the position? "Đồng ý" may come without comments; "đồng ý có ý
 * kiến" and "không đồng ý" need at least `minChars` letters beyond stock phrases.
 */
export function checkReplyContent(position: ReplyPosition, content: string, minChars: number): ContentCheck {
  if (position === 'agree') return { ok: true };
  const what = position === 'disagree' ? 'Ý kiến không đồng ý' : 'Ý kiến đồng ý có ý kiến';
  const trimmed = content.trim();
  if (!trimmed) return { ok: false, reason: `${what} phải nêu rõ nội dung cụ thể (điểm nào, lý do, đề xuất sửa thế nào).` };
  const n = substantiveLength(trimmed);
  if (n === 0)
    return { ok: false, reason: `${what} chỉ gồm câu chung chung ("${trimmed.slice(0, 60)}"). Theo quy định, đơn vị được lấy ý kiến phải có chính kiến rõ ràng, không trả lời chung chung: hãy nêu nội dung cụ thể.` };
  if (n < minChars)
    return { ok: false, reason: `${what} quá ngắn, chưa nêu rõ nội dung cụ thể (cần ít nhất ${minChars} ký tự có nội dung ngoài các cụm từ chung chung như "nhất trí", "như dự thảo").` };
  return { ok: true };
}

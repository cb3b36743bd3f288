import { describe, expect, it } from 'vitest';
import { checkReplyContent, substantiveLength } from './vagueness';

describe('vague replies are refused', () => {
  const stock = ['Nhất trí.', 'nhat tri', 'Không có ý kiến', 'Như dự thảo', 'Đồng ý với dự thảo.', 'Cơ bản nhất trí, không có ý kiến khác.', 'THỐNG NHẤT NHƯ DỰ THẢO', 'Đồng ý có ý kiến'];
  for (const s of stock) {
    it(`refuses "${s}" for a disagreement and for comments`, () => {
      const d = checkReplyContent('disagree', s, 30);
      expect(d.ok).toBe(false);
      if (!d.ok) expect(d.reason).toContain('chung chung');
      expect(checkReplyContent('agreeWithComments', s, 30).ok).toBe(false);
      expect(substantiveLength(s)).toBe(0);
    });
  }

  it('refuses an empty disagreement and a short one, with the reason', () => {
    const empty = checkReplyContent('disagree', '   ', 30);
    expect(empty).toMatchObject({ ok: false });
    const short = checkReplyContent('disagree', 'Nhất trí, sửa mục 2.', 30);
    expect(short.ok).toBe(false);
    if (!short.ok) expect(short.reason).toContain('ít nhất 30 ký tự');
  });

  it('accepts substantive content, even with a stock phrase around it', () => {
    const text = 'Không đồng ý mục II.3: nguồn vốn đối ứng của xã chưa được bố trí trong kế hoạch đầu tư công trung hạn.';
    expect(checkReplyContent('disagree', text, 30)).toEqual({ ok: true });
    expect(checkReplyContent('agreeWithComments', `Nhất trí. ${text}`, 30)).toEqual({ ok: true });
  });

  it('lets a plain agreement through without content', () => {
    expect(checkReplyContent('agree', '', 30)).toEqual({ ok: true });
    expect(checkReplyContent('agree', 'Nhất trí', 30)).toEqual({ ok: true });
  });

  it('does not strip a phrase hidden inside other words', () => {
    // "nhu du thao" is not a phrase of "những dự thảo" (whole folded words only).
    expect(substantiveLength('những dự thảo')).toBe('nhungduthao'.length);
  });
});

import { describe, expect, it } from 'vitest';
import { escapeHtml, letterCss, renderLetterHtml } from './html';
import { letterSchema, type LetterInput } from './model';
import { buildFollowUpLetter } from './templates';
import { sampleIssuer, sampleTasks } from './__fixtures__/samples';

const input: LetterInput = {
  kind: 'officialLetter',
  parentAgency: 'Ủy ban nhân dân tỉnh Cao Bằng',
  issuingAgency: 'Sở <Nội vụ>',
  number: 7,
  symbol: 'SNV-VP',
  place: 'Cao Bằng',
  date: '2026-01-09',
  subject: 'góp ý "dự thảo" & <b>',
  recipients: ['Phòng A', 'Phòng B'],
  blocks: [
    { type: 'paragraph', text: '<script>alert(1)</script>' },
    { type: 'heading', level: 1, label: 'I', text: 'Kết quả' },
    { type: 'bullets', items: ["Ý 'một'"] },
    { type: 'table', columns: [{ header: 'Tên' }, { header: 'Số', align: 'right' }], rows: [['<x>', '1']], totals: ['Cộng', '1'] },
  ],
  signature: { authority: 'KT', authorityLine: 'Giám đốc', title: 'Phó Giám đốc', name: 'Hoàng Thị Mai' },
  distribution: ['Như trên'],
  archiveUnit: 'VP',
};

describe('renderLetterHtml', () => {
  const html = renderLetterHtml(letterSchema.parse(input));

  it('escapes all text', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('SỞ &lt;NỘI VỤ&gt;');
    expect(html).toContain('V/v góp ý &quot;dự thảo&quot; &amp; &lt;b&gt;');
    expect(html).toContain('<td class="left">&lt;x&gt;</td>');
    expect(html).not.toMatch(/ style="/); // CSP-friendly: no inline style attributes
  });

  it('is a complete document with A4 print CSS, margins and page numbers from page 2', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toMatch(/@page \{ size: A4; margin: 20mm 15mm 20mm 30mm;/);
    expect(html).toMatch(/@top-center \{ content: counter\(page\)/);
    expect(html).toMatch(/@page :first \{ @top-center \{ content: none; \} \}/);
    expect(html).toContain('"Times New Roman"');
    expect(letterCss({ top: 25, bottom: 20, left: 35, right: 20 })).toContain('margin: 25mm 20mm 20mm 35mm');
  });

  it('uses the docs/letter-format.md sizes for each element', () => {
    const css = letterCss();
    expect(css).toMatch(/\.national-title \{ font-size: 12pt; font-weight: bold;/);
    expect(css).toMatch(/\.motto \{[^}]*font-size: 13pt; font-weight: bold;/);
    expect(css).toMatch(/\.place-date \{ font-size: 13pt; font-style: italic;/);
    expect(css).toMatch(/\.official-subject \{ font-size: 12pt;/);
    expect(css).toMatch(/\.distribution-label \{ font-size: 12pt; font-weight: bold; font-style: italic;/);
    expect(css).toMatch(/\.distribution \{ font-size: 11pt;/);
    expect(css).toMatch(/text-indent: 10mm/);
  });

  it('puts the elements in ND30 order', () => {
    const order = [
      'ỦY BAN NHÂN DÂN',
      'TỈNH CAO BẰNG',
      'SỞ &lt;NỘI VỤ&gt;',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Số: 07/SNV-VP',
      'V/v góp ý',
      'Cao Bằng, ngày 09 tháng 01 năm 2026',
      'Kính gửi:',
      '- Phòng A;',
      '- Phòng B.',
      '&lt;script&gt;',
      'I. KẾT QUẢ',
      "- Ý &#39;một&#39;",
      '<th>Tên</th>',
      '<tfoot>',
      'Nơi nhận:',
      '- Như trên;',
      '- Lưu: VT, VP.',
      'KT. GIÁM ĐỐC',
      'PHÓ GIÁM ĐỐC',
      'Hoàng Thị Mai',
    ];
    let at = 0;
    for (const s of order) {
      const i = html.indexOf(s, at);
      expect(i, s).toBeGreaterThan(-1);
      at = i + s.length;
    }
  });

  it('shows the title block for named kinds and no V/v line', () => {
    const notice = renderLetterHtml(letterSchema.parse({ ...input, kind: 'notice', symbol: 'TB-SNV', subject: 'Về việc X', recipients: [] }));
    expect(notice).toContain('<div class="kind-title">THÔNG BÁO</div>');
    expect(notice).toContain('Về việc X');
    expect(notice).not.toContain('V/v');
    expect(notice).not.toContain('Kính gửi');
  });

  it('renders a 200-row follow-up table', () => {
    const l = buildFollowUpLetter({ issuer: sampleIssuer, unit: { name: 'Phòng A' }, tasks: sampleTasks(200), asOf: '2026-05-05' });
    const out = renderLetterHtml(l);
    const grid = /<table class="grid[\s\S]*?<\/table>/.exec(out)?.[0] ?? '';
    expect(grid.match(/<tr>/g)?.length).toBe(201); // header row + 200 task rows
    expect(grid).toContain('<td class="center">200</td>');
  });
});

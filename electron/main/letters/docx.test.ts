import { describe, expect, it } from 'vitest';
import { letterSchema, type LetterInput } from '@shared/letters/model';
import { measureTwips } from '@shared/letters/metrics';
import { buildDeemedAgreementNotice, buildFollowUpLetter, buildPeriodicReport } from '@shared/letters/templates';
import { sampleIssuer, sampleTasks } from '@shared/letters/__fixtures__/samples';
import { renderLetterDocx } from './docx';
import { attr, findParagraph, paragraphs, paragraphText, readDocx, runStyle } from './__fixtures__/docxXml';

const base: LetterInput = {
  kind: 'officialLetter',
  parentAgency: 'Ủy ban nhân dân\ntỉnh Cao Bằng',
  issuingAgency: 'Văn phòng',
  number: 5,
  symbol: 'UBND-VP',
  place: 'Cao Bằng',
  date: '2026-05-05',
  subject: 'đôn đốc thực hiện nhiệm vụ',
  recipients: ['Phòng Kinh tế'],
  blocks: [{ type: 'paragraph', text: 'Nội dung công văn./.' }],
  signature: { authority: 'KT', authorityLine: 'Chánh Văn phòng', title: 'Phó Chánh Văn phòng', name: 'Nguyễn Văn A' },
  distribution: ['Như trên'],
  archiveUnit: 'VP',
};

async function render(input: Partial<LetterInput> = {}) {
  return readDocx(await renderLetterDocx(letterSchema.parse({ ...base, ...input })));
}

/** Rule paragraphs: empty paragraphs with a bottom border, and their length given the container width. */
function rules(xml: string): { left: number; right: number }[] {
  return paragraphs(xml)
    .filter((p) => p.includes('<w:pBdr>') && p.includes('<w:bottom') && paragraphText(p) === '')
    .map((p) => ({ left: Number(attr(p, 'w:ind', 'w:left')), right: Number(attr(p, 'w:ind', 'w:right')) }));
}

describe('renderLetterDocx: page setup (docs/letter-format.md §1)', () => {
  it('is A4 portrait with the recommended margins in twips', async () => {
    const { document } = await render();
    expect(attr(document, 'w:pgSz', 'w:w')).toBe('11906');
    expect(attr(document, 'w:pgSz', 'w:h')).toBe('16838');
    expect(attr(document, 'w:pgMar', 'w:top')).toBe('1134'); // 20 mm
    expect(attr(document, 'w:pgMar', 'w:bottom')).toBe('1134'); // 20 mm
    expect(attr(document, 'w:pgMar', 'w:left')).toBe('1701'); // 30 mm
    expect(attr(document, 'w:pgMar', 'w:right')).toBe('850'); // 15 mm
  });

  it('accepts margins inside the docs/letter-format.md ranges and rejects margins outside', async () => {
    const letter = letterSchema.parse(base);
    const doc = readDocx(await renderLetterDocx(letter, { margins: { top: 25, bottom: 20, left: 35, right: 20 } })).document;
    expect(attr(doc, 'w:pgMar', 'w:top')).toBe('1417');
    expect(attr(doc, 'w:pgMar', 'w:left')).toBe('1984');
    await expect(renderLetterDocx(letter, { margins: { top: 10, bottom: 20, left: 30, right: 15 } })).rejects.toThrow();
  });

  it('numbers pages from page 2: titlePg, PAGE field in the default header only', async () => {
    const { document, headers } = await render();
    expect(document).toContain('<w:titlePg/>');
    expect(Object.keys(headers).sort()).toEqual(['default', 'first']);
    expect(headers.default).toMatch(/PAGE/);
    expect(headers.first).not.toMatch(/PAGE/);
    const pageParagraph = paragraphs(headers.default)[0];
    expect(attr(pageParagraph, 'w:jc', 'w:val')).toBe('center');
    expect(runStyle(pageParagraph)).toMatchObject({ font: 'Times New Roman', sizePt: 14 });
  });
});

describe('renderLetterDocx: elements (docs/letter-format.md §3)', () => {
  it('sets font, size and weight of each header element', async () => {
    const { document } = await render();
    const style = (text: string) => runStyle(findParagraph(document, text));
    expect(style('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')).toEqual({ font: 'Times New Roman', sizePt: 12, bold: true, italic: false });
    expect(style('Độc lập - Tự do - Hạnh phúc')).toEqual({ font: 'Times New Roman', sizePt: 13, bold: true, italic: false });
    expect(style('ỦY BAN NHÂN DÂN')).toMatchObject({ sizePt: 13, bold: false });
    expect(style('TỈNH CAO BẰNG')).toMatchObject({ sizePt: 13, bold: false });
    expect(style('VĂN PHÒNG')).toMatchObject({ sizePt: 13, bold: true });
    expect(style('Số: 05/UBND-VP')).toMatchObject({ sizePt: 13, bold: false, italic: false });
    expect(style('Cao Bằng, ngày 05 tháng 5 năm 2026')).toMatchObject({ sizePt: 13, italic: true, bold: false });
    expect(style('V/v đôn đốc thực hiện nhiệm vụ')).toMatchObject({ sizePt: 12, bold: false, italic: false });
    expect(style('Kính gửi: Phòng Kinh tế')).toMatchObject({ sizePt: 14, bold: false });
  });

  it('keeps Số and the place-date on the same table row', async () => {
    const { document } = await render();
    const rows = document.match(/<w:tr>[\s\S]*?<\/w:tr>/g) ?? [];
    const row = rows.find((r) => r.includes('Số: 05/UBND-VP'));
    expect(row).toContain('Cao Bằng, ngày 05 tháng 5 năm 2026');
  });

  it('draws the motto rule at the motto width and the agency rule at 1/3–1/2 of the name', async () => {
    const { document } = await render();
    const [agency, motto] = rules(document);
    const leftCol = Number((document.match(/<w:gridCol w:w="(\d+)"\/>/) ?? [])[1]);
    const rightCol = 9355 - leftCol;
    expect(rightCol - motto.left - motto.right).toBe(3183);
    const agencyLen = leftCol - agency.left - agency.right;
    const nameWidth = measureTwips('VĂN PHÒNG', 13, true);
    expect(nameWidth).toBe(1582); // docs/letter-format.md §5 measured value
    expect(agencyLen).toBeGreaterThanOrEqual(Math.floor(nameWidth / 3));
    expect(agencyLen).toBeLessThanOrEqual(Math.ceil(nameWidth / 2));
  });

  it('writes the body justified with a first-line indent and ≥ 6 pt spacing', async () => {
    const { document } = await render();
    const p = findParagraph(document, 'Nội dung công văn./.');
    expect(attr(p, 'w:jc', 'w:val')).toBe('both');
    expect(attr(p, 'w:ind', 'w:firstLine')).toBe('567');
    expect(Number(attr(p, 'w:spacing', 'w:before'))).toBeGreaterThanOrEqual(120);
    const line = Number(attr(p, 'w:spacing', 'w:line'));
    expect(line).toBeGreaterThanOrEqual(240);
    expect(line).toBeLessThanOrEqual(360);
    expect(runStyle(p)).toMatchObject({ sizePt: 14, bold: false, italic: false });
  });

  it('sets the signature block and Nơi nhận sizes', async () => {
    const { document } = await render();
    expect(runStyle(findParagraph(document, 'KT. CHÁNH VĂN PHÒNG'))).toMatchObject({ sizePt: 14, bold: true });
    expect(runStyle(findParagraph(document, 'PHÓ CHÁNH VĂN PHÒNG'))).toMatchObject({ sizePt: 14, bold: true });
    expect(runStyle(findParagraph(document, 'Nguyễn Văn A'))).toMatchObject({ sizePt: 14, bold: true });
    expect(runStyle(findParagraph(document, 'Nơi nhận:'))).toMatchObject({ sizePt: 12, bold: true, italic: true });
    expect(runStyle(findParagraph(document, '- Như trên;'))).toMatchObject({ sizePt: 11, bold: false });
    expect(runStyle(findParagraph(document, '- Lưu: VT, VP.'))).toMatchObject({ sizePt: 11 });
    // Nơi nhận and the authority share one row (docs/letter-format.md §3 ô 9b "same row as the first line of 7a").
    const row = (document.match(/<w:tr>[\s\S]*?<\/w:tr>/g) ?? []).find((r) => r.includes('Nơi nhận:'));
    expect(row).toContain('KT. CHÁNH VĂN PHÒNG');
    expect(row).toContain('<w:cantSplit/>');
  });

  it('prints leading zeros per docs/letter-format.md and the blank number before issue', async () => {
    const jan = await render({ number: 3, date: '2026-01-07' });
    expect(jan.document).toContain('Số: 03/UBND-VP');
    expect(jan.document).toContain('Cao Bằng, ngày 07 tháng 01 năm 2026');
    const feb = await render({ number: 12, date: '2026-02-28' });
    expect(feb.document).toContain('Số: 12/UBND-VP');
    expect(feb.document).toContain('ngày 28 tháng 02 năm 2026');
    const draft = await render({ number: null, date: null });
    expect(draft.document).toContain('<w:t xml:space="preserve">Số:       /UBND-VP</w:t>');
    expect(draft.document).toContain('ngày …… tháng …… năm ……');
  });

  it('lists several recipients with dashes, ";" and a final "."', async () => {
    const { document } = await render({ recipients: ['Phòng Kinh tế', 'Phòng Văn hóa - Xã hội', 'UBND các xã'] });
    const label = findParagraph(document, 'Kính gửi:', true);
    // "Kính gửi:" stands alone; each recipient on its own line with its dash under the colon.
    expect(paragraphText(label)).toBe('Kính gửi:');
    const colon = Number(attr(label, 'w:ind', 'w:left')) + measureTwips('Kính gửi', 14, false);
    for (const line of ['- Phòng Kinh tế;', '- Phòng Văn hóa - Xã hội;', '- UBND các xã.']) {
      const p = findParagraph(document, line);
      expect(paragraphText(p)).toBe(line);
      expect(Number(attr(p, 'w:ind', 'w:left'))).toBe(colon);
    }
  });

  it('renders the title block for named kinds instead of the V/v line', async () => {
    const letter = buildDeemedAgreementNotice({
      issuer: sampleIssuer,
      dossierTitle: 'dự thảo Kế hoạch năm 2027',
      requestRef: 'Công văn số 15/UBND-VP ngày 20/4/2026',
      deadline: '2026-04-30',
      units: ['Phòng Kinh tế'],
      number: 8,
      date: '2026-05-05',
    });
    const { document } = readDocx(await renderLetterDocx(letter));
    expect(runStyle(findParagraph(document, 'THÔNG BÁO'))).toMatchObject({ sizePt: 14, bold: true });
    const subject = findParagraph(document, 'Về việc các cơ quan', true);
    expect(runStyle(subject)).toMatchObject({ sizePt: 14, bold: true });
    expect(attr(subject, 'w:jc', 'w:val')).toBe('center');
    expect(document).toContain('Số: 08/TB-UBND');
    expect(document).not.toContain('V/v ');
    expect(rules(document)).toHaveLength(3); // agency, motto, trích yếu
  });

  it('draws body tables with borders, a repeating header row and a bold totals row', async () => {
    const { document } = await render({
      blocks: [
        {
          type: 'table',
          columns: [{ header: 'Đơn vị', weight: 3 }, { header: 'Số nhiệm vụ', align: 'center' }],
          rows: [['Phòng Kinh tế', '4'], ['Phòng Nội vụ', '3']],
          totals: ['Tổng cộng', '7'],
        },
        { type: 'paragraph', text: 'Kết thúc./.' },
      ],
    });
    const table = (document.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g) ?? []).find((t) => t.includes('Số nhiệm vụ'));
    expect(table).toBeDefined();
    expect(table).toMatch(/<w:insideH w:val="single"/);
    expect(table).toContain('<w:tblHeader/>');
    expect(runStyle(findParagraph(table!, 'Tổng cộng'))).toMatchObject({ bold: true, sizePt: 12 });
    expect(runStyle(findParagraph(table!, 'Phòng Kinh tế'))).toMatchObject({ bold: false });
    const widths = [...table!.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
    expect(widths.reduce((a, b) => a + b, 0)).toBe(9355);
    expect(widths[0]).toBeGreaterThan(widths[1] * 2.9);
  });

  it('escapes markup, normalises to NFC and drops XML-invalid control characters', async () => {
    const decomposed = 'Ho\u0300a An'; // "Hòa" in NFD
    const { document } = await render({ place: decomposed, blocks: [{ type: 'paragraph', text: 'A <b> & "c"\u0007 d' }] });
    expect(document).toContain('Hòa An, ngày 05');
    expect(document).not.toContain('o\u0300');
    expect(document).toContain('A &lt;b&gt; &amp; &quot;c&quot; d');
  });

  it('renders the urgency stamp in a bordered box under the number', async () => {
    const { document } = await render({ urgency: 'flash' });
    const p = findParagraph(document, 'HỎA TỐC');
    expect(runStyle(p)).toMatchObject({ bold: true, sizePt: 13 });
    // The box is a one-cell table exactly 30 × 8 mm (1701 × 454 twips) with red single borders.
    const table = /<w:tbl>(?:(?!<w:tbl>)[\s\S])*?HỎA TỐC[\s\S]*?<\/w:tbl>/.exec(document)?.[0] ?? '';
    expect(table).toMatch(/<w:trHeight w:val="454" w:hRule="exact"\/>/);
    expect(table).toMatch(/<w:gridCol w:w="1701"\/>/);
    expect(table).toMatch(/<w:top w:val="single"[^>]*w:color="FF0000"/);
  });

  it('draws KHẨN as a 20 × 8 mm box', async () => {
    const { document } = await render({ urgency: 'urgent' });
    const table = /<w:tbl>(?:(?!<w:tbl>)[\s\S])*?KHẨN[\s\S]*?<\/w:tbl>/.exec(document)?.[0] ?? '';
    expect(table).toMatch(/<w:gridCol w:w="1134"\/>/);
    expect(table).toMatch(/<w:trHeight w:val="454" w:hRule="exact"\/>/);
  });
});

describe('templates through the docx renderer', () => {
  it('renders each template without error', async () => {
    const follow = buildFollowUpLetter({ issuer: sampleIssuer, unit: { name: 'Phòng Kinh tế' }, tasks: sampleTasks(4), asOf: '2026-05-05', number: 1, date: '2026-05-05' });
    const report = buildPeriodicReport({ issuer: sampleIssuer, periodLabel: 'tháng 5 năm 2026' });
    for (const l of [follow, report]) {
      const { document } = readDocx(await renderLetterDocx(l));
      expect(document).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    }
  });
});

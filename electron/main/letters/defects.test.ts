/**
 * Layout defects a văn thư would send back, each checked twice: in the .docx (document.xml) and
 * in the PDF printed by Chromium from the HTML renderer (text read back with poppler's pdftotext).
 * The PDF half is skipped only without Chromium or poppler.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderLetterHtml } from '@shared/letters/html';
import { letterSchema, type Letter, type LetterInput } from '@shared/letters/model';
import { buildFollowUpLetter, buildPeriodicReport } from '@shared/letters/templates';
import { sampleTasks } from '@shared/letters/__fixtures__/samples';
import { sampleIssuer } from '@shared/letters/__fixtures__/samples';
import { chromiumPath, launchPdfPrinter, type PdfPrinter } from '../../../scripts/lib/chromiumPdf';
import { renderLetterDocx } from './docx';
import { paragraphs, paragraphText, readDocx } from './__fixtures__/docxXml';

const base: LetterInput = {
  kind: 'officialLetter',
  parentAgency: '',
  issuingAgency: 'Ủy ban nhân dân\nxã Hòa An',
  number: 5,
  symbol: 'UBND-VP',
  place: 'Hòa An',
  date: '2026-05-05',
  subject: 'đôn đốc thực hiện các nhiệm vụ quá hạn',
  recipients: ['Phòng Kinh tế'],
  blocks: [{ type: 'paragraph', text: 'Nội dung công văn./.' }],
  signature: { authority: 'TM', authorityLine: 'Ủy ban nhân dân', title: 'Chủ tịch', name: 'Nguyễn Văn A' },
  distribution: ['Như trên'],
  archiveUnit: 'VP',
};
const letter = (over: Partial<LetterInput> = {}): Letter => letterSchema.parse({ ...base, ...over });
/** Greedy wrapping at 14 pt bold leaves "2026" alone on the second line. */
const RANKING_SUBJECT = 'Kết quả đánh giá, xếp loại mức độ hoàn thành nhiệm vụ được giao quý I năm 2026';
const rankingSubjectLetter = () => letter({ kind: 'report', symbol: 'BC-UBND', subject: RANKING_SUBJECT, recipients: [] });
const docxParagraphs = async (l: Letter) => paragraphs(readDocx(await renderLetterDocx(l)).document).map(paragraphText);
const docXml = async (l: Letter) => readDocx(await renderLetterDocx(l)).document;

/** A table whose narrow columns used to split dates, ký hiệu and numbers across lines. */
const narrowTable: LetterInput['blocks'][number] = {
  type: 'table',
  columns: [
    { header: 'STT', weight: 0.3, align: 'center' },
    { header: 'Nhiệm vụ', weight: 6, align: 'left' },
    { header: 'Văn bản', weight: 0.8, align: 'left' },
    { header: 'Thời hạn', weight: 0.8, align: 'center' },
    { header: 'Kinh phí', weight: 0.8, align: 'right' },
  ],
  rows: [
    ['1', 'Rà soát, cập nhật danh mục thủ tục hành chính thuộc thẩm quyền giải quyết của xã', '05/KH-UBND', '20/11/2026', '1.234.567'],
    ['12', 'Tổ chức kiểm tra công tác phòng, chống thiên tai', '127/QĐ-UBND', '31/12/2026', '98.000.000'],
  ],
  totals: null,
  fontSize: 12,
};

const hasPoppler = spawnSync('sh', ['-c', 'command -v pdftotext'], { encoding: 'utf8' }).status === 0;
const pdfReady = hasPoppler && !!chromiumPath();

describe('letter defects in the .docx', () => {
  it('table columns are at least as wide as their longest date, number or ký hiệu', async () => {
    const xml = await docXml(letter({ blocks: [narrowTable] }));
    const body = /<w:tbl>(?:(?!<w:tbl>)[\s\S])*?05\/KH-UBND[\s\S]*?<\/w:tbl>/.exec(xml)?.[0] ?? '';
    const table = [...body.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
    expect(table).toHaveLength(5);
    const { measureTwips } = await import('@shared/letters/metrics');
    expect(table[0]).toBeGreaterThan(measureTwips('STT', 12, true) + 160);
    expect(table[2]).toBeGreaterThan(measureTwips('127/QĐ-UBND', 12, false) + 160);
    expect(table[3]).toBeGreaterThan(measureTwips('20/11/2026', 12, false) + 160);
    expect(table[4]).toBeGreaterThan(measureTwips('98.000.000', 12, false) + 160);
  });

  it('a báo cáo sent upward with Kính gửi starts Nơi nhận with "- Như trên;"', async () => {
    const report = buildPeriodicReport({ issuer: sampleIssuer, periodLabel: 'quý I năm 2026', recipients: ['Ủy ban nhân dân tỉnh Cao Bằng'], distribution: ['Thường trực Đảng ủy xã'], number: 3, date: '2026-05-05' });
    const ps = await docxParagraphs(report);
    expect(ps[ps.indexOf('Nơi nhận:') + 1]).toBe('- Như trên;');
  });

  it('"Lưu: VT" always names the drafting unit', async () => {
    const ps = await docxParagraphs(letter({ archiveUnit: '', symbol: 'UBND-TCKH' }));
    expect(ps).toContain('- Lưu: VT, TCKH.');
    expect(ps.some((p) => /Lưu: VT\.$/.test(p))).toBe(false);
  });

  it('a letter without a number has no date either', async () => {
    const ps = await docxParagraphs(letter({ number: null, date: '2026-05-05' }));
    expect(ps).toContain('Hòa An, ngày …… tháng …… năm ……');
    expect(ps.join('\n')).not.toContain('ngày 05 tháng 5');
  });

  it('V/v and agency name leave no word alone on their last line', async () => {
    const xml = await docXml(letter({ issuingAgency: 'Văn phòng HĐND và UBND xã' }));
    const ps = paragraphs(xml).map(paragraphText);
    expect(ps).toContain('VĂN PHÒNG HĐND VÀ');
    expect(ps).toContain('UBND XÃ');
    // The V/v paragraph carries its own line break before the last two words.
    const vv = paragraphs(xml).find((p) => paragraphText(p).startsWith('V/v '))!;
    expect(vv).toMatch(/<w:t[^>]*>V\/v đôn đốc thực hiện các nhiệm vụ<\/w:t><\/w:r><w:r>[\s\S]*?<w:br\/><w:t[^>]*>quá hạn<\/w:t>/);
  });

  it('the trích yếu of a named kind leaves no word alone on its last line', async () => {
    const xml = await docXml(rankingSubjectLetter());
    const p = paragraphs(xml).find((x) => paragraphText(x).startsWith('Kết quả đánh giá'))!;
    const lines = p.split('<w:br/>').map(paragraphText);
    expect(lines.length).toBe(2);
    expect(lines[1]).toContain(' ');
    expect(lines.join(' ')).toBe(RANKING_SUBJECT);
  });
});

/** 25 overdue tasks, every one named in the same earlier công văn đôn đốc. */
const followUp25 = () =>
  buildFollowUpLetter({
    issuer: sampleIssuer,
    unit: { name: 'Phòng Kinh tế', headTitle: 'Trưởng phòng Kinh tế' },
    tasks: sampleTasks(50)
      .slice(0, 25)
      .map((t) => ({ ...t, earlierReminder: { number: 4, symbol: 'UBND-VP', date: '2026-04-10' } })),
    asOf: '2026-05-05',
    reportBy: '2026-05-15',
    reminderCount: 2,
    number: 21,
    date: '2026-05-05',
  });

describe('the follow-up letter cites the earlier reminder once', () => {
  it('in full in the opening paragraph, and in no table row (docx)', async () => {
    const xml = await docXml(followUp25());
    const text = paragraphs(xml).map(paragraphText);
    const opening = text.find((p) => p.includes('Công văn số 04/UBND-VP'))!;
    expect(opening).toMatch(/^Ủy ban nhân dân xã đã có Công văn số 04\/UBND-VP ngày 10\/04\/2026 về việc đôn đốc Phòng Kinh tế thực hiện các nhiệm vụ được giao\. Tuy nhiên/);
    expect(xml.split('04/UBND-VP').length - 1).toBe(1);
  });
});

describe.skipIf(!pdfReady)('letter defects in the PDF (Chromium print, pdftotext)', () => {
  let printer: PdfPrinter;
  let dir: string;
  beforeAll(async () => {
    printer = await launchPdfPrinter();
    dir = mkdtempSync(join(tmpdir(), 'dondoc-defects-'));
  }, 60_000);
  afterAll(async () => {
    await printer?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function pdfText(l: Letter, layout = true): Promise<string> {
    const file = join(dir, `l-${Math.random().toString(36).slice(2)}.pdf`);
    writeFileSync(file, await printer.toPdf(renderLetterHtml(l)));
    return execFileSync('pdftotext', [...(layout ? ['-layout'] : []), file, '-'], { encoding: 'utf8' });
  }

  it('25 overdue tasks take about three pages, the earlier reminder printed once', async () => {
    const file = join(dir, 'follow-up-25.pdf');
    writeFileSync(file, await printer.toPdf(renderLetterHtml(followUp25())));
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
    expect(pages).toBeLessThanOrEqual(3);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    expect(text.split('04/UBND-VP').length - 1).toBe(1);
  }, 60_000);

  it('dates, numbers, ký hiệu and the STT header stay whole in table cells', async () => {
    const text = await pdfText(letter({ blocks: [narrowTable] }));
    for (const whole of ['STT', '05/KH-UBND', '127/QĐ-UBND', '20/11/2026', '31/12/2026', '1.234.567', '98.000.000']) expect(text).toContain(whole);
  }, 60_000);

  it('Nơi nhận of an upward báo cáo starts with "- Như trên;"; "Lưu: VT" names the unit; no number, no date', async () => {
    const report = buildPeriodicReport({ issuer: sampleIssuer, periodLabel: 'quý I năm 2026', recipients: ['Ủy ban nhân dân tỉnh Cao Bằng'], number: null, date: '2026-05-05' });
    const text = await pdfText(report, false);
    expect(text).toMatch(/Nơi nhận:\s*\n- Như trên;/);
    expect(text).toMatch(/- Lưu: VT, VP\./);
    expect(text).toContain('ngày …… tháng …… năm ……');
    expect(text).not.toContain('ngày 05 tháng 5 năm 2026');
  }, 60_000);

  it('several recipients: "Kính gửi:" alone, then one per line with the dash under the colon', async () => {
    const lines = (await pdfText(letter({ recipients: ['Phòng Kinh tế', 'Phòng Văn hóa - Xã hội', 'Trưởng các thôn'] }))).split('\n');
    const label = lines.findIndex((l) => l.includes('Kính gửi:'));
    expect(lines[label].trim()).toBe('Kính gửi:');
    const colon = lines[label].indexOf(':');
    const dashes = lines.slice(label + 1, label + 4).map((l) => l.indexOf('- '));
    expect(lines.slice(label + 1, label + 4).map((l) => l.trim())).toEqual(['- Phòng Kinh tế;', '- Phòng Văn hóa - Xã hội;', '- Trưởng các thôn.']);
    for (const d of dashes) expect(Math.abs(d - colon)).toBeLessThanOrEqual(2);
  }, 60_000);

  it('V/v and the agency name break before a pair of words, not before a lone one', async () => {
    const lines = (await pdfText(letter({ issuingAgency: 'Văn phòng HĐND và UBND xã' }))).split('\n').map((l) => l.trim());
    expect(lines.some((l) => l === 'XÃ' || l.startsWith('XÃ '))).toBe(false);
    expect(lines.some((l) => l.startsWith('UBND XÃ'))).toBe(true);
    expect(lines.some((l) => l === 'hạn' || l.startsWith('hạn '))).toBe(false);
    expect(lines.some((l) => l.startsWith('quá hạn'))).toBe(true);
  }, 60_000);

  it('the trích yếu of a named kind breaks before a pair of words, not before a lone one', async () => {
    const lines = (await pdfText(rankingSubjectLetter())).split('\n').map((l) => l.trim());
    expect(lines).not.toContain('2026');
    expect(lines).toContain('năm 2026');
  }, 60_000);
  /**
   * The red box of the urgency stamp as printed: the upper left of page 1 rasterised by poppler
   * (pdftoppm, PPM), and the box measured from its border: the rows where red runs across (its top
   * and bottom edges), from the first to the last, and the red extent along them; the red word
   * inside does not count.
   */
  async function urgencyBoxMm(l: Letter): Promise<{ width: number; height: number }> {
    const file = join(dir, `urgent-${l.urgency}.pdf`);
    writeFileSync(file, await printer.toPdf(renderLetterHtml(l)));
    const dpi = 600;
    const mm = (px: number) => (px * 25.4) / dpi;
    const crop = ['-x', '0', '-y', '0', '-W', String(Math.round((105 / 25.4) * dpi)), '-H', String(Math.round((150 / 25.4) * dpi))];
    const ppm = execFileSync('pdftoppm', ['-r', String(dpi), '-f', '1', '-l', '1', ...crop, file], { maxBuffer: 64 * 1024 * 1024 });
    const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.toString('latin1', 0, 40));
    if (!header) throw new Error('not a PPM');
    const [width, height] = [Number(header[1]), Number(header[2])];
    const data = ppm.subarray(header[0].length);
    const rows: { y: number; count: number; x0: number; x1: number }[] = [];
    for (let y = 0; y < height; y++) {
      let [count, x0, x1] = [0, width, -1];
      for (let x = 0; x < width; x++) {
        const i = (y * width + x) * 3;
        if (data[i] > 160 && data[i + 1] < 100 && data[i + 2] < 100) {
          count++;
          x0 = Math.min(x0, x);
          x1 = Math.max(x1, x);
        }
      }
      if (count > 0) rows.push({ y, count, x0, x1 });
    }
    const widest = Math.max(0, ...rows.map((r) => r.count));
    const edges = rows.filter((r) => r.count >= 0.9 * widest);
    expect(edges.length, 'a red box on page 1').toBeGreaterThan(1);
    return { width: mm(Math.max(...edges.map((r) => r.x1)) - Math.min(...edges.map((r) => r.x0)) + 1), height: mm(edges.at(-1)!.y - edges[0].y + 1) };
  }

  it('KHẨN is printed as a 20 × 8 mm red box, HỎA TỐC as 30 × 8 mm', async () => {
    for (const [urgency, w] of [['urgent', 20], ['flash', 30]] as const) {
      const box = await urgencyBoxMm(letter({ urgency }));
      expect(Math.abs(box.width - w), `${urgency} width ${box.width.toFixed(2)} mm`).toBeLessThanOrEqual(0.2);
      expect(Math.abs(box.height - 8), `${urgency} height ${box.height.toFixed(2)} mm`).toBeLessThanOrEqual(0.2);
    }
  }, 60_000);
});

/**
 * Real-consumer check: LibreOffice opens each generated .docx and lays it out as a person would
 * print it. Skipped only when `soffice` is not installed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Letter } from '@shared/letters/model';
import { buildDeemedAgreementNotice, buildFollowUpLetter, buildPeriodicReport } from '@shared/letters/templates';
import { sampleIssuer, sampleTasks } from '@shared/letters/__fixtures__/samples';
import { renderLetterHtml } from '@shared/letters/html';
import { chromiumPath, launchPdfPrinter } from '../../../scripts/lib/chromiumPdf';
import { sampleLetters } from '../../../scripts/samples';
import { renderLetterDocx } from './docx';

const hasSoffice = spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' }).status === 0;
const hasPoppler = spawnSync('sh', ['-c', 'command -v pdftotext && command -v pdfinfo'], { encoding: 'utf8' }).status === 0;

const letters: Record<string, Letter> = {
  followUp: buildFollowUpLetter({
    issuer: sampleIssuer,
    unit: { name: 'Phòng Kinh tế', headTitle: 'Trưởng phòng Kinh tế' },
    tasks: sampleTasks(4),
    asOf: '2026-05-05',
    reportBy: '2026-05-15',
    number: 5,
    date: '2026-05-05',
  }),
  notice: buildDeemedAgreementNotice({
    issuer: sampleIssuer,
    dossierTitle: 'dự thảo Kế hoạch phát triển kinh tế - xã hội năm 2027',
    requestRef: 'Công văn số 15/UBND-VP ngày 20/4/2026',
    deadline: '2026-04-30',
    units: ['Phòng Kinh tế', 'Trung tâm Phục vụ hành chính công'],
    number: null,
    date: null,
  }),
  report: buildPeriodicReport({
    issuer: sampleIssuer,
    periodLabel: 'quý I năm 2026',
    number: 8,
    date: '2026-02-03',
    sections: [
      {
        title: 'Kết quả thực hiện nhiệm vụ',
        blocks: [
          {
            type: 'table',
            columns: [{ header: 'Đơn vị', weight: 3 }, { header: 'Được giao', align: 'center' }, { header: 'Quá hạn', align: 'center' }],
            rows: [['Phòng Kinh tế', '40', '5']],
            totals: ['Tổng cộng', '40', '5'],
          },
        ],
      },
      { title: 'Kiến nghị, đề xuất' },
    ],
  }),
  // Long enough for a third page.
  long: buildFollowUpLetter({ issuer: sampleIssuer, unit: { name: 'Phòng Văn hóa - Xã hội' }, tasks: sampleTasks(18), asOf: '2026-05-05', number: 12, date: '2026-05-05' }),
  // `dondoc samples` 01: the follow-up letter with 25 tasks, printed to PDF by Chromium as well.
  sample01: sampleLetters()[0].letter,
};

describe.skipIf(!hasSoffice || !hasPoppler)('docx opened by LibreOffice (soffice --convert-to pdf)', () => {
  let dir = '';
  const pdf = (name: string) => join(dir, `${name}.pdf`);
  const text = (name: string, page?: number) =>
    execFileSync('pdftotext', [...(page ? ['-f', String(page), '-l', String(page)] : []), '-layout', pdf(name), '-'], { encoding: 'utf8' });
  const pages = (name: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf(name)], { encoding: 'utf8' }))?.[1]);

  /** Each needle appears after the previous one in reading order. */
  function expectInOrder(haystack: string, needles: string[]) {
    const flat = haystack.replace(/[ \t]+/g, ' ');
    let at = 0;
    for (const n of needles) {
      const i = flat.indexOf(n, at);
      expect(i, `"${n}" after position ${at}`).toBeGreaterThanOrEqual(0);
      at = i + n.length;
    }
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'letters-lo-'));
    const files: string[] = [];
    for (const [name, letter] of Object.entries(letters)) {
      const file = join(dir, `${name}.docx`);
      writeFileSync(file, await renderLetterDocx(letter));
      files.push(file);
    }
    // One soffice start for all files; a private profile so parallel runs do not collide.
    execFileSync(
      'soffice',
      [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, ...files],
      { timeout: 170_000, stdio: 'ignore' },
    );
  }, 180_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('converts every template', () => {
    for (const name of Object.keys(letters)) expect(existsSync(pdf(name)), name).toBe(true);
  });

  it('lays out the follow-up letter in ND30 order', () => {
    expectInOrder(text('followUp'), [
      'ỦY BAN NHÂN DÂN',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'XÃ HÒA AN',
      'Độc lập - Tự do - Hạnh phúc',
      'Số: 05/UBND-VP',
      'Hòa An, ngày 05 tháng 5 năm 2026',
      'V/v đôn đốc thực hiện các nhiệm vụ',
      'Kính gửi: Phòng Kinh tế',
      'Thực hiện nhiệm vụ theo dõi, đôn đốc',
      'STT',
      'Nhiệm vụ',
      'Văn bản giao',
      'Thời hạn',
      'Tình trạng',
      'Trưởng phòng Kinh tế chịu trách nhiệm',
      'Nơi nhận:',
      'TM. ỦY BAN NHÂN DÂN',
      'KT. CHỦ TỊCH',
      // Two columns share lines here, so the left column's "Lưu" line comes before the right's last title.
      'Lưu: VT, VP. NTL(5).',
      'PHÓ CHỦ TỊCH',
      'Nguyễn Phương Huy',
    ]);
  });

  it('lays out the deemed-agreement notice with its title block and blank number', () => {
    const t = text('notice');
    expectInOrder(t, [
      'Số:',
      '/TB-UBND',
      'Hòa An, ngày …… tháng …… năm ……',
      'THÔNG BÁO',
      'Về việc các cơ quan, đơn vị không có ý kiến',
      'không có ý kiến trả lời:',
      '- Phòng Kinh tế;',
      '- Trung tâm Phục vụ hành chính công.',
      'được xác định là đồng ý',
      'phải chịu trách nhiệm',
      'Nơi nhận:',
      'Nguyễn Phương Huy',
    ]);
    expect(t).not.toContain('V/v');
  });

  it('lays out the report with numbered sections and the totals row', () => {
    expectInOrder(text('report'), [
      'Số: 08/BC-UBND',
      'Hòa An, ngày 03 tháng 02 năm 2026',
      'BÁO CÁO',
      'Kết quả thực hiện nhiệm vụ được giao quý I năm 2026',
      'I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ',
      'Đơn vị',
      'Phòng Kinh tế',
      'Tổng cộng',
      'II. KIẾN NGHỊ, ĐỀ XUẤT',
      'Trên đây là báo cáo',
      'Nguyễn Phương Huy',
    ]);
  });

  it('numbers pages 2 and 3 at the top and leaves page 1 unnumbered', () => {
    expect(pages('long')).toBe(3);
    const firstLine = (p: number) => text('long', p).split('\n').find((l) => l.trim() !== '')?.trim();
    expect(firstLine(1)).toMatch(/^ỦY BAN NHÂN DÂN/);
    expect(text('long', 1)).not.toMatch(/^\s*1\s*$/m);
    expect(firstLine(2)).toBe('2');
    expect(firstLine(3)).toBe('3');
    // The table header row repeats on the following pages.
    expect(text('long', 2)).toContain('Văn bản giao');
    // The signature block is whole on the last page.
    expectInOrder(text('long', 3), ['Nơi nhận:', 'PHÓ CHỦ TỊCH', 'Nguyễn Phương Huy']);
  });

  it.skipIf(!chromiumPath())('sets sample 01 on as many pages as its PDF, with the same last page (body line spacing agrees)', async () => {
    const printer = await launchPdfPrinter();
    try {
      writeFileSync(join(dir, 'sample01-chromium.pdf'), await printer.toPdf(renderLetterHtml(letters.sample01)));
    } finally {
      await printer.close();
    }
    const chromiumPages = pages('sample01-chromium');
    expect(chromiumPages).toBe(3);
    expect(pages('sample01')).toBe(chromiumPages);
    // The closing paragraph and the whole signature block on page 3 in both.
    for (const name of ['sample01', 'sample01-chromium']) expectInOrder(text(name, 3), ['Trưởng phòng Kinh tế chịu trách nhiệm', 'Nơi nhận:', 'PHÓ CHỦ TỊCH', 'Nguyễn Phương Huy']);
  }, 120_000);
});

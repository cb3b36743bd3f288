/**
 * `dondoc samples`: every kind as .docx and .pdf, the PDFs A4 with their fonts embedded and the
 * Decree's page numbers (none on page 1, centred at the top from page 2). Checked with poppler's
 * pdfinfo, pdffonts and pdftotext. Skipped only without Chromium or poppler.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { documentText } from '../tests/e2e/helpers/docx';
import { createTestToken, hasSoftHsm, type TestToken } from '../electron/main/signing/__fixtures__/softhsm';
import { chromiumPath } from './lib/chromiumPdf';
import { sampleLetters, writeSamples } from './samples';

/** Text as a reader sees it: every run of white space (a wrapped line, a table cell) read as one space. */
const flat = (text: string) => text.replace(/\s+/g, ' ');

const hasPoppler = spawnSync('sh', ['-c', 'command -v pdfinfo && command -v pdffonts && command -v pdftotext'], { encoding: 'utf8' }).status === 0;

describe.skipIf(!hasPoppler || !chromiumPath())('dondoc samples', () => {
  let dir: string;
  const lines: string[] = [];

  beforeAll(async () => {
    delete process.env.DONDOC_PKCS11_LIBRARY;
    dir = mkdtempSync(join(tmpdir(), 'dondoc-samples-'));
    await writeSamples(dir, (l) => lines.push(l));
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes every kind as .docx and .pdf and lists them with page counts', () => {
    const kinds = new Set(sampleLetters().map((s) => s.letter.kind));
    expect([...kinds].sort()).toEqual(['invitation', 'notice', 'officialLetter', 'report']);
    expect(sampleLetters().map((s) => s.name)).toEqual([
      '01-cong-van-don-doc',
      '02-thong-bao-coi-nhu-dong-y',
      '03-bao-cao-dinh-ky',
      '04-cong-van-khan',
      '05-thong-bao',
      '06-giay-moi',
      '07-bao-cao-chu-tich',
      '08-bao-cao-xep-loai',
      '09-tong-hop-y-kien',
    ]);
    for (const { name } of sampleLetters()) {
      expect(existsSync(join(dir, `${name}.docx`))).toBe(true);
      expect(existsSync(join(dir, `${name}.pdf`))).toBe(true);
    }
    expect(lines[0]).toBe('Chưa cấu hình thiết bị ký số: PDF không ký.');
    expect(lines.filter((l) => /: \d+ trang$/.test(l))).toHaveLength(sampleLetters().length + 1);
    const pages = lines.map((l) => /: (\d+) trang$/.exec(l)).reduce((sum, m) => sum + (m ? Number(m[1]) : 0), 0);
    expect(lines.at(-1)).toBe(`Xong: ${sampleLetters().length} văn bản và 1 phụ lục, tổng ${pages} trang PDF, trong thư mục ${dir}.`);
  });

  it('the reports the app issues are there: the quarterly report, the report to the Chair, the ranking and the summary of opinions, each with its parts in the .docx and the PDF', () => {
    const expected: Record<string, string[]> = {
      '03-bao-cao-dinh-ky': [
        'Số: 23/BC-UBND',
        'Kết quả thực hiện nhiệm vụ được giao quý I năm 2026',
        'Kết quả theo đơn vị chủ trì',
        'Danh mục nhiệm vụ quá hạn chưa hoàn thành',
        'Rà soát hộ nghèo, hộ cận nghèo phát sinh đầu năm 2026',
        'Một số đơn vị chưa chủ động báo cáo tiến độ',
        'Cột “Công văn đôn đốc”',
        'Lưu: VT, VP',
      ],
      '07-bao-cao-chu-tich': [
        'VĂN PHÒNG HĐND VÀ UBND',
        'Số: 08/BC-VP',
        'Tình hình thực hiện các nhiệm vụ quá hạn đã được đôn đốc',
        'Kính gửi: Chủ tịch Ủy ban nhân dân xã',
        'còn 4 nhiệm vụ của 3 đơn vị',
        'Cập nhật cơ sở dữ liệu người có công với cách mạng',
        'đã ban hành Công văn số 12/UBND-VP ngày 20/04/2026 và Công văn số 17/UBND-VP ngày 28/04/2026 đôn đốc các đơn vị',
        '- Như trên;',
        'Lương Văn Thành',
      ],
      '08-bao-cao-xep-loai': [
        'Số: 27/BC-UBND',
        'Kết quả đánh giá, xếp loại mức độ hoàn thành nhiệm vụ được giao quý I năm 2026',
        'điểm = 1 × Tỷ lệ hoàn thành đúng hạn - 1 ×',
        '“Tỷ lệ hoàn thành đúng hạn”',
        'Hoàn thành xuất sắc nhiệm vụ',
        'Hoàn thành tốt nhiệm vụ',
        'Không hoàn thành nhiệm vụ',
        'Trung tâm Phục vụ hành chính công',
        '90,00% (9/10)',
      ],
      '09-tong-hop-y-kien': [
        'Số: 28/BC-UBND',
        'Tổng hợp ý kiến của các cơ quan, đơn vị đối với dự thảo Kế hoạch phát triển kinh tế - xã hội năm 2027',
        'đã lấy ý kiến 4 cơ quan, đơn vị',
        'Được xác định là đồng ý',
        'Tổng hợp: Đồng ý: 2; Không đồng ý: 1; Được xác định là đồng ý: 1.',
        'Đã thống nhất ngày 04/05/2026',
        'Không còn ý kiến khác nhau về nội dung chủ yếu của hồ sơ chưa được thống nhất.',
      ],
    };
    for (const [name, parts] of Object.entries(expected)) {
      expect(lines.some((l) => l.startsWith(`${name}.docx, ${name}.pdf — `))).toBe(true);
      const docx = flat(documentText(readFileSync(join(dir, `${name}.docx`))));
      const pdf = flat(execFileSync('pdftotext', [join(dir, `${name}.pdf`), '-'], { encoding: 'utf8' }));
      for (const part of parts) {
        expect(docx, `${name}.docx: ${part}`).toContain(part);
        // Headings are upper case in the PDF (CSS) and table cells are read column by column: compare those parts without case.
        expect(pdf.toLocaleLowerCase('vi-VN'), `${name}.pdf: ${part}`).toContain(part.toLocaleLowerCase('vi-VN'));
      }
      // Nothing of a draft reaches an issued sample.
      expect(docx).not.toContain('(Nội dung do bộ phận tổng hợp bổ sung.)');
    }
  });

  it('PDFs are A4 with every font embedded, and page numbers start on page 2', () => {
    for (const { name } of sampleLetters()) {
      const file = join(dir, `${name}.pdf`);
      expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Page size:\s+59[45](\.\d+)? x 84[12](\.\d+)? pts \(A4\)/);
      const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
      expect(fonts.length).toBeGreaterThan(0);
      for (const f of fonts) expect(f).toMatch(/\s+yes\s+yes\s+yes\s+/);
    }
    const followUp = join(dir, '01-cong-van-don-doc.pdf');
    const page = (n: number) => execFileSync('pdftotext', ['-f', String(n), '-l', String(n), '-layout', followUp, '-'], { encoding: 'utf8' });
    expect(page(1).trim().split('\n')[0]).not.toMatch(/^\s*1\s*$/);
    expect(page(2).trim().split('\n')[0].trim()).toBe('2');
    expect(page(3).trim().split('\n')[0].trim()).toBe('3');
  });
});

/**
 * `dondoc samples` with a token configured: every letter signed by its signer and then by the
 * organisation (two signatures, both valid for pdfsig), the appendix by the organisation alone.
 */
describe.skipIf(!hasPoppler || !chromiumPath() || !hasSoftHsm() || spawnSync('sh', ['-c', 'command -v pdfsig']).status !== 0)('dondoc samples signed on a SoftHSM2 token', () => {
  const ORGANISATION = 'Ủy ban nhân dân xã Hòa An';
  let dir: string;
  let token: TestToken;
  const lines: string[] = [];
  const env = ['DONDOC_PKCS11_LIBRARY', 'DONDOC_PKCS11_PIN', 'DONDOC_PKCS11_ORGANISATION'] as const;

  beforeAll(async () => {
    token = createTestToken({ organisationName: ORGANISATION });
    process.env.DONDOC_PKCS11_LIBRARY = token.library;
    process.env.DONDOC_PKCS11_PIN = token.pin;
    process.env.DONDOC_PKCS11_ORGANISATION = ORGANISATION;
    dir = mkdtempSync(join(tmpdir(), 'dondoc-samples-signed-'));
    await writeSamples(dir, (l) => lines.push(l));
  }, 300_000);
  afterAll(() => {
    for (const k of env) delete process.env[k];
    token?.cleanup();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const pdfsig = (file: string) => {
    const r = spawnSync('pdfsig', [join(dir, file)], { encoding: 'utf8' });
    return `${r.stdout}${r.stderr}`;
  };

  it('signs each letter by its signer, then the organisation; the appendix by the organisation alone', () => {
    expect(lines.slice(0, 2)).toEqual([`Ký số bằng chứng thư của ${token.signerName} (${token.tokenLabel}).`, `Cơ quan ký số (đóng dấu) bằng chứng thư của ${ORGANISATION}.`]);
    for (const { name } of sampleLetters()) {
      const report = pdfsig(`${name}.pdf`);
      const [first, second] = report.split(/Signature #2:/);
      expect(first, name).toContain(`Signer Certificate Common Name: ${token.signerName}`);
      expect(first, name).toMatch(/Signature Validation: Signature is Valid/);
      expect(second, name).toContain(`Signer Certificate Common Name: ${ORGANISATION}`);
      expect(second, name).toMatch(/Signature Validation: Signature is Valid/);
      expect(second, name).toMatch(/Total document signed/);
      expect(report, name).not.toMatch(/Signature #3:/);
    }
    const appendix = pdfsig('01-cong-van-don-doc-phu-luc.pdf');
    expect(appendix).toContain(`Signer Certificate Common Name: ${ORGANISATION}`);
    expect(appendix).toMatch(/Signature is Valid/);
    expect(appendix).not.toMatch(/Signature #2:/);
  });
});

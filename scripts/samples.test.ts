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
import { chromiumPath } from './lib/chromiumPdf';
import { sampleLetters, writeSamples } from './samples';

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
    for (const { name } of sampleLetters()) {
      expect(existsSync(join(dir, `${name}.docx`))).toBe(true);
      expect(existsSync(join(dir, `${name}.pdf`))).toBe(true);
    }
    expect(lines[0]).toBe('Chưa cấu hình thiết bị ký số: PDF không ký.');
    expect(lines.filter((l) => /: \d+ trang$/.test(l))).toHaveLength(sampleLetters().length + 1);
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

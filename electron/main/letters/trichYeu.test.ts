/**
 * The rule under the trích yếu of a named kind (ô 5a, docs/letter-format.md §3) clears the dots
 * under ệ/ụ/ợ: measured on the printed page, in the PDF printed by Chromium from the HTML renderer
 * and in the .docx laid out by LibreOffice, both rasterised by poppler's pdftoppm. The subject has
 * dotted letters and no descenders (g, p, q, y), so the lowest ink above the rule is a dot.
 * Each half is skipped only without its tools.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderLetterHtml } from '@shared/letters/html';
import { DEFAULT_MARGINS_MM } from '@shared/letters/layout';
import { letterSchema } from '@shared/letters/model';
import { chromiumPath, launchPdfPrinter } from '../../../scripts/lib/chromiumPdf';
import { renderLetterDocx } from './docx';
import { greyPage, ruleAndGapAbove } from './__fixtures__/raster';

const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).status === 0;

const report = letterSchema.parse({
  kind: 'report',
  parentAgency: '',
  issuingAgency: 'Ủy ban nhân dân\nxã Hòa An',
  number: 3,
  symbol: 'BC-UBND',
  place: 'Hòa An',
  date: '2026-05-05',
  subject: 'Tình hình thực hiện nhiệm vụ năm 2026',
  recipients: [],
  blocks: [{ type: 'paragraph', text: 'Nội dung báo cáo./.' }],
  signature: { authority: 'TM', authorityLine: 'Ủy ban nhân dân', title: 'Chủ tịch', name: 'Nguyễn Văn A' },
  distribution: [],
  archiveUnit: 'VP',
});

/** The centre of the text column, where the trích yếu and its rule are centred. */
const textCentreMm = DEFAULT_MARGINS_MM.left + (210 - DEFAULT_MARGINS_MM.left - DEFAULT_MARGINS_MM.right) / 2;
/** At least this much white between the dots and the rule (a 2 pt margin left about 2.5 pt, which looked touching at 14 pt). */
const MIN_GAP_PT = 3;
const DPI = 200;

function checkRule(pdfFile: string) {
  const found = ruleAndGapAbove(greyPage(pdfFile, 1, DPI), textCentreMm, 15, 120);
  expect(found, 'a short centred rule under the trích yếu').not.toBeNull();
  // 40 % of the subject's width (SHORT_RULE_RATIO), the subject being about 85 mm at 14 pt bold.
  expect(found!.lengthMm).toBeGreaterThan(25);
  expect(found!.lengthMm).toBeLessThan(45);
  expect(found!.gapPt).toBeGreaterThanOrEqual(MIN_GAP_PT);
}

describe('the rule under the trích yếu clears the dots under ệ/ụ/ợ', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dondoc-trich-yeu-'));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(!chromiumPath() || !has('pdftoppm'))('in the PDF printed from the HTML renderer', async () => {
    const printer = await launchPdfPrinter();
    try {
      const file = join(dir, 'html.pdf');
      writeFileSync(file, await printer.toPdf(renderLetterHtml(report)));
      checkRule(file);
    } finally {
      await printer.close();
    }
  }, 60_000);

  it.skipIf(!has('soffice') || !has('pdftoppm'))('in the .docx laid out by LibreOffice', async () => {
    writeFileSync(join(dir, 'letter.docx'), await renderLetterDocx(report));
    execFileSync('soffice', [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, join(dir, 'letter.docx')], {
      timeout: 170_000,
      stdio: 'ignore',
    });
    checkRule(join(dir, 'letter.pdf'));
  }, 180_000);
});

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { printChannels } from '@shared/ipc/channels/print';
import { sampleIssuer } from '@shared/letters/__fixtures__/samples';
import { assembleLetter } from '@shared/letters/templates';
import type { MainDeps } from '../deps';
import { createPrintHandlers, safePdfName, type LetterPrinter } from './print';
import { testDeps } from '../../../tests/fixtures/mainDeps';

const ctx = { senderUrl: 'app://dondoc/index.html' };

describe('print handlers', () => {
  let dir: string;
  let savePath: string | null;
  let deps: MainDeps;
  let printed: string[];
  let rendered: string[];
  const printer: LetterPrinter = {
    print: async (html) => void printed.push(html),
    toPdf: async (html) => {
      rendered.push(html);
      return Buffer.from('%PDF-1.7 fake');
    },
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'print-handler-'));
    savePath = join(dir, 'cong-van');
    printed = [];
    rendered = [];
    deps = testDeps(dir, () => new Date('2026-05-05T08:00:00Z'), { dialogs: { pickSavePath: async () => savePath } });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const letter = assembleLetter('officialLetter', sampleIssuer, { number: 7, date: '2026-05-05' }, {
    subject: 'Đôn đốc <b>báo cáo</b>',
    recipients: ['Phòng Kinh tế'],
    blocks: [{ type: 'paragraph', text: 'Nội dung.' }],
    distribution: [],
  });
  const req = (extra: object = {}) => printChannels['print:letterPdf'].req.parse({ letter, suggestedName: '07-UBND-VP-2026', ...extra });

  it('prints the letter rendered in main as escaped HTML with the chosen margins', async () => {
    const h = createPrintHandlers(deps, { printer });
    await h['print:letterHtml'](printChannels['print:letterHtml'].req.parse({ letter, margins: { top: 25, bottom: 20, left: 35, right: 20 } }), ctx);
    expect(printed).toHaveLength(1);
    expect(printed[0]).toContain('Số: 07/');
    expect(printed[0]).toContain('Đôn đốc &lt;b&gt;báo cáo&lt;/b&gt;');
    expect(printed[0]).toContain('margin: 25mm 20mm 20mm 35mm');
  });

  it('writes the PDF at the chosen path, adding .pdf, and reports a cancelled dialog', async () => {
    const h = createPrintHandlers(deps, { printer });
    const r = await h['print:letterPdf'](req(), ctx);
    expect(r).toEqual({ canceled: false, path: join(dir, 'cong-van.pdf') });
    expect(readFileSync(join(dir, 'cong-van.pdf'), 'utf8')).toBe('%PDF-1.7 fake');
    expect(rendered[0]).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    savePath = null;
    expect(await h['print:letterPdf'](req(), ctx)).toEqual({ canceled: true, path: null });
    expect(rendered).toHaveLength(1);
  });

  it('says printing is unavailable when no printer is wired (browser harness)', async () => {
    const h = createPrintHandlers(deps);
    await expect(h['print:letterHtml']({ letter }, ctx)).rejects.toThrow('chức năng in và xuất PDF chỉ có trong ứng dụng');
    await expect(h['print:letterPdf'](req(), ctx)).rejects.toThrow('chỉ có trong ứng dụng');
  });

  it('turns printer failures into a Vietnamese AppError', async () => {
    const h = createPrintHandlers(deps, { printer: { print: async () => Promise.reject(new Error('no printer')), toPdf: async () => Promise.reject(new Error('x')) } });
    await expect(h['print:letterHtml']({ letter }, ctx)).rejects.toMatchObject({ code: 'internal', message: 'Không in được văn bản. Kiểm tra máy in rồi thử lại.' });
    await expect(h['print:letterPdf'](req(), ctx)).rejects.toMatchObject({ message: 'Không tạo được tệp PDF của văn bản.' });
  });

  it('rejects letters that fail the schema at the channel boundary', () => {
    expect(printChannels['print:letterHtml'].req.safeParse({ letter: { ...letter, symbol: 'UB ND' } }).success).toBe(false);
    expect(printChannels['print:letterHtml'].req.safeParse({ letter, margins: { top: 10, bottom: 20, left: 30, right: 15 } }).success).toBe(false);
  });

  it('makes safe PDF names', () => {
    expect(safePdfName('05/UBND-VP: 2026')).toBe('05_UBND-VP_ 2026.pdf');
    expect(safePdfName('  ...  ')).toBe('van-ban.pdf');
    expect(safePdfName('a.pdf')).toBe('a.pdf');
  });
});

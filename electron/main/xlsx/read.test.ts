/**
 * The reader's caps, checked before parsing: a zip bomb (huge declared size), one that lies
 * about its sizes in the central directory, and one with too many entries are refused fast,
 * with a Vietnamese message, without inflating what they hold.
 */
import { Deflate, zipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { AppError } from '@shared/errors';
import { MAX_XLSX_ENTRIES, MAX_XLSX_UNCOMPRESSED, readWorkbook } from './read';
import { writeWorkbook } from './workbook';

/** Deflates `total` bytes of the same XML-looking filler in 1 MB steps (never holding it all). */
function deflatedFiller(total: number): Uint8Array {
  const parts: Uint8Array[] = [];
  const d = new Deflate({ level: 9 }, (chunk) => parts.push(chunk));
  const block = strToU8('<row r="1"><c r="A1"><v>1</v></c></row>'.repeat(Math.ceil(1_048_576 / 40)).slice(0, 1_048_576));
  for (let done = 0; done < total; done += block.length) d.push(block.subarray(0, Math.min(block.length, total - done)), done + block.length >= total);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** A zip whose one sheet entry holds `raw` deflated data, declaring `declared` uncompressed bytes. */
function zipWithSheet(raw: Uint8Array, declared: number): Uint8Array {
  const base = zipSync({ 'xl/workbook.xml': strToU8('<workbook><sheets><sheet name="A" r:id="rId1"/></sheets></workbook>') }, { level: 0 });
  // Hand-built entry appended after the stored one: local header, data, then a new central directory.
  const name = strToU8('xl/worksheets/sheet1.xml');
  const firstCd = new DataView(base.buffer).getUint32(base.length - 6, true);
  const localStart = firstCd;
  const local = new Uint8Array(30 + name.length);
  const lv = new DataView(local.buffer);
  lv.setUint32(0, 0x04034b50, true);
  lv.setUint16(8, 8, true);
  lv.setUint32(18, raw.length, true);
  lv.setUint32(22, declared, true);
  lv.setUint16(26, name.length, true);
  local.set(name, 30);
  const oldCd = base.subarray(firstCd, base.length - 22);
  const cd = new Uint8Array(46 + name.length);
  const cv = new DataView(cd.buffer);
  cv.setUint32(0, 0x02014b50, true);
  cv.setUint16(10, 8, true);
  cv.setUint32(20, raw.length, true);
  cv.setUint32(24, declared, true);
  cv.setUint16(28, name.length, true);
  cv.setUint32(42, localStart, true);
  cd.set(name, 46);
  const cdStart = localStart + local.length + raw.length;
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, 2, true);
  ev.setUint16(10, 2, true);
  ev.setUint32(12, oldCd.length + cd.length, true);
  ev.setUint32(16, cdStart, true);
  const out = new Uint8Array(cdStart + oldCd.length + cd.length + 22);
  out.set(base.subarray(0, firstCd), 0);
  out.set(local, localStart);
  out.set(raw, localStart + local.length);
  out.set(oldCd, cdStart);
  out.set(cd, cdStart + oldCd.length);
  out.set(end, cdStart + oldCd.length + cd.length);
  return out;
}

async function refusal(bytes: Uint8Array): Promise<{ message: string; ms: number }> {
  const t0 = performance.now();
  try {
    await readWorkbook(bytes);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return { message: (e as AppError).message, ms: performance.now() - t0 };
  }
  throw new Error('expected a refusal');
}

describe('xlsx caps before parsing', () => {
  const bomb = deflatedFiller(MAX_XLSX_UNCOMPRESSED + 40 * 1024 * 1024);

  it('a zip bomb (100 MB of sheet XML in a ~100 KB file) is refused from its directory, before inflating', async () => {
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const r = await refusal(zipWithSheet(bomb, MAX_XLSX_UNCOMPRESSED + 40 * 1024 * 1024));
    expect(r.message).toBe('Tệp Excel khi giải nén vượt quá 60 MB — không phải một bảng tính bình thường (có thể là tệp nén độc hại). Chưa đọc tệp.');
    expect(r.ms).toBeLessThan(200);
  });

  it('the same bomb declaring 1 KB is stopped by counting what actually inflates', async () => {
    const before = process.memoryUsage().rss;
    const r = await refusal(zipWithSheet(bomb, 1024));
    expect(r.message).toContain('vượt quá 60 MB');
    // Never more than the cap plus one slice's output is held.
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
  });

  it(`more than ${MAX_XLSX_ENTRIES} entries are refused from the end record`, async () => {
    const files: Record<string, Uint8Array> = { 'xl/workbook.xml': strToU8('<workbook/>') };
    for (let i = 0; i <= MAX_XLSX_ENTRIES; i++) files[`xl/media/image${i}.png`] = new Uint8Array(0);
    const r = await refusal(zipSync(files, { level: 0 }));
    expect(r.message).toBe(`Tệp Excel có quá nhiều thành phần (hơn ${MAX_XLSX_ENTRIES}) — không phải một bảng tính bình thường. Chưa đọc tệp.`);
  });

  it('a real workbook reads back: text, numbers, date cells and text-formatted columns', async () => {
    const bytes = await writeWorkbook([
      {
        name: 'Nhiệm vụ',
        columns: [{ header: 'STT' }, { header: 'Tên' }, { header: 'Hạn', format: 'date' }, { header: 'Điện thoại', format: 'text' }],
        rows: [
          [1, 'Việc & "một" <b>', '2027-06-05', '0912345678'],
          [2, 'Việc hai', null, null],
        ],
      },
    ]);
    const wb = await readWorkbook(bytes);
    expect(wb.sheets[0]).toMatchObject({ name: 'Nhiệm vụ', hidden: false, lastRow: 3, tooManyRows: false });
    expect(wb.sheets[0].rows).toEqual([['STT', 'Tên', 'Hạn', 'Điện thoại'], [1, 'Việc & "một" <b>', { date: '2027-06-05', format: 'dd/mm/yyyy' }, '0912345678'], [2, 'Việc hai']]);
  });
});

/** Test helpers: a PDF page as grey pixels (poppler's pdftoppm), and where its ink is. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface GreyPage {
  width: number;
  height: number;
  dpi: number;
  /** One byte per pixel, 0 black … 255 white, row by row. */
  pixels: Uint8Array;
}

/** Page `page` of the PDF rasterised in grey at `dpi` (a binary PGM read back). */
export function greyPage(pdfFile: string, page: number, dpi: number): GreyPage {
  const out = `${pdfFile}-p${page}-${dpi}`;
  execFileSync('pdftoppm', ['-gray', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', pdfFile, out]);
  const bytes = readFileSync(`${out}.pgm`);
  // Header: "P5", width, height, maxval, each separated by white space, then one byte of white space.
  const fields: string[] = [];
  let i = 0;
  while (fields.length < 4) {
    while (/\s/.test(String.fromCharCode(bytes[i]))) i++;
    let field = '';
    while (!/\s/.test(String.fromCharCode(bytes[i]))) field += String.fromCharCode(bytes[i++]);
    fields.push(field);
  }
  if (fields[0] !== 'P5' || fields[3] !== '255') throw new Error(`not an 8-bit PGM: ${fields.join(' ')}`);
  const width = Number(fields[1]);
  const height = Number(fields[2]);
  return { width, height, dpi, pixels: bytes.subarray(i + 1, i + 1 + width * height) };
}

const INK = 160;

/** The longest run of ink in a row: its first and last column. */
export function longestRun(p: GreyPage, y: number): { x0: number; x1: number } {
  let best = { x0: 0, x1: -1 };
  let start = -1;
  for (let x = 0; x <= p.width; x++) {
    const ink = x < p.width && p.pixels[y * p.width + x] < INK;
    if (ink && start < 0) start = x;
    if (!ink && start >= 0) {
      if (x - 1 - start > best.x1 - best.x0) best = { x0: start, x1: x - 1 };
      start = -1;
    }
  }
  return best;
}

/** Whether any pixel of the row between x0 and x1 is ink. */
export function rowHasInk(p: GreyPage, y: number, x0: number, x1: number): boolean {
  for (let x = x0; x <= x1; x++) if (p.pixels[y * p.width + x] < INK) return true;
  return false;
}

export const mmToPx = (p: GreyPage, mm: number) => (mm / 25.4) * p.dpi;
export const pxToPt = (p: GreyPage, px: number) => (px / p.dpi) * 72;

/**
 * The first horizontal rule from the top whose centre lies within 3 mm of `centreMm` and whose
 * length is between `minMm` and `maxMm`; then the blank gap above it (in pt) over the rule's own
 * width, up to the nearest ink (the text the rule underlines).
 */
export function ruleAndGapAbove(p: GreyPage, centreMm: number, minMm: number, maxMm: number): { y: number; lengthMm: number; gapPt: number } | null {
  for (let y = 0; y < p.height; y++) {
    const { x0, x1 } = longestRun(p, y);
    const lengthMm = ((x1 - x0 + 1) / p.dpi) * 25.4;
    const centre = (((x0 + x1) / 2) / p.dpi) * 25.4;
    if (lengthMm < minMm || lengthMm > maxMm || Math.abs(centre - centreMm) > 3) continue;
    let gap = 0;
    while (y - gap - 1 >= 0 && !rowHasInk(p, y - gap - 1, x0, x1)) gap++;
    return { y, lengthMm, gapPt: pxToPt(p, gap) };
  }
  return null;
}

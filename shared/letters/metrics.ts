/**
 * Approximate text widths in Times New Roman, used to size the short rules under the agency
 * name and the trích yếu (docs/letter-format.md §3: 1/3–1/2 of the text line). Adobe Times AFM advance widths
 * (per 1000 em) for printable ASCII; Vietnamese letters are measured by their base letter, which
 * is what the diacritics sit on. Accurate to a few percent, well inside the 1/3–1/2 tolerance.
 */

const ASCII_FIRST = 32;
// prettier-ignore
const TIMES_REGULAR = [
  250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278,
  500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444,
  921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722,
  556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500,
  333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500,
  500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541,
];
// prettier-ignore
const TIMES_BOLD = [
  250, 333, 555, 500, 500, 1000, 833, 278, 333, 333, 500, 570, 250, 333, 250, 278,
  500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 333, 333, 570, 570, 570, 500,
  930, 722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778,
  611, 778, 722, 556, 667, 722, 722, 1000, 722, 722, 667, 333, 278, 333, 581, 500,
  333, 500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556, 278, 833, 556, 500,
  556, 556, 444, 389, 333, 556, 500, 722, 500, 500, 444, 394, 220, 394, 520,
];

/** The horn of ơ/ư/Ơ/Ư widens the letter a little. */
const HORN_EXTRA = 60;

function baseChar(ch: string): { base: string; extra: number } {
  if (ch === 'đ') return { base: 'd', extra: 0 };
  if (ch === 'Đ') return { base: 'D', extra: 0 };
  const decomposed = ch.normalize('NFD');
  const horn = decomposed.includes('\u031b');
  return { base: decomposed[0] ?? ch, extra: horn ? HORN_EXTRA : 0 };
}

/** Width in 1/1000 em. */
export function textWidthEm1000(text: string, bold: boolean): number {
  const table = bold ? TIMES_BOLD : TIMES_REGULAR;
  let total = 0;
  for (const ch of text.normalize('NFC')) {
    const { base, extra } = baseChar(ch);
    const code = base.charCodeAt(0);
    const w = code >= ASCII_FIRST && code - ASCII_FIRST < table.length ? table[code - ASCII_FIRST] : 500;
    total += w + extra;
  }
  return total;
}

/** Width in twips at the given size in pt. */
export function measureTwips(text: string, sizePt: number, bold: boolean): number {
  return Math.round((textWidthEm1000(text, bold) * sizePt * 20) / 1000);
}

/**
 * Measured widths of the Tiêu ngữ "Độc lập - Tự do - Hạnh phúc" in bold Liberation Serif
 * (docs/letter-format.md §5 line-length table); the rule under it has exactly this length.
 */
export const MOTTO_WIDTH_TWIPS: Record<13 | 14, number> = { 13: 3183, 14: 3428 };

/** Greedy word wrap by the measured widths; a word longer than the width gets a line of its own. */
export function wrapWords(text: string, sizePt: number, bold: boolean, widthTwips: number): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let current = '';
  for (const word of words) {
    const candidate = current ? `${current} ${word}` : word;
    if (current && measureTwips(candidate, sizePt, bold) > widthTwips) {
      lines.push(current);
      current = word;
    } else current = candidate;
  }
  if (current) lines.push(current);
  return lines;
}

/** Our widths are estimates: explicit lines are laid out this much narrower than the column, so the renderer never wraps them again. */
const SAFE_WIDTH = 0.94;

/**
 * Lines for a centred block (V/v, agency name) with no single word left alone on the last line
 * when a better break exists: the same number of lines, broken earlier. One line stays one line.
 */
export function balancedLines(text: string, sizePt: number, bold: boolean, widthTwips: number): string[] {
  const width = widthTwips * SAFE_WIDTH;
  const lines = wrapWords(text, sizePt, bold, width);
  const lone = (ls: string[]) => ls.length > 1 && !ls[ls.length - 1].includes(' ');
  if (!lone(lines)) return lines;
  for (let w = width - 40; w > width * 0.5; w -= 40) {
    const tried = wrapWords(text, sizePt, bold, w);
    if (tried.length !== lines.length) break;
    if (!lone(tried)) return tried;
  }
  return lines;
}

/** Left + right cell padding of body tables (4 pt each side) plus the grid lines, in twips. */
export const TABLE_CELL_PADDING_TWIPS = 180;

/**
 * Column widths (twips, summing to `totalTwips`) for a body table: each column at least as wide as
 * its longest word (header bold, cells regular), so a date, a number or a ký hiệu such as
 * "05/KH-UBND" is never split; the rest shared by the columns' weights.
 */
export function tableColumnWidths(
  table: { columns: readonly { header: string; weight: number }[]; rows: readonly (readonly string[])[]; totals: readonly string[] | null; fontSize: number },
  totalTwips: number,
): number[] {
  const n = table.columns.length;
  const longest = (text: string, bold: boolean) => Math.max(0, ...text.split(/\s+/).filter(Boolean).map((w) => measureTwips(w, table.fontSize, bold)));
  const min = table.columns.map((c, i) => {
    let w = longest(c.header, true);
    for (const r of table.rows) w = Math.max(w, longest(r[i] ?? '', false));
    if (table.totals) w = Math.max(w, longest(table.totals[i] ?? '', true));
    return Math.ceil(w / SAFE_WIDTH) + TABLE_CELL_PADDING_TWIPS;
  });
  const minSum = min.reduce((s, w) => s + w, 0);
  let widths: number[];
  if (minSum >= totalTwips) {
    widths = min.map((w) => Math.floor((w * totalTwips) / minSum));
  } else {
    // Columns whose weighted share is below their minimum get the minimum; the others share the rest by weight.
    const fixed = new Set<number>();
    for (;;) {
      const rest = totalTwips - [...fixed].reduce((s, i) => s + min[i], 0);
      const weight = table.columns.reduce((s, c, i) => (fixed.has(i) ? s : s + c.weight), 0);
      const share = table.columns.map((c, i) => (fixed.has(i) ? min[i] : (rest * c.weight) / weight));
      const under = share.findIndex((w, i) => !fixed.has(i) && w < min[i]);
      if (under < 0) {
        widths = share.map((w) => Math.floor(w));
        break;
      }
      fixed.add(under);
    }
  }
  widths[n - 1] += totalTwips - widths.reduce((s, w) => s + w, 0);
  return widths;
}

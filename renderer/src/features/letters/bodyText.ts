/**
 * The editor's body: plain-text sections (blank line = new paragraph, "- " = bullet) between
 * headings and tables that templates put in and the editor keeps as they are.
 */
import { toRoman, type HeadingBlock, type LetterBlockInput } from '@shared/letters/model';

export type BodySegment =
  | { kind: 'text'; text: string }
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'table'; block: Extract<LetterBlockInput, { type: 'table' }> };

type ParagraphInput = Extract<LetterBlockInput, { type: 'paragraph' }>;
type Format = Pick<ParagraphInput, 'bold' | 'italic' | 'align'>;

const BULLET = /^\s*[-–•]\s+/;

/** Blocks for one text section; paragraphs keep the formatting a block with the same text had. */
export function textToBlocks(text: string, formats: ReadonlyMap<string, Format> = new Map()): LetterBlockInput[] {
  const out: LetterBlockInput[] = [];
  for (const chunk of text.replace(/\r\n?/g, '\n').split(/\n\s*\n/)) {
    let para: string[] = [];
    let bullets: string[] = [];
    const flushPara = () => {
      const t = para.join(' ').replace(/\s+/g, ' ').trim();
      if (t) out.push({ type: 'paragraph', text: t, ...(formats.get(t) ?? {}) });
      para = [];
    };
    const flushBullets = () => {
      if (bullets.length) out.push({ type: 'bullets', items: bullets });
      bullets = [];
    };
    for (const raw of chunk.split('\n')) {
      if (!raw.trim()) continue;
      if (BULLET.test(raw)) {
        flushPara();
        const item = raw.replace(BULLET, '').trim();
        if (item) bullets.push(item);
      } else if (bullets.length && /^\s{2,}\S/.test(raw)) {
        // An indented line continues the bullet above it.
        bullets[bullets.length - 1] += ` ${raw.trim()}`;
      } else {
        flushBullets();
        para.push(raw.trim());
      }
    }
    flushBullets();
    flushPara();
  }
  return out;
}

function blockText(b: LetterBlockInput): string {
  if (b.type === 'paragraph') return b.text;
  if (b.type === 'bullets') return b.items.map((i) => `- ${i}`).join('\n');
  return '';
}

/** Splits a letter's blocks into editor segments: runs of paragraphs and bullets become one text section. */
export function blocksToSegments(blocks: readonly LetterBlockInput[]): BodySegment[] {
  const out: BodySegment[] = [];
  let texts: string[] = [];
  const flush = () => {
    if (texts.length) out.push({ kind: 'text', text: texts.join('\n\n') });
    texts = [];
  };
  for (const b of blocks) {
    if (b.type === 'paragraph' || b.type === 'bullets') texts.push(blockText(b));
    else {
      flush();
      if (b.type === 'heading') out.push({ kind: 'heading', level: b.level, text: b.text });
      else out.push({ kind: 'table', block: b });
    }
  }
  flush();
  if (out.length === 0 || out[out.length - 1].kind !== 'text') out.push({ kind: 'text', text: '' });
  return out;
}

function letterLabel(n: number): string {
  // a, b, c … z, then aa, ab … (Vietnamese documents rarely go past "đ"; we keep Latin order).
  let s = '';
  let k = n;
  while (k > 0) {
    k -= 1;
    s = String.fromCharCode(97 + (k % 26)) + s;
    k = Math.floor(k / 26);
  }
  return s;
}

/** Blocks for the whole body; headings are numbered I., II. / 1., 2. / a), b) in order. */
export function segmentsToBlocks(segments: readonly BodySegment[], previous: readonly LetterBlockInput[] = []): LetterBlockInput[] {
  const formats = new Map<string, Format>();
  for (const b of previous) if (b.type === 'paragraph' && (b.bold || b.italic || (b.align && b.align !== 'justify'))) formats.set(b.text.trim(), { bold: b.bold, italic: b.italic, align: b.align });
  const counters = [0, 0, 0];
  const out: LetterBlockInput[] = [];
  for (const s of segments) {
    if (s.kind === 'text') out.push(...textToBlocks(s.text, formats));
    else if (s.kind === 'table') out.push(s.block);
    else {
      const i = s.level - 1;
      counters[i] += 1;
      for (let j = i + 1; j < counters.length; j++) counters[j] = 0;
      const label = s.level === 1 ? toRoman(counters[0]) : s.level === 2 ? String(counters[1]) : letterLabel(counters[2]);
      const h: HeadingBlock = { type: 'heading', level: s.level, label, text: s.text.trim() };
      out.push(h);
    }
  }
  return out;
}

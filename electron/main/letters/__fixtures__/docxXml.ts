/** Test helpers: read parts of a generated .docx and find paragraphs and run properties in its XML. */
import { strFromU8, unzipSync } from 'fflate';

export interface DocxParts {
  document: string;
  settings: string;
  /** Header XML by type ("default", "first"), resolved through document.xml.rels. */
  headers: Record<string, string>;
  footers: Record<string, string>;
}

export function readDocx(data: Uint8Array): DocxParts {
  const files = unzipSync(data);
  const text = (name: string) => (files[name] ? strFromU8(files[name]) : '');
  const document = text('word/document.xml');
  const rels = text('word/_rels/document.xml.rels');
  const target = (id: string) => new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? '';
  const refs = (kind: 'header' | 'footer') => {
    const out: Record<string, string> = {};
    for (const m of document.matchAll(new RegExp(`<w:${kind}Reference w:type="(\\w+)" r:id="(\\w+)"/>`, 'g'))) {
      out[m[1]] = text(`word/${target(m[2])}`);
    }
    return out;
  };
  return { document, settings: text('word/settings.xml'), headers: refs('header'), footers: refs('footer') };
}

export function paragraphs(xml: string): string[] {
  return xml.match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? [];
}

/** Text of a paragraph (all w:t joined). */
export function paragraphText(p: string): string {
  return [...p.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
}

/** The single paragraph whose text equals (or, with `contains`, includes) the given text. */
export function findParagraph(xml: string, text: string, contains = false): string {
  const hits = paragraphs(xml).filter((p) => (contains ? paragraphText(p).includes(text) : paragraphText(p) === text));
  if (hits.length !== 1) throw new Error(`expected one paragraph with "${text}", found ${hits.length}`);
  return hits[0];
}

export interface RunStyle {
  font: string | null;
  sizePt: number | null;
  bold: boolean;
  italic: boolean;
}

/** Style of the first run in a paragraph. */
export function runStyle(p: string): RunStyle {
  const rPr = /<w:r>\s*<w:rPr>([\s\S]*?)<\/w:rPr>/.exec(p)?.[1] ?? '';
  const sz = /<w:sz w:val="(\d+)"\/>/.exec(rPr)?.[1];
  return {
    font: /<w:rFonts w:ascii="([^"]+)"/.exec(rPr)?.[1] ?? null,
    sizePt: sz ? Number(sz) / 2 : null,
    bold: /<w:b\/>/.test(rPr),
    italic: /<w:i\/>/.test(rPr),
  };
}

export function attr(xml: string, tag: string, name: string): string | null {
  const el = new RegExp(`<${tag}\\b[^>]*>`).exec(xml)?.[0];
  if (!el) return null;
  return new RegExp(`${name}="([^"]*)"`).exec(el)?.[1] ?? null;
}

import { strFromU8, unzipSync } from 'fflate';

/** The text of a .docx's body as a reader sees it: tags dropped, a line break read as a space. */
export function documentText(docx: Buffer | Uint8Array): string {
  const xml = strFromU8(unzipSync(new Uint8Array(docx))['word/document.xml']);
  return (
    xml
      // A balanced line break (no lone word on the V/v line's last line) reads as a space.
      .replace(/<w:br\/>/g, ' ')
      .replace(/<[^>]+>/g, '')
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
  );
}

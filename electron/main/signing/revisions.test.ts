/**
 * What a later revision may add without touching what an earlier signature covers
 * (updateAddsOnlySignatures): each case appends a hand-written incremental update to a small PDF
 * made by pdf-lib — a page with an image — and asks whether only a signature was added.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PDFDocument, PDFName, PDFRef } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { updateAddsOnlySignatures } from './pdfSign';

const fixtures = resolve(import.meta.dirname, '../../../scripts/fixtures');

let base: Buffer;
let pageRef: PDFRef;
let imageRef: PDFRef;
let pageDict: string;
let next: number;

beforeAll(async () => {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  const image = await doc.embedPng(readFileSync(join('signer.png')));
  page.drawImage(image, { x: 100, y: 600, width: 120, height: 50 });
  base = Buffer.from(await doc.save({ useObjectStreams: false }));
  const loaded = await PDFDocument.load(base);
  pageRef = loaded.getPage(0).ref;
  imageRef = image.ref;
  pageDict = loaded.getPage(0).node.toString();
  next = loaded.context.largestObjectNumber + 1;
  expect(pageDict).toContain('/Contents');
  // pdf-lib writes an empty annotation list; the cases below fill it.
  expect(loaded.getPage(0).node.get(PDFName.of('Annots'))?.toString()).toBe('[ ]');
});

function join(name: string): string {
  return resolve(fixtures, name);
}

/** The base PDF with `objects` appended as one update; true when only a signature was added. */
function onlySignature(objects: string[]): boolean {
  const update = Buffer.from(`\n${objects.join('')}`, 'latin1');
  return updateAddsOnlySignatures(Buffer.concat([base, update]), base.length, base.length + update.length);
}
const obj = (num: number, body: string) => `${num} 0 obj\n${body}\nendobj\n`;
const stream = (num: number, dict: string, data: string) => `${num} 0 obj\n<< ${dict} /Length ${data.length} >>\nstream\n${data}\nendstream\nendobj\n`;
const sig = (num: number) => obj(num, `<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange [ 0 1 2 3 ] /Contents <00> >>`);
const widget = (num: number, sigNum: number, apNum: number) =>
  obj(num, `<< /Type /Annot /Subtype /Widget /FT /Sig /Rect [ 0 0 50 50 ] /V ${sigNum} 0 R /F 132 /P ${pageRef.objectNumber} 0 R /AP << /N ${apNum} 0 R >> >>`);
const pageWith = (annots: string) => obj(pageRef.objectNumber, pageDict.replace('/Annots [ ]', `/Annots ${annots}`));

describe('an incremental update that only adds a signature', () => {
  it('new signature, widget and appearance, the page listing the widget: only a signature', () => {
    expect(
      onlySignature([sig(next), stream(next + 1, '/Type /XObject /Subtype /Form /BBox [ 0 0 50 50 ]', 'q Q'), widget(next + 2, next, next + 1), pageWith(`[ ${next + 2} 0 R ]`)]),
    ).toBe(true);
  });

  it('a new content stream put in the page’s /Contents is a change', () => {
    const contents = /\/Contents (\[[^\]]*\]|\d+ 0 R)/.exec(pageDict)![1];
    const more = contents.startsWith('[') ? contents.replace(']', ` ${next + 3} 0 R ]`) : `[ ${contents} ${next + 3} 0 R ]`;
    const page = obj(pageRef.objectNumber, pageDict.replace(contents, more).replace('/Annots [ ]', `/Annots [ ${next + 2} 0 R ]`));
    expect(onlySignature([sig(next), stream(next + 1, '/Type /XObject /Subtype /Form /BBox [ 0 0 50 50 ]', 'q Q'), widget(next + 2, next, next + 1), stream(next + 3, '', '1 1 1 rg 0 0 595 842 re f'), page])).toBe(false);
  });

  it('rewriting an image the page already shows is a change, even with a signature beside it', () => {
    expect(onlySignature([sig(next), stream(imageRef.objectNumber, '/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8', '\u00ff')])).toBe(false);
  });

  it('a new ordinary annotation (a white square over the text) is a change', () => {
    expect(onlySignature([sig(next), obj(next + 1, '<< /Type /Annot /Subtype /Square /Rect [ 80 500 480 530 ] /IC [ 1 1 1 ] >>'), pageWith(`[ ${next + 1} 0 R ]`)])).toBe(false);
  });

  it('a page that loses or changes anything but a growing /Annots is a change', () => {
    expect(onlySignature([sig(next), obj(pageRef.objectNumber, pageDict.replace(/\/MediaBox \[[^\]]*\]/, '/MediaBox [ 0 0 300 300 ]'))])).toBe(false);
  });

  it('an update with nothing in it vouches for nothing', () => {
    expect(onlySignature([])).toBe(false);
  });
});

/**
 * PAdES signing of a PDF: a signature field with its visible appearance, a placeholder for the CMS
 * (/Contents) and /ByteRange covering everything but that placeholder, then the CMS from ./cms.ts
 * written into the placeholder. The first signature rewrites the PDF once with pdf-lib before the
 * byte ranges are fixed; a further one (the organisation's after the signer's) is an incremental
 * update that leaves the signed bytes untouched (appendSignature).
 *
 * Where the visible signature goes comes from the letter's own layout: the HTML renderer puts a
 * link to `https://dondoc.invalid/sign/<slot>` over the place (see shared/letters/html.ts), and
 * Chromium's print-to-PDF turns it into a /Link annotation with the exact rectangle and page.
 * The link is removed and the signature widget takes its place.
 */
import { createHash } from 'node:crypto';
import {
  PDFArray,
  PDFContext,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFObject,
  PDFObjectParser,
  PDFRawStream,
  PDFRef,
  PDFString,
  concatTransformationMatrix,
  drawObject,
  popGraphicsState,
  pushGraphicsState,
} from 'pdf-lib';
import { buildSignedData, commonName, parseSignedData, type CmsSigner, type Timestamper } from './cms';
import { readTimestampToken, type TimestampInfo } from './timestamp';

/** Bytes reserved for the CMS in /Contents (certificate chain of a few KB, signature, attributes). */
export const SIGNATURE_RESERVE = 16_384;
export const ANCHOR_PREFIX = 'https://dondoc.invalid/sign/';

export type Rect = { x: number; y: number; width: number; height: number };

export interface AppearanceImage {
  png: Buffer;
  /** In page coordinates (PDF points, origin bottom left). */
  rect: Rect;
}

export interface SignatureField {
  pageIndex: number;
  /** Widget rectangle in page coordinates. */
  rect: Rect;
  /** Images drawn in the widget's appearance; none for the organisation's attachment signature. */
  images: AppearanceImage[];
}

export interface Anchor {
  pageIndex: number;
  rect: Rect;
}

function annotUri(doc: PDFDocument, annot: PDFDict): string | null {
  const action = annot.lookupMaybe(PDFName.of('A'), PDFDict);
  const uri = action?.lookup(PDFName.of('URI'));
  if (uri instanceof PDFString || uri instanceof PDFHexString) return uri.decodeText();
  void doc;
  return null;
}

function rectOf(arr: PDFArray): Rect {
  const [x1, y1, x2, y2] = arr.asArray().map((n) => (n instanceof PDFNumber ? n.asNumber() : 0));
  return { x: Math.min(x1, x2), y: Math.min(y1, y2), width: Math.abs(x2 - x1), height: Math.abs(y2 - y1) };
}

/** Finds (and removes) the link the HTML renderer left for `slot`; null when the letter has none. */
export function takeAnchor(doc: PDFDocument, slot: string): Anchor | null {
  const pages = doc.getPages();
  for (let i = 0; i < pages.length; i++) {
    const annots = pages[i].node.Annots();
    if (!annots) continue;
    for (let j = 0; j < annots.size(); j++) {
      const ref = annots.get(j);
      const annot = annots.lookupMaybe(j, PDFDict);
      if (!annot || annotUri(doc, annot) !== `${ANCHOR_PREFIX}${slot}`) continue;
      const rect = rectOf(annot.lookup(PDFName.of('Rect'), PDFArray));
      annots.remove(j);
      if (ref instanceof PDFRef) doc.context.delete(ref);
      return { pageIndex: i, rect };
    }
  }
  return null;
}

/** Drops every remaining anchor link (an unsigned PDF must not carry them). */
export function dropAnchors(doc: PDFDocument): void {
  for (const page of doc.getPages()) {
    const annots = page.node.Annots();
    if (!annots) continue;
    for (let j = annots.size() - 1; j >= 0; j--) {
      const annot = annots.lookupMaybe(j, PDFDict);
      if (annot && annotUri(doc, annot)?.startsWith(ANCHOR_PREFIX)) {
        const ref = annots.get(j);
        annots.remove(j);
        if (ref instanceof PDFRef) doc.context.delete(ref);
      }
    }
  }
}

/** PDF date with the offset of the given zone, e.g. D:20260505143000+07'00'. */
export function pdfDate(date: Date, offsetMinutes: number): string {
  const local = new Date(date.getTime() + offsetMinutes * 60_000);
  const p = (n: number) => String(n).padStart(2, '0');
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const off = Math.abs(offsetMinutes);
  return `D:${local.getUTCFullYear()}${p(local.getUTCMonth() + 1)}${p(local.getUTCDate())}${p(local.getUTCHours())}${p(local.getUTCMinutes())}${p(local.getUTCSeconds())}${sign}${p(Math.floor(off / 60))}'${p(off % 60)}'`;
}

export interface SignPdfInput {
  /** The PDF as printed, anchors still in it. */
  pdf: Buffer;
  field: (doc: PDFDocument) => SignatureField;
  signingTime: Date;
  signerCertDer: Buffer;
  chainDer?: Buffer[];
  sign: CmsSigner;
  /** Asks a TSA for a token over the signature value (PAdES B-T); without it the signature is B-B. */
  timestamp?: Timestamper;
  reason?: string;
  location?: string;
  /** Field name shown by viewers. */
  fieldName?: string;
}

const BYTE_RANGE_PLACEHOLDER = '**********';

/** The signature dictionary (placeholders for /ByteRange and /Contents) and its visible widget, added to the document's page and form. */
async function addSignatureField(doc: PDFDocument, field: SignatureField, input: Omit<SignPdfInput, 'pdf' | 'field'>): Promise<{ widgetRef: PDFRef; imageRefs: PDFRef[] }> {
  const ctx = doc.context;
  const page = doc.getPage(field.pageIndex);
  const byteRange = PDFArray.withContext(ctx);
  byteRange.push(PDFNumber.of(0));
  for (let i = 0; i < 3; i++) byteRange.push(PDFName.of(BYTE_RANGE_PLACEHOLDER));
  const sigDict = ctx.obj({
    Type: 'Sig',
    Filter: 'Adobe.PPKLite',
    SubFilter: 'ETSI.CAdES.detached',
    ByteRange: byteRange,
    Contents: PDFHexString.of('0'.repeat(SIGNATURE_RESERVE * 2)),
    M: PDFString.of(pdfDate(input.signingTime, 7 * 60)),
  });
  if (input.reason) sigDict.set(PDFName.of('Reason'), PDFHexString.fromText(input.reason));
  if (input.location) sigDict.set(PDFName.of('Location'), PDFHexString.fromText(input.location));
  const sigRef = ctx.register(sigDict);

  const { rect } = field;
  const xobjects: Record<string, PDFRef> = {};
  const imageRefs: PDFRef[] = [];
  const ops = [];
  for (const [i, image] of field.images.entries()) {
    const embedded = await doc.embedPng(image.png);
    // Written now, so an incremental update can list the image among its new objects.
    await embedded.embed();
    xobjects[`Im${i}`] = embedded.ref;
    imageRefs.push(embedded.ref);
    ops.push(
      pushGraphicsState(),
      concatTransformationMatrix(image.rect.width, 0, 0, image.rect.height, image.rect.x - rect.x, image.rect.y - rect.y),
      drawObject(`Im${i}`),
      popGraphicsState(),
    );
  }
  const appearance = ctx.formXObject(ops, { BBox: [0, 0, rect.width, rect.height], Resources: { XObject: xobjects } });
  const apRef = ctx.register(appearance);
  const widget = ctx.obj({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    Rect: [rect.x, rect.y, rect.x + rect.width, rect.y + rect.height],
    V: sigRef,
    T: PDFHexString.fromText(input.fieldName ?? 'Chữ ký số'),
    F: 4 | 128, // printed, locked
    P: page.ref,
    AP: { N: apRef },
  });
  const widgetRef = ctx.register(widget);
  // Straight into /Annots: pdf-lib's addAnnot would also rewrap the page's content streams, a
  // change to the page an incremental update must not make.
  const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
  if (annots) annots.push(widgetRef);
  else page.node.set(PDFName.of('Annots'), ctx.obj([widgetRef]));
  const form = doc.catalog.lookupMaybe(PDFName.of('AcroForm'), PDFDict);
  const fields = form?.lookupMaybe(PDFName.of('Fields'), PDFArray);
  if (form && fields) {
    fields.push(widgetRef);
    form.set(PDFName.of('SigFlags'), PDFNumber.of(3));
  } else doc.catalog.set(PDFName.of('AcroForm'), ctx.obj({ Fields: [widgetRef], SigFlags: 3 }));
  return { widgetRef, imageRefs };
}

export async function signPdf(input: SignPdfInput): Promise<Buffer> {
  const doc = await PDFDocument.load(input.pdf, { updateMetadata: false });
  const field = input.field(doc);
  dropAnchors(doc);
  await addSignatureField(doc, field, input);
  const prepared = Buffer.from(await doc.save({ useObjectStreams: false }));
  return embedSignature(prepared, input);
}

/** An object as it is written in a PDF body: "12 0 obj … endobj". */
function indirectObjectBytes(ref: PDFRef, object: PDFObject): Buffer {
  const body = new Uint8Array(object.sizeInBytes());
  object.copyBytesInto(body, 0);
  return Buffer.concat([Buffer.from(`${ref.objectNumber} ${ref.generationNumber} obj\n`, 'latin1'), body, Buffer.from('\nendobj\n', 'latin1')]);
}

/**
 * A further signature on a PDF that is already signed (the organisation's after the signer's):
 * written as an incremental update — the new objects and the changed page and catalog appended
 * after the file's last byte with their own cross-reference section — so every byte an earlier
 * signature covers stays where it is and that signature stays valid. `field` gets the document
 * as it is (the earlier signatures' widgets in it) to place the new one.
 */
export async function appendSignature(input: SignPdfInput): Promise<Buffer> {
  const original = input.pdf;
  const tail = original.toString('latin1', Math.max(0, original.length - 1024));
  const startxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (!startxref) throw new Error('not a complete PDF (no startxref at the end)');
  const doc = await PDFDocument.load(original, { updateMetadata: false });
  const ctx = doc.context;
  const firstNew = ctx.largestObjectNumber + 1;
  const field = input.field(doc);
  const page = doc.getPage(field.pageIndex);
  await addSignatureField(doc, field, input);

  const changed = new Map<number, PDFRef>();
  const root = ctx.trailerInfo.Root;
  if (!(root instanceof PDFRef)) throw new Error('the catalog is not an indirect object');
  changed.set(root.objectNumber, root);
  changed.set(page.ref.objectNumber, page.ref);
  const annots = page.node.get(PDFName.of('Annots'));
  if (annots instanceof PDFRef) changed.set(annots.objectNumber, annots);
  const acroForm = doc.catalog.get(PDFName.of('AcroForm'));
  if (acroForm instanceof PDFRef) changed.set(acroForm.objectNumber, acroForm);
  const fields = doc.catalog.lookupMaybe(PDFName.of('AcroForm'), PDFDict)?.get(PDFName.of('Fields'));
  if (fields instanceof PDFRef) changed.set(fields.objectNumber, fields);
  for (const [ref] of ctx.enumerateIndirectObjects()) if (ref.objectNumber >= firstNew) changed.set(ref.objectNumber, ref);

  const parts: Buffer[] = [original, Buffer.from('\n', 'latin1')];
  let offset = original.length + 1;
  const offsets = new Map<number, number>();
  for (const ref of [...changed.values()].sort((a, b) => a.objectNumber - b.objectNumber)) {
    const bytes = indirectObjectBytes(ref, ctx.lookup(ref)!);
    offsets.set(ref.objectNumber, offset);
    parts.push(bytes);
    offset += bytes.length;
  }
  // Cross-reference subsections of consecutive object numbers, each entry exactly 20 bytes.
  const numbers = [...offsets.keys()].sort((a, b) => a - b);
  let xref = 'xref\n0 1\n0000000000 65535 f\r\n';
  for (let i = 0; i < numbers.length; ) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j] + 1) j++;
    xref += `${numbers[i]} ${j - i + 1}\n`;
    for (let k = i; k <= j; k++) xref += `${String(offsets.get(numbers[k])).padStart(10, '0')} ${String(changed.get(numbers[k])!.generationNumber).padStart(5, '0')} n\r\n`;
    i = j + 1;
  }
  const trailer = ctx.obj({ Size: ctx.largestObjectNumber + 1, Root: root, Prev: Number(startxref[1]) });
  if (ctx.trailerInfo.Info) trailer.set(PDFName.of('Info'), ctx.trailerInfo.Info);
  if (ctx.trailerInfo.ID) trailer.set(PDFName.of('ID'), ctx.trailerInfo.ID);
  parts.push(Buffer.from(`${xref}trailer\n${trailer.toString()}\nstartxref\n${offset}\n%%EOF\n`, 'latin1'));
  return embedSignature(Buffer.concat(parts), input);
}

async function embedSignature(pdf: Buffer, input: Pick<SignPdfInput, 'signerCertDer' | 'chainDer' | 'sign' | 'timestamp'>): Promise<Buffer> {
  const text = pdf.toString('latin1');
  const brText = `/ByteRange [ 0 /${BYTE_RANGE_PLACEHOLDER} /${BYTE_RANGE_PLACEHOLDER} /${BYTE_RANGE_PLACEHOLDER} ]`;
  const brAt = text.indexOf(brText);
  const hexPlaceholder = `<${'0'.repeat(SIGNATURE_RESERVE * 2)}>`;
  const start = text.indexOf(hexPlaceholder);
  if (brAt < 0 || start < 0 || text.indexOf(brText, brAt + 1) >= 0) throw new Error('signature placeholder not found exactly once');
  const end = start + hexPlaceholder.length;
  const ranges = [0, start, end, pdf.length - end];
  const brValue = `/ByteRange [${ranges.join(' ')}]`.padEnd(brText.length, ' ');
  if (brValue.length !== brText.length) throw new Error('byte range does not fit its placeholder');
  const out = Buffer.from(pdf);
  out.write(brValue, brAt, 'latin1');
  const digest = createHash('sha256').update(out.subarray(0, start)).update(out.subarray(end)).digest();
  const cms = await buildSignedData({ contentDigest: digest, signerCertDer: input.signerCertDer, chainDer: input.chainDer, sign: input.sign, timestamp: input.timestamp });
  if (cms.length > SIGNATURE_RESERVE) throw new Error('CMS larger than the reserved space');
  out.write(cms.toString('hex').padEnd(SIGNATURE_RESERVE * 2, '0'), start + 1, 'latin1');
  return out;
}

export interface PdfSignatureReport {
  signerName: string;
  signerSubject: string;
  issuer: string;
  serialNumber: string;
  certSha256: string;
  validFrom: Date;
  validTo: Date;
  /** Claimed signing time (/M), null when missing. */
  signingTime: Date | null;
  /** The certificate was within its validity period at the claimed signing time. */
  certValidAtSigning: boolean;
  /** The cryptographic signature matches the signed bytes and the certificate's key. */
  signatureValid: boolean;
  /** The signed byte ranges end at the end of the file: nothing was appended after signing. */
  coversWholeFile: boolean;
  /**
   * Signers of the valid signatures added after this one (the organisation's after its signer's),
   * when each of those revisions only adds a signature (updateAddsOnlySignatures) and the last
   * covers the whole file; empty otherwise.
   */
  followedBy: string[];
  /** The issuer certificate (when included) verifies the signer's certificate. */
  chainVerified: boolean | null;
  /** The signature timestamp token (PAdES B-T), checked against the signature value; null when there is none. */
  timestamp: TimestampInfo | null;
}

function parsePdfDate(s: string): Date | null {
  const m = /^D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:([+-])(\d{2})'?(\d{2})'?|Z)?/.exec(s);
  if (!m) return null;
  const utc = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  const off = m[7] ? (m[7] === '-' ? -1 : 1) * (+m[8] * 60 + +m[9]) : 0;
  return new Date(utc - off * 60_000);
}


/** Every signature in the file, read without trusting anything in it. */
export function readPdfSignatures(pdf: Buffer): PdfSignatureReport[] {
  const text = pdf.toString('latin1');
  const out: (PdfSignatureReport & { signedUpTo: number })[] = [];
  const re = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const [a, b, c, d] = m.slice(1).map(Number);
    if (a !== 0 || b <= 0 || c <= b || c + d > pdf.length || pdf[b] !== 0x3c || pdf[c - 1] !== 0x3e) continue;
    const cms = Buffer.from(text.slice(b + 1, c - 1), 'hex');
    const parsed = parseSignedData(cms);
    const digest = createHash('sha256').update(pdf.subarray(a, b)).update(pdf.subarray(c, c + d)).digest();
    // /M sits in the same dictionary: right after /Contents when this module wrote it, else before /ByteRange.
    const mDate = /\/M\s*\((D:[^)]*)\)/.exec(text.slice(c, c + 300)) ?? /\/M\s*\((D:[^)]*)\)/.exec(text.slice(Math.max(0, m.index - 300), m.index));
    const signingTime = mDate ? parsePdfDate(mDate[1]) : null;
    const cert = parsed.signerCert;
    const validFrom = new Date(cert.validFrom);
    const validTo = new Date(cert.validTo);
    const at = signingTime ?? new Date();
    const issuerCert = parsed.certificates.find((x) => x !== cert && cert.checkIssued(x));
    out.push({
      signerName: commonName(cert.subject),
      signerSubject: cert.subject,
      issuer: commonName(cert.issuer),
      serialNumber: cert.serialNumber,
      certSha256: createHash('sha256').update(cert.raw).digest('hex'),
      validFrom,
      validTo,
      signingTime,
      certValidAtSigning: at >= validFrom && at <= validTo,
      signatureValid: parsed.signatureValid && parsed.messageDigest.equals(digest) && parsed.signingCertificateBound,
      coversWholeFile: c + d === pdf.length,
      chainVerified: issuerCert ? cert.verify(issuerCert.publicKey) : null,
      followedBy: [],
      timestamp: parsed.timestampToken ? readTimestampToken(parsed.timestampToken, parsed.signatureValue) : null,
      signedUpTo: c + d,
    });
  }
  // A signature that does not reach the end of the file is vouched for by the later ones only when
  // each later revision adds nothing but a valid signature and the last one reaches the end.
  return out.map(({ signedUpTo, ...r }) => {
    const later = out.filter((x) => x.signedUpTo > signedUpTo).sort((a, b) => a.signedUpTo - b.signedUpTo);
    let from = signedUpTo;
    const clean =
      !r.coversWholeFile &&
      later.length > 0 &&
      later.at(-1)!.coversWholeFile &&
      later.every((x) => {
        const ok = x.signatureValid && updateAddsOnlySignatures(pdf, from, x.signedUpTo);
        from = x.signedUpTo;
        return ok;
      });
    return { ...r, followedBy: clean ? later.map((x) => x.signerName) : [] };
  });
}

/** The text of each object defined in `text` (an incremental update), its stream data skipped by /Length. */
function objectsIn(text: string, ctx: PDFContext): { num: number; gen: number; object: PDFObject | null }[] | null {
  const out: { num: number; gen: number; object: PDFObject | null }[] = [];
  const head = /(\d+)\s+(\d+)\s+obj\b/g;
  for (let m = head.exec(text); m; m = head.exec(text)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endobj', start);
    if (end < 0) return null;
    const body = text.slice(start, end);
    const streamAt = /\bstream\r?\n/.exec(body);
    let object = parseObjectText(streamAt ? body.slice(0, streamAt.index) : body, ctx);
    let next = end + 'endobj'.length;
    if (streamAt) {
      const length = object instanceof PDFDict ? object.get(PDFName.of('Length')) : undefined;
      if (!(length instanceof PDFNumber)) return null;
      const dataEnd = start + streamAt.index + streamAt[0].length + length.asNumber();
      const after = text.indexOf('endobj', dataEnd);
      if (after < 0) return null;
      next = after + 'endobj'.length;
      // Only the dictionary matters here; keep it as a stream's dictionary.
      if (object instanceof PDFDict) object = PDFRawStream.of(object, new Uint8Array(0));
    }
    out.push({ num: Number(m[1]), gen: Number(m[2]), object });
    head.lastIndex = next;
  }
  return out;
}

function parseObjectText(body: string, ctx: PDFContext): PDFObject | null {
  try {
    return PDFObjectParser.forBytes(Buffer.from(body, 'latin1'), ctx).parseObject();
  } catch {
    return null;
  }
}

const nameOf = (d: PDFDict, key: string): string | undefined => {
  const v = d.get(PDFName.of(key));
  return v instanceof PDFName ? v.asString() : undefined;
};

/** Entries of two dictionaries equal except `except`, and every element of the old `grows` array kept in the new one. */
function sameExcept(now: PDFDict, before: PDFDict, except: string, grows: string | null): boolean {
  const keys = new Set([...now.keys(), ...before.keys()].map((k) => k.asString()));
  for (const key of keys) {
    if (key === `/${except}`) continue;
    const a = now.get(PDFName.of(key.slice(1)));
    const b = before.get(PDFName.of(key.slice(1)));
    if (String(a) !== String(b)) return false;
  }
  if (grows) {
    const a = now.get(PDFName.of(grows));
    const b = before.get(PDFName.of(grows));
    if (b instanceof PDFArray) {
      if (!(a instanceof PDFArray)) return false;
      const kept = new Set(a.asArray().map(String));
      if (!b.asArray().every((x) => kept.has(String(x)))) return false;
    } else if (b !== undefined && String(a) !== String(b)) return false;
  }
  return true;
}

/**
 * Whether the incremental update in bytes [from, to) only adds signatures. New objects may be
 * anything but an annotation other than a signature widget (a signature's dictionary, widget,
 * appearance stream, its images and fonts); an object defined before may be redefined only when
 * it is the catalog, changed in its form (/AcroForm) alone, or a page, changed in its annotation
 * list alone, which may grow but not lose an entry. Anything else — a new or rewritten content
 * stream, a page's /Contents or /Resources, a rewritten image or an earlier signature's
 * appearance, a removed or added ordinary annotation — is a change the earlier signature does not
 * cover.
 */
export function updateAddsOnlySignatures(pdf: Buffer, from: number, to: number): boolean {
  const ctx = PDFContext.create();
  const objects = objectsIn(pdf.toString('latin1', from, to), ctx);
  if (!objects || objects.length === 0) return false;
  const prefix = pdf.toString('latin1', 0, from);
  const lastHead = (num: number, gen: number) => [...prefix.matchAll(new RegExp(`(?<![0-9])${num}\\s+${gen}\\s+obj\\b`, 'g'))].at(-1);
  const previous = (num: number, gen: number): PDFDict | null => {
    const last = lastHead(num, gen);
    if (!last) return null;
    const start = last.index + last[0].length;
    const end = prefix.indexOf('endobj', start);
    const object = end < 0 ? null : parseObjectText(prefix.slice(start, end), ctx);
    return object instanceof PDFDict ? object : null;
  };
  return objects.every(({ num, gen, object }) => {
    const dict = object instanceof PDFRawStream ? object.dict : object;
    if (dict === null) return false;
    const isDict = dict instanceof PDFDict;
    const type = isDict ? nameOf(dict, 'Type') : undefined;
    const subtype = isDict ? nameOf(dict, 'Subtype') : undefined;
    const annotation = isDict && (type === '/Annot' || (subtype !== undefined && dict.has(PDFName.of('Rect'))));
    const signatureWidget = annotation && subtype === '/Widget' && nameOf(dict, 'FT') === '/Sig';
    if (!lastHead(num, gen)) return !annotation || signatureWidget;
    if (!isDict || (type !== '/Catalog' && type !== '/Page')) return false;
    const before = previous(num, gen);
    if (!before) return false;
    return type === '/Catalog' ? sameExcept(dict, before, 'AcroForm', null) : sameExcept(dict, before, 'Annots', 'Annots');
  });
}

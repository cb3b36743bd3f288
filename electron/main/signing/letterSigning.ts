/**
 * Signing a letter's PDF at issue time (docs/letter-format.md §6): the competent person's visible
 * signature (the signature image) and then the organisation's (the seal image over the left third
 * of the signature image) for the letter itself; the organisation's text-only signature at the
 * top right of page 1 for an attachment issued as a separate file. Without an organisation
 * certificate the signer's signature carries both images, as before. The PDF comes from the HTML
 * renderer with its signing slot (shared/letters/html.ts), printed by Chromium.
 */
import { createHash } from 'node:crypto';
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, PDFString, type PDFDocument } from 'pdf-lib';
import { AppError } from '@shared/errors';
import type { SignatureLevel } from '@shared/letters/register';
import type { CmsSigner, Timestamper } from './cms';
import { appendSignature, signPdf, takeAnchor, type Rect, type SignatureField } from './pdfSign';
import { placeSeal, placeSignerImages, pngSize } from './placement';

/** Field names viewers show; the organisation's countersignature finds the signer's by its name. */
export const SIGNER_FIELD = 'Chữ ký người có thẩm quyền';
export const ORGANISATION_FIELD = 'Chữ ký cơ quan';

export interface SignatureImages {
  /** The signer's handwritten signature: blue, transparent PNG. */
  signerPng: Buffer;
  /** The organisation's seal: red, transparent PNG, drawn at `sealDiameterMm`. */
  sealPng: Buffer | null;
  sealDiameterMm: number;
}

export interface SignLetterPdfInput {
  pdf: Buffer;
  kind: 'letter' | 'attachment';
  /** Required for a letter; an attachment's signature has no image. */
  images?: SignatureImages;
  certDer: Buffer;
  chainDer?: Buffer[];
  sign: CmsSigner;
  /** A TSA's token over the signature value (PAdES B-T); absent, or returning null, leaves it B-B. */
  timestamp?: Timestamper;
  signingTime: Date;
  reason: string;
  location?: string;
  /**
   * The organisation signs next with its own certificate (signLetterPdfAsOrganisation), so the
   * seal image belongs to that signature: the signer's shows the signature image alone.
   */
  organisationSignsNext?: boolean;
}

export interface SignedLetterPdf {
  pdf: Buffer;
  sha256: string;
  certSha256: string;
  /** The level of the signature just added. */
  level: SignatureLevel;
}

/** Passes `timestamp` on and remembers whether it gave a token. */
function recordingTimestamp(timestamp: Timestamper | undefined): { timestamp?: Timestamper; level(): SignatureLevel } {
  let level: SignatureLevel = 'B-B';
  if (!timestamp) return { level: () => level };
  return {
    timestamp: async (signatureValue) => {
      const token = await timestamp(signatureValue);
      level = token ? 'B-T' : 'B-B';
      return token;
    },
    level: () => level,
  };
}

export async function signLetterPdf(input: SignLetterPdfInput): Promise<SignedLetterPdf> {
  const field = (doc: Parameters<typeof takeAnchor>[0]): SignatureField => {
    const slot = takeAnchor(doc, input.kind === 'letter' ? 'signer' : 'attachment');
    if (!slot) throw new AppError('internal', 'Bản PDF của văn bản không có vị trí chữ ký số; không ký được.');
    if (input.kind === 'attachment') return { pageIndex: slot.pageIndex, rect: slot.rect, images: [] };
    if (!input.images) throw new AppError('invalid-input', 'Chưa có hình ảnh chữ ký của người ký.');
    const { signerPng, sealPng, sealDiameterMm } = input.images;
    const withSeal = sealPng && !input.organisationSignsNext;
    const placed = placeSignerImages(slot.rect, pngSize(signerPng), withSeal ? { diameterMm: sealDiameterMm } : null);
    const images = [{ png: signerPng, rect: placed.signer }];
    // The seal is drawn over the signature, as a stamp lies on the ink.
    if (sealPng && placed.seal) images.push({ png: sealPng, rect: placed.seal });
    return { pageIndex: slot.pageIndex, rect: placed.widget, images };
  };
  const stamp = recordingTimestamp(input.timestamp);
  const pdf = await signPdf({
    pdf: input.pdf,
    field,
    signingTime: input.signingTime,
    signerCertDer: input.certDer,
    chainDer: input.chainDer,
    sign: input.sign,
    timestamp: stamp.timestamp,
    reason: input.reason,
    location: input.location,
    fieldName: input.kind === 'letter' ? SIGNER_FIELD : ORGANISATION_FIELD,
  });
  return signed(pdf, input.certDer, stamp.level());
}

function signed(pdf: Buffer, certDer: Buffer, level: SignatureLevel): SignedLetterPdf {
  return { pdf, sha256: createHash('sha256').update(pdf).digest('hex'), certSha256: createHash('sha256').update(certDer).digest('hex'), level };
}

/** The rectangle of the signer's signature widget (the signature image), or null when the letter is not signed by its signer yet. */
export function signerWidgetRect(doc: PDFDocument): { pageIndex: number; rect: Rect } | null {
  const pages = doc.getPages();
  for (let i = 0; i < pages.length; i++) {
    const annots = pages[i].node.Annots();
    for (let j = 0; j < (annots?.size() ?? 0); j++) {
      const annot = annots!.lookupMaybe(j, PDFDict);
      const name = annot?.lookup(PDFName.of('T'));
      if (!annot || !(name instanceof PDFHexString || name instanceof PDFString) || name.decodeText() !== SIGNER_FIELD) continue;
      const [x1, y1, x2, y2] = annot.lookup(PDFName.of('Rect'), PDFArray).asArray().map((n) => (n instanceof PDFNumber ? n.asNumber() : 0));
      return { pageIndex: i, rect: { x: Math.min(x1, x2), y: Math.min(y1, y2), width: Math.abs(x2 - x1), height: Math.abs(y2 - y1) } };
    }
  }
  return null;
}

export interface OrganisationSignatureInput {
  /** The letter as its signer signed it (signLetterPdf with organisationSignsNext). */
  pdf: Buffer;
  /** The organisation's seal: red, transparent PNG, drawn true size. */
  sealPng: Buffer;
  sealDiameterMm: number;
  /** The organisation's certificate (and chain). */
  certDer: Buffer;
  chainDer?: Buffer[];
  sign: CmsSigner;
  timestamp?: Timestamper;
  signingTime: Date;
  reason: string;
  location?: string;
}

/**
 * The organisation's signature on a letter its signer has signed: the seal image over the left
 * third of the signature image, added as an incremental update so the signer's signature stays
 * valid; both are then listed by any PDF reader.
 */
export async function signLetterPdfAsOrganisation(input: OrganisationSignatureInput): Promise<SignedLetterPdf> {
  const field = (doc: PDFDocument): SignatureField => {
    const signer = signerWidgetRect(doc);
    if (!signer) throw new AppError('invalid-input', 'Văn bản chưa có chữ ký số của người có thẩm quyền; cơ quan ký sau người ký.');
    const seal = placeSeal(signer.rect, input.sealDiameterMm);
    return { pageIndex: signer.pageIndex, rect: seal, images: [{ png: input.sealPng, rect: seal }] };
  };
  const stamp = recordingTimestamp(input.timestamp);
  const pdf = await appendSignature({
    pdf: input.pdf,
    field,
    signingTime: input.signingTime,
    signerCertDer: input.certDer,
    chainDer: input.chainDer,
    sign: input.sign,
    timestamp: stamp.timestamp,
    reason: input.reason,
    location: input.location,
    fieldName: ORGANISATION_FIELD,
  });
  return signed(pdf, input.certDer, stamp.level());
}

/** "2026-05-05T14:30:00+07:00": ISO 8601 in Vietnam time (no daylight saving). */
export function isoVietnamTime(date: Date): string {
  const local = new Date(date.getTime() + 7 * 3600_000);
  return `${local.toISOString().slice(0, 19)}+07:00`;
}

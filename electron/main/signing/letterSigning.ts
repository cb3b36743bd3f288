/**
 * Signing a letter's PDF at issue time: the signer's visible signature (signature image and seal
 * image) for the letter itself, the organisation's text-only signature at the top right of page 1
 * for an attachment issued as a separate file. The PDF comes from the HTML renderer with its
 * signing slot (shared/letters/html.ts), printed by Chromium.
 */
import { createHash } from 'node:crypto';
import { AppError } from '@shared/errors';
import type { CmsSigner } from './cms';
import { signPdf, takeAnchor, type SignatureField } from './pdfSign';
import { placeSignerImages, pngSize } from './placement';

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
  signingTime: Date;
  reason: string;
  location?: string;
}

export interface SignedLetterPdf {
  pdf: Buffer;
  sha256: string;
  certSha256: string;
}

export async function signLetterPdf(input: SignLetterPdfInput): Promise<SignedLetterPdf> {
  const field = (doc: Parameters<typeof takeAnchor>[0]): SignatureField => {
    const slot = takeAnchor(doc, input.kind === 'letter' ? 'signer' : 'attachment');
    if (!slot) throw new AppError('internal', 'Bản PDF của văn bản không có vị trí chữ ký số; không ký được.');
    if (input.kind === 'attachment') return { pageIndex: slot.pageIndex, rect: slot.rect, images: [] };
    if (!input.images) throw new AppError('invalid-input', 'Chưa có hình ảnh chữ ký của người ký.');
    const { signerPng, sealPng, sealDiameterMm } = input.images;
    const placed = placeSignerImages(slot.rect, pngSize(signerPng), sealPng ? { diameterMm: sealDiameterMm } : null);
    const images = [{ png: signerPng, rect: placed.signer }];
    // The seal is drawn over the signature, as a stamp lies on the ink.
    if (sealPng && placed.seal) images.push({ png: sealPng, rect: placed.seal });
    return { pageIndex: slot.pageIndex, rect: placed.widget, images };
  };
  const pdf = await signPdf({
    pdf: input.pdf,
    field,
    signingTime: input.signingTime,
    signerCertDer: input.certDer,
    chainDer: input.chainDer,
    sign: input.sign,
    reason: input.reason,
    location: input.location,
    fieldName: input.kind === 'letter' ? 'Chữ ký người có thẩm quyền' : 'Chữ ký cơ quan',
  });
  return {
    pdf,
    sha256: createHash('sha256').update(pdf).digest('hex'),
    certSha256: createHash('sha256').update(input.certDer).digest('hex'),
  };
}

/** "2026-05-05T14:30:00+07:00": ISO 8601 in Vietnam time (no daylight saving). */
export function isoVietnamTime(date: Date): string {
  const local = new Date(date.getTime() + 7 * 3600_000);
  return `${local.toISOString().slice(0, 19)}+07:00`;
}

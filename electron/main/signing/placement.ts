/**
 * Where the images of a visible signature go (Decree 30, Phụ lục I): the signer's image centred
 * in the space between the signing title and the name; the organisation's seal image, true size,
 * covering about one third of the signer's image on its left. Pure geometry in PDF points.
 */
import type { Rect } from './pdfSign';

export const PT_PER_MM = 72 / 25.4;
/** Round seal of a commune/district People's Committee: about 35 mm across [practice]. */
export const DEFAULT_SEAL_DIAMETER_MM = 35;
/** The signer's image is at most this wide [practice: a handwritten signature is 4–5 cm]. */
export const MAX_SIGNER_WIDTH_MM = 50;
/** Share of the signer's image the seal covers, from the left. */
export const SEAL_OVERLAP = 1 / 3;

export interface ImageSize {
  width: number;
  height: number;
}

/** Width and height from a PNG's IHDR; throws on anything that is not a PNG. */
export function pngSize(png: Buffer): ImageSize {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (png.length < 24 || !png.subarray(0, 8).equals(signature) || png.toString('latin1', 12, 16) !== 'IHDR') throw new Error('not a PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

export interface SignerPlacement {
  signer: Rect;
  seal: Rect | null;
  /** Union of both, the signature widget's rectangle. */
  widget: Rect;
}

function union(a: Rect, b: Rect): Rect {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, width: Math.max(a.x + a.width, b.x + b.width) - x, height: Math.max(a.y + a.height, b.y + b.height) - y };
}

/**
 * `gap` is the space between the signing title and the name (full width of the signature column).
 * The signer's image keeps its aspect ratio, fills at most 90 % of the gap's height and
 * MAX_SIGNER_WIDTH_MM, and is centred in the gap. The seal is centred on the gap's middle line
 * with its right edge one third into the signer's image.
 */
export function placeSignerImages(gap: Rect, signerImage: ImageSize, seal: { diameterMm: number } | null): SignerPlacement {
  const aspect = signerImage.width / signerImage.height;
  let height = gap.height * 0.9;
  let width = height * aspect;
  const maxWidth = Math.min(MAX_SIGNER_WIDTH_MM * PT_PER_MM, gap.width);
  if (width > maxWidth) {
    width = maxWidth;
    height = width / aspect;
  }
  const cx = gap.x + gap.width / 2;
  const cy = gap.y + gap.height / 2;
  const signer: Rect = { x: cx - width / 2, y: cy - height / 2, width, height };
  if (!seal) return { signer, seal: null, widget: signer };
  const sealRect = placeSeal(signer, seal.diameterMm);
  return { signer, seal: sealRect, widget: union(signer, sealRect) };
}

/** The seal, true size, centred on the signer's image's middle line, its right edge one third into that image. */
export function placeSeal(signer: Rect, diameterMm: number): Rect {
  const d = diameterMm * PT_PER_MM;
  return { x: signer.x + signer.width * SEAL_OVERLAP - d, y: signer.y + signer.height / 2 - d / 2, width: d, height: d };
}

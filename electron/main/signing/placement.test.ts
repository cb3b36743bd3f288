import { describe, expect, it } from 'vitest';
import { PT_PER_MM, placeSignerImages, pngSize } from './placement';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

describe('placement of the signer and seal images', () => {
  const gap = { x: 300, y: 200, width: 280, height: 64 };

  it('centres the signer image in the gap and lets the seal cover its left third, at true size', () => {
    const p = placeSignerImages(gap, { width: 480, height: 200 }, { diameterMm: 35 });
    expect(p.signer.x + p.signer.width / 2).toBeCloseTo(gap.x + gap.width / 2, 6);
    expect(p.signer.y + p.signer.height / 2).toBeCloseTo(gap.y + gap.height / 2, 6);
    expect(p.signer.height).toBeLessThanOrEqual(gap.height);
    expect(p.signer.width / p.signer.height).toBeCloseTo(480 / 200, 6);
    expect(p.seal!.width).toBeCloseTo(35 * PT_PER_MM, 6);
    // The seal's right edge is one third into the signer image; it sits left of it otherwise.
    expect(p.seal!.x + p.seal!.width).toBeCloseTo(p.signer.x + p.signer.width / 3, 6);
    expect(p.seal!.x).toBeLessThan(p.signer.x);
    // The widget covers both.
    expect(p.widget.x).toBeCloseTo(p.seal!.x, 6);
    expect(p.widget.x + p.widget.width).toBeCloseTo(p.signer.x + p.signer.width, 6);
  });

  it('keeps a wide signature within 50 mm; no seal means the widget is the signature', () => {
    const p = placeSignerImages({ ...gap, width: 400 }, { width: 2000, height: 100 }, null);
    expect(p.signer.width).toBeCloseTo(50 * PT_PER_MM, 6);
    expect(p.seal).toBeNull();
    expect(p.widget).toEqual(p.signer);
  });

  it('reads PNG sizes and refuses other files', () => {
    expect(pngSize(readFileSync(resolve(import.meta.dirname, '../../../scripts/fixtures/seal.png')))).toEqual({ width: 420, height: 420 });
    expect(() => pngSize(Buffer.from('<svg/>'))).toThrow('not a PNG');
  });
});

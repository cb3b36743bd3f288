import { describe, expect, it } from 'vitest';
import { parseDemoArgs } from './demo';

describe('npm run demo arguments', () => {
  const now = new Date('2026-11-27T20:00:00Z'); // already 28 November in Vietnam
  it('defaults to the small size, a fixed seed and today in Vietnam', () => {
    expect(parseDemoArgs([], now)).toEqual({ size: undefined, seed: 20250701, today: '2026-11-28', out: null });
  });
  it('reads size, seed, cut-off date and output file', () => {
    expect(parseDemoArgs(['large', '--seed', '9', '--today', '2026-01-15', '--out', 'x.json'], now)).toEqual({ size: 'large', seed: 9, today: '2026-01-15', out: 'x.json' });
  });
  it('rejects malformed values', () => {
    expect(() => parseDemoArgs(['--today', '15/01/2026'], now)).toThrow(/YYYY-MM-DD/);
    expect(() => parseDemoArgs(['--seed'], now)).toThrow(/Thiếu/);
    expect(() => parseDemoArgs(['--size', '5'], now)).toThrow(/Không hiểu/);
  });
});

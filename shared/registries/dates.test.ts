import { describe, expect, it } from 'vitest';
import { unitInputSchema } from './units';
import { postInputSchema } from './officials';

// The registries used a shape-only pattern for dates, so 2026-02-31 was stored as a unit's start
// date; they now share the calendar's one schema for stored dates.
describe('registry dates are real calendar dates', () => {
  const unit = { name: 'Trạm Y tế', shortName: 'TYT', kind: 'publicService', symbol: 'TYT', parentId: null, validTo: null, order: 10, fields: [] };
  const post = { officialId: 'o1', unitId: 'u1', title: 'Trưởng trạm', isHead: true, to: null };

  it('refuses an impossible date in a unit', () => {
    expect(unitInputSchema.safeParse({ ...unit, validFrom: '2026-02-31' }).success).toBe(false);
    expect(unitInputSchema.safeParse({ ...unit, validFrom: '2026-02-28' }).success).toBe(true);
  });

  it('refuses an impossible date in a post', () => {
    expect(postInputSchema.safeParse({ ...post, from: '2025-13-01' }).success).toBe(false);
    expect(postInputSchema.safeParse({ ...post, from: '2025-12-01' }).success).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { formatRegisterNumber, nextRegisterNumber, registerEntryId, registerGaps } from './register';

describe('outgoing register numbering', () => {
  it('starts at 01 and follows the largest number taken, cancelled ones included', () => {
    expect(nextRegisterNumber([])).toBe(1);
    expect(nextRegisterNumber([1, 2, 3])).toBe(4);
    expect(formatRegisterNumber(5, 'UBND-VP')).toBe('05/UBND-VP');
    expect(formatRegisterNumber(123, 'TB-UBND')).toBe('123/TB-UBND');
  });
  it('finds gaps and keys each number uniquely per office and year', () => {
    expect(registerGaps([1, 2, 4, 7])).toEqual([3, 5, 6]);
    expect(registerEntryId('ubnd', 2026, 7)).toBe('ubnd:2026:00007');
    expect(registerEntryId('ubnd', 2027, 7)).not.toBe(registerEntryId('ubnd', 2026, 7));
  });
});

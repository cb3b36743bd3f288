import { describe, expect, it } from 'vitest';
import { formatRegisterNumber, nextRegisterNumber, registerEntryId, registerEntrySchema, registerGaps, signatureLabel } from './register';

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

describe('register entry signature level', () => {
  const entry = {
    officeKey: 'ubnd',
    year: 2026,
    number: 1,
    symbol: 'UBND-VP',
    kind: 'officialLetter',
    subject: 'Đôn đốc',
    issuedOn: '2026-05-05',
    recipients: 'Phòng Kinh tế',
    signer: 'Nguyễn Văn An',
    letterId: 'l1',
    status: 'issued',
    cancelledReason: '',
  };
  it('keeps entries written before the level was recorded valid, and says how each was signed', () => {
    const old = registerEntrySchema.parse({ ...entry, signedSha256: 'a'.repeat(64), signerCertificate: 'Nguyễn Văn An' });
    expect(old.signatureLevel).toBe('');
    expect(signatureLabel(old)).toBe('Ký số');
    expect(signatureLabel(registerEntrySchema.parse(entry))).toBe('');
    expect(signatureLabel(registerEntrySchema.parse({ ...entry, signedSha256: 'a'.repeat(64), signatureLevel: 'B-T' }))).toBe('Ký số, có dấu thời gian (B-T)');
    expect(signatureLabel(registerEntrySchema.parse({ ...entry, signedSha256: 'a'.repeat(64), signatureLevel: 'B-B' }))).toBe('Ký số (B-B)');
    expect(registerEntrySchema.safeParse({ ...entry, signatureLevel: 'B-LTA' }).success).toBe(false);
  });
});

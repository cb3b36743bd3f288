import { describe, expect, it } from 'vitest';
import type { Organisation } from '../registries/organisation';
import {
  agencyHeaderLines,
  defaultChairName,
  defaultLetterhead,
  letterheadSchema,
  letterIssuer,
  type Letterhead,
  type LetterheadInput,
} from './letterhead';
import { formatLetterNumber, signatureLines } from './model';
import { buildFollowUpLetter } from './templates';
import { assembleLetter } from './templates/common';

const org: Organisation = {
  authorityName: 'Ủy ban nhân dân xã Hòa An',
  parentName: 'Ủy ban nhân dân tỉnh Cao Bằng',
  placeName: 'Cao Bằng',
  authoritySymbol: 'UBND',
  siteRole: 'coordinator',
  actsForUnitIds: ['u-root', 'u-vp'],
  authorityUnitId: 'u-root',
};

function settings(over: Partial<LetterheadInput> = {}): Letterhead {
  return letterheadSchema.parse({
    ...defaultLetterhead(org, { symbol: 'VP', name: 'Văn phòng HĐND và UBND xã' }),
    signers: [
      { id: 's1', name: 'Nông Văn Bình', title: 'Chủ tịch', authority: 'TM', authorityLine: 'Ủy ban nhân dân', deputyFor: '' },
      { id: 's2', name: 'Hoàng Thị Mai', title: 'Phó Chủ tịch', authority: 'TM', authorityLine: 'Ủy ban nhân dân', deputyFor: 'Chủ tịch' },
      { id: 's3', name: 'Lý Văn Tú', title: 'Chánh Văn phòng', authority: 'TL', authorityLine: 'Chủ tịch', deputyFor: '' },
    ],
    defaultSignerId: 's1',
    offices: [
      { symbol: 'VP', name: 'Văn phòng HĐND và UBND xã' },
      { symbol: 'vhxh', name: 'Phòng Văn hóa - Xã hội' },
    ],
    drafterInitials: 'LT',
    copies: 12,
    distribution: ['TT. Đảng ủy xã', 'TT. HĐND xã'],
    ...over,
  });
}

describe('agency header lines', () => {
  it('puts the body type on the first line and the place on the second, in upper case', () => {
    expect(agencyHeaderLines('Ủy ban nhân dân xã Hòa An')).toBe('ỦY BAN NHÂN DÂN\nXÃ HÒA AN');
    expect(agencyHeaderLines('  uỷ ban nhân dân   tỉnh Cao Bằng ')).toBe('ỦY BAN NHÂN DÂN\nTỈNH CAO BẰNG');
    expect(agencyHeaderLines('Hội đồng nhân dân phường Đống Đa')).toBe('HỘI ĐỒNG NHÂN DÂN\nPHƯỜNG ĐỐNG ĐA');
    expect(agencyHeaderLines('Sở Nội vụ')).toBe('SỞ NỘI VỤ');
    expect(agencyHeaderLines('')).toBe('');
  });

  it('names the head after the authority', () => {
    expect(defaultChairName('Ủy ban nhân dân xã Hòa An')).toBe('Chủ tịch Ủy ban nhân dân xã Hòa An');
    expect(defaultChairName('Sở Nội vụ')).toBe('Thủ trưởng Sở Nội vụ');
  });
});

describe('letterhead settings', () => {
  it('derives defaults from the first-run answers', () => {
    const d = defaultLetterhead(org, { symbol: 'VP', name: 'Văn phòng HĐND và UBND xã' });
    expect(d.parentAgency).toBe('ỦY BAN NHÂN DÂN\nTỈNH CAO BẰNG');
    expect(d.issuingAgency).toBe('ỦY BAN NHÂN DÂN\nXÃ HÒA AN');
    expect(d.issuerUnitId).toBe('u-root');
    expect(d.margins).toEqual({ top: 20, bottom: 20, left: 30, right: 15 });
    expect(defaultLetterhead({ ...org, siteRole: 'unit', actsForUnitIds: ['u-pkt'] }, null).issuerUnitId).toBe('u-pkt');
  });

  it('uppercases office symbols and rejects duplicates, spaces and margins outside the Decree', () => {
    expect(settings().offices.map((o) => o.symbol)).toEqual(['VP', 'VHXH']);
    const dup = letterheadSchema.safeParse({ ...settings(), offices: [{ symbol: 'VP', name: 'A b' }, { symbol: 'vp', name: 'C d' }] });
    expect(dup.success).toBe(false);
    expect(dup.error?.issues.map((i) => i.message)).toContain('Ký hiệu đơn vị "VP" bị trùng');
    expect(letterheadSchema.safeParse({ ...settings(), authoritySymbol: 'UB ND' }).success).toBe(false);
    expect(letterheadSchema.safeParse({ ...settings(), margins: { top: 20, bottom: 20, left: 25, right: 15 } }).success).toBe(false);
    expect(letterheadSchema.safeParse({ ...settings(), margins: { top: 25, bottom: 25, left: 35, right: 20 } }).success).toBe(true);
  });

  it('requires the default signer and office to exist and the KT. line only with TM.', () => {
    expect(letterheadSchema.safeParse({ ...settings(), defaultSignerId: 'nobody' }).success).toBe(false);
    expect(letterheadSchema.safeParse({ ...settings(), defaultOfficeSymbol: 'KT' }).success).toBe(false);
    const bad = letterheadSchema.safeParse({
      ...settings(),
      signers: [{ id: 'x', name: 'Lý Văn Tú', title: 'Phó Chủ tịch', authority: 'KT', authorityLine: 'Chủ tịch', deputyFor: 'Chủ tịch' }],
      defaultSignerId: 'x',
    });
    expect(bad.success).toBe(false);
  });
});

describe('letterIssuer', () => {
  it('fills the templates issuer from settings and organisation', () => {
    const issuer = letterIssuer(settings(), org);
    expect(issuer).toMatchObject({
      parentAgency: 'ỦY BAN NHÂN DÂN\nTỈNH CAO BẰNG',
      issuingAgency: 'ỦY BAN NHÂN DÂN\nXÃ HÒA AN',
      authorityName: 'Ủy ban nhân dân xã Hòa An',
      chairName: 'Chủ tịch Ủy ban nhân dân xã Hòa An',
      coordinatorName: 'Văn phòng HĐND và UBND xã',
      agencyAbbr: 'UBND',
      draftingUnitAbbr: 'VP',
      place: 'Cao Bằng',
      drafterInitials: 'LT',
      copies: 12,
      extraDistribution: ['TT. Đảng ủy xã', 'TT. HĐND xã'],
    });
    expect(issuer.signature).toEqual({ authority: 'TM', authorityLine: 'Ủy ban nhân dân', deputyFor: null, title: 'Chủ tịch', name: 'Nông Văn Bình' });
  });

  it('takes the chosen office and signer; the letter prints their ký hiệu and three-line authority', () => {
    const issuer = letterIssuer(settings(), org, { officeSymbol: 'VHXH', signerId: 's2' });
    expect(issuer.draftingUnitAbbr).toBe('VHXH');
    // The coordinating office stays the default office whatever unit drafts.
    expect(issuer.coordinatorName).toBe('Văn phòng HĐND và UBND xã');
    const letter = assembleLetter('officialLetter', issuer, { number: 5, date: '2026-05-05' }, { subject: 'Triển khai', recipients: [], blocks: [], distribution: [] });
    expect(formatLetterNumber(letter.number, letter.symbol)).toBe('Số: 05/UBND-VHXH');
    expect(signatureLines(letter.signature)).toEqual(['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH']);
    const notice = assembleLetter('notice', issuer, {}, { subject: 'Lịch tiếp dân', recipients: [], blocks: [], distribution: [] });
    expect(notice.symbol).toBe('TB-UBND');
  });

  it('drops an authority line left over when the signer signs in their own name', () => {
    const s = settings({
      signers: [{ id: 'h', name: 'Nông Văn Bình', title: 'Chủ tịch', authority: null, authorityLine: 'Ủy ban nhân dân', deputyFor: '' }],
      defaultSignerId: 'h',
    });
    expect(letterIssuer(s, org).signature).toMatchObject({ authority: null, authorityLine: '', deputyFor: null });
  });

  it('feeds a real template', () => {
    const letter = buildFollowUpLetter({
      issuer: letterIssuer(settings(), org, { signerId: 's3' }),
      unit: { name: 'Phòng Kinh tế' },
      asOf: '2026-05-04',
      tasks: [{ title: 'Báo cáo tiến độ', sourceRef: 'Kế hoạch số 12/KH-UBND ngày 10/01/2026', dueOn: '2026-04-30', status: 'overdue', daysOverdue: 2 }],
    });
    expect(letter.signature.name).toBe('Lý Văn Tú');
    expect(letter.distribution).toEqual(expect.arrayContaining(['TT. Đảng ủy xã']));
  });

  it('explains what is missing instead of building a letter without a signer or with an unknown office', () => {
    expect(() => letterIssuer(settings({ signers: [], defaultSignerId: '' }), org)).toThrow('Chưa khai báo người ký');
    expect(() => letterIssuer(settings(), org, { officeSymbol: 'XYZ' })).toThrow('Không có đơn vị soạn thảo ký hiệu "XYZ"');
    expect(() => letterIssuer(settings(), org, { signerId: 'gone' })).toThrow('không còn');
  });
});

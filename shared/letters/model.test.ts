import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildSymbol,
  distributionLines,
  formatLetterNumber,
  formatPlaceDate,
  headingText,
  letterSchema,
  recipientLines,
  signatureLines,
  toRoman,
  upperVi,
  type LetterInput,
} from './model';

const minimal: LetterInput = {
  kind: 'officialLetter',
  issuingAgency: 'Ủy ban nhân dân xã Hòa An',
  symbol: 'UBND-VP',
  place: 'Hòa An',
  subject: 'đôn đốc',
  blocks: [],
  signature: { name: 'Nguyễn Văn A', title: 'Chủ tịch' },
};

describe('formatLetterNumber', () => {
  it('pads numbers below 10 and leaves a blank before issue', () => {
    expect(formatLetterNumber(5, 'UBND-VP')).toBe('Số: 05/UBND-VP');
    expect(formatLetterNumber(10, 'UBND-VP')).toBe('Số: 10/UBND-VP');
    expect(formatLetterNumber(123, 'TB-UBND')).toBe('Số: 123/TB-UBND');
    expect(formatLetterNumber(null, 'UBND-VP')).toBe('Số:       /UBND-VP');
  });
});

describe('formatPlaceDate', () => {
  it('follows the docs/letter-format.md zero rules for day and month', () => {
    expect(formatPlaceDate('Cao Bằng', '2026-05-05')).toBe('Cao Bằng, ngày 05 tháng 5 năm 2026');
    expect(formatPlaceDate('Hà Nội', '2020-01-05')).toBe('Hà Nội, ngày 05 tháng 01 năm 2020');
    expect(formatPlaceDate('Hà Nội', '2020-02-29')).toBe('Hà Nội, ngày 29 tháng 02 năm 2020');
    expect(formatPlaceDate('Thành phố Hồ Chí Minh', '2019-06-29')).toBe('Thành phố Hồ Chí Minh, ngày 29 tháng 6 năm 2019');
    expect(formatPlaceDate('Cao Bằng', '2026-12-31')).toBe('Cao Bằng, ngày 31 tháng 12 năm 2026');
    expect(formatPlaceDate('Cao Bằng', null)).toBe('Cao Bằng, ngày …… tháng …… năm ……');
  });

  it('pads exactly days 1–9 and months 1–2 for every date', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1990-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }), (d) => {
        const iso = d.toISOString().slice(0, 10);
        const m = /ngày (\d+) tháng (\d+) năm (\d{4})$/.exec(formatPlaceDate('X', iso));
        expect(m).not.toBeNull();
        const [day, month] = [m![1], m![2]];
        expect(Number(day)).toBe(d.getUTCDate());
        expect(Number(month)).toBe(d.getUTCMonth() + 1);
        expect(day.length).toBe(2);
        expect(month.length).toBe(d.getUTCMonth() + 1 <= 2 || d.getUTCMonth() + 1 >= 10 ? 2 : 1);
      }),
    );
  });
});

describe('letterSchema', () => {
  it('normalises every string to NFC and trims', () => {
    const nfd = 'Hòa An'.normalize('NFD');
    const l = letterSchema.parse({ ...minimal, place: ` ${nfd} `, recipients: [nfd], blocks: [{ type: 'paragraph', text: nfd }] });
    expect(l.place).toBe('Hòa An'.normalize('NFC'));
    expect(l.recipients[0]).toBe('Hòa An'.normalize('NFC'));
    expect(l.blocks[0]).toMatchObject({ text: 'Hòa An'.normalize('NFC') });
  });

  it('defaults number and date to null (drafting) and validates them', () => {
    const l = letterSchema.parse(minimal);
    expect(l.number).toBeNull();
    expect(l.date).toBeNull();
    expect(() => letterSchema.parse({ ...minimal, date: '2026-02-30' })).toThrow();
    expect(() => letterSchema.parse({ ...minimal, number: 0 })).toThrow();
  });

  it('rejects malformed symbols, a công văn without subject and ragged tables', () => {
    expect(() => letterSchema.parse({ ...minimal, symbol: 'UBND VP' })).toThrow();
    expect(() => letterSchema.parse({ ...minimal, symbol: '05/UBND' })).toThrow();
    expect(letterSchema.parse({ ...minimal, symbol: 'QyĐ-UBND' }).symbol).toBe('QyĐ-UBND');
    expect(() => letterSchema.parse({ ...minimal, subject: '' })).toThrow();
    expect(() =>
      letterSchema.parse({ ...minimal, blocks: [{ type: 'table', columns: [{ header: 'A' }, { header: 'B' }], rows: [['1']] }] }),
    ).toThrow();
    expect(() => letterSchema.parse({ ...minimal, signature: { name: 'A', authority: 'KT', deputyFor: 'Chủ tịch' } })).toThrow();
  });
});

describe('helpers', () => {
  it('uppercases Vietnamese agency names', () => {
    expect(upperVi('Ủy ban nhân dân xã Hòa An')).toBe('ỦY BAN NHÂN DÂN XÃ HÒA AN');
    expect(upperVi('đồng ý')).toBe('ĐỒNG Ý');
  });

  it('builds signature lines for each authority form', () => {
    expect(signatureLines({ authority: 'TM', authorityLine: 'Ủy ban nhân dân', deputyFor: 'Chủ tịch', title: 'Phó Chủ tịch', name: 'X' })).toEqual([
      'TM. ỦY BAN NHÂN DÂN',
      'KT. CHỦ TỊCH',
      'PHÓ CHỦ TỊCH',
    ]);
    expect(signatureLines({ authority: 'Q', authorityLine: 'Giám đốc', deputyFor: null, title: '', name: 'X' })).toEqual(['Q. GIÁM ĐỐC']);
    expect(signatureLines({ authority: null, authorityLine: '', deputyFor: null, title: 'Chủ tịch', name: 'X' })).toEqual(['CHỦ TỊCH']);
  });

  it('builds symbols: công văn agency-unit, named kinds kind-agency', () => {
    expect(buildSymbol('officialLetter', 'UBND', 'VP')).toBe('UBND-VP');
    expect(buildSymbol('notice', 'UBND', 'VP')).toBe('TB-UBND');
    expect(buildSymbol('report', 'UBND')).toBe('BC-UBND');
  });

  it('punctuates recipients and the distribution list', () => {
    expect(recipientLines(['Bộ Nội vụ.'])).toEqual(['Bộ Nội vụ']);
    expect(recipientLines(['A', 'B;', 'C'])).toEqual(['- A;', '- B;', '- C.']);
    expect(distributionLines({ kind: 'officialLetter', symbol: 'UBND-VP', recipients: ['Phòng Kinh tế'], distribution: ['Như trên', '- TT. Đảng ủy;'], archiveUnit: 'VP', drafterInitials: 'ntl', copies: 12 })).toEqual([
      '- Như trên;',
      '- TT. Đảng ủy;',
      '- Lưu: VT, VP. NTL(12).',
    ]);
    // Never a bare "Lưu: VT.": the drafting unit comes from the ký hiệu when not set.
    expect(distributionLines({ kind: 'notice', symbol: 'TB-UBND', recipients: [], distribution: [], archiveUnit: '', drafterInitials: '', copies: null })).toEqual(['- Lưu: VT, UBND.']);
    expect(distributionLines({ kind: 'officialLetter', symbol: 'UBND-TCKH', recipients: ['A'], distribution: [], archiveUnit: '', drafterInitials: '', copies: null })).toEqual(['- Như trên;', '- Lưu: VT, TCKH.']);
    // A báo cáo sent upward with Kính gửi starts with "Như trên", as a công văn does; one without Kính gửi does not.
    expect(distributionLines({ kind: 'report', symbol: 'BC-UBND', recipients: ['UBND tỉnh Cao Bằng'], distribution: ['TT. Đảng ủy'], archiveUnit: 'VP', drafterInitials: '', copies: null })[0]).toBe('- Như trên;');
    expect(distributionLines({ kind: 'report', symbol: 'BC-UBND', recipients: [], distribution: ['TT. Đảng ủy'], archiveUnit: 'VP', drafterInitials: '', copies: null })[0]).toBe('- TT. Đảng ủy;');
  });

  it('formats headings and Roman numerals', () => {
    expect(toRoman(4)).toBe('IV');
    expect(toRoman(14)).toBe('XIV');
    expect(headingText({ level: 1, label: 'II', text: 'Tồn tại, hạn chế' })).toBe('II. TỒN TẠI, HẠN CHẾ');
    expect(headingText({ level: 2, label: '1', text: 'Tình hình chung' })).toBe('1. Tình hình chung');
    expect(headingText({ level: 3, label: 'a', text: 'Kết quả' })).toBe('a) Kết quả');
  });
});

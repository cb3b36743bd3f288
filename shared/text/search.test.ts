import { describe, expect, it } from 'vitest';
import { foldVietnamese, makeSearchIndex, matchesSearch } from './search';

describe('diacritics-insensitive search', () => {
  it('folds Vietnamese letters, including đ, and case', () => {
    expect(foldVietnamese('Đùn ĐẨY, né tránh')).toBe('dun day, ne tranh');
    expect(foldVietnamese('Hòa  An\tỦY BAN')).toBe('hoa an uy ban');
    // Precomposed and decomposed input fold alike.
    expect(foldVietnamese('Hòa'.normalize('NFD'))).toBe(foldVietnamese('Hòa'.normalize('NFC')));
  });
  it('"dun day" finds "đùn đẩy", "d" finds "đ", words in any order', () => {
    expect(matchesSearch('khắc phục tình trạng đùn đẩy', 'dun day')).toBe(true);
    expect(matchesSearch('Đàm Văn Sơn', 'd')).toBe(true);
    expect(matchesSearch('Đàm Văn Sơn', 'son dam')).toBe(true);
    expect(matchesSearch('Đàm Văn Sơn', 'sơn hà')).toBe(false);
    expect(matchesSearch('bất kỳ', '   ')).toBe(true);
  });
  it('indexes a list once and filters it', () => {
    const find = makeSearchIndex(['Phòng Kinh tế', 'Phòng Văn hóa - Xã hội', 'Trung tâm Phục vụ hành chính công'], (s) => s);
    expect(find('phong')).toHaveLength(2);
    expect(find('xa hoi')).toEqual(['Phòng Văn hóa - Xã hội']);
    expect(find('')).toHaveLength(3);
  });
});

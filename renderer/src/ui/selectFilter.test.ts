import { describe, expect, it } from 'vitest';
import { filterFolded } from './selectFilter';
import { theme } from './theme';

const units = [
  { value: 'tyt', label: 'Trạm Y tế' },
  { value: 'pkt', label: 'Phòng Kinh tế' },
  { value: 'vp', label: 'Văn phòng HĐND và UBND' },
];

describe('the pickers’ option filter', () => {
  it('matches typed words without diacritics or case, every word', () => {
    expect(filterFolded(units, 'tram y te').map((o) => ('value' in o ? o.value : ''))).toEqual(['tyt']);
    expect(filterFolded(units, 'TRAM').map((o) => ('value' in o ? o.value : ''))).toEqual(['tyt']);
    expect(filterFolded(units, 'hdnd ubnd').map((o) => ('value' in o ? o.value : ''))).toEqual(['vp']);
    expect(filterFolded(units, 'te').map((o) => ('value' in o ? o.value : ''))).toEqual(['tyt', 'pkt']);
    expect(filterFolded(units, '')).toHaveLength(3);
    expect(filterFolded(units, 'te', 1)).toHaveLength(1);
  });

  it('filters inside groups and drops empty groups', () => {
    const grouped = [
      { group: 'Đơn vị', items: units },
      { group: 'Khác', items: [{ value: 'x', label: 'Ban Chỉ huy Quân sự' }] },
    ];
    expect(filterFolded(grouped, 'quan su')).toEqual([{ group: 'Khác', items: [{ value: 'x', label: 'Ban Chỉ huy Quân sự' }] }]);
  });

  it('is every Select’s and MultiSelect’s default, so each unit or official picker folds', () => {
    const select = theme.components?.Select?.defaultProps as { filter?: unknown } | undefined;
    const multi = theme.components?.MultiSelect?.defaultProps as { filter?: unknown } | undefined;
    expect(typeof select?.filter).toBe('function');
    expect(multi?.filter).toBe(select?.filter);
  });
});

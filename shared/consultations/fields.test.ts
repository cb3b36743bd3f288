import { describe, expect, it } from 'vitest';
import { selectionWarnings, unitsForField } from './fields';

const units = [
  { id: 'kt', name: 'Phòng Kinh tế', fields: ['Du lịch', 'Nông nghiệp'] },
  { id: 'vhxh', name: 'Phòng Văn hóa - Xã hội', fields: ['du lich', 'Giáo dục'] },
  { id: 'ca', name: 'Công an xã', fields: ['An ninh trật tự'] },
];

describe('consulted units and fields', () => {
  it('suggests the units whose fields match, ignoring diacritics and case', () => {
    expect(unitsForField(units, 'Du lịch').map((u) => u.id)).toEqual(['kt', 'vhxh']);
    expect(unitsForField(units, null)).toEqual([]);
  });
  it('warns about unrelated units and too many units', () => {
    const w = selectionWarnings(units, ['kt', 'ca'], 'Du lịch', 1);
    expect(w.unrelatedUnitIds).toEqual(['ca']);
    expect(w.tooMany).toBe(true);
    expect(w.messages[0]).toContain('Công an xã');
    expect(selectionWarnings(units, ['kt', 'vhxh'], 'Du lịch', 5).messages).toEqual([]);
  });
});

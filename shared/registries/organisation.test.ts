import { describe, expect, it } from 'vitest';
import { awaitsRegistry, resolveOrganisation, type Organisation } from './organisation';
import { defaultSigningTitle } from './officials';

const unitSite: Organisation = {
  authorityName: 'Ủy ban nhân dân xã Hòa An',
  parentName: 'Ủy ban nhân dân tỉnh Cao Bằng',
  placeName: 'Cao Bằng',
  authoritySymbol: 'UBND',
  siteRole: 'unit',
  actsForUnitIds: [],
  authorityUnitId: '',
};
const tree = [
  { id: 'tinh', parentId: null },
  { id: 'vp', parentId: 'tinh' },
  { id: 'xa', parentId: 'tinh' },
  { id: 'thon', parentId: 'xa' },
];

describe('organisation of a unit office', () => {
  it('awaits the registry until it acts for some unit', () => {
    expect(awaitsRegistry(unitSite)).toBe(true);
    expect(awaitsRegistry({ ...unitSite, actsForUnitIds: ['xa'] })).toBe(false);
    expect(awaitsRegistry({ ...unitSite, siteRole: 'coordinator' })).toBe(false);
  });

  it('takes the authority from the root above its units once they arrive', () => {
    expect(resolveOrganisation(unitSite, tree).authorityUnitId).toBe('');
    expect(resolveOrganisation({ ...unitSite, actsForUnitIds: ['xa'] }, []).authorityUnitId).toBe('');
    expect(resolveOrganisation({ ...unitSite, actsForUnitIds: ['thon'] }, tree).authorityUnitId).toBe('tinh');
    // A stale authority (a site set up when the wizard still made its own units) follows the registry.
    expect(resolveOrganisation({ ...unitSite, actsForUnitIds: ['xa'], authorityUnitId: 'local-root' }, tree).authorityUnitId).toBe('tinh');
  });

  it('keeps the coordinator as stored and survives a cycle in the tree', () => {
    const coordinator = { ...unitSite, siteRole: 'coordinator' as const, actsForUnitIds: ['vp'], authorityUnitId: 'tinh' };
    expect(resolveOrganisation(coordinator, [{ id: 'vp', parentId: 'other' }, { id: 'other', parentId: null }])).toBe(coordinator);
    const cyclic = [
      { id: 'a', parentId: 'b' },
      { id: 'b', parentId: 'a' },
    ];
    expect(['a', 'b']).toContain(resolveOrganisation({ ...unitSite, actsForUnitIds: ['a'] }, cyclic).authorityUnitId);
  });
});

describe('defaultSigningTitle', () => {
  it('drops the body the letter already names from a leader’s post, keeps other posts', () => {
    expect(defaultSigningTitle('Chủ tịch UBND')).toBe('Chủ tịch');
    expect(defaultSigningTitle('CHỦ TỊCH UBND')).toBe('Chủ tịch');
    expect(defaultSigningTitle('Phó Chủ tịch UBND xã')).toBe('Phó Chủ tịch');
    expect(defaultSigningTitle('Phó Chủ tịch Ủy ban nhân dân xã Hòa An')).toBe('Phó Chủ tịch');
    expect(defaultSigningTitle('Chủ tịch')).toBe('Chủ tịch');
    expect(defaultSigningTitle('Chánh Văn phòng HĐND và UBND')).toBe('Chánh Văn phòng HĐND và UBND');
    expect(defaultSigningTitle('Chủ tịch Hội Nông dân')).toBe('Chủ tịch Hội Nông dân');
  });
});

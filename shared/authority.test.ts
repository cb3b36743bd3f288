import { describe, expect, it } from 'vitest';
import { canChangeSettings, canEditOfficialPosts, canEditUnit, unitsInScope } from './authority';

const units = [
  { id: 'ubnd', parentId: null },
  { id: 'vp', parentId: 'ubnd' },
  { id: 'xa', parentId: 'ubnd' },
  { id: 'thon', parentId: 'xa' },
];
const admin = { role: 'admin' as const, unitId: null };

describe('registry authority', () => {
  it('scopes a site to its units and their descendants', () => {
    expect([...unitsInScope(units, ['xa'])].sort()).toEqual(['thon', 'xa']);
  });
  it('lets the coordinator administrators edit any unit, and nobody else but admins', () => {
    expect(canEditUnit(admin, { siteRole: 'coordinator', actsForUnitIds: ['vp'] }, units, 'xa', 'ubnd').allowed).toBe(true);
    const staff = canEditUnit({ role: 'unitStaff', unitId: 'vp' }, { siteRole: 'coordinator', actsForUnitIds: ['vp'] }, units, 'xa', 'ubnd');
    expect(staff).toEqual({ allowed: false, reason: 'Chỉ quản trị viên được sửa danh mục đơn vị.' });
  });
  it('keeps a unit office inside its own scope', () => {
    const site = { siteRole: 'unit' as const, actsForUnitIds: ['xa'] };
    expect(canEditUnit(admin, site, units, 'thon', 'xa').allowed).toBe(true);
    expect(canEditUnit(admin, site, units, null, 'xa').allowed).toBe(true);
    expect(canEditUnit(admin, site, units, 'vp', 'ubnd').allowed).toBe(false);
    expect(canEditUnit(admin, site, units, 'thon', 'ubnd').allowed).toBe(false);
    expect(canEditOfficialPosts(admin, site, units, ['thon']).allowed).toBe(true);
    expect(canEditOfficialPosts(admin, site, units, ['thon', 'vp']).allowed).toBe(false);
  });
  it('leaves settings to administrators', () => {
    expect(canChangeSettings({ role: 'leader', unitId: null }).allowed).toBe(false);
    expect(canChangeSettings(admin).allowed).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { UNIT_REGISTRY_OWNER, canChangeSettings, canEditOfficialPosts, canEditUnit, unitsInScope } from './authority';
import { authorizeSyncOp } from './sync/authorize';

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
    expect(canEditUnit(admin, { siteRole: 'coordinator' }).allowed).toBe(true);
    const staff = canEditUnit({ role: 'unitStaff', unitId: 'vp' }, { siteRole: 'coordinator' });
    expect(staff).toEqual({ allowed: false, reason: 'Chỉ quản trị viên được sửa danh mục đơn vị.' });
  });
  it('leaves the unit registry to the coordinator and keeps a unit office to its own officials', () => {
    const site = { siteRole: 'unit' as const, actsForUnitIds: ['xa'] };
    // Even its own villages: the peers' import refuses any unit written by a unit office.
    expect(canEditUnit(admin, site)).toEqual({ allowed: false, reason: UNIT_REGISTRY_OWNER });
    const op = { id: 'o1', site: 'xa-site', hlc: '000000000000001-0000-xa-site', entity: 'units' as const, rowId: 'thon', kind: 'set' as const, values: { name: 'Thôn 1' }, actor: 'admin' };
    const lookup = { row: () => undefined, taskEvents: () => [], posts: () => [], hasEntity: () => true };
    expect(authorizeSyncOp(op, { siteId: 'xa-site', role: 'unit', units: ['xa'] }, lookup).status).toBe('reject');
    expect(canEditOfficialPosts(admin, site, units, ['thon']).allowed).toBe(true);
    expect(canEditOfficialPosts(admin, site, units, ['thon', 'vp']).allowed).toBe(false);
    // Without a post the official belongs to no unit, and peers would hold it unapplied.
    expect(canEditOfficialPosts(admin, site, units, []).allowed).toBe(false);
    expect(canEditOfficialPosts(admin, { siteRole: 'coordinator', actsForUnitIds: [] }, units, []).allowed).toBe(true);
  });
  it('leaves settings to administrators', () => {
    expect(canChangeSettings({ role: 'leader', unitId: null }).allowed).toBe(false);
    expect(canChangeSettings(admin).allowed).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { canRecordOnBehalf, ON_BEHALF_REASONS, onBehalfNote, speaksFor, unitsSpokenFor } from './acting';

const coordinator = { siteRole: 'coordinator' as const, actsForUnitIds: ['ubnd', 'vp'] };
const commune = { siteRole: 'unit' as const, actsForUnitIds: ['xa-a'] };
const withOwnSite = { unitsWithOwnSite: new Set(['xa-a']) };
const paper = { sourceDocument: 'Công văn số 12/UBND-VP ngày 03/12/2026' };

describe('in whose name an account acts', () => {
  it('a bound account speaks only for its own unit, wherever it signs in', () => {
    const kt = { role: 'unitStaff' as const, unitId: 'pkt' };
    expect(speaksFor(kt, coordinator, 'pkt')).toBe(true);
    expect(speaksFor(kt, coordinator, 'vp')).toBe(false);
    expect(speaksFor({ role: 'admin', unitId: 'pkt' }, coordinator, 'ubnd')).toBe(false);
    expect(unitsSpokenFor(kt, coordinator, ['vp', 'pkt', 'pvh'])).toEqual(['pkt']);
  });

  it('an unbound account is the office’s own: the units this installation acts for, no others', () => {
    const office = { role: 'admin' as const, unitId: null };
    expect(unitsSpokenFor(office, coordinator, ['ubnd', 'vp', 'pkt'])).toEqual(['ubnd', 'vp']);
    expect(unitsSpokenFor(office, commune, ['xa-a', 'xa-b'])).toEqual(['xa-a']);
  });

  it('only the coordinating office’s clerk records on behalf, only for a unit without its own site, only citing the paper', () => {
    const clerk = { role: 'admin' as const, unitId: 'vp' };
    expect(canRecordOnBehalf(clerk, coordinator, 'thon-b', paper, withOwnSite)).toEqual({ allowed: true });
    expect(canRecordOnBehalf({ role: 'admin', unitId: null }, coordinator, 'thon-b', paper, withOwnSite)).toEqual({ allowed: true });
    const refused = (d: ReturnType<typeof canRecordOnBehalf>) => (d.allowed ? null : d.reason);
    expect(refused(canRecordOnBehalf(clerk, coordinator, 'xa-a', paper, withOwnSite))).toBe(ON_BEHALF_REASONS.hasOwnSite);
    expect(refused(canRecordOnBehalf(clerk, coordinator, 'thon-b', { sourceDocument: ' ' }, withOwnSite))).toBe(ON_BEHALF_REASONS.noSource);
    expect(refused(canRecordOnBehalf(clerk, coordinator, 'vp', paper, withOwnSite))).toBe(ON_BEHALF_REASONS.ownUnit);
    expect(refused(canRecordOnBehalf({ role: 'leader', unitId: 'vp' }, coordinator, 'thon-b', paper, withOwnSite))).toBe(ON_BEHALF_REASONS.notClerk);
    // Another unit's administrator sharing the coordinator's PC is not the office's clerk.
    expect(refused(canRecordOnBehalf({ role: 'admin', unitId: 'pkt' }, coordinator, 'thon-b', paper, withOwnSite))).toBe(ON_BEHALF_REASONS.notClerk);
    expect(refused(canRecordOnBehalf({ role: 'admin', unitId: null }, commune, 'thon-b', paper, withOwnSite))).toBe(ON_BEHALF_REASONS.notCoordinator);
  });

  it('the on-behalf note names the clerk and the source document', () => {
    expect(onBehalfNote('Nguyễn Thị Lan', 'Công văn số 12/UBND-VP ngày 03/12/2026')).toBe('Văn thư Nguyễn Thị Lan nhập thay, theo Công văn số 12/UBND-VP ngày 03/12/2026');
  });
});

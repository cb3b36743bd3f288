import { describe, expect, it } from 'vitest';
import {
  canOfferOnBehalf,
  canRecordOnBehalf,
  checkOnBehalfDocument,
  describeSourceDocument,
  ON_BEHALF_REASONS,
  onBehalfInputSchema,
  onBehalfLine,
  onBehalfNote,
  onBehalfRecordSchema,
  speaksFor,
  unitsSpokenFor,
  unitsWithOwnSite,
} from './acting';

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

  it('the choice is offered before the paper is named, with the same refusals', () => {
    const clerk = { role: 'admin' as const, unitId: 'vp' };
    expect(canOfferOnBehalf(clerk, coordinator, 'thon-b', withOwnSite)).toEqual({ allowed: true });
    expect(canOfferOnBehalf(clerk, coordinator, 'xa-a', withOwnSite)).toEqual({ allowed: false, reason: ON_BEHALF_REASONS.hasOwnSite });
    expect(canOfferOnBehalf({ role: 'unitStaff', unitId: 'pkt' }, coordinator, 'thon-b', withOwnSite)).toEqual({ allowed: false, reason: ON_BEHALF_REASONS.notClerk });
  });

  it('units with a site of their own: those of unit sites and everything under them, never the coordinator’s', () => {
    const units = [
      { id: 'ubnd', parentId: null },
      { id: 'vp', parentId: 'ubnd' },
      { id: 'pkt', parentId: 'ubnd' },
      { id: 'xa-a', parentId: 'ubnd' },
      { id: 'thon-a', parentId: 'xa-a' },
    ];
    const sites = [
      { role: 'coordinator' as const, units: ['ubnd', 'vp'] },
      { role: 'unit' as const, units: ['xa-a'] },
    ];
    expect([...unitsWithOwnSite(sites, units)].sort()).toEqual(['thon-a', 'xa-a']);
  });

  it('the paper document: validated, dated no later than today, and described the way letters cite it', () => {
    const doc = { documentKind: 'officialLetter' as const, documentNumber: ' 12/UBND-VP ', documentDate: '2026-12-03' };
    const parsed = onBehalfInputSchema.parse(doc);
    expect(describeSourceDocument(parsed)).toBe('Công văn số 12/UBND-VP ngày 03/12/2026');
    expect(onBehalfInputSchema.safeParse({ ...doc, documentNumber: '  ' }).success).toBe(false);
    expect(onBehalfInputSchema.safeParse({ ...doc, documentDate: '03/12/2026' }).success).toBe(false);
    expect(checkOnBehalfDocument(parsed, '2026-12-03').allowed).toBe(true);
    expect(checkOnBehalfDocument(parsed, '2026-12-02').allowed).toBe(false);
    const record = onBehalfRecordSchema.parse({ ...parsed, clerkName: 'Nguyễn Thị Lan', clerkOfficialId: 'o-lan' });
    expect(onBehalfLine(record)).toBe('Văn thư Nguyễn Thị Lan nhập thay, theo Công văn số 12/UBND-VP ngày 03/12/2026');
    expect(onBehalfRecordSchema.safeParse({ ...parsed, clerkName: '', clerkOfficialId: null }).success).toBe(false);
  });
});

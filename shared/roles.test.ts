import { describe, expect, it } from 'vitest';
import { assignsWork } from './roles';
import { canFollowUp } from './followup/authority';
import { canEditCalendar } from './calendar/authority';

describe('role and authority decisions the screens ask', () => {
  it('administrators and leaders assign work; unit staff and no session do not', () => {
    expect(assignsWork('admin')).toBe(true);
    expect(assignsWork('leader')).toBe(true);
    expect(assignsWork('unitStaff')).toBe(false);
    expect(assignsWork(undefined)).toBe(false);
  });

  it('follow-up letters: leaders, or staff of a unit this office acts for — with the reason otherwise', () => {
    const org = { actsForUnitIds: ['vp'] };
    expect(canFollowUp({ role: 'leader', unitId: null }, org)).toEqual({ allowed: true });
    expect(canFollowUp({ role: 'unitStaff', unitId: 'vp' }, org)).toEqual({ allowed: true });
    const refused = canFollowUp({ role: 'unitStaff', unitId: 'pkt' }, org);
    expect(refused.allowed).toBe(false);
    if (!refused.allowed) expect(refused.reason).toContain('văn bản đôn đốc');
  });

  it('the working calendar: the coordinating office’s administrators only', () => {
    expect(canEditCalendar({ role: 'admin', unitId: null }, { siteRole: 'coordinator' })).toEqual({ allowed: true });
    expect(canEditCalendar({ role: 'admin', unitId: null }, { siteRole: 'unit' }).allowed).toBe(false);
    expect(canEditCalendar({ role: 'leader', unitId: null }, { siteRole: 'coordinator' }).allowed).toBe(false);
    expect(canEditCalendar({ role: 'admin', unitId: null }, null).allowed).toBe(false);
  });
});

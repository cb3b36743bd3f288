import { describe, expect, it } from 'vitest';
import type { Actor, SiteScope } from '../authority';
import { authorizeConsultationOp, canActAsRequester, canAnswerUpward, canReply, replyableUnits } from './authority';
import { makeConsultation } from './fixtures';

const coordinator: SiteScope = { siteRole: 'coordinator', actsForUnitIds: ['ubnd', 'vp'] };
const unitSite: SiteScope = { siteRole: 'unit', actsForUnitIds: ['kt'] };
const clerk: Actor = { role: 'admin', unitId: null };
const ktOfficer: Actor = { role: 'unitStaff', unitId: 'kt' };
const vhxhOfficer: Actor = { role: 'unitStaff', unitId: 'vhxh' };
const c = makeConsultation();

describe('who may reply', () => {
  it('unit A cannot answer for unit B, wherever it logs in', () => {
    expect(canReply(ktOfficer, coordinator, c, 'kt')).toEqual({ allowed: true });
    const d = canReply(ktOfficer, coordinator, c, 'vhxh', (id) => ({ kt: 'Phòng Kinh tế', vhxh: 'Phòng Văn hóa - Xã hội' })[id] ?? id);
    expect(d.allowed).toBe(false);
    if (!d.allowed) expect(d.reason).toBe('Tài khoản của Phòng Kinh tế không được trả lời thay Phòng Văn hóa - Xã hội: mỗi đơn vị tự trả lời ý kiến của mình.');
    expect(canReply(vhxhOfficer, unitSite, c, 'kt').allowed).toBe(false);
  });

  it('the coordinator\'s clerk does not answer in a department\'s name; a unit site\'s clerk answers for its unit', () => {
    expect(canReply(clerk, coordinator, c, 'kt').allowed).toBe(false);
    expect(canReply(clerk, unitSite, c, 'kt')).toEqual({ allowed: true });
    expect(replyableUnits(clerk, unitSite, c)).toEqual(['kt']);
    expect(replyableUnits(clerk, coordinator, c)).toEqual([]);
  });

  it('a unit that was not consulted cannot reply', () => {
    const d = canReply({ role: 'unitStaff', unitId: 'xa' }, coordinator, c, 'xa');
    expect(d.allowed).toBe(false);
  });
});

describe('requester and authority actions', () => {
  it('only the requesting unit reconciles and marks ready', () => {
    expect(canActAsRequester(clerk, coordinator, c, 'markReady')).toEqual({ allowed: true });
    expect(canActAsRequester(ktOfficer, coordinator, c, 'reconcile').allowed).toBe(false);
    expect(canActAsRequester(clerk, unitSite, c, 'markReady').allowed).toBe(false);
    expect(canActAsRequester(clerk, coordinator, { ...c, readyOn: '2026-05-07' }, 'reconcile').allowed).toBe(false);
  });

  it('only the addressed authority answers a request upward, and not its ordinary staff', () => {
    const r = { toUnitId: 'ubnd' };
    expect(canAnswerUpward({ role: 'leader', unitId: null }, coordinator, r)).toEqual({ allowed: true });
    expect(canAnswerUpward({ role: 'unitStaff', unitId: 'ubnd' }, coordinator, r).allowed).toBe(false);
    expect(canAnswerUpward({ role: 'leader', unitId: 'kt' }, coordinator, r).allowed).toBe(false);
    expect(canAnswerUpward(clerk, unitSite, r).allowed).toBe(false);
  });
});

describe('ops from other sites', () => {
  const ctx = { sender: unitSite, consultation: c, upward: null };
  it('accepts a reply from the unit\'s site and refuses one for another unit', () => {
    expect(authorizeConsultationOp({ entity: 'consultationReplies', kind: 'insert', rowId: 'r1', values: { unitId: 'kt' } }, ctx)).toEqual({ allowed: true });
    expect(authorizeConsultationOp({ entity: 'consultationReplies', kind: 'insert', rowId: 'r2', values: { unitId: 'vhxh' } }, ctx).allowed).toBe(false);
    expect(authorizeConsultationOp({ entity: 'consultationReplies', kind: 'set', rowId: 'r1', values: { unitId: 'kt' } }, ctx).allowed).toBe(false);
  });
  it('refuses edits of the request from a consulted unit\'s site', () => {
    expect(authorizeConsultationOp({ entity: 'consultations', kind: 'set', rowId: 'c1', values: { dueOn: '2026-12-31' } }, ctx).allowed).toBe(false);
    expect(authorizeConsultationOp({ entity: 'consultations', kind: 'set', rowId: 'c1', values: { dueOn: '2026-12-31' } }, { ...ctx, sender: coordinator })).toEqual({ allowed: true });
  });
  it('does not judge other entities', () => {
    expect(authorizeConsultationOp({ entity: 'tasks', kind: 'set', rowId: 't', values: {} }, ctx).allowed).toBe(false);
  });
});

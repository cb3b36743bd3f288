import { describe, expect, it } from 'vitest';
import type { Actor, SiteScope } from '../authority';
import { makeEvents, makeTask } from './fixtures';
import { foldTask } from './state';
import { authorizeTaskOp, canPerform, canPerformOnBehalf } from './authority';
import { ON_BEHALF_REASONS } from '../acting';

// The provincial office assigns; Sở Tài chính leads; xã Hòa An supports.
const task = makeTask({ assignerUnitId: 'ubnd-tinh', leadUnitId: 'so-tc', supportUnitIds: ['xa-hoa-an'] });
const state = foldTask(task, []);

const coordinator: SiteScope = { siteRole: 'coordinator', actsForUnitIds: ['ubnd-tinh', 'vp-ubnd'] };
const leadSite: SiteScope = { siteRole: 'unit', actsForUnitIds: ['so-tc'] };
const supportSite: SiteScope = { siteRole: 'unit', actsForUnitIds: ['xa-hoa-an'] };
const otherSite: SiteScope = { siteRole: 'unit', actsForUnitIds: ['so-yt'] };

const clerk: Actor = { role: 'admin', unitId: 'vp-ubnd' };
const leader: Actor = { role: 'leader', unitId: null };
const staff: Actor = { role: 'unitStaff', unitId: null };

describe('canPerform', () => {
  it('lets the assigner reassign, decide and cancel, with an administrative or leading role', () => {
    expect(canPerform(clerk, coordinator, 'reassign', state)).toEqual({ allowed: true });
    expect(canPerform(leader, coordinator, 'cancel', state)).toEqual({ allowed: true });
    expect(canPerform(staff, coordinator, 'update', state)).toMatchObject({ allowed: false, reason: expect.stringContaining('lãnh đạo') });
  });

  it('refuses a reassignment by the lead unit with the seed rule', () => {
    const d = canPerform({ role: 'leader', unitId: 'so-tc' }, leadSite, 'reassign', state);
    expect(d.allowed).toBe(false);
    expect(d).toMatchObject({ reason: expect.stringContaining('không được chuyển công việc') });
    // Also when the lead unit's head is logged in at the coordinator's machine.
    expect(canPerform({ role: 'leader', unitId: 'so-tc' }, coordinator, 'reassign', state)).toMatchObject({ allowed: false, reason: expect.stringContaining('không được chuyển công việc') });
  });

  it('does not let a support unit report progress or complete', () => {
    const d = canPerform(staff, supportSite, 'complete', state);
    expect(d).toMatchObject({ allowed: false, reason: expect.stringContaining('Đơn vị phối hợp') });
    expect(canPerform(staff, supportSite, 'reportProgress', state).allowed).toBe(false);
    expect(canPerform(staff, supportSite, 'contribute', state)).toEqual({ allowed: true });
    expect(canPerform(staff, leadSite, 'contribute', state).allowed).toBe(false);
  });

  it('lets the lead unit report, request an extension and complete', () => {
    expect(canPerform(staff, leadSite, 'reportProgress', state)).toEqual({ allowed: true });
    expect(canPerform(staff, leadSite, 'requestExtension', state)).toEqual({ allowed: true });
    expect(canPerform(staff, leadSite, 'complete', state)).toEqual({ allowed: true });
    // A lead-unit account at the coordinator site (entering a paper report) also speaks for it.
    expect(canPerform({ role: 'unitStaff', unitId: 'so-tc' }, coordinator, 'complete', state)).toEqual({ allowed: true });
    expect(canPerform(staff, otherSite, 'complete', state)).toMatchObject({ allowed: false, reason: expect.stringContaining('đơn vị chủ trì') });
    expect(canPerform(staff, leadSite, 'decideExtension', state).allowed).toBe(false);
  });

  it('checks the status transitions', () => {
    const withRequest = foldTask(task, makeEvents(task.id, [{ id: 'r', type: 'extensionRequest', on: '2025-03-10', reason: 'Lý do', proposedDueOn: '2025-03-20' }]));
    expect(canPerform(staff, leadSite, 'requestExtension', withRequest)).toMatchObject({ allowed: false, reason: expect.stringContaining('đang chờ') });
    expect(canPerform(clerk, coordinator, 'decideExtension', withRequest)).toEqual({ allowed: true });
    expect(canPerform(clerk, coordinator, 'decideExtension', state).allowed).toBe(false);
    const done = foldTask(task, makeEvents(task.id, [{ type: 'completion', on: '2025-03-10', completedOn: '2025-03-10', resultText: 'Xong', reportNumber: '', attachments: [] }]));
    expect(canPerform(staff, leadSite, 'reportProgress', done).allowed).toBe(false);
    expect(canPerform(clerk, coordinator, 'reopen', done)).toEqual({ allowed: true });
    expect(canPerform(clerk, coordinator, 'reopen', state).allowed).toBe(false);
    const paused = foldTask(task, makeEvents(task.id, [{ type: 'pause', on: '2025-03-10', reason: 'Chờ' }]));
    expect(canPerform(staff, leadSite, 'reportProgress', paused).allowed).toBe(false);
    expect(canPerform(clerk, coordinator, 'resume', paused)).toEqual({ allowed: true });
    expect(canPerform(clerk, coordinator, 'pause', paused).allowed).toBe(false);
  });
});

describe('canPerformOnBehalf', () => {
  const paper = { sourceDocument: 'Báo cáo số 15/BC-STC ngày 03/03/2025' };
  const noSites = { unitsWithOwnSite: new Set<string>() };
  it('lets the coordinating office’s clerk record the lead unit’s reports and a support unit’s contribution, under the usual status rules', () => {
    expect(canPerformOnBehalf(clerk, coordinator, 'reportProgress', state, paper, noSites)).toEqual({ allowed: true });
    expect(canPerformOnBehalf(clerk, coordinator, 'complete', state, paper, noSites)).toEqual({ allowed: true });
    expect(canPerformOnBehalf(clerk, coordinator, 'contribute', state, paper, noSites, { unitId: 'xa-hoa-an' })).toEqual({ allowed: true });
    const paused = foldTask(task, makeEvents(task.id, [{ type: 'pause', on: '2025-03-10', reason: 'Chờ' }]));
    expect(canPerformOnBehalf(clerk, coordinator, 'reportProgress', paused, paper, noSites)).toMatchObject({ allowed: false, reason: expect.stringContaining('tạm dừng') });
  });

  it('refuses decisions, units not on the task, units with a site of their own and anyone but the clerk', () => {
    expect(canPerformOnBehalf(clerk, coordinator, 'requestExtension', state, paper, noSites).allowed).toBe(false);
    expect(canPerformOnBehalf(clerk, coordinator, 'decideExtension', state, paper, noSites).allowed).toBe(false);
    expect(canPerformOnBehalf(clerk, coordinator, 'contribute', state, paper, noSites, { unitId: 'so-yt' }).allowed).toBe(false);
    expect(canPerformOnBehalf(clerk, coordinator, 'reportProgress', state, paper, { unitsWithOwnSite: new Set(['so-tc']) })).toEqual({ allowed: false, reason: ON_BEHALF_REASONS.hasOwnSite });
    expect(canPerformOnBehalf({ role: 'admin', unitId: 'so-yt' }, coordinator, 'reportProgress', state, paper, noSites)).toEqual({ allowed: false, reason: ON_BEHALF_REASONS.notClerk });
    expect(canPerformOnBehalf(clerk, supportSite, 'reportProgress', state, paper, noSites)).toEqual({ allowed: false, reason: ON_BEHALF_REASONS.notCoordinator });
  });
});

describe('authorizeTaskOp', () => {
  const ctx = (sender: SiteScope) => ({ sender, task: state });

  it('rejects a commune site changing the deadline of a provincial task', () => {
    const op = { entity: 'tasks' as const, kind: 'set' as const, rowId: task.id, values: { dueOn: '2025-12-31' } };
    expect(authorizeTaskOp(op, ctx(supportSite)).allowed).toBe(false);
    expect(authorizeTaskOp(op, ctx(leadSite)).allowed).toBe(false);
    expect(authorizeTaskOp(op, ctx(coordinator))).toEqual({ allowed: true });
  });

  it('names the refused fields in Vietnamese, never by their code names', () => {
    const op = { entity: 'tasks' as const, kind: 'set' as const, rowId: task.id, values: { dueOn: '2025-12-31', leadUnitId: 'xa-hoa-an' } };
    const decision = authorizeTaskOp(op, ctx(supportSite));
    expect(decision).toMatchObject({ allowed: false, reason: expect.stringContaining('(thay đổi hạn xử lý, đơn vị chủ trì bị từ chối)') });
    expect(JSON.stringify(decision)).not.toMatch(/dueOn|leadUnitId/);
  });

  it('accepts a new task only from a site that may assign for its authority', () => {
    const op = { entity: 'tasks' as const, kind: 'set' as const, rowId: 'new', values: { assignerUnitId: 'xa-hoa-an', title: 'Rà soát hộ nghèo' } };
    expect(authorizeTaskOp(op, { sender: supportSite, task: null })).toEqual({ allowed: true });
    expect(authorizeTaskOp(op, { sender: leadSite, task: null }).allowed).toBe(false);
  });

  it('routes events by type to the assigner, the lead unit or a support unit', () => {
    const ev = (values: Record<string, string | boolean>) => ({ entity: 'taskEvents' as const, kind: 'insert' as const, rowId: 'e', values });
    expect(authorizeTaskOp(ev({ type: 'completion', awaitsAcceptance: true }), ctx(leadSite))).toEqual({ allowed: true });
    expect(authorizeTaskOp(ev({ type: 'completion', awaitsAcceptance: true }), ctx(supportSite)).allowed).toBe(false);
    // A completion report that skips the assigner's acceptance is refused from the lead unit's site…
    expect(authorizeTaskOp(ev({ type: 'completion' }), ctx(leadSite))).toMatchObject({ allowed: false, reason: expect.stringContaining('chờ cơ quan giao nhiệm vụ xác nhận') });
    expect(authorizeTaskOp(ev({ type: 'completion', awaitsAcceptance: false }), ctx(leadSite)).allowed).toBe(false);
    // …and acceptance or return of a completion belong to the assigning authority's site alone.
    for (const type of ['completionAcceptance', 'completionReturn']) {
      expect(authorizeTaskOp(ev({ type, reportId: 'r1' }), ctx(coordinator))).toEqual({ allowed: true });
      expect(authorizeTaskOp(ev({ type, reportId: 'r1' }), ctx(leadSite))).toMatchObject({ allowed: false, reason: expect.stringContaining('cơ quan giao') });
      expect(authorizeTaskOp(ev({ type, reportId: 'r1' }), ctx(supportSite)).allowed).toBe(false);
    }
    expect(authorizeTaskOp(ev({ type: 'reassignment' }), ctx(leadSite))).toMatchObject({ allowed: false, reason: expect.stringContaining('không được chuyển') });
    expect(authorizeTaskOp(ev({ type: 'contribution', unitId: 'xa-hoa-an' }), ctx(supportSite))).toEqual({ allowed: true });
    expect(authorizeTaskOp(ev({ type: 'contribution', unitId: 'xa-hoa-an' }), ctx(otherSite)).allowed).toBe(false);
    expect(authorizeTaskOp(ev({ type: 'extensionDecision' }), ctx(coordinator))).toEqual({ allowed: true });
    expect(authorizeTaskOp({ ...ev({ type: 'progress' }), kind: 'set' }, ctx(leadSite)).allowed).toBe(false);
    expect(authorizeTaskOp(ev({ type: 'progress' }), { sender: leadSite, task: null }).allowed).toBe(false);
  });

  it('keeps a former lead unit able to deliver reports it wrote before a reassignment', () => {
    const moved = foldTask(task, makeEvents(task.id, [{ type: 'reassignment', on: '2025-03-05', newLeadUnitId: 'so-yt', newResponsibleOfficialId: null, reason: 'Đúng chức năng' }]));
    const op = { entity: 'taskEvents' as const, kind: 'insert' as const, rowId: 'p', values: { type: 'progress' } };
    expect(authorizeTaskOp(op, { sender: leadSite, task: moved })).toEqual({ allowed: true });
    expect(authorizeTaskOp(op, { sender: otherSite, task: moved })).toEqual({ allowed: true });
    expect(authorizeTaskOp(op, { sender: supportSite, task: moved }).allowed).toBe(false);
  });

  it('refuses ops outside the task domain and task settings from unit sites', () => {
    expect(authorizeTaskOp({ entity: 'units', kind: 'set', rowId: 'u', values: {} }, ctx(coordinator)).allowed).toBe(false);
    const settings = { entity: 'settings' as const, kind: 'set' as const, rowId: 'taskSettings', values: { judgeAgainst: 'original' } };
    expect(authorizeTaskOp(settings, ctx(leadSite)).allowed).toBe(false);
    expect(authorizeTaskOp(settings, ctx(coordinator))).toEqual({ allowed: true });
  });
});

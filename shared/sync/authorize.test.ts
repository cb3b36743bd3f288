import { describe, expect, it } from 'vitest';
import { stateKey, type EntityName, type JsonValue, type Op, type Row } from '../data/ops';
import { authorizeSyncOp, checkOp, unitSiteUnits, validateOp, type AuthorityLookup, type SyncSite } from './authorize';
import { applyBatch, covers, mergeVectors, minVector, missingSeqs, unacknowledged, vectorOf } from './apply';

const coord: SyncSite = { siteId: 'coord', role: 'coordinator', units: ['u-tinh'] };
const xaA: SyncSite = { siteId: 'xa-a', role: 'unit', units: ['u-a'] };
const xaB: SyncSite = { siteId: 'xa-b', role: 'unit', units: ['u-b'] };

let n = 0;
function op(site: SyncSite | string, entity: EntityName, rowId: string, values: Record<string, JsonValue>, kind: Op['kind'] = 'set'): Op {
  n += 1;
  const id = typeof site === 'string' ? site : site.siteId;
  return { id: `op-${n}`, site: id, hlc: `${String(1_745_000_000_000 + n).padStart(15, '0')}-0000-${id}`, entity, rowId, kind, values, actor: 'x' };
}

function lookup(rows: Row[] = [], entity: Partial<Record<string, EntityName>> = {}, has: (e: EntityName) => boolean = () => true): AuthorityLookup {
  const map = new Map<string, Row>();
  for (const r of rows) map.set(stateKey((entity[r.id] ?? 'tasks') as EntityName, r.id), r);
  return {
    row: (e, id) => map.get(stateKey(e, id)),
    taskEvents: (taskId) => [...map.entries()].filter(([k, r]) => k.startsWith('taskEvents/') && r.taskId === taskId).map(([, r]) => r),
    posts: (officialId) => [...map.entries()].filter(([k, r]) => k.startsWith('posts/') && r.officialId === officialId).map(([, r]) => r),
    hasEntity: has,
  };
}

const task: Row = { id: 't1', _v: {}, _deleted: 0, assignerUnitId: 'u-tinh', leadUnitId: 'u-a', supportUnitIds: ['u-b'], dueOn: '2026-06-30', assignedOn: '2026-05-01', title: 'T' };
const progress = { taskId: 't1', type: 'progress', on: '2026-05-02', actorOfficialId: null, actorAccount: 'a', percent: 10, text: 'x', attachments: [] };

describe('authorizeSyncOp', () => {
  it('refuses an author outside the registry and a site-local settings row', () => {
    expect(authorizeSyncOp(op('ghost', 'units', 'u1', { name: 'x' }), undefined, lookup())).toMatchObject({ status: 'reject', code: 'unknownSite' });
    expect(authorizeSyncOp(op(coord, 'settings', 'organisation', { authorityName: 'x' }), coord, lookup())).toMatchObject({ status: 'reject', code: 'localOnly' });
  });

  it('registries and the calendar belong to the coordinator', () => {
    expect(authorizeSyncOp(op(coord, 'units', 'u1', { name: 'x' }), coord, lookup()).status).toBe('accept');
    expect(authorizeSyncOp(op(xaA, 'units', 'u-a', { name: 'x' }), xaA, lookup())).toMatchObject({ status: 'reject', code: 'unauthorised' });
    expect(authorizeSyncOp(op(xaA, 'calendarOverrides', 'd1', { date: '2026-01-02' }), xaA, lookup()).status).toBe('reject');
  });

  it("officials of unit U: U's site or the coordinator; unknown unit waits", () => {
    const post: Row = { id: 'p1', _v: {}, _deleted: 0, officialId: 'o1', unitId: 'u-a' };
    const l = lookup([post], { p1: 'posts' });
    expect(authorizeSyncOp(op(xaA, 'officials', 'o1', { phone: '1' }), xaA, l).status).toBe('accept');
    expect(authorizeSyncOp(op(xaB, 'officials', 'o1', { phone: '1' }), xaB, l).status).toBe('reject');
    expect(authorizeSyncOp(op(xaB, 'officials', 'o2', { phone: '1' }), xaB, l).status).toBe('pending');
    expect(authorizeSyncOp(op(xaA, 'posts', 'p1', { unitId: 'u-b' }), xaA, l).status).toBe('reject');
    expect(authorizeSyncOp(op(coord, 'officials', 'o2', { phone: '1' }), coord, l).status).toBe('accept');
  });

  it('task definition by the assigner, progress by the lead, contributions by support; a missing task waits', () => {
    const l = lookup([task]);
    expect(authorizeSyncOp(op(coord, 'tasks', 't1', { dueOn: '2026-07-31' }), coord, l).status).toBe('accept');
    const forged = authorizeSyncOp(op(xaA, 'tasks', 't1', { dueOn: '2026-12-31' }), xaA, l);
    expect(forged).toMatchObject({ status: 'reject', code: 'unauthorised' });
    // The raw field key the task rules append is not shown to users.
    expect(forged.status === 'reject' && forged.reason).not.toMatch(/dueOn/);
    expect(authorizeSyncOp(op(xaA, 'taskEvents', 'e1', progress, 'insert'), xaA, l).status).toBe('accept');
    expect(authorizeSyncOp(op(xaB, 'taskEvents', 'e2', progress, 'insert'), xaB, l).status).toBe('reject');
    expect(authorizeSyncOp(op(xaB, 'taskEvents', 'e3', { ...progress, type: 'contribution', unitId: 'u-b' }, 'insert'), xaB, l).status).toBe('accept');
    expect(authorizeSyncOp(op(xaA, 'taskEvents', 'e4', { ...progress, taskId: 't9' }, 'insert'), xaA, l).status).toBe('pending');
    expect(authorizeSyncOp(op(coord, 'tasks', 't9', { title: 'sửa' }), coord, l).status).toBe('pending');
    expect(authorizeSyncOp(op(xaA, 'tasks', 't9', { ...task, id: undefined, _v: undefined, _deleted: undefined } as unknown as Record<string, JsonValue>), xaA, l).status).toBe('reject');
  });

  it('a report the coordinator recorded on behalf of a unit with no site of its own is accepted; for a unit with a site, or without the on-behalf record, it is refused', () => {
    const village: Row = { id: 'u-thon', _v: {}, _deleted: 0, name: 'Thôn A', parentId: 'u-a' };
    const siteless: Row = { ...task, id: 't2', leadUnitId: 'u-pvh', supportUnitIds: ['u-pkt'] };
    const underCommune: Row = { ...task, id: 't3', leadUnitId: 'u-thon', supportUnitIds: [] };
    const l = lookup([task, siteless, underCommune, village], { 'u-thon': 'units' });
    const siteUnits = unitSiteUnits([coord, xaA, xaB]);
    const onBehalf = { documentKind: 'report', documentNumber: '15/BC', documentDate: '2026-05-02', clerkName: 'Nguyễn Thị Lan', clerkOfficialId: null };
    const paperProgress = { ...progress, taskId: 't2', onBehalf };
    expect(authorizeSyncOp(op(coord, 'taskEvents', 'e1', paperProgress, 'insert'), coord, l, siteUnits).status).toBe('accept');
    expect(authorizeSyncOp(op(coord, 'taskEvents', 'e2', { ...paperProgress, type: 'contribution', unitId: 'u-pkt' }, 'insert'), coord, l, siteUnits).status).toBe('accept');
    // Without the record it is the coordinator writing in the unit's name.
    expect(authorizeSyncOp(op(coord, 'taskEvents', 'e3', { ...progress, taskId: 't2' }, 'insert'), coord, l, siteUnits).status).toBe('reject');
    // Commune A has its own site, and so does its village: their reports come from that site only.
    expect(authorizeSyncOp(op(coord, 'taskEvents', 'e4', { ...paperProgress, taskId: 't1' }, 'insert'), coord, l, siteUnits).status).toBe('reject');
    expect(authorizeSyncOp(op(coord, 'taskEvents', 'e5', { ...paperProgress, taskId: 't3' }, 'insert'), coord, l, siteUnits).status).toBe('reject');
    // Only the coordinator records on behalf: a unit site claiming to is refused.
    expect(authorizeSyncOp(op(xaB, 'taskEvents', 'e6', paperProgress, 'insert'), xaB, l, siteUnits).status).toBe('reject');
    // Without the registry's unit sites nothing is taken as recorded on behalf.
    expect(authorizeSyncOp(op(coord, 'taskEvents', 'e7', paperProgress, 'insert'), coord, l).status).toBe('reject');
  });

  it('the coordinator’s replies in the name of a unit with its own site are refused when the registry is known; for a siteless unit they are kept', () => {
    const c: Row = { id: 'c1', _v: {}, _deleted: 0, requesterUnitId: 'u-tinh', consultedUnitIds: ['u-a', 'u-pvh'] };
    const l = lookup([c], { c1: 'consultations' });
    const siteUnits = unitSiteUnits([coord, xaA, xaB]);
    const reply = { consultationId: 'c1', position: 'agree', content: '', repliedOn: '2026-05-02', replyRef: '', signerOfficialId: null, recordedBy: 'x', attachments: [] };
    expect(authorizeSyncOp(op(coord, 'consultationReplies', 'r1', { ...reply, unitId: 'u-a' }, 'insert'), coord, l, siteUnits)).toMatchObject({ status: 'reject', code: 'unauthorised' });
    expect(authorizeSyncOp(op(coord, 'consultationReplies', 'r2', { ...reply, unitId: 'u-pvh' }, 'insert'), coord, l, siteUnits).status).toBe('accept');
    expect(authorizeSyncOp(op(xaA, 'consultationReplies', 'r3', { ...reply, unitId: 'u-a' }, 'insert'), xaA, l, siteUnits).status).toBe('accept');
  });

  it('consultation replies only by the consulted unit; the consultation by the requester', () => {
    const c: Row = { id: 'c1', _v: {}, _deleted: 0, requesterUnitId: 'u-a', consultedUnitIds: ['u-b'] };
    const l = lookup([c], { c1: 'consultations' });
    const reply = { consultationId: 'c1', unitId: 'u-b', position: 'agree' };
    expect(authorizeSyncOp(op(xaB, 'consultationReplies', 'r1', reply, 'insert'), xaB, l).status).toBe('accept');
    expect(authorizeSyncOp(op(xaA, 'consultationReplies', 'r2', reply, 'insert'), xaA, l).status).toBe('reject');
    expect(authorizeSyncOp(op(xaB, 'consultations', 'c1', { subject: 'x' }), xaB, l).status).toBe('reject');
    expect(authorizeSyncOp(op(xaA, 'consultations', 'c1', { subject: 'x' }), xaA, l).status).toBe('accept');
    expect(authorizeSyncOp(op(xaB, 'consultationReplies', 'r3', { ...reply, consultationId: 'c9' }, 'insert'), xaB, l).status).toBe('pending');
  });

  it('letters and the register belong to the issuing office; an entity this version lacks waits', () => {
    expect(authorizeSyncOp(op(xaA, 'registerEntries', 'u-a:2026:00001', { officeKey: 'u-a', number: 1 }, 'insert'), xaA, lookup()).status).toBe('accept');
    expect(authorizeSyncOp(op(xaB, 'letters', 'l1', { officeKey: 'u-a' }), xaB, lookup()).status).toBe('reject');
    expect(authorizeSyncOp(op(coord, 'reports', 'r1', { x: 1 }), coord, lookup([], {}, (e) => e !== 'reports')).status).toBe('pending');
  });
});

describe('validateOp', () => {
  it('refuses a clock node that is not the author site and malformed task events', () => {
    const good = op(xaA, 'taskEvents', 'e1', progress, 'insert');
    expect(validateOp(good).ok).toBe(true);
    expect(validateOp({ ...good, hlc: good.hlc.replace('xa-a', 'coord') })).toMatchObject({ ok: false });
    expect(validateOp({ ...good, values: { ...progress, percent: 140 } })).toMatchObject({ ok: false });
    expect(validateOp({ ...good, entity: 'nonsense' })).toMatchObject({ ok: false });
  });

  it('judging parsed ops still refuses a foreign clock and a malformed event (checkOp, what applyBatch runs)', () => {
    const good = op(xaA, 'taskEvents', 'e1', progress, 'insert');
    expect(checkOp(good)).toEqual({ ok: true, op: good });
    expect(checkOp({ ...good, hlc: good.hlc.replace('xa-a', 'coord') })).toEqual({ ok: false, reason: 'Dấu thời gian của thao tác không khớp với máy tạo ra nó.' });
    expect(checkOp({ ...good, hlc: 'not-a-clock-at-all-000' })).toMatchObject({ ok: false });
    expect(checkOp({ ...good, values: { ...progress, percent: 140 } })).toMatchObject({ ok: false });
    const batch = applyBatch([good, { ...good, id: 'op-forged', rowId: 'e2', hlc: good.hlc.replace('xa-a', 'coord') }], new Map([[xaA.siteId, xaA]]), { ...lookup([task]), known: () => undefined });
    expect(batch.invalid.map((x) => x.index)).toEqual([1]);
    expect(batch.accepted).toEqual([good]);
  });
});

describe('version vectors', () => {
  const a1 = op(xaA, 'units', 'x', {});
  const c1 = op(coord, 'units', 'y', {});
  const a2 = op(xaA, 'units', 'z', {});
  it('max per site, merge, minimum over peers, coverage, what is unacknowledged', () => {
    const v = vectorOf([a1, c1, a2]);
    expect(v).toEqual({ 'xa-a': a2.hlc, coord: c1.hlc });
    expect(mergeVectors({ 'xa-a': a1.hlc }, { coord: c1.hlc })).toEqual({ 'xa-a': a1.hlc, coord: c1.hlc });
    expect(minVector([v, { 'xa-a': a1.hlc }])).toEqual({ 'xa-a': a1.hlc });
    expect(covers(v, { 'xa-a': a1.hlc })).toBe(true);
    expect(covers({ 'xa-a': a1.hlc }, v)).toBe(false);
    expect(unacknowledged([a2, c1, a1], { 'xa-a': a1.hlc }).map((o) => o.id)).toEqual([c1.id, a2.id]);
    expect(missingSeqs([1, 4, 2, 6])).toEqual([3, 5]);
    expect(missingSeqs([])).toEqual([]);
  });
});

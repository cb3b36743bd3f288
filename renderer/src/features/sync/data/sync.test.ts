/**
 * Dexie-backed sync (fake-indexeddb): export → import between replicas with the real task
 * commands, chunked and interrupted imports, duplicates, refusals, held-back ops, conflicts,
 * gaps and silent peers. Main's signing is replaced by a pass-through (its own tests cover it).
 */
import { describe, expect, it, vi } from 'vitest';
import { AppError } from '@shared/errors';
import fc from 'fast-check';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { canonicalState, type State } from '@shared/data/ops';
import { acceptsPackageSchema, SCHEMA_VERSION, SYNC_DATA_VERSION } from '@shared/data/schema';
import { parseHlc } from '@shared/data/hlc';
import type { PackageDataMsg } from '@shared/ipc/channels/sync';
import { DondocDb, ENTITY_TABLES } from '../../../data/db';
import { entityRows, rowStore } from '../../../data/taskLogs';
import { verifyAuditChain, withWrites, type WriteContext } from '../../../data/repository';
import { countOps } from '../../../data/opLog';
import { acceptCompletion, completeTask, createTasks, reportProgress, type TaskActor } from '../../tasks/data/commands';
import { exportPackage, localVector, type ExportCall } from './exportPackage';
import { importConflicts, importPackage, importRejections, type ImportOptions } from './importPackage';
import { chooseOtherValue } from './conflicts';
import { DEMO_META_KEY, DEMO_SYNC_REFUSED } from './demoGuard';
import { peerStatuses, silentPeers } from './status';
import { previousKeys, trustedKeys, trustRegistry } from './peers';
import { completeSetup } from '../../registries/commands';
import { loadOrganisation, loadUnits } from '../../registries/queries';
import { FakeMain, readAs, siteKey } from '../../../../../tests/unit/syncMain';
import { openSiteDb } from '../../../../../tests/unit/siteDb';

let clock = Date.parse('2026-05-04T02:00:00Z');
const tickNow = () => new Date((clock += 1000));

interface Replica {
  db: DondocDb;
  ctx: WriteContext;
  site: string;
  /** Per recipient: last seq and package hash, as main keeps them. */
  outbox: Map<string, { seq: number; hash: string | null }>;
  main: FakeMain;
}

const SITES: { site: string; role: 'coordinator' | 'unit'; units: string[]; name: string }[] = [
  { site: 'vp-tinh', role: 'coordinator', units: ['u-ubnd', 'u-vp'], name: 'Văn phòng UBND tỉnh' },
  { site: 'xa-a', role: 'unit', units: ['u-xa-a'], name: 'UBND xã Hòa An' },
  { site: 'xa-b', role: 'unit', units: ['u-xa-b'], name: 'UBND xã Bình Long' },
];

async function makeReplica(site: string): Promise<Replica> {
  const { db, ctx } = await openSiteDb('sync', SITES.find((s) => s.site === site)!, SITES, tickNow);
  return { db, ctx, site, outbox: new Map(), main: new FakeMain(site) };
}

/**
 * Exports from a to b and returns the package as main would hand it to b's renderer (real
 * signing and checks, against the keys b trusts when b is given).
 */
async function pack(a: Replica, to: string, b?: Replica): Promise<PackageDataMsg> {
  let bytes: Buffer | null = null;
  const call: ExportCall = async (req) => {
    const stream = a.outbox.get(req.to) ?? { seq: 0, hash: null };
    const seq = stream.seq + 1;
    bytes = await a.main.pack(req, { seq, prevPackageHash: stream.hash, createdAt: tickNow().toISOString() });
    const packageHash = bytesToHex(sha256(bytes));
    a.outbox.set(req.to, { seq, hash: packageHash });
    return { canceled: false, path: `/usb/goi-${seq}.dondoc`, seq, packageHash, prevPackageHash: stream.hash, opCount: req.ops.length, bytes: bytes.length };
  };
  await exportPackage(a.db, a.ctx, { to, name: to }, call);
  return b ? readAs(to, bytes!, await trustedKeys(b.db), await previousKeys(b.db)) : readAs(to, bytes!);
}

async function transfer(a: Replica, b: Replica, options?: ImportOptions) {
  const pkg = await pack(a, b.site, b);
  return { pkg, report: await importPackage(b.db, b.ctx, pkg, 'goi.dondoc', options) };
}

const coordActor: TaskActor = { role: 'admin', unitId: null, officialId: null };
const unitActor: TaskActor = { role: 'admin', unitId: null, officialId: null };

async function seedUnits(r: Replica, extra = 0) {
  const units = [
    { id: 'u-ubnd', name: 'UBND tỉnh Cao Bằng', parentId: null },
    { id: 'u-vp', name: 'Văn phòng UBND tỉnh', parentId: 'u-ubnd' },
    { id: 'u-xa-a', name: 'UBND xã Hòa An', parentId: 'u-ubnd' },
    { id: 'u-xa-b', name: 'UBND xã Bình Long', parentId: 'u-ubnd' },
    ...Array.from({ length: extra }, (_, i) => ({ id: `u-thon-${i}`, name: `Thôn ${i + 1}`, parentId: 'u-xa-a' })),
  ];
  await withWrites(r.db, r.ctx, ['units'], async (w) => {
    for (const u of units) await w.set('units', u.id, { name: u.name, parentId: u.parentId, shortName: u.id, kind: 'other', symbol: '', validFrom: '2025-07-01', validTo: null, order: 0, fields: [] }, 'Thêm đơn vị', u.name);
  });
}

async function assignTask(coord: Replica, title = 'Rà soát hộ nghèo năm 2026'): Promise<string> {
  const [id] = await createTasks(coord.db, coord.ctx, coordActor, [
    {
      title,
      content: '',
      directiveId: null,
      assignerUnitId: 'u-ubnd',
      assignerOfficialId: null,
      leadUnitId: 'u-xa-a',
      supportUnitIds: [],
      responsibleOfficialId: null,
      deadline: { kind: 'fixed', date: '2026-06-30' },
      assignedOn: '2026-05-04',
      planYear: 2026,
      priority: 'normal',
      legalBasis: '',
      authorityLevel: 'province',
    },
  ]);
  return id;
}

async function dump(db: DondocDb): Promise<string> {
  const state: State = new Map();
  for (const t of ENTITY_TABLES) {
    if (t === 'settings') continue;
    for (const r of await entityRows(db, t)) state.set(`${t}/${r.id}`, r);
  }
  return canonicalState(state);
}

describe('sync export/import on Dexie', () => {
  it('a task assigned at the coordinator arrives at the commune with its index, clock, acknowledgement and audit', async () => {
    const coord = await makeReplica('vp-tinh');
    const xa = await makeReplica('xa-a');
    await seedUnits(coord);
    const taskId = await assignTask(coord);
    const { pkg, report } = await transfer(coord, xa);
    expect(pkg.ops.some((o) => o.entity === 'settings')).toBe(false);
    expect(report.status).toBe('imported');
    expect(report.counts).toMatchObject({ applied: 5, rejected: 0, pending: 0, alreadyHad: 0 });
    expect((await xa.db.tasks.get(taskId))?.title).toBe('Rà soát hộ nghèo năm 2026');
    expect((await xa.db.taskIndex.get(taskId))?.leadUnitId).toBe('u-xa-a');
    expect(await countOps(xa.db)).toBe(1 + 5);
    const hlc = parseHlc(String((await xa.db.meta.get('hlc'))!.value));
    expect(hlc.node).toBe('xa-a');
    const maxRemote = pkg.ops.map((o) => o.hlc).sort().pop()!;
    expect(hlc.millis).toBeGreaterThanOrEqual(parseHlc(maxRemote).millis);
    expect((await xa.db.peers.get('vp-tinh'))?.ack['vp-tinh']).toBe(maxRemote);
    expect(await verifyAuditChain(xa.db)).toBeNull();
    expect((await xa.db.audit.toArray()).some((a) => a.action === 'Nhập gói đồng bộ' && a.summary.includes('Gói số 1'))).toBe(true);

    // The commune reports, reports completion with its product; the coordinator sees it waiting for acceptance.
    await reportProgress(xa.db, xa.ctx, unitActor, taskId, { percent: 60, text: 'Đã rà soát 6/10 thôn' });
    await completeTask(xa.db, xa.ctx, unitActor, taskId, { resultText: 'Hoàn thành rà soát', completedOn: '2026-05-04', product: 'Báo cáo kết quả rà soát', productNumber: '15/BC-UBND', productDate: '2026-05-04' });
    const back = await transfer(xa, coord);
    // Only the commune's two events: the coordinator's own ops are acknowledged by its vector.
    expect(back.pkg.ops.map((o) => o.entity)).toEqual(['taskEvents', 'taskEvents']);
    expect(back.report.counts).toMatchObject({ applied: 2, rejected: 0 });
    expect((await coord.db.taskIndex.get(taskId))?.status).toBe('awaitingAcceptance');
    expect(await dump(coord.db)).toBe(await dump(xa.db));
    // The commune cannot accept its own report; the coordinator accepts and the commune sees it done.
    await expect(acceptCompletion(xa.db, xa.ctx, unitActor, taskId)).rejects.toMatchObject({ code: 'not-authorised' });
    await acceptCompletion(coord.db, coord.ctx, coordActor, taskId);
    const accepted = await transfer(coord, xa);
    expect(accepted.report.counts).toMatchObject({ applied: 1, rejected: 0 });
    expect(await xa.db.taskIndex.get(taskId)).toMatchObject({ status: 'completed', completedOn: '2026-05-04', deliveredProduct: 'Báo cáo kết quả rà soát (số 15/BC-UBND ngày 04/05/2026)' });
    expect(await dump(coord.db)).toBe(await dump(xa.db));
  });

  it('importing the same file again is a no-op reported as already imported', async () => {
    const coord = await makeReplica('vp-tinh');
    const xa = await makeReplica('xa-a');
    await seedUnits(coord);
    await assignTask(coord);
    const { pkg } = await transfer(coord, xa);
    const auditBefore = await xa.db.audit.count();
    const before = await dump(xa.db);
    const again = await importPackage(xa.db, xa.ctx, pkg, 'goi.dondoc');
    expect(again.status).toBe('duplicate');
    expect(again.counts.applied).toBe(5);
    expect(await xa.db.audit.count()).toBe(auditBefore);
    expect(await dump(xa.db)).toBe(before);
    // An older package with the same ops under a new hash changes nothing either.
    const older = { ...pkg, packageHash: 'f'.repeat(64), manifest: { ...pkg.manifest, seq: 2 } };
    const r = await importPackage(xa.db, xa.ctx, older, 'cu.dondoc');
    expect(r.counts).toMatchObject({ applied: 0, alreadyHad: 5 });
    expect(await dump(xa.db)).toBe(before);
  });

  it('a package declares the synced data version, not the storage schema, so an office one storage version behind takes it; a newer data version is refused unchanged', async () => {
    const coord = await makeReplica('vp-tinh');
    const xa = await makeReplica('xa-a');
    await seedUnits(coord);
    await assignTask(coord);
    const pkg = await pack(coord, 'xa-a', xa);
    expect(pkg.manifest.schemaVersion).toBe(SYNC_DATA_VERSION);
    // The acceptance rule every version since v7 applies: storage-only upgrades (v8 to v11) never split offices.
    for (const olderApp of [7, 8, 9, 10]) expect(acceptsPackageSchema(pkg.manifest.schemaVersion, olderApp)).toBe(true);
    const before = await dump(xa.db);
    const newer = { ...pkg, packageHash: 'e'.repeat(64), manifest: { ...pkg.manifest, schemaVersion: SCHEMA_VERSION + 1 } };
    await expect(importPackage(xa.db, xa.ctx, newer, 'moi.dondoc')).rejects.toThrow('phiên bản ứng dụng mới hơn');
    expect(await dump(xa.db)).toBe(before);
    expect((await importPackage(xa.db, xa.ctx, pkg, 'goi.dondoc')).counts.applied).toBe(5);
  });

  it('an interrupted chunked import completes when the same file is imported again', async () => {
    const coord = await makeReplica('vp-tinh');
    const xa = await makeReplica('xa-a');
    await seedUnits(coord, 21);
    const pkg = await pack(coord, 'xa-a');
    expect(pkg.ops.length).toBe(25);
    const first = await importPackage(xa.db, xa.ctx, pkg, 'goi.dondoc', { chunkSize: 10, stopAfterChunks: 1 });
    expect(first.counts.applied).toBe(10);
    expect(await xa.db.units.count()).toBe(10);
    const partial = await xa.db.syncImports.get(pkg.packageHash);
    expect(partial).toMatchObject({ status: 'partial', chunksDone: 1, totalOps: 25 });
    // Not counted as received yet: no acknowledgement from a half-imported package.
    expect((await xa.db.peers.get('vp-tinh'))?.ack).toEqual({});
    const progress: number[] = [];
    const second = await importPackage(xa.db, xa.ctx, pkg, 'goi.dondoc', { chunkSize: 3, onProgress: (d) => progress.push(d) });
    expect(second.resumedFromChunk).toBe(1);
    expect(progress).toEqual([2, 3]);
    expect(second.counts).toMatchObject({ applied: 25, alreadyHad: 0 });
    expect(await xa.db.units.count()).toBe(25);
    expect((await xa.db.syncImports.get(pkg.packageHash))?.status).toBe('done');
    expect(await dump(xa.db)).toBe(await dump(coord.db));
    expect((await importPackage(xa.db, xa.ctx, pkg, 'goi.dondoc')).status).toBe('duplicate');
    expect(await verifyAuditChain(xa.db)).toBeNull();
  });

  it('ops an interrupted import already stored, or already held in a chain, are recognised in any later package and never stored twice', async () => {
    const coord = await makeReplica('vp-tinh');
    const xa = await makeReplica('xa-a');
    await seedUnits(coord, 21);
    const opsBefore = await countOps(xa.db);
    const pkg = await pack(coord, 'xa-a');
    expect((await importPackage(xa.db, xa.ctx, pkg, 'goi.dondoc', { chunkSize: 10, stopAfterChunks: 1 })).counts.applied).toBe(10);
    // A newer package from the same sender carries those 25 ops again (nothing was acknowledged) and one more.
    await withWrites(coord.db, coord.ctx, ['units'], (w) => w.set('units', 'u-xa-a', { name: 'UBND xã Hòa An (mới)' }, 'Sửa đơn vị', 'Đổi tên'));
    const next = await pack(coord, 'xa-a');
    expect(next.ops.length).toBe(26);
    const report = await importPackage(xa.db, xa.ctx, next, 'goi-2.dondoc', { chunkSize: 7 });
    expect(report.counts).toMatchObject({ applied: 16, alreadyHad: 10, rejected: 0, pending: 0 });
    expect(await countOps(xa.db)).toBe(opsBefore + 26);
    expect(await dump(xa.db)).toBe(await dump(coord.db));
    // Sent a third time: every op is at or below the chain head now held, nothing is stored again.
    const third = await pack(coord, 'xa-a');
    expect((await importPackage(xa.db, xa.ctx, third, 'goi-3.dondoc')).counts).toMatchObject({ applied: 0, alreadyHad: 26 });
    expect(await countOps(xa.db)).toBe(opsBefore + 26);
    expect(await verifyAuditChain(xa.db)).toBeNull();
  });

  it('refuses what the sender may not write, lists each refusal with its reason, and keeps the rest', async () => {
    const coord = await makeReplica('vp-tinh');
    const xa = await makeReplica('xa-a');
    await seedUnits(coord);
    const taskId = await assignTask(coord);
    await transfer(coord, xa);
    await reportProgress(xa.db, xa.ctx, unitActor, taskId, { percent: 30, text: 'Đang triển khai' });
    // A tampered app at the commune writes what only the assigning authority may change.
    await withWrites(xa.db, xa.ctx, ['tasks', 'units'], async (w) => {
      await w.set('tasks', taskId, { dueOn: '2026-12-31' }, 'Sửa nhiệm vụ', 'gia hạn tự ý');
      await w.set('units', 'u-vp', { name: 'Đổi tên trái phép' }, 'Sửa đơn vị', 'x');
    });
    const { report, pkg } = await transfer(xa, coord);
    expect(report.counts).toMatchObject({ applied: 1, rejected: 2, pending: 0 });
    const refused = await importRejections(coord.db, pkg.packageHash);
    expect(refused.map((r) => [r.op.entity, r.code]).sort()).toEqual([
      ['tasks', 'unauthorised'],
      ['units', 'unauthorised'],
    ]);
    expect(refused.find((r) => r.op.entity === 'tasks')?.reason).toContain('Chỉ cơ quan giao nhiệm vụ');
    expect((await coord.db.tasks.get(taskId))?.dueOn).toBe('2026-06-30');
    expect((await coord.db.units.get('u-vp'))?.name).toBe('Văn phòng UBND tỉnh');
    expect((await coord.db.taskIndex.get(taskId))?.percent).toBe(30);
  });

  it('a paper report the coordinator’s clerk recorded on behalf of a unit with no site is accepted by the communes; one claimed for a commune with its own site is refused there', async () => {
    const coord = await makeReplica('vp-tinh');
    const xa = await makeReplica('xa-a');
    await seedUnits(coord);
    await withWrites(coord.db, coord.ctx, ['units'], (w) =>
      w.set('units', 'u-pvh', { name: 'Phòng Văn hóa - Xã hội', parentId: 'u-ubnd', shortName: 'VHXH', kind: 'department', symbol: 'VHXH', validFrom: '2025-07-01', validTo: null, order: 5, fields: [] }, 'Thêm đơn vị', 'VHXH'),
    );
    const communeTask = await assignTask(coord);
    const [sitelessTask] = await createTasks(coord.db, coord.ctx, coordActor, [
      {
        title: 'Kiểm tra di tích cấp tỉnh',
        content: '',
        directiveId: null,
        assignerUnitId: 'u-ubnd',
        assignerOfficialId: null,
        leadUnitId: 'u-pvh',
        supportUnitIds: ['u-xa-a'],
        responsibleOfficialId: null,
        deadline: { kind: 'fixed', date: '2026-06-30' },
        assignedOn: '2026-05-04',
        planYear: 2026,
        priority: 'normal',
        legalBasis: '',
        authorityLevel: 'province',
      },
    ]);
    const paper = { documentKind: 'report' as const, documentNumber: '15/BC-VHXH', documentDate: '2026-05-03' };
    const eventId = await reportProgress(coord.db, coord.ctx, coordActor, sitelessTask, { percent: 50, text: 'Đã kiểm tra 5/10 di tích.', onBehalf: paper });
    // The commune has its own site: the coordinator's command refuses, and a tampered coordinator app writing it anyway is refused at the commune.
    await expect(reportProgress(coord.db, coord.ctx, coordActor, communeTask, { percent: 90, text: 'x', onBehalf: paper })).rejects.toMatchObject({ code: 'not-authorised' });
    await withWrites(coord.db, coord.ctx, ['taskEvents'], (w) =>
      w.insert(
        'taskEvents',
        'forged-on-behalf',
        { taskId: communeTask, type: 'progress', on: '2026-05-04', actorOfficialId: null, actorAccount: 'admin', percent: 90, text: 'Đã xong', attachments: [], onBehalf: { ...paper, clerkName: 'Văn thư', clerkOfficialId: null } },
        'Báo cáo tiến độ (nhập thay)',
        'x',
      ),
    );
    const { report, pkg } = await transfer(coord, xa);
    expect(report.counts.rejected).toBe(1);
    const [refused] = await importRejections(xa.db, pkg.packageHash);
    expect(refused.op.rowId).toBe('forged-on-behalf');
    expect(refused.code).toBe('unauthorised');
    expect(await rowStore(xa.db, 'taskEvents').get('forged-on-behalf')).toBeUndefined();
    const received = (await rowStore(xa.db, 'taskEvents').get(eventId)) as unknown as { onBehalf?: { documentNumber: string; clerkName: string } };
    expect(received.onBehalf).toMatchObject({ documentNumber: '15/BC-VHXH', clerkName: 'Văn phòng UBND tỉnh' });
    expect((await xa.db.taskIndex.get(sitelessTask))?.percent).toBe(50);
  });

  it('a unit office set up by the first-run wizard writes no units of its own and takes them, and its authority, from the coordinator', async () => {
    const coord = await makeReplica('vp-tinh');
    await seedUnits(coord);
    const taskId = await assignTask(coord);
    const db = new DondocDb('sync-wizard');
    const xa: Replica = { db, ctx: { site: 'xa-a', actor: 'admin (UBND xã Hòa An)', now: tickNow }, site: 'xa-a', outbox: new Map(), main: new FakeMain('xa-a') };
    await completeSetup(db, xa.ctx, { authorityName: 'Ủy ban nhân dân xã Hòa An', parentName: 'Ủy ban nhân dân tỉnh Cao Bằng', placeName: 'Cao Bằng', authoritySymbol: 'UBND', siteRole: 'unit', office: null, today: '2026-05-04' });
    expect(await db.units.count()).toBe(0);
    expect(await loadOrganisation(db)).toMatchObject({ siteRole: 'unit', actsForUnitIds: [], authorityUnitId: '' });
    await trustRegistry(db, xa.ctx, {
      format: 1,
      createdAt: '2026-05-04T02:00:00Z',
      coordinatorSiteId: 'vp-tinh',
      sites: SITES.map((s) => ({ siteId: s.site, name: s.name, units: s.units, publicKey: siteKey(s.site).publicKey, role: s.role })),
    });
    expect((await loadOrganisation(db))?.actsForUnitIds).toEqual(['u-xa-a']);

    const first = await transfer(coord, xa);
    expect(first.report.counts.rejected).toBe(0);
    expect((await loadUnits(db)).map((u) => u.id).sort()).toEqual((await loadUnits(coord.db)).map((u) => u.id).sort());
    // The authority is the root above the commune in the coordinator's tree.
    expect((await loadOrganisation(db))?.authorityUnitId).toBe('u-ubnd');

    await reportProgress(db, xa.ctx, unitActor, taskId, { percent: 40, text: 'Đang rà soát' });
    const back = await transfer(xa, coord);
    expect(back.pkg.ops.map((o) => o.entity)).toEqual(['taskEvents']);
    expect(back.report.counts).toMatchObject({ applied: 1, rejected: 0, pending: 0 });
    expect(await dump(coord.db)).toBe(await dump(db));
  });

  it('an op from a site outside the registry is refused as from an unknown machine', async () => {
    const coord = await makeReplica('vp-tinh');
    const xa = await makeReplica('xa-a');
    await seedUnits(coord);
    await coord.db.peers.delete('xa-b');
    const xb = await makeReplica('xa-b');
    await withWrites(xb.db, xb.ctx, ['units'], (w) => w.set('units', 'u-xa-b', { name: 'Bình Long' }, 'Sửa', 'x'));
    await transfer(xb, xa);
    const { report, pkg } = await transfer(xa, coord);
    expect(report.counts.rejected).toBe(1);
    // Its author cannot be proven: this office holds no key of that machine.
    const [refused] = await importRejections(coord.db, pkg.packageHash);
    expect(refused).toMatchObject({ code: 'unproven', site: 'xa-b' });
    expect(refused.reason).toContain('không có khóa của máy đó');
  });

  it('holds an event whose task has not arrived and applies it when the task comes', async () => {
    const coord = await makeReplica('vp-tinh');
    const xa = await makeReplica('xa-a');
    const xb = await makeReplica('xa-b');
    await seedUnits(coord);
    const taskId = await assignTask(coord);
    await transfer(coord, xa);
    await reportProgress(xa.db, xa.ctx, unitActor, taskId, { percent: 50, text: 'Một nửa' });
    // The commune believes xa-b already has the coordinator's ops, so it sends only its event.
    await xa.db.peers.update('xa-b', { ack: await localVector(coord.db, coord.site) });
    const { report, pkg } = await transfer(xa, xb);
    expect(pkg.ops.map((o) => o.entity)).toEqual(['taskEvents']);
    expect(report.counts).toMatchObject({ applied: 0, pending: 1 });
    expect((await xb.db.syncRejections.toArray()).map((r) => r.status)).toEqual(['pending']);
    const late = await transfer(coord, xb);
    expect(late.report.counts.released).toBe(1);
    expect(await xb.db.syncRejections.count()).toBe(0);
    expect((await xb.db.taskIndex.get(taskId))?.percent).toBe(50);
  });

  it('keeps concurrent edits of one field as a conflict; choosing the other value is a new op', async () => {
    const coord = await makeReplica('vp-tinh');
    const xa = await makeReplica('xa-a');
    await seedUnits(coord);
    await withWrites(coord.db, coord.ctx, ['officials', 'posts'], async (w) => {
      await w.set('posts', 'p1', { officialId: 'o1', unitId: 'u-xa-a', title: 'Chủ tịch', isHead: true }, 'Thêm', 'x');
      await w.set('officials', 'o1', { fullName: 'Hoàng Văn Đức', phone: '0912000000', active: true }, 'Thêm', 'x');
    });
    await transfer(coord, xa);
    await withWrites(xa.db, xa.ctx, ['officials'], (w) => w.set('officials', 'o1', { phone: '0913111111' }, 'Sửa', 'x'));
    await withWrites(coord.db, coord.ctx, ['officials'], (w) => w.set('officials', 'o1', { phone: '0914222222' }, 'Sửa', 'x'));
    const toCoord = await transfer(xa, coord);
    const toXa = await transfer(coord, xa);
    expect(toCoord.report.counts.conflicts).toBe(1);
    expect(toXa.report.counts.conflicts).toBe(1);
    const [c] = await importConflicts(coord.db, toCoord.pkg.packageHash);
    expect(c).toMatchObject({ entity: 'officials', rowId: 'o1', field: 'phone', status: 'open' });
    expect(c.winner.value).toBe('0914222222');
    expect(c.loser.value).toBe('0913111111');
    expect((await coord.db.officials.get('o1'))?.phone).toBe('0914222222');
    expect((await xa.db.officials.get('o1'))?.phone).toBe('0914222222');
    await chooseOtherValue(coord.db, coord.ctx, c.id);
    expect((await coord.db.officials.get('o1'))?.phone).toBe('0913111111');
    expect((await coord.db.syncConflicts.get(c.id))?.status).toBe('resolved');
    await transfer(coord, xa);
    expect((await xa.db.officials.get('o1'))?.phone).toBe('0913111111');
  });

  it('reports gaps in a peer stream, what the peer acknowledged, and silent peers', async () => {
    const coord = await makeReplica('vp-tinh');
    const xa = await makeReplica('xa-a');
    await seedUnits(coord);
    const p1 = await pack(coord, 'xa-a');
    await assignTask(coord, 'Nhiệm vụ 2');
    await pack(coord, 'xa-a'); // lost on the way
    await assignTask(coord, 'Nhiệm vụ 3');
    const p3 = await pack(coord, 'xa-a');
    await importPackage(xa.db, xa.ctx, p3, 'goi-3.dondoc');
    const r1 = await importPackage(xa.db, xa.ctx, p1, 'goi-1.dondoc');
    expect(r1.missingSeqs).toEqual([2]);
    // Package 3 resent everything package 2 held, so no data is missing.
    expect(await dump(xa.db)).toBe(await dump(coord.db));
    const [status] = (await peerStatuses(xa.db, '2026-05-04')).filter((s) => s.peer.siteId === 'vp-tinh');
    expect(status.missingFromPeer).toEqual([2]);
    expect(status.lastReceived?.seq).toBe(1);
    // The coordinator learns what xa-a holds from xa-a's next package.
    await transfer(xa, coord);
    const coordView = (await peerStatuses(coord.db, '2026-05-04')).find((s) => s.peer.siteId === 'xa-a')!;
    expect(coordView.acknowledgedSeq).toBe(3);
    expect(coordView.unacknowledged).toEqual([]);
    expect(await silentPeers(xa.db, '2026-05-04', 7)).toEqual([]);
    const silent = await silentPeers(xa.db, '2026-05-14', 7);
    expect(silent.map((s) => [s.siteId, s.days])).toEqual([
      ['xa-b', 13],
      ['vp-tinh', 10],
    ]);
  });

  it('a database holding sample data neither exports nor imports, and nothing is written', async () => {
    const coord = await makeReplica('vp-tinh');
    const xa = await makeReplica('xa-a');
    await seedUnits(coord);
    await assignTask(coord);
    const pkg = await pack(coord, 'xa-a');
    const refused = (p: Promise<unknown>) =>
      p.then(
        () => expect.unreachable('the demo database was synced'),
        (e: unknown) => {
          expect(e).toBeInstanceOf(AppError);
          expect((e as AppError).code).toBe('conflict');
          expect((e as AppError).message).toBe(DEMO_SYNC_REFUSED);
        },
      );

    await xa.db.meta.put({ key: DEMO_META_KEY, value: { loadedAt: '2026-05-04T02:00:00.000Z' } });
    const before = { dump: await dump(xa.db), audit: await xa.db.audit.count(), ops: await countOps(xa.db), peers: await xa.db.peers.toArray() };
    await refused(importPackage(xa.db, xa.ctx, pkg, 'goi.dondoc'));
    expect(await xa.db.syncImports.count()).toBe(0);
    expect(await xa.db.syncRejections.count()).toBe(0);
    expect(await xa.db.audit.count()).toBe(before.audit);
    expect(await countOps(xa.db)).toBe(before.ops);
    expect(await xa.db.peers.toArray()).toEqual(before.peers);
    expect(await dump(xa.db)).toBe(before.dump);

    await coord.db.meta.put({ key: DEMO_META_KEY, value: { loadedAt: '2026-05-04T02:00:00.000Z' } });
    const exportsBefore = await coord.db.syncExports.toArray();
    const peerBefore = await coord.db.peers.get('xa-b');
    const call = vi.fn<ExportCall>();
    await refused(exportPackage(coord.db, coord.ctx, { to: 'xa-b', name: 'xa-b' }, call));
    expect(call).not.toHaveBeenCalled();
    expect(await coord.db.syncExports.toArray()).toEqual(exportsBefore);
    expect(await coord.db.peers.get('xa-b')).toEqual(peerBefore);

    // Without the mark the same package goes through: the refusal is the mark's doing.
    await xa.db.meta.delete(DEMO_META_KEY);
    expect((await importPackage(xa.db, xa.ctx, pkg, 'goi.dondoc')).counts.applied).toBe(pkg.ops.length);
  });

  it('replicas converge over random delivery of packages on Dexie (small model run)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(2), fc.nat(2), fc.nat(3)), { minLength: 3, maxLength: 10 }), async (steps) => {
        const rs = await Promise.all(SITES.map((s) => makeReplica(s.site)));
        await seedUnits(rs[0]);
        const taskId = await assignTask(rs[0]);
        await withWrites(rs[0].db, rs[0].ctx, ['posts'], (w) => w.set('posts', 'p1', { officialId: 'o1', unitId: 'u-xa-a', title: 'Chủ tịch', isHead: true }, 'Thêm', 'x'));
        const wire: { to: number; pkg: PackageDataMsg }[] = [];
        for (const [a, b, what] of steps) {
          if (what === 0 && a !== b) wire.push({ to: b, pkg: await pack(rs[a], rs[b].site) });
          else if (what === 1 && wire.length) {
            const { to, pkg } = wire.splice(b % wire.length, 1)[0];
            await importPackage(rs[to].db, rs[to].ctx, pkg, 'x.dondoc');
          } else if (what === 2 && (await rs[1].db.tasks.get(taskId))) {
            await reportProgress(rs[1].db, rs[1].ctx, unitActor, taskId, { percent: 10 * (a + b), text: 'Báo cáo' });
          } else if (what === 3 && a < 2 && (await rs[a].db.posts.get('p1'))) {
            // The coordinator or the official's own unit (the sites allowed to edit officials of u-xa-a).
            await withWrites(rs[a].db, rs[a].ctx, ['officials'], (w) => w.set('officials', 'o1', { phone: `09${a}${b}` }, 'Sửa', 'x'));
          }
        }
        for (let round = 0; round < 2; round += 1) {
          for (let a = 0; a < 3; a += 1) for (let b = 0; b < 3; b += 1) if (a !== b) await transfer(rs[a], rs[b]);
        }
        const dumps = await Promise.all(rs.map((r) => dump(r.db)));
        expect(dumps[1]).toBe(dumps[0]);
        expect(dumps[2]).toBe(dumps[0]);
      }),
      { numRuns: 6 },
    );
  });
});

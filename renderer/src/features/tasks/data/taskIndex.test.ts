/**
 * The task index a sync import folds from the rows it already holds must equal a full
 * rebuild from the stored tasks and events, whatever the chunking and arrival order.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { PackageDataMsg } from '@shared/ipc/channels/sync';
import { DondocDb } from '../../../data/db';
import { withWrites, type WriteContext } from '../../../data/repository';
import { exportPackage } from '../../sync/data/exportPackage';
import { importPackage } from '../../sync/data/importPackage';
import { completeTask, createTasks, pauseTask, registerDirective, reportProgress, requestExtension, updateTask, type TaskActor } from './commands';
import { rebuildTaskIndex, reindexTasks, type PreloadedTaskRows } from './taskIndex';
import { readTaskIndex, writeTaskIndexSnapshot } from './indexSnapshot';
import { FakeMain, readAs } from '../../../../../tests/unit/syncMain';
import { openSiteDb } from '../../../../../tests/unit/siteDb';
import { countLogRows, logOf } from '../../../data/taskLogs';

let clock = Date.parse('2026-03-02T02:00:00Z');
const tick = () => new Date((clock += 1000));

const SITES = [
  { site: 'vp', role: 'coordinator' as const, units: ['u-ubnd'], name: 'Văn phòng UBND' },
  { site: 'xa-a', role: 'unit' as const, units: ['u-a'], name: 'UBND xã A' },
  { site: 'xa-b', role: 'unit' as const, units: ['u-b'], name: 'UBND xã B' },
  // Receives only: a site that never saw any of it.
  { site: 'huyen', role: 'unit' as const, units: ['u-h'], name: 'UBND huyện' },
];
const admin: TaskActor = { role: 'admin', unitId: null, officialId: null };

interface Replica {
  db: DondocDb;
  ctx: WriteContext;
  seq: number;
  main: FakeMain;
}

async function replica(site: string): Promise<Replica> {
  const { db, ctx } = await openSiteDb('task-index', SITES.find((s) => s.site === site)!, SITES, tick, '2026-03-01T00:00:00Z');
  return { db, ctx, seq: 0, main: new FakeMain(site) };
}

/** Everything `from` holds that `to` has not acknowledged, as main would hand it over (real signing and checks). */
async function pack(from: Replica, to: string): Promise<PackageDataMsg> {
  let bytes: Buffer | null = null;
  await exportPackage(from.db, from.ctx, { to, name: to }, async (req) => {
    from.seq += 1;
    bytes = await from.main.pack(req, { seq: from.seq, prevPackageHash: null, createdAt: tick().toISOString() });
    const packageHash = `${from.ctx.site}-${to}-${from.seq}`.padEnd(64, '0');
    return { canceled: false, path: '/usb/goi.dondoc', seq: from.seq, packageHash, prevPackageHash: null, opCount: req.ops.length, bytes: 1 };
  });
  return readAs(to, bytes!);
}

const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => (a.id < b.id ? -1 : 1));

/** How each check's cold-start read went: the packed snapshot with its tail must be exercised too. */
const reads: { source: string; tail: number }[] = [];

async function expectIndexEqualsRebuild(db: DondocDb): Promise<number> {
  const imported = byId(await db.taskIndex.toArray());
  // What a cold start reads (the packed snapshot and its tail, when there is one) is the table.
  const read = await readTaskIndex(db);
  reads.push({ source: read.source, tail: read.tail });
  expect(byId(read.rows)).toEqual(imported);
  await rebuildTaskIndex(db);
  const rebuilt = byId(await db.taskIndex.toArray());
  expect(imported).toEqual(rebuilt);
  // A fresh snapshot, so the next check reads it with the tail the next import leaves.
  await writeTaskIndexSnapshot(db, rebuilt);
  return imported.length;
}

const draft = (title: string, leadUnitId: string, directiveId: string | null) => ({
  title,
  content: `Nội dung ${title}`,
  directiveId,
  assignerUnitId: 'u-ubnd',
  assignerOfficialId: null,
  leadUnitId,
  supportUnitIds: [],
  responsibleOfficialId: null,
  deadline: { kind: 'fixed' as const, date: '2026-06-30' },
  assignedOn: '2026-03-02',
  planYear: 2026,
  priority: 'normal' as const,
  legalBasis: '',
  authorityLevel: 'province' as const,
});

/**
 * The coordinator assigns tasks (some from a directive) and edits some; the communes report,
 * complete, pause, ask for more time. Returns the three replicas with their writes done.
 */
async function history(): Promise<{ vp: Replica; a: Replica; b: Replica }> {
  const [vp, a, b] = await Promise.all(SITES.slice(0, 3).map((s) => replica(s.site)));
  await withWrites(vp.db, vp.ctx, ['units'], async (w) => {
    for (const [id, name] of [['u-ubnd', 'UBND tỉnh'], ['u-a', 'UBND xã A'], ['u-b', 'UBND xã B']]) {
      await w.set('units', id, { name, parentId: id === 'u-ubnd' ? null : 'u-ubnd', shortName: id, kind: 'other', symbol: '', validFrom: '2025-07-01', validTo: null, order: 0, fields: [] }, 'Thêm đơn vị', name);
    }
  });
  const directiveId = await registerDirective(vp.db, vp.ctx, admin, {
    kind: 'plan',
    number: '12',
    symbol: 'KH-UBND',
    issuedOn: '2026-02-27',
    issuerName: 'UBND tỉnh',
    issuerUnitId: 'u-ubnd',
    subject: 'Kế hoạch cải cách hành chính năm 2026',
    signerName: '',
    receivedOn: null,
    attachments: [],
  });
  const tasks = await createTasks(vp.db, vp.ctx, admin, [draft('Rà soát hộ nghèo', 'u-a', directiveId), draft('Số hóa hồ sơ', 'u-b', directiveId), draft('Chuyển đổi số', 'u-a', null), draft('Giải phóng mặt bằng', 'u-b', null)]);
  // The communes receive their tasks first.
  for (const unit of [a, b]) await importPackage(unit.db, unit.ctx, await pack(vp, unit.ctx.site), 'giao.dondoc');
  await reportProgress(a.db, a.ctx, admin, tasks[0], { percent: 40, text: 'Đã rà soát 4/10 thôn' });
  await reportProgress(a.db, a.ctx, admin, tasks[0], { percent: 70, text: 'Đã rà soát 7/10 thôn' });
  await completeTask(a.db, a.ctx, admin, tasks[2], { resultText: 'Xong', completedOn: '2026-03-02', productNumber: '3/BC', productDate: '2026-03-02' });
  await reportProgress(b.db, b.ctx, admin, tasks[1], { percent: 20, text: 'Bắt đầu số hóa' });
  await requestExtension(b.db, b.ctx, admin, tasks[3], { reason: 'Chờ kinh phí', proposedDueOn: '2026-09-30' });
  // Later coordinator work the communes do not have yet.
  await updateTask(vp.db, vp.ctx, admin, tasks[1], { title: 'Số hóa hồ sơ hộ tịch' });
  const more = await createTasks(vp.db, vp.ctx, admin, [draft('Báo cáo quý I', 'u-a', directiveId)]);
  await pauseTask(vp.db, vp.ctx, admin, tasks[3], { reason: 'Chờ chủ trương' });
  void more;
  return { vp, a, b };
}

describe('task index after a sync import', () => {
  it('equals a full rebuild for any chunk size and package order, held-back events included', async () => {
    const { vp, a, b } = await history();
    // Packages for every peer: each carries all its sender holds (relayed ops included).
    const packages = [await pack(a, '*'), await pack(b, '*'), await pack(vp, '*')];
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 12 }), fc.shuffledSubarray([0, 1, 2], { minLength: 3, maxLength: 3 }), async (chunkSize, order) => {
        // A site receiving every package; events may arrive before their tasks.
        const fresh = await replica('huyen');
        for (const i of order) {
          await importPackage(fresh.db, fresh.ctx, packages[i], `goi-${i}.dondoc`, { chunkSize });
          await expectIndexEqualsRebuild(fresh.db);
        }
        expect(await fresh.db.syncRejections.count()).toBe(0);
        expect(await fresh.db.taskIndex.count()).toBe(5);
        fresh.db.close();
      }),
      { numRuns: 12 },
    );
    expect(reads.some((r) => r.source === 'snapshot' && r.tail > 0)).toBe(true);
    // The coordinator, which already holds the tasks, after the communes' reports.
    for (const pkg of packages.slice(0, 2)) await importPackage(vp.db, vp.ctx, pkg, 'bao-cao.dondoc', { chunkSize: 2 });
    expect(await countLogRows(vp.db, 'taskEvents')).toBe(6);
    expect(await expectIndexEqualsRebuild(vp.db)).toBe(5);
    const first = (await vp.db.taskIndex.toArray()).find((r) => r.title === 'Rà soát hộ nghèo')!;
    expect(first.percent).toBe(70);
    expect(first.directiveRef).toBe('12/KH-UBND');
  });

  it('reindexTasks folds preloaded rows where given and reads the database for the rest', async () => {
    const { vp } = await history();
    const expected = byId(await vp.db.taskIndex.toArray());
    const ids = expected.map((r) => r.id);
    const covered = expected.find((r) => r.title === 'Giải phóng mặt bằng')!.id;
    const others = ids.filter((id) => id !== covered);
    const task = await vp.db.tasks.get(covered);
    const { events } = await logOf(vp.db, covered);
    await vp.db.taskIndex.clear();
    const asked: string[] = [];
    const preloaded: PreloadedTaskRows = {
      task: (id) => (id === covered ? task : undefined),
      events: (id) => {
        asked.push(id);
        return id === covered ? events : undefined;
      },
    };
    expect(await reindexTasks(vp.db, ids, preloaded)).toBe(ids.length);
    expect(asked.sort()).toEqual([...ids].sort());
    expect(byId(await vp.db.taskIndex.toArray())).toEqual(expected);
    // What the caller hands over is what is folded: a stale event list shows in the row.
    await reindexTasks(vp.db, [covered], { task: () => task, events: () => [] });
    expect(events.length).toBe(1);
    expect((await vp.db.taskIndex.get(covered))?.eventCount).toBe(0);
    expect(byId(await vp.db.taskIndex.bulkGet(others).then((r) => r.filter((x) => x !== undefined)))).toEqual(expected.filter((r) => r.id !== covered));
  });
});

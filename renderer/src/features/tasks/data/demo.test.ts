import { afterEach, describe, expect, it } from 'vitest';
import { generateDemoData } from '@shared/demo/generator';
import { DEFAULT_TASK_SETTINGS } from '@shared/tasks/state';
import { DondocDb } from '../../../data/db';
import { verifyAuditChain, withWrites, writeLocalBulk, type BulkRow, type WriteContext } from '../../../data/repository';
import { countOps, readAllOps } from '../../../data/opLog';
import { completeSetup } from '../../registries/commands';
import { demoDataMark, demoRefusal, loadDemoData } from './demo';
import { listTasks } from './queries';
import { dashboardCounts } from './dashboards';
import { rebuildTaskIndex } from './taskIndex';
import { createTasks } from './commands';
import { countLogRows, logOf } from '../../../data/taskLogs';

const ctx: WriteContext = { site: 'site-demo', actor: 'admin (Quản trị)', now: () => new Date('2026-11-27T03:00:00Z') };
const admin = { role: 'admin' as const, unitId: null };
const dbs: DondocDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

async function setUp(siteRole: 'coordinator' | 'unit' = 'coordinator'): Promise<DondocDb> {
  const db = new DondocDb(`demo-${Math.random()}`);
  dbs.push(db);
  await completeSetup(db, ctx, {
    authorityName: 'Ủy ban nhân dân tỉnh Cao Bằng',
    parentName: '',
    placeName: 'Cao Bằng',
    authoritySymbol: 'UBND',
    siteRole,
    office: siteRole === 'coordinator' ? { name: 'Văn phòng Ủy ban nhân dân tỉnh', shortName: 'VP UBND', symbol: 'VP' } : null,
    today: '2026-11-27',
  });
  return db;
}

describe('loadDemoData', () => {
  const data = generateDemoData({ seed: 3, today: '2026-11-27', tasks: 400, progressReports: 1_600, communes: 5 });

  it('is refused on a unit office, whose units come only from the coordinator', async () => {
    const db = await setUp('unit');
    expect(await demoRefusal(db)).toBe('Dữ liệu mẫu chỉ nạp được trên máy của Văn phòng điều phối.');
    await expect(loadDemoData(db, ctx, admin, data)).rejects.toThrow('Văn phòng điều phối');
    expect(await db.units.count()).toBe(0);
  });

  it('writes every row without sync ops, marks the database, maps the demo authority onto the site, and indexes every task', async () => {
    const db = await setUp();
    expect(await demoRefusal(db)).toBeNull();
    const opsBefore = await countOps(db);
    const auditBefore = await db.audit.count();
    const progress: string[] = [];
    const result = await loadDemoData(db, ctx, admin, data, (p) => progress.push(`${p.stage}:${p.done}`), 150);
    expect(result).toMatchObject({ tasks: data.tasks.length, events: data.events.length, steps: data.steps.length, directives: data.directives.length });
    expect(progress).toEqual(['registries:0', 'directives:0', 'tasks:150', 'tasks:300', `tasks:${data.tasks.length}`, `done:${data.tasks.length}`]);
    expect(await db.tasks.count()).toBe(data.tasks.length);
    expect(await countLogRows(db, 'taskEvents')).toBe(data.events.length);
    expect(await db.units.count()).toBe(data.units.length);
    expect(await countLogRows(db, 'taskSteps')).toBe(data.steps.length);
    // Demo rows are local training data: no op may exist for them, so sync has nothing to send.
    expect(await countOps(db)).toBe(opsBefore);
    const demoIds = new Set([...data.units, ...data.officials, ...data.posts, ...data.directives, ...data.tasks, ...data.events, ...data.steps].map((r) => r.id));
    expect((await readAllOps(db)).filter((op) => demoIds.has(op.rowId))).toEqual([]);
    expect(await demoDataMark(db)).toEqual({ loadedAt: '2026-11-27T03:00:00.000Z', seed: 3, tasks: data.tasks.length, events: data.events.length });
    // One audit entry per table per chunk (3 chunks of tasks/events/steps, 1 of directives, 3 registries), chain intact.
    expect((await db.audit.count()) - auditBefore).toBe(3 + 1 + 3 * 3);
    expect(await verifyAuditChain(db)).toBeNull();

    // Rows carry per-field versions like any write; a task's events are versioned in chronological order.
    const someTask = (await db.tasks.get(data.tasks[7].id))!;
    expect(someTask._deleted).toBe(0);
    expect(Object.keys(someTask._v).sort()).toEqual(Object.keys(someTask).filter((k) => k !== '_v' && k !== '_deleted' && k !== 'id' && someTask[k] !== undefined).sort());
    const taskEvents = (await logOf(db, data.tasks[7].id)).events;
    const inGeneratedOrder = data.events.filter((e) => e.taskId === data.tasks[7].id).map((e) => e.id);
    expect(taskEvents.sort((a, b) => (a._v.type < b._v.type ? -1 : 1)).map((e) => e.id)).toEqual(inGeneratedOrder);

    const org = (await db.settings.get('organisation'))!;
    const authorityId = org.authorityUnitId as string;
    const root = await db.units.get(authorityId);
    expect(root?.name).toBe('Ủy ban nhân dân tỉnh Cao Bằng');
    expect(await db.units.get(data.rootUnitId)).toBeUndefined();
    expect(await db.tasks.filter((t) => t.assignerUnitId === data.rootUnitId).count()).toBe(0);
    expect(await db.tasks.filter((t) => t.assignerUnitId === authorityId).count()).toBeGreaterThan(200);

    // The index written chunk by chunk equals one rebuilt from scratch.
    const written = await db.taskIndex.orderBy('id').toArray();
    expect(written).toHaveLength(data.tasks.length);
    await rebuildTaskIndex(db);
    expect(await db.taskIndex.orderBy('id').toArray()).toEqual(written);

    const dash = await dashboardCounts(db, '2026-11-27', {}, DEFAULT_TASK_SETTINGS);
    expect(dash.total + dash.cancelled).toBe(data.tasks.length);
    expect(dash.counts.doneOnTime).toBeGreaterThan(dash.counts.doneLate);
    const overdue = await listTasks(db, { categories: ['openOverdue'] }, { key: 'overdueDays', direction: 'desc' }, '2026-11-27', DEFAULT_TASK_SETTINGS);
    expect(overdue).toHaveLength(dash.counts.openOverdue);
    expect(overdue[0].overdueDays).toBeGreaterThanOrEqual(overdue[overdue.length - 1].overdueDays);

    // A second load, or a load into a database with real work, is refused.
    await expect(loadDemoData(db, ctx, admin, data)).rejects.toMatchObject({ code: 'conflict' });
  });

  it('keeps a database marked when the load stops part-way', async () => {
    const db = await setUp();
    // A task without a valid key aborts its chunk after the registries and directives are in.
    const broken = { ...data, tasks: [{ ...data.tasks[0], id: null as unknown as string }] };
    await expect(loadDemoData(db, ctx, admin, broken)).rejects.toBeDefined();
    expect(await db.tasks.count()).toBe(0);
    expect(await db.directives.count()).toBe(data.directives.length);
    expect(await demoDataMark(db)).toMatchObject({ seed: 3, tasks: 1 });
    expect(await demoRefusal(db)).toMatch(/^Cơ sở dữ liệu này đã được nạp dữ liệu mẫu/);
    expect(await verifyAuditChain(db)).toBeNull();
  });

  it('refuses a database with real tasks and non-administrators', async () => {
    const db = await setUp();
    await expect(loadDemoData(db, ctx, { role: 'leader', unitId: null }, data)).rejects.toMatchObject({ code: 'not-authorised' });
    const org = (await db.settings.get('organisation'))!;
    const [authorityId, officeId] = org.actsForUnitIds as string[];
    await createTasks(db, ctx, { ...admin, officialId: null }, [
      {
        title: 'Báo cáo công tác cải cách hành chính quý IV',
        content: '',
        directiveId: null,
        assignerUnitId: authorityId,
        assignerOfficialId: null,
        leadUnitId: officeId,
        supportUnitIds: [],
        responsibleOfficialId: null,
        deadline: null,
        assignedOn: '2026-11-27',
        planYear: 2026,
        priority: 'normal',
        legalBasis: '',
        authorityLevel: 'province',
      },
    ]);
    expect(await demoRefusal(db)).toContain('dữ liệu thật');
    await expect(loadDemoData(db, ctx, admin, data)).rejects.toMatchObject({ code: 'conflict' });
    expect(await db.officials.count()).toBe(0);
  });
});

describe('writeLocalBulk', () => {
  const rows: BulkRow[] = [
    { rowId: 'u-1', values: { name: 'Sở Tư pháp', parentId: null, fields: ['tư pháp'] } },
    { rowId: 'u-2', values: { name: 'Sở Y tế', parentId: 'u-1', fields: [] } },
    { rowId: 'u-3', values: { name: 'Xã Hòa An', parentId: 'u-1', fields: ['nông nghiệp', 'đất đai'] } },
  ];
  const fresh = () => {
    const db = new DondocDb(`bulk-${Math.random()}`);
    dbs.push(db);
    return db;
  };

  it('stores the same rows as withWrites, with no ops and one audit entry that chains', async () => {
    const viaWrites = fresh();
    const viaLocal = fresh();
    await withWrites(viaWrites, ctx, ['units'], (w) => w.setMany('units', rows, 'Nhập', 'Nhập 3 đơn vị'));
    await viaLocal.transaction('rw', [viaLocal.units, viaLocal.audit, viaLocal.meta], () => writeLocalBulk(viaLocal, ctx, 'units', rows, 'Nhập', 'Nhập 3 đơn vị'));
    expect(await viaLocal.units.orderBy('id').toArray()).toEqual(await viaWrites.units.orderBy('id').toArray());
    expect(await countOps(viaWrites)).toBe(3);
    expect(await countOps(viaLocal)).toBe(0);
    const [entry] = await viaLocal.audit.toArray();
    expect(entry).toMatchObject({ seq: 1, entity: 'units', action: 'Nhập', after: { count: 3, firstRowId: 'u-1', lastRowId: 'u-3', synced: false } });

    // Later ordinary writes continue the same clock and audit chain.
    const later = await withWrites(viaLocal, ctx, ['units'], (w) => w.set('units', 'u-2', { name: 'Sở Y tế tỉnh' }, 'Sửa', 'Sửa tên'));
    expect(later._v.name > (await viaWrites.units.get('u-3'))!._v.name).toBe(true);
    expect(await viaLocal.audit.count()).toBe(2);
    expect(await verifyAuditChain(viaLocal)).toBeNull();
  });

  it('refuses to run outside a read-write transaction covering the table, audit and meta', async () => {
    const db = fresh();
    await expect(writeLocalBulk(db, ctx, 'units', rows, 'Nhập', 'Nhập')).rejects.toMatchObject({ code: 'internal' });
    await expect(db.transaction('rw', [db.units, db.audit], () => writeLocalBulk(db, ctx, 'units', rows, 'Nhập', 'Nhập'))).rejects.toMatchObject({ code: 'internal' });
    expect(await db.units.count()).toBe(0);
  });
});

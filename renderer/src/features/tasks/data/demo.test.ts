import { afterEach, describe, expect, it } from 'vitest';
import { generateDemoData } from '@shared/demo/generator';
import { DEFAULT_TASK_SETTINGS } from '@shared/tasks/state';
import { DondocDb } from '../../../data/db';
import { verifyAuditChain, type WriteContext } from '../../../data/repository';
import { completeSetup } from '../../registries/commands';
import { demoRefusal, loadDemoData } from './demo';
import { dashboardCounts, listTasks } from './queries';
import { rebuildTaskIndex } from './taskIndex';
import { createTasks } from './commands';

const ctx: WriteContext = { site: 'site-demo', actor: 'admin (Quản trị)', now: () => new Date('2026-11-27T03:00:00Z') };
const admin = { role: 'admin' as const, unitId: null };
const dbs: DondocDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

async function setUp(): Promise<DondocDb> {
  const db = new DondocDb(`demo-${Math.random()}`);
  dbs.push(db);
  await completeSetup(db, ctx, {
    authorityName: 'Ủy ban nhân dân tỉnh Cao Bằng',
    parentName: '',
    placeName: 'Cao Bằng',
    authoritySymbol: 'UBND',
    siteRole: 'coordinator',
    officeName: 'Văn phòng Ủy ban nhân dân tỉnh',
    officeShortName: 'VP UBND',
    officeSymbol: 'VP',
    today: '2026-11-27',
  });
  return db;
}

describe('loadDemoData', () => {
  const data = generateDemoData({ seed: 3, today: '2026-11-27', tasks: 400, progressReports: 1_600, communes: 5 });

  it('writes every row with its op, maps the demo authority onto the site, and indexes every task', async () => {
    const db = await setUp();
    expect(await demoRefusal(db)).toBeNull();
    const progress: string[] = [];
    const result = await loadDemoData(db, ctx, admin, data, (p) => progress.push(`${p.stage}:${p.done}`), 150);
    expect(result).toMatchObject({ tasks: data.tasks.length, events: data.events.length, steps: data.steps.length, directives: data.directives.length });
    expect(progress).toEqual(['registries:0', 'directives:0', 'tasks:150', 'tasks:300', `tasks:${data.tasks.length}`, `done:${data.tasks.length}`]);
    expect(await db.tasks.count()).toBe(data.tasks.length);
    expect(await db.taskEvents.count()).toBe(data.events.length);
    expect(await db.units.count()).toBe(data.units.length);
    expect(await db.ops.where('entity').equals('taskEvents').count()).toBe(data.events.length);
    expect(await verifyAuditChain(db)).toBeNull();

    const org = (await db.settings.get('organisation'))!;
    const authorityId = org.authorityUnitId as string;
    const root = await db.units.get(authorityId);
    expect(root?.name).toBe('Ủy ban nhân dân tỉnh Cao Bằng');
    expect(await db.units.get(data.rootUnitId)).toBeUndefined();
    expect(await db.tasks.where('assignerUnitId').equals(data.rootUnitId).count()).toBe(0);
    expect(await db.tasks.where('assignerUnitId').equals(authorityId).count()).toBeGreaterThan(200);

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

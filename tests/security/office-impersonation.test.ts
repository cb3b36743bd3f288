/**
 * In-office impersonation on the coordinating office's PC: the Phòng Kinh tế account, on a task
 * it leads with Văn phòng HĐND và UBND in support, tries to send "Gửi ý kiến phối hợp" in the
 * office's name, through the same commands and rules the task screen uses.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '@shared/errors';
import { canPerform } from '@shared/tasks/authority';
import { foldTask } from '@shared/tasks/state';
import { DondocDb } from '../../renderer/src/data/db';
import { withWrites, type WriteContext } from '../../renderer/src/data/repository';
import { addContribution, createTasks, loadTaskState, reportProgress, type TaskActor } from '../../renderer/src/features/tasks/data/commands';

const ctx: WriteContext = { site: 'site-vp', actor: 'minh.kt (Trần Văn Minh)', now: () => new Date('2026-12-01T02:00:00Z') };
const site = { siteRole: 'coordinator' as const, actsForUnitIds: ['ubnd', 'vp'] };
const clerk: TaskActor = { role: 'admin', unitId: 'vp', officialId: 'o-lan' };
const economics: TaskActor = { role: 'unitStaff', unitId: 'pkt', officialId: 'o-minh' };
const economicsAdmin: TaskActor = { role: 'admin', unitId: 'pkt', officialId: 'o-minh' };

const dbs: DondocDb[] = [];
let databases = 0;
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

async function coordinatorWithTask(): Promise<{ db: DondocDb; taskId: string }> {
  const db = new DondocDb(`sec-office-${++databases}`);
  dbs.push(db);
  await withWrites(db, ctx, ['units', 'settings'], async (w) => {
    const unit = (id: string, name: string, parentId: string | null) =>
      w.set('units', id, { name, shortName: id.toUpperCase(), kind: 'department', symbol: '', parentId, validFrom: '2025-07-01', validTo: null, order: 0, fields: [] }, 'Thêm đơn vị', name);
    await unit('ubnd', 'Ủy ban nhân dân xã Hòa An', null);
    await unit('vp', 'Văn phòng HĐND và UBND', 'ubnd');
    await unit('pkt', 'Phòng Kinh tế', 'ubnd');
    await w.set(
      'settings',
      'organisation',
      { authorityName: 'Ủy ban nhân dân xã Hòa An', parentName: 'UBND tỉnh Cao Bằng', placeName: 'Hòa An', authoritySymbol: 'UBND', siteRole: 'coordinator', actsForUnitIds: site.actsForUnitIds, authorityUnitId: 'ubnd' },
      'Thiết lập ban đầu',
      'x',
    );
  });
  const [taskId] = await createTasks(db, ctx, clerk, [
    {
      title: 'Rà soát hộ nghèo năm 2026',
      content: 'Tổng hợp, báo cáo UBND xã.',
      directiveId: null,
      assignerUnitId: 'ubnd',
      assignerOfficialId: 'o-chair',
      leadUnitId: 'pkt',
      supportUnitIds: ['vp'],
      responsibleOfficialId: 'o-minh',
      deadline: { kind: 'workingDays', days: 10, from: '2026-12-01' },
      assignedOn: '2026-12-01',
      planYear: 2026,
      priority: 'normal',
      legalBasis: '',
      authorityLevel: 'commune',
    },
  ]);
  return { db, taskId };
}

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

describe('in-office impersonation', () => {
  it('Phòng Kinh tế is not offered, and cannot record, a support reply in Văn phòng’s name on its own lead task', async () => {
    const { db, taskId } = await coordinatorWithTask();
    const { state } = await loadTaskState(db, taskId);
    for (const actor of [economics, economicsAdmin]) {
      // The screen offers an action only when canPerform allows it.
      expect(canPerform(actor, site, 'contribute', state).allowed).toBe(false);
      expect(canPerform(actor, site, 'contribute', state, { unitId: 'vp' }).allowed).toBe(false);
    }
    const eventsBefore = await db.taskEvents.count();
    const auditBefore = await db.audit.count();
    for (const actor of [economics, economicsAdmin]) {
      for (const unitId of ['vp', 'pkt', 'ubnd']) {
        expect((await refusal(addContribution(db, ctx, actor, taskId, { unitId, text: 'Văn phòng thống nhất.' }))).code).toBe('not-authorised');
      }
    }
    expect(await db.taskEvents.count()).toBe(eventsBefore);
    expect(await db.audit.count()).toBe(auditBefore);
  });

  it('its own progress report is recorded for Phòng Kinh tế and its official; the office’s clerk cannot report for Phòng Kinh tế', async () => {
    const { db, taskId } = await coordinatorWithTask();
    await reportProgress(db, ctx, economics, taskId, { percent: 40, text: 'Đã rà soát 3/7 thôn.' });
    const events = await db.taskEvents.where('taskId').equals(taskId).toArray();
    const progress = events.map((e) => e as unknown as { type: string; actorOfficialId: string | null }).find((e) => e.type === 'progress');
    expect(progress?.actorOfficialId).toBe('o-minh');
    const before = await db.taskEvents.count();
    expect((await refusal(reportProgress(db, ctx, clerk, taskId, { percent: 90, text: 'Báo cáo thay.' }))).code).toBe('not-authorised');
    expect(await db.taskEvents.count()).toBe(before);
    // The office's own reply as a support unit, by its own clerk, is fine.
    await addContribution(db, ctx, clerk, taskId, { unitId: 'vp', text: 'Văn phòng thống nhất.' });
    const { task } = await loadTaskState(db, taskId);
    const folded = foldTask(task, (await db.taskEvents.where('taskId').equals(taskId).toArray()) as never);
    expect(folded.percent).toBe(40);
  });
});

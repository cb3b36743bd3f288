import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '@shared/errors';
import { DEFAULT_TASK_SETTINGS, foldTask } from '@shared/tasks/state';
import type { TaskDraft } from '@shared/tasks/model';
import { DondocDb } from '../../../data/db';
import { verifyAuditChain, withWrites, type WriteContext } from '../../../data/repository';
import { readAllOps } from '../../../data/opLog';
import {
  addContribution,
  acceptCompletion,
  addStep,
  cancelTask,
  completeTask,
  createTasks,
  decideExtension,
  registerDirective,
  reassignTask,
  reopenTask,
  reportProgress,
  requestExtension,
  returnCompletion,
  saveTaskSettings,
  updateStep,
  updateTask,
  type TaskActor,
} from './commands';
import { TaskIndexMirror } from './indexMirror';
import { listTasks, loadTaskDetail, loadTaskSettings } from './queries';
import { filterSorted, searchNamesOf, selectTasks, TaskItemCache, type TaskListFilter, type TaskSort } from './listSelection';
import { dashboardCounts, myTasks, overdueByUnit, pendingLongest } from './dashboards';
import { buildIndexRow, rebuildTaskIndex, rowToEvent, rowToTask } from './taskIndex';
import { logOf } from '../../../data/taskLogs';

let clock = new Date('2025-03-03T02:00:00Z');
const ctx: WriteContext = { site: 'site-vp', actor: 'vanthu (Nông Thị Lan)', now: () => clock };
const setToday = (date: string) => {
  clock = new Date(`${date}T02:00:00Z`);
};

const clerk: TaskActor = { role: 'admin', unitId: 'vp', officialId: 'o-lan' };
const leadStaff: TaskActor = { role: 'unitStaff', unitId: 'pkt', officialId: 'o-kt' };
const supportStaff: TaskActor = { role: 'unitStaff', unitId: 'pvh', officialId: 'o-vh' };

const dbs: DondocDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
  setToday('2025-03-03');
});

/** A coordinator site of UBND xã Hòa An with its offices. */
async function freshDb(): Promise<DondocDb> {
  const db = new DondocDb(`tasks-${Math.random()}`);
  dbs.push(db);
  await withWrites(db, ctx, ['units', 'settings', 'officials'], async (w) => {
    const unit = (id: string, name: string, parentId: string | null) =>
      w.set('units', id, { name, shortName: id.toUpperCase(), kind: 'department', symbol: '', parentId, validFrom: '2025-07-01', validTo: null, order: 0, fields: [] }, 'Thêm đơn vị', name);
    await unit('ubnd', 'Ủy ban nhân dân xã Hòa An', null);
    await unit('vp', 'Văn phòng HĐND và UBND', 'ubnd');
    await unit('pkt', 'Phòng Kinh tế', 'ubnd');
    await unit('pvh', 'Phòng Văn hóa - Xã hội', 'ubnd');
    await unit('tt', 'Trung tâm Phục vụ hành chính công', 'ubnd');
    await unit('tyt', 'Trạm Y tế', 'ubnd');
    await w.set('officials', 'o-chair', { fullName: 'Nguyễn Văn Hùng', gender: 'male' }, 'Thêm cán bộ', 'Nguyễn Văn Hùng');
    await w.set(
      'settings',
      'organisation',
      { authorityName: 'Ủy ban nhân dân xã Hòa An', parentName: 'UBND tỉnh Cao Bằng', placeName: 'Hòa An', authoritySymbol: 'UBND', siteRole: 'coordinator', actsForUnitIds: ['ubnd', 'vp'], authorityUnitId: 'ubnd' },
      'Thiết lập ban đầu',
      'x',
    );
  });
  return db;
}

function draft(overrides: Partial<TaskDraft> = {}): TaskDraft {
  return {
    title: 'Rà soát, cập nhật danh sách hộ nghèo, hộ cận nghèo năm 2025',
    content: 'Tổng hợp, báo cáo UBND xã.',
    directiveId: null,
    assignerUnitId: 'ubnd',
    assignerOfficialId: 'o-chair',
    leadUnitId: 'pkt',
    supportUnitIds: ['pvh'],
    responsibleOfficialId: 'o-kt',
    deadline: { kind: 'workingDays', days: 10, from: '2025-03-03' },
    assignedOn: '2025-03-03',
    planYear: 2025,
    priority: 'normal',
    legalBasis: '',
    authorityLevel: 'commune',
    ...overrides,
  };
}

async function expectRefused(p: Promise<unknown>, text: string) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe('not-authorised');
  expect((err as AppError).message).toContain(text);
}

/** The index row must equal what a fresh fold of the stored task and events gives. */
async function expectIndexConsistent(db: DondocDb) {
  const tasks = await db.tasks.toArray();
  const index = await db.taskIndex.toArray();
  expect(index.length).toBe(tasks.length);
  for (const row of tasks) {
    const task = rowToTask(row);
    const events = (await logOf(db, row.id)).events.map(rowToEvent);
    const directive = task.directiveId ? rowToTask((await db.directives.get(task.directiveId))!) : null;
    expect(await db.taskIndex.get(row.id)).toEqual(buildIndexRow(task, foldTask(task, events, undefined, row._v), directive as never));
  }
}

describe('task commands', () => {
  it('registers a directive and creates several tasks from it in one transaction, resolving the deadline', async () => {
    const db = await freshDb();
    const directiveId = await registerDirective(db, ctx, clerk, {
      kind: 'plan',
      number: '45',
      symbol: 'KH-UBND',
      issuedOn: '2025-02-28',
      issuerName: 'UBND xã Hòa An',
      issuerUnitId: 'ubnd',
      subject: 'Kế hoạch giảm nghèo bền vững năm 2025',
      signerName: 'Nguyễn Văn Hùng',
      receivedOn: null,
      attachments: [{ sha256: 'a'.repeat(64), fileName: 'kh45.pdf', bytes: 12345 }],
    });
    const ids = await createTasks(db, ctx, clerk, [draft({ directiveId }), draft({ directiveId, title: 'Tổ chức hội nghị triển khai', leadUnitId: 'pvh', supportUnitIds: [], deadline: null })]);
    expect(ids).toHaveLength(2);
    const first = await loadTaskDetail(db, ids[0]);
    // 10 working days after Monday 3 March 2025 is Monday 17 March.
    expect(first?.task.dueOn).toBe('2025-03-17');
    expect(first?.directive?.number).toBe('45');
    expect(first?.index).toMatchObject({ directiveRef: '45/KH-UBND', leadUnitId: 'pkt', unitIds: ['pkt', 'pvh'], dueKey: '2025-03-17', open: 1 });
    const second = await db.taskIndex.get(ids[1]);
    expect(second).toMatchObject({ dueKey: '9999-12-31', effectiveDueOn: null });
    expect((await readAllOps(db)).filter((o) => o.entity === 'tasks').length).toBe(2);
    await expectIndexConsistent(db);
    expect(await verifyAuditChain(db)).toBeNull();
  });

  it('rolls back every task of the batch when one is invalid', async () => {
    const db = await freshDb();
    await expect(createTasks(db, ctx, clerk, [draft(), draft({ leadUnitId: 'khong-co' })])).rejects.toThrow(/danh mục đơn vị/);
    await expect(createTasks(db, ctx, clerk, [draft(), draft({ title: '' })])).rejects.toMatchObject({ code: 'invalid-input' });
    expect(await db.tasks.count()).toBe(0);
    expect(await db.taskIndex.count()).toBe(0);
  });

  it('runs the lifecycle with authority checks and keeps the index consistent', async () => {
    const db = await freshDb();
    const [taskId] = await createTasks(db, ctx, clerk, [draft()]);

    setToday('2025-03-05');
    await reportProgress(db, ctx, leadStaff, taskId, { percent: 40, text: 'Đã rà soát 5/9 thôn' });
    await expectRefused(reportProgress(db, ctx, supportStaff, taskId, { percent: 50, text: 'x' }), 'Đơn vị phối hợp');
    await expectRefused(completeTask(db, ctx, supportStaff, taskId, { resultText: 'x', completedOn: '2025-03-05' }), 'Đơn vị phối hợp');
    await addContribution(db, ctx, supportStaff, taskId, { unitId: 'pvh', text: 'Gửi danh sách đối tượng bảo trợ xã hội' });
    await expectRefused(reassignTask(db, ctx, leadStaff, taskId, { newLeadUnitId: 'tt', newResponsibleOfficialId: null, reason: 'Không thuộc chức năng' }), 'không được chuyển công việc');

    setToday('2025-03-12');
    await requestExtension(db, ctx, leadStaff, taskId, { reason: 'Chờ số liệu của các thôn', proposedDueOn: '2025-03-31' });
    await expectRefused(decideExtension(db, ctx, leadStaff, taskId, { accepted: true }), 'cơ quan giao');
    let index = await db.taskIndex.get(taskId);
    expect(index).toMatchObject({ pendingExtension: 1, percent: 40 });

    setToday('2025-03-20');
    await decideExtension(db, ctx, clerk, taskId, { accepted: true });
    index = await db.taskIndex.get(taskId);
    expect(index).toMatchObject({ pendingExtension: 0, originalDueOn: '2025-03-17', effectiveDueOn: '2025-03-31' });

    const stepId = await addStep(db, ctx, leadStaff, { taskId, title: 'Dự thảo báo cáo', responsibleOfficialId: 'o-kt', dueOn: '2025-03-25' });
    await updateStep(db, ctx, leadStaff, stepId, { done: true });

    setToday('2025-03-26');
    // The product must be identified: a document number and date, or an attached file.
    await expect(completeTask(db, ctx, leadStaff, taskId, { resultText: 'Xong', completedOn: '2025-03-26' })).rejects.toThrow(/Sản phẩm: ghi số và ngày/);
    await expect(completeTask(db, ctx, leadStaff, taskId, { resultText: 'Xong', completedOn: '2025-03-26', productNumber: '12/QĐ-UBND' })).rejects.toThrow(/Ngày văn bản sản phẩm/);
    await completeTask(db, ctx, leadStaff, taskId, { resultText: 'Đã trình danh sách', completedOn: '2025-03-26', product: 'Tờ trình phê duyệt danh sách', productNumber: '20/TTr-KT', productDate: '2025-03-26' });
    expect(await db.taskIndex.get(taskId)).toMatchObject({ status: 'awaitingAcceptance', open: 1, completedOn: '2025-03-26', reportedOn: '2025-03-26' });
    await expectRefused(reportProgress(db, ctx, leadStaff, taskId, { percent: 90, text: 'x' }), 'chờ cơ quan giao xác nhận');
    await expectRefused(acceptCompletion(db, ctx, leadStaff, taskId), 'cơ quan giao');
    setToday('2025-03-27');
    await expect(returnCompletion(db, ctx, clerk, taskId, { reason: 'Thiếu quyết định phê duyệt', decidedByOfficialId: 'o-missing' })).rejects.toThrow(/Lãnh đạo quyết định/);
    await returnCompletion(db, ctx, clerk, taskId, { reason: 'Thiếu quyết định phê duyệt', decidedByOfficialId: 'o-chair' });
    expect(await db.taskIndex.get(taskId)).toMatchObject({ status: 'active', open: 1, completedOn: null });
    await expectRefused(acceptCompletion(db, ctx, clerk, taskId), 'Không có báo cáo hoàn thành');

    setToday('2025-03-28');
    await completeTask(db, ctx, leadStaff, taskId, { resultText: 'Đã ban hành Quyết định phê duyệt danh sách', reportNumber: '21/BC-KT', completedOn: '2025-03-27', product: 'Quyết định phê duyệt danh sách', productNumber: '35/QĐ-UBND', productDate: '2025-03-27' });
    setToday('2025-04-02');
    await acceptCompletion(db, ctx, clerk, taskId, { decidedByOfficialId: 'o-chair', decisionNumber: '40/TB-UBND', decisionDate: '2025-04-02' });
    await expectRefused(reportProgress(db, ctx, leadStaff, taskId, { percent: 90, text: 'x' }), 'đã hoàn thành');
    index = await db.taskIndex.get(taskId);
    // Done as of the reported date, accepted later.
    expect(index).toMatchObject({ status: 'completed', open: 0, completedOn: '2025-03-27', acceptedOn: '2025-04-02', percent: 100 });

    const detail = (await loadTaskDetail(db, taskId))!;
    expect(detail.events.map((e) => e.type)).toEqual(['progress', 'contribution', 'extensionRequest', 'extensionDecision', 'completion', 'completionReturn', 'completion', 'completionAcceptance']);
    expect(detail.events[5]).toMatchObject({ reason: 'Thiếu quyết định phê duyệt', decidedByOfficialId: 'o-chair' });
    expect(detail.events[7]).toMatchObject({ decidedByOfficialId: 'o-chair', decisionNumber: '40/TB-UBND', decisionDate: '2025-04-02' });
    // Judged at the report date (27/3, within the extension to 31/3) the task is on time; at acceptance (2/4) it is late.
    expect((await dashboardCounts(db, '2025-04-30', {}, { ...DEFAULT_TASK_SETTINGS, onTimeAt: 'acceptance' })).counts.doneLate).toBe(1);
    // Before the acceptance (as of 31/3) it waited for the assigner: neither done nor overdue.
    expect((await dashboardCounts(db, '2025-03-31', {}, DEFAULT_TASK_SETTINGS)).counts.awaitingAcceptance).toBe(1);
    expect(detail.events[0]).toMatchObject({ on: '2025-03-05', actorOfficialId: 'o-kt', actorAccount: ctx.actor });
    expect(detail.steps).toEqual([expect.objectContaining({ title: 'Dự thảo báo cáo', done: true })]);
    expect(detail.state.deadlineHistory).toHaveLength(1);
    expect(detail.history.map((h) => h.action)).toEqual(['Giao nhiệm vụ', 'Thêm bước thực hiện', 'Cập nhật bước thực hiện']);

    // On time against the extension, late against the original deadline.
    const extended = await dashboardCounts(db, '2025-04-30', {}, DEFAULT_TASK_SETTINGS);
    expect(extended.counts.doneOnTime).toBe(1);
    const original = await dashboardCounts(db, '2025-04-30', {}, { ...DEFAULT_TASK_SETTINGS, judgeAgainst: 'original' });
    expect(original.counts.doneLate).toBe(1);
    // As of 18 March the task was overdue and the extension not yet granted: refolded from events.
    const past = await dashboardCounts(db, '2025-03-18', {}, DEFAULT_TASK_SETTINGS);
    expect(past.counts.openOverdue).toBe(1);
    expect(past.overdueBuckets.upTo30).toBe(1);

    await reopenTask(db, ctx, clerk, taskId, { reason: 'Danh sách còn sai sót' });
    expect(await db.taskIndex.get(taskId)).toMatchObject({ status: 'active', open: 1, completedOn: null });
    await cancelTask(db, ctx, clerk, taskId, { reason: 'Chuyển sang kế hoạch năm sau' });
    expect((await dashboardCounts(db, '2025-04-30', {}, DEFAULT_TASK_SETTINGS)).cancelled).toBe(1);
    await expectIndexConsistent(db);
    expect(await verifyAuditChain(db)).toBeNull();
  });

  it('moves a task to another lead unit only through the assigner, and re-indexes both units', async () => {
    const db = await freshDb();
    const [taskId] = await createTasks(db, ctx, clerk, [draft()]);
    await reassignTask(db, ctx, clerk, taskId, { newLeadUnitId: 'pvh', newResponsibleOfficialId: 'o-vh', reason: 'Thuộc lĩnh vực văn hóa - xã hội' });
    expect(await db.taskIndex.get(taskId)).toMatchObject({ leadUnitId: 'pvh', supportUnitIds: [], responsibleOfficialId: 'o-vh' });
    expect(await db.taskIndex.filter((r) => r.leadUnitId === 'pkt').count()).toBe(0);
    // The former lead can no longer report; the new lead can.
    await expectRefused(reportProgress(db, ctx, leadStaff, taskId, { percent: 10, text: 'x' }), 'đơn vị chủ trì');
    await reportProgress(db, ctx, supportStaff, taskId, { percent: 10, text: 'Đã nhận bàn giao hồ sơ' });
    await expect(updateTask(db, ctx, clerk, taskId, { leadUnitId: 'pkt' } as never)).rejects.toMatchObject({ code: 'invalid-input' });
    await updateTask(db, ctx, clerk, taskId, { title: 'Rà soát hộ nghèo (điều chỉnh)', deadline: { kind: 'fixed', date: '2025-03-22' } });
    // 22 March 2025 is a Saturday: the due date moves to Monday 24.
    expect(await db.taskIndex.get(taskId)).toMatchObject({ title: 'Rà soát hộ nghèo (điều chỉnh)', originalDueOn: '2025-03-24', effectiveDueOn: '2025-03-24' });
    await expectRefused(updateTask(db, ctx, leadStaff, taskId, { title: 'x' }), 'lãnh đạo');
    await expectIndexConsistent(db);
  });

  it('keeps the in-memory index mirror equal to the stored index after each commit, a delete and a clear', async () => {
    const db = await freshDb();
    const mirror = new TaskIndexMirror(db);
    await mirror.load();
    const sameAsStored = async () => {
      await mirror.settled();
      const stored = await db.taskIndex.toArray();
      expect([...(mirror.all() ?? [])].sort((a, b) => (a.id < b.id ? -1 : 1))).toEqual(stored);
    };
    try {
      expect(mirror.all()).toEqual([]);
      const ids = await createTasks(db, ctx, clerk, [draft(), draft({ title: 'Kiểm tra công tác phòng cháy chữa cháy' })]);
      await sameAsStored();
      expect(mirror.all()).toHaveLength(2);
      const before = mirror.version;
      await reportProgress(db, ctx, leadStaff, ids[0], { percent: 40, text: 'Đã khảo sát 3 thôn' });
      await sameAsStored();
      expect(mirror.version).toBeGreaterThan(before);
      expect(mirror.get(ids[0])?.percent).toBe(40);
      // A list computed in memory equals the one read from the database, by either in-memory path.
      const asOf = '2025-03-06';
      const cache = new TaskItemCache();
      for (const [filter, sort] of [
        [{ search: 'phong chay' }, DEFAULT_SORT],
        [{ statuses: ['active', 'paused'] }, { key: 'title', direction: 'desc' }],
        [{ categories: ['openOverdue', 'openWithinDeadline'] }, { key: 'overdueDays', direction: 'desc' }],
        [{ unitId: 'pvh' }, { key: 'percent', direction: 'asc' }],
        [{ statuses: ['completed'] }, DEFAULT_SORT],
      ] as [TaskListFilter, TaskSort][]) {
        const fromDb = await listTasks(db, filter, sort, asOf, DEFAULT_TASK_SETTINGS);
        expect(selectTasks(mirror.all()!, filter, sort, asOf, DEFAULT_TASK_SETTINGS)).toEqual(fromDb);
        expect(filterSorted(cache.sortedItems(mirror.all()!, sort, asOf, DEFAULT_TASK_SETTINGS), filter)).toEqual(fromDb);
      }
      expect(filterSorted(cache.sortedItems(mirror.all()!, DEFAULT_SORT, asOf, DEFAULT_TASK_SETTINGS), { search: 'phong chay' })).toHaveLength(1);
      await db.taskIndex.delete(ids[1]);
      await sameAsStored();
      expect(mirror.get(ids[1])).toBeUndefined();
      await rebuildTaskIndex(db);
      await sameAsStored();
      expect(mirror.all()).toHaveLength(2);
      // A bulk write of 50 rows or more (Dexie reports those by their keys after the write) is followed too.
      const copies = Array.from({ length: 60 }, (_, i) => ({ ...mirror.get(ids[0])!, id: `copy-${String(i).padStart(2, '0')}`, percent: i }));
      await db.taskIndex.bulkPut(copies);
      await sameAsStored();
      expect(mirror.get('copy-59')?.percent).toBe(59);
      await db.taskIndex.bulkDelete(copies.map((c) => c.id));
      await sameAsStored();
      expect(mirror.all()).toHaveLength(2);
    } finally {
      mirror.close();
    }
  });

  it('filters and sorts the list from the index, and serves dashboards', async () => {
    const db = await freshDb();
    const ids = await createTasks(db, ctx, clerk, [
      draft({ title: 'Kiểm tra công tác phòng cháy chữa cháy', deadline: { kind: 'fixed', date: '2025-03-05' } }),
      draft({ title: 'Báo cáo tình hình đùn đẩy, né tránh trách nhiệm', leadUnitId: 'pvh', supportUnitIds: ['pkt'], responsibleOfficialId: 'o-vh', deadline: { kind: 'fixed', date: '2025-03-07' } }),
      draft({ title: 'Xây dựng kế hoạch chuyển đổi số', deadline: null, planYear: 2026 }),
    ]);
    const asOf = '2025-03-06';
    const s = DEFAULT_TASK_SETTINGS;
    const all = await listTasks(db, {}, { key: 'dueOn', direction: 'asc' }, asOf, s);
    expect(all.map((t) => t.id)).toEqual(ids);
    expect(all[0]).toMatchObject({ category: 'openOverdue', label: 'Quá hạn 1 ngày' });
    expect(all[1]).toMatchObject({ category: 'openWithinDeadline', dueSoon: true, label: 'Còn 1 ngày làm việc' });
    expect((await listTasks(db, { search: 'dun day' }, { key: 'dueOn', direction: 'asc' }, asOf, s)).map((t) => t.id)).toEqual([ids[1]]);
    expect((await listTasks(db, { unitId: 'pkt' }, { key: 'dueOn', direction: 'asc' }, asOf, s)).map((t) => t.id)).toEqual(ids);
    expect((await listTasks(db, { unitId: 'pkt', unitRole: 'lead' }, { key: 'dueOn', direction: 'desc' }, asOf, s)).map((t) => t.id)).toEqual([ids[2], ids[0]]);
    expect((await listTasks(db, { unitId: 'pkt', unitRole: 'support' }, DEFAULT_SORT, asOf, s)).map((t) => t.id)).toEqual([ids[1]]);
    expect((await listTasks(db, { categories: ['openOverdue'] }, DEFAULT_SORT, asOf, s)).map((t) => t.id)).toEqual([ids[0]]);
    expect((await listTasks(db, { dueSoonOnly: true }, DEFAULT_SORT, asOf, s)).map((t) => t.id)).toEqual([ids[1]]);
    expect((await listTasks(db, { planYear: 2026 }, DEFAULT_SORT, asOf, s)).map((t) => t.id)).toEqual([ids[2]]);
    expect((await listTasks(db, { dueFrom: '2025-03-06', dueTo: '2025-03-31' }, DEFAULT_SORT, asOf, s)).map((t) => t.id)).toEqual([ids[1]]);
    expect((await listTasks(db, { responsibleOfficialId: 'o-vh' }, DEFAULT_SORT, asOf, s)).map((t) => t.id)).toEqual([ids[1]]);

    const dash = await dashboardCounts(db, asOf, {}, s);
    expect(dash.counts).toMatchObject({ openOverdue: 1, openWithinDeadline: 1, openNoDeadline: 1 });
    expect(dash).toMatchObject({ total: 3, dueSoon: 1 });
    expect((await dashboardCounts(db, '2025-03-02', {}, s)).total).toBe(0);
    const units = await overdueByUnit(db, asOf, s);
    expect(units.map((u) => [u.unitId, u.counts.openOverdue])).toEqual([
      ['pkt', 1],
      ['pvh', 0],
    ]);
    expect((await pendingLongest(db, asOf, 2, s)).map((p) => p.ageDays)).toEqual([3, 3]);
    expect((await myTasks(db, { officialId: 'o-vh', unitId: null }, asOf, s)).map((t) => t.id)).toEqual([ids[1]]);
    expect((await myTasks(db, { officialId: null, unitId: 'pkt' }, asOf, s)).map((t) => t.id)).toEqual([ids[0], ids[2]]);

    // Search folds diacritics, matches whole words, and looks in the lead unit's and the responsible official's names.
    const [health, economy] = await createTasks(db, ctx, clerk, [
      draft({ title: 'Tiêm chủng mở rộng đợt 2', leadUnitId: 'tyt', supportUnitIds: [], responsibleOfficialId: null }),
      draft({ title: 'Quy hoạch phát triển kinh tế', supportUnitIds: [], responsibleOfficialId: null }),
    ]);
    const names = searchNamesOf(
      [{ id: 'tyt', name: 'Trạm Y tế', shortName: 'TYT' }, { id: 'pkt', name: 'Phòng Kinh tế', shortName: 'PKT' }],
      [{ id: 'o-vh', fullName: 'Hoàng Thị Vân' }],
    );
    const found = async (search: string) => (await listTasks(db, { search }, DEFAULT_SORT, asOf, s, undefined, names)).map((t) => t.id);
    expect(await found('tram y te')).toEqual([health]);
    // "y te" is not "quy … kinh tế": y must be a whole word.
    expect(await found('y te')).toEqual([health]);
    expect(await found('tiem chung tram')).toEqual([health]);
    expect(await found('hoang thi van')).toEqual([ids[1]]);
    expect(await found('kinh te')).toEqual(expect.arrayContaining([economy, ids[0], ids[2]]));
    // The last word may still be being typed.
    expect(await found('tiem ch')).toEqual([health]);
    expect(await found('iem chung')).toEqual([]);
    // The mirror's in-memory path gives the same answer.
    expect(selectTasks(await db.taskIndex.toArray(), { search: 'tram y te' }, DEFAULT_SORT, asOf, s, undefined, undefined, names).map((t) => t.id)).toEqual([health]);

    await db.taskIndex.clear();
    expect(await rebuildTaskIndex(db)).toBe(5);
    await expectIndexConsistent(db);
  });

  it('stores task settings for the coordinator administrators only', async () => {
    const db = await freshDb();
    expect(await loadTaskSettings(db)).toEqual(DEFAULT_TASK_SETTINGS);
    const saved = { judgeAgainst: 'original', dueSoonWorkingDays: 5, rateFormula: 'dueOnTime', onTimeAt: 'acceptance', acceptanceWorkingDays: 3 } as const;
    await saveTaskSettings(db, ctx, clerk, saved);
    expect(await loadTaskSettings(db)).toEqual(saved);
    await expectRefused(saveTaskSettings(db, ctx, leadStaff, DEFAULT_TASK_SETTINGS), 'quản trị viên');
  });
});

const DEFAULT_SORT = { key: 'dueOn', direction: 'asc' } as const;

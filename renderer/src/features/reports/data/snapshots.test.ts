/**
 * Issue → snapshot → tasks change → reprint: the reprinted figures (and the letter built from
 * them) are identical to what was issued, and recomputing now shows what changed since.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { JsonValue } from '@shared/data/ops';
import { canonicalJson, compareReports, computeReport, decisionLines, type ReportParams } from '@shared/reports';
import { leaderLabeller } from '@shared/registries/officials';
import { fixtureTasks, FIXTURE_UNITS } from '@shared/reports/fixtures';
import { reportTaskOf } from '@shared/reports/compute';
import { foldTask } from '@shared/tasks/state';
import type { TaskEvent } from '@shared/tasks/model';
import { DondocDb } from '../../../data/db';
import { verifyAuditChain, withWrites, type WriteContext } from '../../../data/repository';
import { reindexTasks } from '../../tasks/data/taskIndex';
import { buildReport, needsRefold, loadFollowUps } from './build';
import { settledIndexRows } from '../../tasks/data/queries';
import { makeEvents } from '@shared/tasks/fixtures';
import { issueReport, reportLetter } from './issue';
import { loadSnapshot, loadSnapshots } from './snapshots';
import { issuerOf } from './issue';
import { saveDraft, issueLetter } from '../../letters/data/register';

const ctx: WriteContext = { site: 'site-vp', actor: 'vanthu (Nông Thị Lan)', now: () => new Date('2026-07-02T02:00:00Z') };
const dbs: DondocDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

const params: ReportParams = {
  period: { kind: 'half', from: '2026-01-01', to: '2026-06-30', cutOff: '2026-06-30' },
  scope: { kind: 'all' },
  inclusion: 'withCarriedOver',
  judgeAgainst: 'extended',
  rateFormula: 'dueCompletion',
};

async function seeded(): Promise<DondocDb> {
  const db = new DondocDb(`reports-${Math.random()}`);
  dbs.push(db);
  const { tasks, events } = fixtureTasks();
  await withWrites(db, ctx, ['units', 'settings', 'tasks', 'taskEvents', 'posts'], async (w) => {
    await w.set('units', 'ubnd', { name: 'Ủy ban nhân dân xã Hòa An', shortName: 'UBND', kind: 'leadership', symbol: 'UBND', parentId: null, validFrom: '2025-07-01', validTo: null, order: 0, fields: [] }, 'x', 'x');
    for (const [i, u] of FIXTURE_UNITS.entries())
      await w.set('units', u.id, { name: u.name, shortName: u.id.toUpperCase(), kind: u.id === 'vp' ? 'office' : 'department', symbol: u.id === 'vp' ? 'VP' : '', parentId: 'ubnd', validFrom: '2025-07-01', validTo: null, order: i + 1, fields: [] }, 'x', 'x');
    await w.set(
      'settings',
      'organisation',
      { authorityName: 'Ủy ban nhân dân xã Hòa An', parentName: 'UBND tỉnh Cao Bằng', placeName: 'Hòa An', authoritySymbol: 'UBND', siteRole: 'coordinator', actsForUnitIds: ['ubnd', 'vp'], authorityUnitId: 'ubnd' },
      'x',
      'x',
    );
    for (const t of tasks) {
      const { id, ...values } = t;
      await w.set('tasks', id, values as unknown as Record<string, JsonValue>, 'Giao nhiệm vụ', t.title);
    }
    for (const e of events) {
      const { id, order, ...values } = e;
      void order;
      await w.insert('taskEvents', id, values as unknown as Record<string, JsonValue>, 'Diễn biến', e.type);
    }
  });
  await reindexTasks(
    db,
    tasks.map((t) => t.id),
  );
  return db;
}

/** The reference: every fixture task folded from these events as of the cut-off, no index involved. */
function referenceInput(events: TaskEvent[], p: ReportParams = params) {
  return {
    params: p,
    tasks: fixtureTasks().tasks.map((t) => reportTaskOf(t, foldTask(t, events, p.period.cutOff))),
    units: [{ id: 'ubnd', name: 'Ủy ban nhân dân xã Hòa An' }, ...FIXTURE_UNITS],
    scopeLabel: 'Tất cả đơn vị',
    followUpsRecorded: false,
    consultations: [],
  };
}
function reportFoldingEveryTask(events: TaskEvent[]) {
  return computeReport(referenceInput(events));
}

describe('reports in the database', () => {
  it('builds from the task index (refolding tasks with later events) the same figures as folding every task', async () => {
    const db = await seeded();
    const built = await buildReport(db, params, 'Tất cả đơn vị');
    const expected = reportFoldingEveryTask(fixtureTasks().events);
    expect(built.totals).toEqual(expected.totals);
    expect(built.units).toEqual(expected.units);
    expect(built.counted).toEqual(expected.counted);
    // 30/06: 8 tasks, (2 + 2) / (2 + 2 + 2) → 66,67% half-up (see shared/reports/compute.test.ts)
    expect(built.totals.rate.basisPoints).toBe(6667);
    expect(built.notes.join(' ')).toMatch(/chưa ghi nhận công văn đôn đốc/);
    // The screens pass the in-memory index mirror instead of reading IndexedDB: same report.
    const mirrored = await settledIndexRows(db);
    expect(mirrored).toHaveLength(await db.taskIndex.count());
    expect(await buildReport(db, params, 'Tất cả đơn vị', mirrored)).toEqual(built);
  });

  it("lists the leaders' decisions of the period as reading every task's events would", async () => {
    const db = await seeded();
    const built = await buildReport(db, params, 'Tất cả đơn vị');
    const { tasks, events } = fixtureTasks();
    const names = new Map<string, string>([['ubnd', 'Ủy ban nhân dân xã Hòa An'], ...FIXTURE_UNITS.map((u): [string, string] => [u.id, u.name])]);
    const unitName = (id: string) => names.get(id) ?? id;
    const expected = decisionLines(
      tasks.map((t) => ({ id: t.id, title: t.title, leadUnitId: t.leadUnitId, leadUnitName: unitName(t.leadUnitId) })),
      events,
      { from: params.period.from, cutOff: params.period.cutOff },
      leaderLabeller([], []),
      unitName,
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(built.decisions).toEqual(expected);
  });

  it('counts completion reports waiting for acceptance from the index the same as folding every task, before and after the acceptance', async () => {
    const db = await seeded();
    // H1 (due 27/02, overdue) is reported done on 10/06 and accepted on 02/07, after the cut-off.
    const extra = makeEvents('H1', [
      { type: 'completion', on: '2026-06-10', completedOn: '2026-06-08', resultText: 'Xong', reportNumber: '', attachments: [], product: 'Báo cáo', productNumber: '7/BC-VHXH', productDate: '2026-06-08', awaitsAcceptance: true },
      { type: 'completionAcceptance', on: '2026-07-02', reportId: 'H1-acc-e1', note: '', decidedByOfficialId: null },
    ]).map((e, i) => ({ ...e, id: `H1-acc-e${i + 1}` }));
    await withWrites(db, ctx, ['taskEvents'], async (w) => {
      for (const { id, order, ...values } of extra) {
        void order;
        await w.insert('taskEvents', id, values as unknown as Record<string, JsonValue>, 'Diễn biến', values.type);
      }
    });
    await reindexTasks(db, ['H1']);
    expect(await db.taskIndex.get('H1')).toMatchObject({ status: 'completed', completedOn: '2026-06-08', acceptedOn: '2026-07-02', deliveredProduct: 'Báo cáo (số 7/BC-VHXH ngày 08/06/2026)' });
    const all = [...fixtureTasks().events, ...extra];
    for (const p of [params, { ...params, onTimeAt: 'acceptance' as const }, { ...params, period: { ...params.period, to: '2026-12-31', kind: 'year' as const, cutOff: '2026-07-31' } }]) {
      const expected = computeReport(referenceInput(all, p));
      const built = await buildReport(db, p, 'Tất cả đơn vị', await settledIndexRows(db));
      expect(built.totals).toEqual(expected.totals);
      expect(built.units).toEqual(expected.units);
      expect(built.counted).toEqual(expected.counted);
    }
    // At 30/06 H1 waits for the assigner (reported 10/06, more than 5 working days before): not overdue, the assigner late.
    const june = await buildReport(db, params, 'Tất cả đơn vị');
    expect(june.counted.find((c) => c.id === 'H1')?.category).toBe('awaitingAcceptance');
    expect(june.totals.acceptanceLate).toBe(1);
  });

  it('refolds only tasks whose status, deadline or lead changed after the cut-off: progress reported later changes no figure', async () => {
    const db = await seeded();
    const late = [
      ...makeEvents('H1', [{ type: 'progress', on: '2026-08-10', percent: 70, text: 'Đang hoàn thiện', attachments: [] }]),
      ...makeEvents('K1', [{ type: 'contribution', on: '2026-07-20', unitId: 'pvh', text: 'Bổ sung số liệu', attachments: [] }]),
    ].map((e) => ({ ...e, id: `${e.id}-late` }));
    await withWrites(db, ctx, ['taskEvents'], async (w) => {
      for (const { id, order, ...values } of late) {
        void order;
        await w.insert('taskEvents', id, values as unknown as Record<string, JsonValue>, 'Diễn biến', values.type);
      }
    });
    await reindexTasks(db, ['H1', 'K1']);
    const period = params.period;
    const row = async (id: string) => (await db.taskIndex.get(id))!;
    expect((await row('H1')).lastEventOn).toBe('2026-08-10');
    expect(needsRefold(await row('H1'), period)).toBe(false);
    expect(needsRefold(await row('K1'), period)).toBe(false);
    // Completed after the cut-off, and extended inside the period.
    expect(needsRefold(await row('K3'), period)).toBe(true);
    // A row indexed before lastStateEventOn existed falls back to the last event of any kind.
    const { lastStateEventOn, ...old } = await row('H1');
    void lastStateEventOn;
    expect(needsRefold(old, period)).toBe(true);

    const expected = reportFoldingEveryTask([...fixtureTasks().events, ...late]);
    const built = await buildReport(db, params, 'Tất cả đơn vị', await settledIndexRows(db));
    expect(built.totals).toEqual(expected.totals);
    expect(built.units).toEqual(expected.units);
    expect(built.counted).toEqual(expected.counted);
  });

  it('an issued report reprints identically after its tasks change, and recomputing shows the change', async () => {
    const db = await seeded();
    const data = await buildReport(db, params, 'Tất cả đơn vị');
    const signer = { kind: 'official' as const, name: 'Nguyễn Văn Hùng', title: 'Chủ tịch', isHead: true };
    // Empty sections II–IV are refused: no placeholder reaches a numbered letter; nothing is written.
    const lettersBefore = await db.letters.count();
    await expect(issueReport(db, ctx, { data, signer, texts: { shortcomings: ['Một số đơn vị chậm báo cáo.'] }, issuedOn: '2026-07-02' })).rejects.toThrow(
      'Chưa phát hành được: III. Nhiệm vụ, giải pháp trong thời gian tới; IV. Kiến nghị, đề xuất còn trống.',
    );
    expect(await db.letters.count()).toBe(lettersBefore);
    // The clerk chooses to omit them: the letter has I and II only, and no placeholder.
    const texts = { shortcomings: ['Một số đơn vị chậm báo cáo.'], omitEmpty: true };
    const issued = await issueReport(db, ctx, { data, signer, texts, issuedOn: '2026-07-02' });
    expect(issued.number).toBe(1);
    const printed = JSON.stringify(issued.letter.blocks);
    expect(printed).not.toContain('bổ sung.)');
    expect(issued.letter.blocks.filter((b) => b.type === 'heading' && b.level === 1).map((b) => (b.type === 'heading' ? `${b.label}. ${b.text}` : ''))).toEqual([
      'I. Kết quả thực hiện nhiệm vụ',
      'II. Tồn tại, hạn chế và nguyên nhân',
    ]);
    expect(issued.letter.symbol).toBe('BC-UBND');

    // After issue: the assigner moves H1's deadline to 30/07 (a definition edit), and V3's completion is
    // recorded on 05/07 but dated 29/06, before the cut-off.
    await withWrites(db, ctx, ['tasks', 'taskEvents'], async (w) => {
      await w.set('tasks', 'H1', { dueOn: '2026-07-30', deadline: { kind: 'fixed', date: '2026-07-30' } }, 'Sửa nhiệm vụ', 'H1');
      await w.insert('taskEvents', 'V3-late', { taskId: 'V3', type: 'completion', on: '2026-07-05', completedOn: '2026-06-29', resultText: 'x', reportNumber: '', attachments: [], actorOfficialId: null, actorAccount: 'x' }, 'x', 'x');
    });
    await reindexTasks(db, ['H1', 'V3']);

    const [summary] = await loadSnapshots(db);
    expect(summary).toMatchObject({ number: 1, letterId: issued.letterId, cutOff: '2026-06-30', periodLabel: '6 tháng đầu năm 2026' });
    const reprint = await loadSnapshot(db, summary.id);
    expect(canonicalJson(reprint!.data)).toBe(canonicalJson(data));
    const { issuer } = await issuerOf(db, signer);
    expect(reportLetter(reprint!.data, issuer, texts, { number: 1, date: '2026-07-02' })).toEqual(issued.letter);

    const now = await buildReport(db, params, 'Tất cả đơn vị');
    const changes = compareReports(reprint!.data, now);
    // H1 no longer overdue at 30/06; V3 (due 26/06) now done late instead of overdue.
    expect(changes.filter((c) => c.unitId === null).map((c) => [c.field, c.before, c.after])).toEqual([
      ['doneLate', 2, 3],
      ['openWithinDeadline', 1, 2],
      ['openOverdue', 2, 0],
    ]);
    expect(await verifyAuditChain(db)).toBeNull();
  });

  it('counts follow-up letters (first or second reminder) recorded with their unit', async () => {
    const db = await seeded();
    const { issuer, officeKey } = await issuerOf(db, { kind: 'official', name: 'Nguyễn Văn Hùng', title: 'Chủ tịch', isHead: true });
    const letter = reportLetter(await buildReport(db, params, 'x'), issuer, {}, { number: null, date: null });
    const id = await saveDraft(db, ctx, { letter: { ...letter, kind: 'officialLetter', symbol: 'UBND-VP', subject: 'Đôn đốc' }, officeKey, related: { unitId: 'pvh', purpose: 'followUp1' } });
    await issueLetter(db, ctx, id, '2026-05-20');
    expect(await loadFollowUps(db)).toEqual({ facts: [{ unitId: 'pvh', issuedOn: '2026-05-20' }], recorded: true });
    const data = await buildReport(db, params, 'x');
    expect(data.units.find((u) => u.unitId === 'pvh')?.followUpLetters).toBe(1);
    expect(data.totals.followUpLetters).toBe(1);
  });
});

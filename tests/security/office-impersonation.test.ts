/**
 * In-office impersonation on the coordinating office's PC: the Phòng Kinh tế account, on a task
 * it leads with Văn phòng HĐND và UBND in support, tries to send "Gửi ý kiến phối hợp" in the
 * office's name, through the same commands and rules the task screen uses. Then the one
 * legitimate exception, recording on behalf (nhập thay): the office's clerk types a report or
 * reply a unit with no site of its own sent on paper — and every other way of using it is refused.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { canOfferOnBehalf, ON_BEHALF_REASONS, onBehalfLine, type OnBehalfDocument } from '@shared/acting';
import { onBehalfReplyUnits } from '@shared/consultations';
import { canPerform } from '@shared/tasks/authority';
import { foldTask } from '@shared/tasks/state';
import type { TaskDraft } from '@shared/tasks/model';
import { DondocDb } from '../../renderer/src/data/db';
import { withWrites, type WriteContext } from '../../renderer/src/data/repository';
import { addContribution, completeTask, createTasks, loadTaskState, reportProgress, type TaskActor } from '../../renderer/src/features/tasks/data/commands';
import { createConsultation, recordReply } from '../../renderer/src/features/consultations/data/commands';
import { loadReplies } from '../../renderer/src/features/consultations/data/queries';
import { loadOnBehalfContext } from '../../renderer/src/features/acting/onBehalf';
import { countOps, readAllOps } from '../../renderer/src/data/opLog';
import { refusal } from '../fixtures/errors';
import { countLogRows, logOf, rowStore } from '../../renderer/src/data/taskLogs';

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

/** A task UBND xã assigns on 01/12/2026, due in 10 working days; `fields` say what and to whom. */
function taskDraft(fields: Pick<TaskDraft, 'title' | 'content' | 'assignerOfficialId' | 'leadUnitId' | 'supportUnitIds' | 'responsibleOfficialId'>): TaskDraft {
  return {
    directiveId: null,
    assignerUnitId: 'ubnd',
    deadline: { kind: 'workingDays', days: 10, from: '2026-12-01' },
    assignedOn: '2026-12-01',
    planYear: 2026,
    priority: 'normal',
    legalBasis: '',
    authorityLevel: 'commune',
    ...fields,
  };
}

async function coordinatorWithTask(): Promise<{ db: DondocDb; taskId: string }> {
  const db = new DondocDb(`sec-office-${++databases}`);
  dbs.push(db);
  await withWrites(db, ctx, ['units', 'settings', 'officials'], async (w) => {
    const unit = (id: string, name: string, parentId: string | null) =>
      w.set('units', id, { name, shortName: id.toUpperCase(), kind: 'department', symbol: '', parentId, validFrom: '2025-07-01', validTo: null, order: 0, fields: [] }, 'Thêm đơn vị', name);
    await unit('ubnd', 'Ủy ban nhân dân xã Hòa An', null);
    await unit('vp', 'Văn phòng HĐND và UBND', 'ubnd');
    await unit('pkt', 'Phòng Kinh tế', 'ubnd');
    await unit('pvh', 'Phòng Văn hóa - Xã hội', 'ubnd');
    await unit('xa-a', 'UBND xã Hòa Bình', 'ubnd');
    await unit('thon-a', 'Thôn Bản Chang', 'xa-a');
    await w.set('officials', 'o-lan', { fullName: 'Nguyễn Thị Lan', active: true }, 'Thêm cán bộ', 'Nguyễn Thị Lan');
    await w.set(
      'settings',
      'organisation',
      { authorityName: 'Ủy ban nhân dân xã Hòa An', parentName: 'UBND tỉnh Cao Bằng', placeName: 'Hòa An', authoritySymbol: 'UBND', siteRole: 'coordinator', actsForUnitIds: site.actsForUnitIds, authorityUnitId: 'ubnd' },
      'Thiết lập ban đầu',
      'x',
    );
  });
  const [taskId] = await createTasks(db, ctx, clerk, [
    taskDraft({ title: 'Rà soát hộ nghèo năm 2026', content: 'Tổng hợp, báo cáo UBND xã.', assignerOfficialId: 'o-chair', leadUnitId: 'pkt', supportUnitIds: ['vp'], responsibleOfficialId: 'o-minh' }),
  ]);
  return { db, taskId };
}

/** UBND xã Hòa Bình has its own Đôn Đốc (a trusted unit site of the registry); Phòng Văn hóa - Xã hội and Phòng Kinh tế do not. */
async function pairCommune(db: DondocDb): Promise<void> {
  await db.peers.put({
    siteId: 'site-xa-a',
    name: 'UBND xã Hòa Bình',
    units: ['xa-a'],
    role: 'unit',
    publicKey: 'k',
    fingerprint: 'f',
    trustedAt: '2026-12-01T00:00:00Z',
    trustedBy: 'lan.vt',
    previousKeys: [],
    ack: {},
    lastReceivedAt: null,
    lastSentAt: null,
  });
}

async function taskLedBy(db: DondocDb, leadUnitId: string, supportUnitIds: string[]): Promise<string> {
  const [taskId] = await createTasks(db, ctx, clerk, [
    taskDraft({ title: `Kiểm tra công tác phòng cháy (${leadUnitId})`, content: '', assignerOfficialId: null, leadUnitId, supportUnitIds, responsibleOfficialId: null }),
  ]);
  return taskId;
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
    const eventsBefore = await countLogRows(db, 'taskEvents');
    const auditBefore = await db.audit.count();
    for (const actor of [economics, economicsAdmin]) {
      for (const unitId of ['vp', 'pkt', 'ubnd']) {
        expect((await refusal(addContribution(db, ctx, actor, taskId, { unitId, text: 'Văn phòng thống nhất.' }))).code).toBe('not-authorised');
      }
    }
    expect(await countLogRows(db, 'taskEvents')).toBe(eventsBefore);
    expect(await db.audit.count()).toBe(auditBefore);
  });

  it('its own progress report is recorded for Phòng Kinh tế and its official; the office’s clerk cannot report for Phòng Kinh tế', async () => {
    const { db, taskId } = await coordinatorWithTask();
    await reportProgress(db, ctx, economics, taskId, { percent: 40, text: 'Đã rà soát 3/7 thôn.' });
    const events = (await logOf(db, taskId)).events;
    const progress = events.map((e) => e as unknown as { type: string; actorOfficialId: string | null }).find((e) => e.type === 'progress');
    expect(progress?.actorOfficialId).toBe('o-minh');
    const before = await countLogRows(db, 'taskEvents');
    expect((await refusal(reportProgress(db, ctx, clerk, taskId, { percent: 90, text: 'Báo cáo thay.' }))).code).toBe('not-authorised');
    expect(await countLogRows(db, 'taskEvents')).toBe(before);
    // The office's own reply as a support unit, by its own clerk, is fine.
    await addContribution(db, ctx, clerk, taskId, { unitId: 'vp', text: 'Văn phòng thống nhất.' });
    const { task } = await loadTaskState(db, taskId);
    const folded = foldTask(task, ((await logOf(db, taskId)).events) as never);
    expect(folded.percent).toBe(40);
  });
});

const clerkCtx: WriteContext = { ...ctx, actor: 'lan.vt (Nguyễn Thị Lan)' };
const paper: OnBehalfDocument = { documentKind: 'report', documentNumber: '15/BC-VHXH', documentDate: '2026-11-30' };

describe('recording on behalf (nhập thay)', () => {
  it('the office’s clerk records a paper progress report and contribution for a unit with no site; the record names the clerk and the paper', async () => {
    const { db } = await coordinatorWithTask();
    await pairCommune(db);
    const taskId = await taskLedBy(db, 'pvh', ['pkt']);
    const eventId = await reportProgress(db, clerkCtx, clerk, taskId, { percent: 30, text: 'Đã kiểm tra 4/10 cơ sở.', onBehalf: paper });
    const progress = (await rowStore(db, 'taskEvents').get(eventId)) as unknown as { type: string; actorOfficialId: string; onBehalf: Parameters<typeof onBehalfLine>[0] };
    expect(progress.type).toBe('progress');
    expect(progress.actorOfficialId).toBe('o-lan');
    expect(onBehalfLine(progress.onBehalf)).toBe('Văn thư Nguyễn Thị Lan nhập thay, theo Báo cáo số 15/BC-VHXH ngày 30/11/2026');
    // The op that syncs carries the record too.
    const op = (await readAllOps(db)).find((o) => o.entity === 'taskEvents' && o.rowId === eventId);
    expect((op?.values as { onBehalf?: { documentNumber: string } }).onBehalf?.documentNumber).toBe('15/BC-VHXH');
    const audit = await db.audit.orderBy('seq').last();
    expect(audit?.action).toBe('Báo cáo tiến độ (nhập thay)');
    const contribution = await addContribution(db, clerkCtx, clerk, taskId, { unitId: 'pkt', text: 'Phòng Kinh tế thống nhất nội dung kiểm tra.', onBehalf: { ...paper, documentKind: 'officialLetter', documentNumber: '08/KT' } });
    expect(((await rowStore(db, 'taskEvents').get(contribution)) as unknown as { onBehalf?: { documentKind: string } }).onBehalf?.documentKind).toBe('officialLetter');
    const done = await completeTask(db, clerkCtx, clerk, taskId, { resultText: 'Đã kiểm tra xong 10 cơ sở.', completedOn: '2026-12-01', productNumber: '20/BC-VHXH', productDate: '2026-12-01', onBehalf: paper });
    expect(((await rowStore(db, 'taskEvents').get(done)) as unknown as { awaitsAcceptance: boolean; onBehalf?: object }).onBehalf).toBeDefined();
    expect((await loadTaskState(db, taskId)).state.status).toBe('awaitingAcceptance');
  });

  it('refused with nothing written: without the paper, for a unit with its own site, for the clerk’s own unit, and for any account of another unit', async () => {
    const { db } = await coordinatorWithTask();
    await pairCommune(db);
    const siteless = await taskLedBy(db, 'pvh', ['pkt', 'vp']);
    const communeTask = await taskLedBy(db, 'xa-a', ['pvh']);
    const villageTask = await taskLedBy(db, 'thon-a', []);
    const before = { events: await countLogRows(db, 'taskEvents'), ops: await countOps(db), audit: await db.audit.count() };
    const reasonOf = async (p: Promise<unknown>) => (await refusal(p)).message;

    // No paper document named: the form's message, nothing written.
    expect(await reasonOf(reportProgress(db, clerkCtx, clerk, siteless, { percent: 10, text: 'x', onBehalf: { ...paper, documentNumber: '  ' } }))).toMatch(/số, ký hiệu của văn bản giấy/);
    expect(await reasonOf(reportProgress(db, clerkCtx, clerk, siteless, { percent: 10, text: 'x', onBehalf: { ...paper, documentDate: '2026-12-09' } }))).toMatch(/không được sau ngày hôm nay/);
    // A unit with its own Đôn Đốc sends its own reports, and so do the units under it.
    expect(await reasonOf(reportProgress(db, clerkCtx, clerk, communeTask, { percent: 10, text: 'x', onBehalf: paper }))).toBe(ON_BEHALF_REASONS.hasOwnSite);
    expect(await reasonOf(reportProgress(db, clerkCtx, clerk, villageTask, { percent: 10, text: 'x', onBehalf: paper }))).toBe(ON_BEHALF_REASONS.hasOwnSite);
    // The clerk's own unit records directly.
    expect(await reasonOf(addContribution(db, clerkCtx, clerk, siteless, { unitId: 'vp', text: 'x', onBehalf: paper }))).toBe(ON_BEHALF_REASONS.ownUnit);
    // Phòng Kinh tế's accounts on this PC are never the office's clerk, whatever their role.
    for (const actor of [economics, economicsAdmin]) {
      expect(await reasonOf(reportProgress(db, ctx, actor, siteless, { percent: 10, text: 'x', onBehalf: paper }))).toBe(ON_BEHALF_REASONS.notClerk);
      expect(await reasonOf(addContribution(db, ctx, actor, siteless, { unitId: 'vp', text: 'x', onBehalf: paper }))).toBe(ON_BEHALF_REASONS.notClerk);
    }
    // A leader of the office is not its clerk either; and decisions are never entered on behalf.
    expect(await reasonOf(reportProgress(db, clerkCtx, { role: 'leader', unitId: 'vp', officialId: 'o-chair' }, siteless, { percent: 10, text: 'x', onBehalf: paper }))).toBe(ON_BEHALF_REASONS.notClerk);
    expect({ events: await countLogRows(db, 'taskEvents'), ops: await countOps(db), audit: await db.audit.count() }).toEqual(before);

    // The screens: the choice is offered to the clerk for the siteless unit only, never to another unit's account.
    const obCtx = await loadOnBehalfContext(db);
    expect(canOfferOnBehalf(clerk, site, 'pvh', obCtx).allowed).toBe(true);
    expect(canOfferOnBehalf(clerk, site, 'xa-a', obCtx).allowed).toBe(false);
    expect(canOfferOnBehalf(economicsAdmin, site, 'pvh', obCtx).allowed).toBe(false);
  });

  it('a consultation reply on paper: recorded by the clerk for a unit with no site, refused for a unit with its own site and from another unit’s account', async () => {
    const { db } = await coordinatorWithTask();
    await pairCommune(db);
    const consultationId = await createConsultation(db, clerkCtx, clerk, {
      subject: 'Lấy ý kiến dự thảo Kế hoạch chuyển đổi số năm 2027',
      dossierKind: 'duThao',
      dossierTitle: 'dự thảo Kế hoạch chuyển đổi số năm 2027',
      field: null,
      content: '',
      attachments: [],
      requesterUnitId: 'vp',
      consultedUnitIds: ['pkt', 'pvh', 'xa-a'],
      legalBasis: 'Quy chế làm việc của Ủy ban nhân dân xã',
      requestRef: '',
      requestedOn: '2026-12-01',
      deadline: { kind: 'workingDays', days: 5, from: '2026-12-01' },
      taskId: null,
    });
    const c = { consultedUnitIds: ['pkt', 'pvh', 'xa-a'] };
    const obCtx = await loadOnBehalfContext(db);
    expect(onBehalfReplyUnits(clerk, site, c, obCtx)).toEqual(['pkt', 'pvh']);
    expect(onBehalfReplyUnits(economics, site, c, obCtx)).toEqual([]);
    expect(onBehalfReplyUnits(economicsAdmin, site, c, obCtx)).toEqual([]);

    const reply = (unitId: string) => ({ consultationId, unitId, position: 'agree' as const, content: '', replyRef: '', signerOfficialId: null, onBehalf: paper });
    const before = await db.consultationReplies.count();
    expect((await refusal(recordReply(db, clerkCtx, { ...clerk }, reply('xa-a')))).message).toBe(ON_BEHALF_REASONS.hasOwnSite);
    expect((await refusal(recordReply(db, ctx, economicsAdmin, reply('pvh')))).message).toBe(ON_BEHALF_REASONS.notClerk);
    expect((await refusal(recordReply(db, clerkCtx, clerk, { ...reply('pvh'), onBehalf: { ...paper, documentNumber: '' } }))).code).toBe('invalid-input');
    expect(await db.consultationReplies.count()).toBe(before);

    await recordReply(db, clerkCtx, clerk, reply('pvh'));
    const [stored] = await loadReplies(db, consultationId);
    expect(stored.unitId).toBe('pvh');
    expect(stored.onBehalf && onBehalfLine(stored.onBehalf)).toBe('Văn thư Nguyễn Thị Lan nhập thay, theo Báo cáo số 15/BC-VHXH ngày 30/11/2026');
  });
});

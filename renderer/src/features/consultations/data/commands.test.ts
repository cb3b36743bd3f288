import { afterEach, describe, expect, it } from 'vitest';
import type { Actor } from '@shared/authority';
import { positionOf, type ConsultationDraft } from '@shared/consultations';
import { DondocDb } from '../../../data/db';
import type { WriteContext } from '../../../data/repository';
import { completeSetup, importUnits, saveOrganisation } from '../../registries/commands';
import { loadOrganisation, loadUnits } from '../../registries/queries';
import { loadLetter, loadRegister } from '../../letters/data/register';
import { answerUpwardRequest, createConsultation, createUpwardRequest, markReadyToSubmit, recordReconciliation, recordReply } from './commands';
import { createTasks } from '../../tasks/data/commands';
import { draftAndIssueNotice, loadSummaryLetter } from './letters';
import { loadConsultation, loadLinkedToTask, loadReplies, loadUpwardAnswers, loadUpwardRequest } from './queries';
import { refusal } from '../../../../../tests/fixtures/errors';

const dbs: DondocDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

let clock = '2026-04-23';
const at = (date: string) => () => new Date(`${date}T09:00:00+07:00`);
const ctx = (): WriteContext => ({ site: 'site-a', actor: 'lan.vt (Nông Thị Lan)', now: at(clock) });
const clerk: Actor = { role: 'admin', unitId: null };

/**
 * A consultation to create: sent on 23/4/2026 and due in five working days, under the working
 * regulation; each case names the requester, the units consulted and what else it changes.
 */
function draft(fields: Pick<ConsultationDraft, 'subject' | 'dossierTitle' | 'requesterUnitId' | 'consultedUnitIds'> & Partial<ConsultationDraft>): ConsultationDraft {
  return {
    dossierKind: 'duThao',
    field: null,
    content: '',
    attachments: [],
    legalBasis: 'Quy chế làm việc của Ủy ban nhân dân xã',
    requestRef: '',
    requestedOn: '2026-04-23',
    deadline: { kind: 'workingDays', days: 5, from: '2026-04-23' },
    taskId: null,
    ...fields,
  };
}

async function setUp() {
  clock = '2026-04-23';
  const db = new DondocDb(`consultations-${Math.random()}`);
  dbs.push(db);
  await completeSetup(db, ctx(), {
    authorityName: 'Ủy ban nhân dân xã Hòa An',
    parentName: 'Ủy ban nhân dân tỉnh Cao Bằng',
    placeName: 'Cao Bằng',
    authoritySymbol: 'UBND',
    siteRole: 'coordinator',
    office: { name: 'Văn phòng HĐND và UBND', shortName: 'VP', symbol: 'VP' },
    today: '2026-01-05',
  });
  const org = (await loadOrganisation(db))!;
  const base = { kind: 'department' as const, parentId: org.authorityUnitId, validFrom: '2026-01-01', validTo: null };
  await importUnits(db, ctx(), clerk, [
    { id: 'kt', name: 'Phòng Kinh tế', shortName: 'PKT', symbol: 'KT', order: 2, fields: ['Du lịch'], ...base },
    { id: 'vhxh', name: 'Phòng Văn hóa - Xã hội', shortName: 'VHXH', symbol: 'VHXH', order: 3, fields: ['Du lịch', 'Văn hóa'], ...base },
    { id: 'tc', name: 'Phòng Tài chính', shortName: 'PTC', symbol: 'TC', order: 4, fields: ['Ngân sách'], ...base },
    { id: 'ca', name: 'Công an xã', shortName: 'CA', symbol: 'CA', order: 5, fields: ['An ninh'], ...base },
  ]);
  await saveOrganisation(db, ctx(), clerk, org);
  const office = (await loadUnits(db)).find((u) => u.kind === 'office')!;
  return { db, org, office };
}

describe('consultation commands', () => {
  it('runs the whole cycle: replies, refusals, deemed agreement, notice, reconciliation gate', async () => {
    const { db, office } = await setUp();
    const id = await createConsultation(
      db,
      ctx(),
      clerk,
      draft({
        subject: 'Lấy ý kiến dự thảo Kế hoạch phát triển du lịch năm 2027',
        dossierTitle: 'dự thảo Kế hoạch phát triển du lịch năm 2027',
        field: 'Du lịch',
        requesterUnitId: office.id,
        consultedUnitIds: ['kt', 'vhxh', 'tc', 'ca'],
      }),
    );
    const c = (await loadConsultation(db, id))!;
    expect(c.dueOn).toBe('2026-05-05');

    const kt: Actor = { role: 'unitStaff', unitId: 'kt' };
    const vhxh: Actor = { role: 'unitStaff', unitId: 'vhxh' };
    const tc: Actor = { role: 'unitStaff', unitId: 'tc' };
    const reply = (unitId: string, position: 'agree' | 'agreeWithComments' | 'disagree', content: string) => ({ consultationId: id, unitId, position, content, replyRef: '', signerOfficialId: null });

    // Unit A cannot answer for unit B; the coordinator's clerk cannot answer for a department.
    expect((await refusal(recordReply(db, ctx(), kt, reply('vhxh', 'agree', '')))).code).toBe('not-authorised');
    expect((await refusal(recordReply(db, ctx(), clerk, reply('kt', 'agree', '')))).code).toBe('not-authorised');

    clock = '2026-04-24';
    expect(await recordReply(db, ctx(), kt, reply('kt', 'agree', ''))).toMatchObject({ late: false });
    expect((await refusal(recordReply(db, ctx(), kt, reply('kt', 'disagree', 'Đổi ý: không đồng ý vì thiếu kinh phí đối ứng năm 2027.')))).code).toBe('conflict');
    clock = '2026-04-28';
    await recordReply(db, ctx(), vhxh, reply('vhxh', 'disagree', 'Không đồng ý thu phí tham quan tại mục II.2 vì chưa có nghị quyết của Hội đồng nhân dân xã.'));
    const vague = await refusal(recordReply(db, ctx(), tc, reply('tc', 'agreeWithComments', 'Nhất trí như dự thảo.')));
    expect(vague.code).toBe('invalid-input');
    expect(vague.message).toContain('chung chung');

    // Before the deadline the gate refuses because units have not answered.
    expect((await refusal(markReadyToSubmit(db, ctx(), clerk, id))).message).toContain('Công an xã');

    clock = '2026-05-07';
    expect(await recordReply(db, ctx(), tc, reply('tc', 'agreeWithComments', 'Đề nghị bổ sung nguồn xã hội hóa cho hạng mục nhà đón tiếp khách tại mục III.'))).toMatchObject({ late: true });
    const replies = await loadReplies(db, id);
    expect(positionOf(c, 'tc', replies, clock)).toMatchObject({ kind: 'deemedAgreed', deemedOn: '2026-05-06' });
    expect(positionOf(c, 'ca', replies, clock)).toMatchObject({ kind: 'deemedAgreed', lateReply: null });

    const notice = await draftAndIssueNotice(db, ctx(), clerk, id, { kind: 'official', name: 'Nguyễn Phương Huy', title: 'Chủ tịch', isHead: true });
    expect(notice.number).toBe(1);
    expect(notice.letter.kind).toBe('notice');
    expect(notice.letter.symbol).toBe('TB-UBND');
    const bullets = notice.letter.blocks.find((b) => b.type === 'bullets');
    expect(bullets && bullets.type === 'bullets' ? bullets.items : []).toEqual(['Phòng Tài chính;', 'Công an xã.']);
    expect((await loadConsultation(db, id))!.noticeLetterId).toBe(notice.letterId);
    expect((await loadLetter(db, notice.letterId))!.status).toBe('issued');
    const org = (await loadOrganisation(db))!;
    expect((await loadRegister(db, org.authorityUnitId, 2026)).map((e) => e.number)).toEqual([1]);
    expect((await refusal(draftAndIssueNotice(db, ctx(), clerk, id, { kind: 'official', name: 'Nguyễn Phương Huy', title: 'Chủ tịch', isHead: true }))).code).toBe('conflict');

    // The gate: refused with the open disagreement, then accepted after reconciliation.
    const refused = await refusal(markReadyToSubmit(db, ctx(), clerk, id));
    expect(refused.message).toContain('Phòng Văn hóa - Xã hội');
    expect(refused.message).toContain('chưa được thống nhất');
    expect((await refusal(recordReconciliation(db, ctx(), clerk, { consultationId: id, unitId: 'kt', meetingOn: '2026-05-07', participants: 'VP, PKT', outcome: 'Thống nhất.' }))).code).toBe('conflict');
    await recordReconciliation(db, ctx(), clerk, { consultationId: id, unitId: 'vhxh', meetingOn: '2026-05-07', participants: 'Chánh Văn phòng; Trưởng phòng Văn hóa - Xã hội', outcome: 'Bỏ nội dung thu phí tham quan khỏi dự thảo.' });
    await markReadyToSubmit(db, ctx(), clerk, id);
    expect((await loadConsultation(db, id))!.readyOn).toBe('2026-05-07');

    const summary = await loadSummaryLetter(db, id, clock, { kind: 'official', name: 'Nguyễn Phương Huy', title: 'Chủ tịch', isHead: true });
    const table = summary.blocks.find((b) => b.type === 'table');
    expect(table && table.type === 'table' ? table.rows.map((r) => r[2]) : []).toEqual(['Đồng ý', 'Không đồng ý', 'Được xác định là đồng ý', 'Được xác định là đồng ý']);
  });

  it('a paper reply typed by the clerk on behalf of a unit is printed in the summary with who typed it and from which document', async () => {
    const { db, office } = await setUp();
    const id = await createConsultation(db, ctx(), clerk, draft({ subject: 'Lấy ý kiến dự thảo Quy chế phối hợp', dossierTitle: 'dự thảo Quy chế phối hợp', requesterUnitId: office.id, consultedUnitIds: ['kt', 'tc'] }));
    const paper = { documentKind: 'officialLetter' as const, documentNumber: '07/KT', documentDate: '2026-04-22' };
    await recordReply(db, ctx(), clerk, { consultationId: id, unitId: 'kt', position: 'disagree', content: 'Đề nghị bỏ Điều 5 vì trùng với Quy chế làm việc của Ủy ban.', replyRef: '', signerOfficialId: null, onBehalf: paper });
    const summary = await loadSummaryLetter(db, id, clock, { kind: 'official', name: 'Nguyễn Phương Huy', title: 'Chủ tịch', isHead: true });
    const table = summary.blocks.find((b) => b.type === 'table');
    const row = table && table.type === 'table' ? table.rows.find((r) => r[1] === 'Phòng Kinh tế') : undefined;
    expect(row?.[4]).toBe('Đề nghị bỏ Điều 5 vì trùng với Quy chế làm việc của Ủy ban. (Văn thư Nông Thị Lan nhập thay, theo Công văn số 07/KT ngày 22/04/2026.)');
    const bullets = summary.blocks.flatMap((b) => (b.type === 'bullets' ? b.items : []));
    expect(bullets.some((i) => i.includes('Phòng Kinh tế: Đề nghị bỏ Điều 5') && i.includes('Văn thư Nông Thị Lan nhập thay, theo Công văn số 07/KT ngày 22/04/2026'))).toBe(true);
  });

  it('refuses a consultation from a unit the account does not speak for', async () => {
    const { db } = await setUp();
    const e = await refusal(
      createConsultation(db, ctx(), { role: 'unitStaff', unitId: 'kt' }, draft({ subject: 'Lấy ý kiến', dossierKind: 'hoSo', dossierTitle: 'hồ sơ', legalBasis: 'Quy chế', requesterUnitId: 'vhxh', consultedUnitIds: ['tc'] })),
    );
    expect(e.code).toBe('not-authorised');
  });

  it('a request upward: submitted by its unit, linked to a task, answered once by the authority, late answers flagged', async () => {
    const { db, org } = await setUp();
    const [taskId] = await createTasks(db, ctx(), { ...clerk, officialId: null }, [
      {
        title: 'Xây dựng phương án bảo vệ rừng mùa khô',
        content: '',
        directiveId: null,
        assignerUnitId: org.authorityUnitId,
        assignerOfficialId: null,
        leadUnitId: 'kt',
        supportUnitIds: [],
        responsibleOfficialId: null,
        deadline: { kind: 'fixed', date: '2026-05-29' },
        assignedOn: '2026-04-23',
        planYear: 2026,
        priority: 'normal',
        legalBasis: '',
        authorityLevel: 'commune',
      },
    ]);
    const kt: Actor = { role: 'unitStaff', unitId: 'kt' };
    const draft = {
      subject: 'Xin ý kiến về kinh phí thuê lực lượng canh rừng',
      content: 'Đề nghị Chủ tịch UBND xã cho ý kiến về nguồn kinh phí.',
      fromUnitId: 'kt',
      toUnitId: org.authorityUnitId,
      addressee: 'chair' as const,
      beyondAuthorityReason: 'Chi ngoài dự toán thuộc thẩm quyền của Chủ tịch UBND xã (Luật Ngân sách nhà nước).',
      attachments: [],
      requestedOn: '2026-04-23',
      deadline: { kind: 'workingDays' as const, days: 5, from: '2026-04-23' },
      taskId,
    };
    // Only the unit itself submits its matter, and a linked task must exist.
    expect((await refusal(createUpwardRequest(db, ctx(), { role: 'unitStaff', unitId: 'vhxh' }, draft))).code).toBe('not-authorised');
    expect((await refusal(createUpwardRequest(db, ctx(), kt, { ...draft, taskId: 'khong-co' }))).message).toContain('Nhiệm vụ liên quan');
    expect((await refusal(createUpwardRequest(db, ctx(), kt, { ...draft, beyondAuthorityReason: '' }))).code).toBe('invalid-input');
    const id = await createUpwardRequest(db, ctx(), kt, draft);
    const request = (await loadUpwardRequest(db, id))!;
    // 5 working days from Thursday 23/4/2026: 24/4, (27/4 is the day off for Giỗ Tổ on Sunday 26/4), 28/4, 29/4, (30/4, 1/5), 4/5, 5/5.
    expect(request).toMatchObject({ taskId, fromUnitId: 'kt', dueOn: '2026-05-05' });
    // It shows on the task.
    expect((await loadLinkedToTask(db, taskId)).upward.map((r) => r.id)).toEqual([id]);

    // The unit cannot answer its own request; the authority's clerk answers, once.
    expect((await refusal(answerUpwardRequest(db, ctx(), kt, { requestId: id, kind: 'decision', content: 'x', answerRef: '' }))).code).toBe('not-authorised');
    clock = request.dueOn;
    const first = await answerUpwardRequest(db, ctx(), clerk, { requestId: id, kind: 'decision', content: 'Đồng ý sử dụng dự phòng ngân sách xã.', answerRef: 'Thông báo số 20/TB-UBND' });
    expect(first.late).toBe(false);
    expect((await refusal(answerUpwardRequest(db, ctx(), clerk, { requestId: id, kind: 'returned', content: 'x', answerRef: '' }))).code).toBe('conflict');
    expect(await loadUpwardAnswers(db, id)).toEqual([expect.objectContaining({ kind: 'decision', answerRef: 'Thông báo số 20/TB-UBND', answeredOn: request.dueOn })]);
    expect((await loadLinkedToTask(db, taskId)).answers).toHaveLength(1);

    // A second request answered after its due day is flagged late.
    clock = '2026-04-23';
    const second = await createUpwardRequest(db, ctx(), kt, { ...draft, subject: 'Xin bổ sung biên chế tổ bảo vệ rừng', taskId: null });
    clock = '2026-06-30';
    expect((await answerUpwardRequest(db, ctx(), clerk, { requestId: second, kind: 'returned', content: 'Thuộc thẩm quyền của phòng.', answerRef: '' })).late).toBe(true);
    expect((await loadLinkedToTask(db, taskId)).upward).toHaveLength(1);
  });

  it('a consultation can be linked to a task and shows on it', async () => {
    const { db, org } = await setUp();
    const [taskId] = await createTasks(db, ctx(), { ...clerk, officialId: null }, [
      { title: 'Kế hoạch du lịch 2027', content: '', directiveId: null, assignerUnitId: org.authorityUnitId, assignerOfficialId: null, leadUnitId: 'vhxh', supportUnitIds: [], responsibleOfficialId: null, deadline: null, assignedOn: '2026-04-23', planYear: 2026, priority: 'normal', legalBasis: '', authorityLevel: 'commune' },
    ]);
    const id = await createConsultation(
      db,
      ctx(),
      clerk,
      draft({ subject: 'Lấy ý kiến dự thảo', dossierKind: 'hoSo', dossierTitle: 'dự thảo kế hoạch', legalBasis: 'Quy chế', requesterUnitId: org.authorityUnitId, consultedUnitIds: ['tc'], taskId }),
    );
    expect((await loadLinkedToTask(db, taskId)).consultations.map((c) => c.id)).toEqual([id]);
  });
});

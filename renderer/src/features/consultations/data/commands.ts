/**
 * Consultation writes. Each command validates with the shared schemas, reads what it checks
 * against and writes in ONE transaction (withWrites), so a reply cannot slip in between the
 * "already answered?" check and the insert. Refusals are AppError with a Vietnamese reason.
 * "Today" is the business date of the write (ctx.now or the clock), never typed by the user,
 * so a reply after the deadline is recorded as late whatever the form says.
 */
import { AppError } from '@shared/errors';
import { newId } from '@shared/data/ids';
import type { JsonValue } from '@shared/data/ops';
import { canChangeSettings, type Actor, type SiteScope } from '@shared/authority';
import { formatDateVi, resolveDeadline, todayInVietnam, workingDayOnOrAfter } from '@shared/calendar';
import { isUnitValidOn, type Unit } from '@shared/registries/units';
import {
  canActAsRequester,
  canAnswerUpward,
  canReply,
  canReplyOnBehalf,
  canSubmitUpward,
  checkReplyContent,
  consultationDraftSchema,
  consultationRecordSchema,
  consultationReplySchema,
  consultationSettingsSchema,
  CONSULTATION_SETTINGS_ID,
  isLateReply,
  openDisagreements,
  readinessOf,
  reconciliationSchema,
  replyOf,
  upwardAnswerSchema,
  upwardDraftSchema,
  upwardRequestRecordSchema,
  upwardStatusOf,
  type Consultation,
  type ConsultationDraft,
  type ConsultationSettings,
  type ReplyPosition,
  type UpwardAnswerKind,
  type UpwardDraft,
} from '@shared/consultations';
import type { DondocDb } from '../../../data/db';
import { visible, withWrites, type WriteContext } from '../../../data/repository';
import { loadCalendarConfig } from '../../calendar/config';
import { loadOrganisation, loadUnits } from '../../registries/queries';
import type { OnBehalfDocument } from '@shared/acting';
import { loadOnBehalfContext, onBehalfRecordFor, sourceOf } from '../../acting/onBehalf';
import { loadConsultation, loadConsultationSettings, loadReconciliations, loadReplies, loadUpwardAnswers, loadUpwardRequest } from './queries';

function invalid(issues: readonly { message: string }[]): AppError {
  return new AppError('invalid-input', issues.map((i) => i.message).join('; '));
}

function toJson<T extends object>(value: T): Record<string, JsonValue> {
  return JSON.parse(JSON.stringify(value)) as Record<string, JsonValue>;
}

export function businessDay(ctx: WriteContext): string {
  return todayInVietnam(ctx.now ? ctx.now() : new Date());
}

export async function loadSiteScope(db: DondocDb): Promise<SiteScope> {
  const org = await loadOrganisation(db);
  if (!org) throw new AppError('invalid-input', 'Chưa thiết lập thông tin cơ quan.');
  return { siteRole: org.siteRole, actsForUnitIds: org.actsForUnitIds };
}

function unitNamer(units: readonly Unit[]): (id: string) => string {
  const byId = new Map(units.map((u) => [u.id, u.name]));
  return (id) => byId.get(id) ?? 'Đơn vị không còn trong danh mục';
}

async function mustLoad(db: DondocDb, id: string): Promise<Consultation> {
  const c = await loadConsultation(db, id);
  if (!c) throw new AppError('not-found', 'Không tìm thấy phiếu lấy ý kiến.');
  return c;
}

// ─── Requests ──────────────────────────────────────────────────────────────────────────

/** Creates a consultation; the deadline rule is resolved to a due date with the installation's calendar. */
export async function createConsultation(db: DondocDb, ctx: WriteContext, actor: Actor, draft: ConsultationDraft): Promise<string> {
  const parsed = consultationDraftSchema.safeParse(draft);
  if (!parsed.success) throw invalid(parsed.error.issues);
  const d = parsed.data;
  await requireLinkedTask(db, d.taskId);
  const [site, units, calendar] = await Promise.all([loadSiteScope(db), loadUnits(db), loadCalendarConfig(db)]);
  const decision = canActAsRequester(actor, site, { requesterUnitId: d.requesterUnitId, readyOn: null }, 'create');
  if (!decision.allowed) throw new AppError('not-authorised', decision.reason);
  const byId = new Map(units.map((u) => [u.id, u]));
  for (const id of [d.requesterUnitId, ...d.consultedUnitIds]) {
    const u = byId.get(id);
    if (!u) throw new AppError('invalid-input', 'Đơn vị không có trong danh mục.');
    if (!isUnitValidOn(u, d.requestedOn)) throw new AppError('invalid-input', `${u.name} không còn hoạt động vào ngày ${formatDateVi(d.requestedOn)}.`);
  }
  let dueOn: string;
  try {
    dueOn = resolveDeadline(d.deadline, calendar);
  } catch (e) {
    throw e instanceof AppError ? e : new AppError('invalid-input', 'Thời hạn không hợp lệ.');
  }
  const record = consultationRecordSchema.safeParse({ ...d, dueOn, noticeLetterId: null, readyOn: null });
  if (!record.success) throw invalid(record.error.issues);
  const id = newId();
  await withWrites(db, ctx, ['consultations'], (w) => w.set('consultations', id, toJson(record.data), 'Lấy ý kiến', d.subject));
  return id;
}

// ─── Replies ───────────────────────────────────────────────────────────────────────────

export interface ReplyInput {
  consultationId: string;
  unitId: string;
  position: ReplyPosition;
  content: string;
  replyRef: string;
  signerOfficialId: string | null;
  /** The paper reply, when the coordinating office's clerk records it for the unit (nhập thay). */
  onBehalf?: OnBehalfDocument;
}

/**
 * Records one unit's reply; refuses a second one, a vague one, and one for a unit the account
 * does not speak for — unless the coordinating office's clerk records, citing the paper reply,
 * for a unit with no site of its own (canReplyOnBehalf).
 */
export async function recordReply(db: DondocDb, ctx: WriteContext, actor: Actor & { officialId?: string | null }, input: ReplyInput): Promise<{ id: string; late: boolean }> {
  const [site, units, calendar, settings] = await Promise.all([loadSiteScope(db), loadUnits(db), loadCalendarConfig(db), loadConsultationSettings(db)]);
  const name = unitNamer(units);
  const repliedOn = businessDay(ctx);
  const content = checkReplyContent(input.position, input.content, settings.minSubstantiveChars);
  if (!content.ok) throw new AppError('invalid-input', content.reason);
  const { onBehalf: paper, ...fields } = input;
  const onBehalf = paper ? { record: onBehalfRecordFor(ctx, { ...actor, officialId: actor.officialId ?? null }, paper, repliedOn), context: await loadOnBehalfContext(db) } : null;
  const record = consultationReplySchema.safeParse({ ...fields, repliedOn, recordedBy: ctx.actor, attachments: [], ...(onBehalf ? { onBehalf: onBehalf.record } : {}) });
  if (!record.success) throw invalid(record.error.issues);
  const id = newId();
  return withWrites(db, ctx, ['consultations', 'consultationReplies'], async (w) => {
    const c = await mustLoad(db, input.consultationId);
    const decision = onBehalf ? canReplyOnBehalf(actor, site, c, input.unitId, sourceOf(onBehalf.record), onBehalf.context, name) : canReply(actor, site, c, input.unitId, name);
    if (!decision.allowed) throw new AppError('not-authorised', decision.reason);
    const earlier = replyOf(c, input.unitId, await loadReplies(db, c.id));
    if (earlier) throw new AppError('conflict', `${name(input.unitId)} đã trả lời ngày ${formatDateVi(earlier.repliedOn)}; mỗi đơn vị trả lời một lần.`);
    const late = isLateReply(c, { repliedOn }, calendar);
    const action = `${late ? 'Trả lời ý kiến (quá hạn)' : 'Trả lời ý kiến'}${onBehalf ? ' (nhập thay)' : ''}`;
    await w.insert('consultationReplies', id, toJson(record.data), action, `${name(input.unitId)}: ${c.subject}`);
    return { id, late };
  });
}

// ─── Reconciliation and submission ─────────────────────────────────────────────────────

export interface ReconciliationInput {
  consultationId: string;
  unitId: string;
  meetingOn: string;
  participants: string;
  outcome: string;
}

export async function recordReconciliation(db: DondocDb, ctx: WriteContext, actor: Actor, input: ReconciliationInput): Promise<string> {
  const [site, units, calendar] = await Promise.all([loadSiteScope(db), loadUnits(db), loadCalendarConfig(db)]);
  const today = businessDay(ctx);
  const record = reconciliationSchema.safeParse({ ...input, recordedOn: today, recordedBy: ctx.actor });
  if (!record.success) throw invalid(record.error.issues);
  if (input.meetingOn > today) throw new AppError('invalid-input', 'Ngày làm việc thống nhất không được sau hôm nay.');
  const id = newId();
  await withWrites(db, ctx, ['consultations', 'consultationReplies', 'reconciliations'], async (w) => {
    const c = await mustLoad(db, input.consultationId);
    const decision = canActAsRequester(actor, site, c, 'reconcile');
    if (!decision.allowed) throw new AppError('not-authorised', decision.reason);
    const open = openDisagreements(c, await loadReplies(db, c.id), await loadReconciliations(db, c.id), today, calendar);
    if (!open.some((o) => o.unitId === input.unitId)) throw new AppError('conflict', `${unitNamer(units)(input.unitId)} không có ý kiến không đồng ý nào đang chờ thống nhất.`);
    await w.insert('reconciliations', id, toJson(record.data), 'Thống nhất ý kiến', `${unitNamer(units)(input.unitId)}: ${c.subject}`);
  });
  return id;
}

/** "Sẵn sàng trình": refused, with the open disagreements listed, until every one is reconciled. */
export async function markReadyToSubmit(db: DondocDb, ctx: WriteContext, actor: Actor, consultationId: string): Promise<void> {
  const [site, units, calendar] = await Promise.all([loadSiteScope(db), loadUnits(db), loadCalendarConfig(db)]);
  const today = businessDay(ctx);
  await withWrites(db, ctx, ['consultations', 'consultationReplies', 'reconciliations'], async (w) => {
    const c = await mustLoad(db, consultationId);
    const decision = canActAsRequester(actor, site, c, 'markReady');
    if (!decision.allowed) throw new AppError('not-authorised', decision.reason);
    const ready = readinessOf(c, await loadReplies(db, c.id), await loadReconciliations(db, c.id), today, unitNamer(units), calendar);
    if (!ready.allowed) throw new AppError('conflict', ready.reason);
    await w.set('consultations', c.id, { readyOn: today }, 'Đánh dấu sẵn sàng trình', c.subject);
  });
}

/** Links the deemed-agreement notice (a letter) to the consultation. */
export async function attachNotice(db: DondocDb, ctx: WriteContext, actor: Actor, consultationId: string, letterId: string): Promise<void> {
  const site = await loadSiteScope(db);
  await withWrites(db, ctx, ['consultations'], async (w) => {
    const c = await mustLoad(db, consultationId);
    const decision = canActAsRequester(actor, site, c, 'sendNotice');
    if (!decision.allowed) throw new AppError('not-authorised', decision.reason);
    await w.set('consultations', c.id, { noticeLetterId: letterId }, 'Gắn thông báo được xác định là đồng ý', c.subject);
  });
}

export async function saveConsultationSettings(db: DondocDb, ctx: WriteContext, actor: Actor, settings: ConsultationSettings): Promise<void> {
  const decision = canChangeSettings(actor);
  if (!decision.allowed) throw new AppError('not-authorised', decision.reason);
  const org = await loadOrganisation(db);
  if (org && org.siteRole !== 'coordinator') throw new AppError('not-authorised', 'Quy định về lấy ý kiến dùng chung cho cả cơ quan, do Văn phòng điều phối thiết lập.');
  const parsed = consultationSettingsSchema.safeParse(settings);
  if (!parsed.success) throw invalid(parsed.error.issues);
  await withWrites(db, ctx, ['settings'], (w) => w.set('settings', CONSULTATION_SETTINGS_ID, toJson(parsed.data), 'Cập nhật quy định lấy ý kiến', `Thời hạn mặc định ${parsed.data.defaultReplyDays} ngày làm việc`));
}

// ─── Requests upward ───────────────────────────────────────────────────────────────────

/** A consultation or a request may name the task it serves; the task must exist here. */
async function requireLinkedTask(db: DondocDb, taskId: string | null): Promise<void> {
  if (!taskId) return;
  const row = await db.tasks.get(taskId);
  if (!row || row._deleted === 1) throw new AppError('invalid-input', 'Nhiệm vụ liên quan: không có trong danh sách nhiệm vụ của máy này.');
}

export async function createUpwardRequest(db: DondocDb, ctx: WriteContext, actor: Actor, draft: UpwardDraft): Promise<string> {
  const parsed = upwardDraftSchema.safeParse(draft);
  if (!parsed.success) throw invalid(parsed.error.issues);
  await requireLinkedTask(db, parsed.data.taskId);
  const [site, calendar] = await Promise.all([loadSiteScope(db), loadCalendarConfig(db)]);
  const decision = canSubmitUpward(actor, site, parsed.data.fromUnitId);
  if (!decision.allowed) throw new AppError('not-authorised', decision.reason);
  const record = upwardRequestRecordSchema.safeParse({ ...parsed.data, dueOn: resolveDeadline(parsed.data.deadline, calendar) });
  if (!record.success) throw invalid(record.error.issues);
  const id = newId();
  await withWrites(db, ctx, ['upwardRequests'], (w) => w.set('upwardRequests', id, toJson(record.data), 'Trình cấp trên', parsed.data.subject));
  return id;
}

export async function answerUpwardRequest(
  db: DondocDb,
  ctx: WriteContext,
  actor: Actor,
  input: { requestId: string; kind: UpwardAnswerKind; content: string; answerRef: string },
): Promise<{ late: boolean }> {
  const [site, calendar] = await Promise.all([loadSiteScope(db), loadCalendarConfig(db)]);
  const today = businessDay(ctx);
  const record = upwardAnswerSchema.safeParse({ ...input, answeredOn: today, recordedBy: ctx.actor });
  if (!record.success) throw invalid(record.error.issues);
  const id = newId();
  return withWrites(db, ctx, ['upwardRequests', 'upwardAnswers'], async (w) => {
    const r = await loadUpwardRequest(db, input.requestId);
    if (!r) throw new AppError('not-found', 'Không tìm thấy đề nghị.');
    const decision = canAnswerUpward(actor, site, r);
    if (!decision.allowed) throw new AppError('not-authorised', decision.reason);
    const status = upwardStatusOf(r, await loadUpwardAnswers(db, r.id), today, calendar);
    if (status.kind !== 'pending') throw new AppError('conflict', `Đề nghị đã được trả lời ngày ${formatDateVi(status.answer.answeredOn)}.`);
    const late = today > workingDayOnOrAfter(r.dueOn, calendar);
    await w.insert('upwardAnswers', id, toJson(record.data), input.kind === 'returned' ? 'Trả lại đề nghị (thuộc thẩm quyền của đơn vị)' : 'Trả lời đề nghị', r.subject);
    return { late };
  });
}

/** For tests and the detail screen: the raw letters row of a notice, if any. */
export async function noticeStatus(db: DondocDb, letterId: string | null): Promise<{ status: string; number: number | null } | null> {
  if (!letterId) return null;
  const row = await db.letters.get(letterId);
  if (!row) return null;
  const [l] = visible<{ status: string; number: number | null }>([row]);
  return l ? { status: l.status, number: l.number } : null;
}

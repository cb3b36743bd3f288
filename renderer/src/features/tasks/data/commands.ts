/**
 * Task writes. Each command validates with the shared zod schemas, folds the task's current
 * state and checks canPerform INSIDE the transaction (so the check sees what it writes
 * against), writes through the repository, and rebuilds the task's index row in the same
 * transaction. Refusals are AppError('not-authorised', <Vietnamese reason>).
 */
import { AppError } from '@shared/errors';
import { newId } from '@shared/data/ids';
import type { JsonValue } from '@shared/data/ops';
import { canChangeSettings, type Actor, type SiteScope } from '@shared/authority';
import { resolveDeadline, todayInVietnam, type CalendarConfig } from '@shared/calendar';
import {
  directiveInputSchema,
  taskDraftSchema,
  taskEventSchema,
  taskRecordSchema,
  taskStepInputSchema,
  taskUpdateSchema,
  taskFieldLabels,
  type AttachmentRef,
  type DirectiveInput,
  type Task,
  type TaskDraft,
  type TaskEventRecord,
  type TaskStepInput,
  type TaskUpdate,
} from '@shared/tasks/model';
import { foldTask, TASK_SETTINGS_ID, taskSettingsSchema, type TaskSettings, type TaskState } from '@shared/tasks/state';
import { canPerform, canPerformOnBehalf, type TaskAction } from '@shared/tasks/authority';
import type { OnBehalfDocument } from '@shared/acting';
import { loadOnBehalfContext, onBehalfRecordFor, sourceOf } from '../../acting/onBehalf';
import type { DondocDb, EntityTable } from '../../../data/db';
import { withWrites, type WriteContext, type Writer } from '../../../data/repository';
import { logOf, rowStore, storeTables } from '../../../data/taskLogs';
import { loadOrganisation } from '../../registries/queries';
import { loadCalendarConfig } from '../../calendar/config';
import { reindexTasks, rowToEvent, rowToTask } from './taskIndex';
import { assignsWork } from '@shared/roles';

/** The logged-in account as the task rules see it. */
export interface TaskActor extends Actor {
  /** The official the account belongs to, recorded on events (null for a bare account). */
  officialId: string | null;
}

/** Field names in refusal messages where the stored label is too short to stand alone. */
const MESSAGE_FIELD_LABELS: Record<string, string> = { ...taskFieldLabels, title: 'Tên nhiệm vụ', content: 'Nội dung' };

/**
 * One line per problem, each naming its field ("Tên nhiệm vụ: tối đa 500 ký tự."), never glued
 * with ".;". A message that already names its subject is kept as it is.
 */
export function issueLines(issues: readonly { message: string; path?: readonly PropertyKey[] }[]): string {
  return issues
    .map((i) => {
      const key = i.path?.find((p): p is string => typeof p === 'string');
      const label = key ? MESSAGE_FIELD_LABELS[key] : undefined;
      if (!label || !/^(Tối (đa|thiểu)|Ngày không hợp lệ)/.test(i.message)) return i.message;
      return `${label}: ${i.message.charAt(0).toLowerCase()}${i.message.slice(1)}`;
    })
    .join('\n');
}

function invalid(issues: readonly { message: string; path?: readonly PropertyKey[] }[]): AppError {
  return new AppError('invalid-input', issueLines(issues));
}

function toJson<T extends object>(value: T): Record<string, JsonValue> {
  return JSON.parse(JSON.stringify(value)) as Record<string, JsonValue>;
}

function today(ctx: WriteContext): string {
  return todayInVietnam(ctx.now ? ctx.now() : new Date());
}

async function siteScope(db: DondocDb): Promise<SiteScope> {
  const org = await loadOrganisation(db);
  if (!org) throw new AppError('invalid-input', 'Chưa thiết lập thông tin cơ quan.');
  return { siteRole: org.siteRole, actsForUnitIds: org.actsForUnitIds };
}

const TASK_READ_TABLES = ['tasks', 'taskEvents', 'directives'] as const;

/**
 * One transaction over the written tables, the task tables the index reads and taskIndex:
 * fn's writes, then the affected tasks' index rows, commit or roll back together.
 */
async function taskTransaction<P, T>(
  db: DondocDb,
  ctx: WriteContext,
  tables: EntityTable[],
  affected: (result: T) => string[],
  before: () => Promise<P>,
  fn: (w: Writer, prepared: P) => Promise<T>,
): Promise<T> {
  const names = [...new Set<string>([...tables, ...TASK_READ_TABLES, 'units'])];
  return db.transaction('rw', [...storeTables(db, names), db.taskIndex, db.opSegments, db.audit, db.meta], async () => {
    // Reads and checks run in the outer scope: withWrites' own scope covers only the written tables.
    const prepared = await before();
    const result = await withWrites(db, ctx, tables, (w) => fn(w, prepared));
    await reindexTasks(db, affected(result));
    return result;
  });
}

/** The task and its folded state, read inside the caller's transaction. */
export async function loadTaskState(db: DondocDb, taskId: string): Promise<{ task: Task; state: TaskState }> {
  const row = await db.tasks.get(taskId);
  if (!row || row._deleted === 1) throw new AppError('not-found', 'Không tìm thấy nhiệm vụ.');
  const task = rowToTask(row);
  const events = (await logOf(db, taskId)).events.filter((r) => r._deleted !== 1).map(rowToEvent);
  return { task, state: foldTask(task, events, undefined, row._v) };
}

function authorise(actor: TaskActor, site: SiteScope, action: TaskAction, state: Parameters<typeof canPerform>[3], options?: { unitId?: string }): void {
  const d = canPerform(actor, site, action, state, options);
  if (!d.allowed) throw new AppError('not-authorised', d.reason);
}

async function requireUnits(db: DondocDb, ids: readonly string[]): Promise<void> {
  const unique = [...new Set(ids)];
  const rows = await db.units.bulkGet(unique);
  const missing = unique.filter((_, i) => !rows[i] || rows[i]!._deleted === 1);
  if (missing.length) throw new AppError('invalid-input', 'Đơn vị được chọn không có trong danh mục đơn vị.');
}

// ─── Directives ────────────────────────────────────────────────────────────────────────

/** Registers (or, with id, edits) a directive. Administrators/clerks and leaders only. */
export async function registerDirective(db: DondocDb, ctx: WriteContext, actor: TaskActor, input: DirectiveInput, id: string | null = null): Promise<string> {
  const parsed = directiveInputSchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error.issues);
  if (!assignsWork(actor.role)) throw new AppError('not-authorised', 'Chỉ văn thư, quản trị viên hoặc lãnh đạo được vào sổ văn bản chỉ đạo.');
  const rowId = id ?? newId();
  await taskTransaction(
    db,
    ctx,
    ['directives'],
    () => [],
    async () => {
      if (id && !(await db.directives.get(id))) throw new AppError('not-found', 'Không tìm thấy văn bản chỉ đạo.');
    },
    async (w) => {
      await w.set('directives', rowId, toJson(parsed.data), id ? 'Sửa văn bản chỉ đạo' : 'Vào sổ văn bản chỉ đạo', parsed.data.subject.slice(0, 200));
    },
  );
  if (id) {
    // The directive reference is part of each task's index row.
    const taskIds = (await db.tasks.where('directiveId').equals(id).primaryKeys()) as string[];
    await reindexTasks(db, taskIds);
  }
  return rowId;
}

// ─── Tasks: definition (assigning authority) ─────────────────────────────────────────────

/** Creates one or many tasks (typically from one directive) in one transaction; returns their ids in order. */
export async function createTasks(db: DondocDb, ctx: WriteContext, actor: TaskActor, drafts: readonly TaskDraft[]): Promise<string[]> {
  if (drafts.length === 0) throw new AppError('invalid-input', 'Chưa có nhiệm vụ nào để giao.');
  const site = await siteScope(db);
  const calendar = await loadCalendarConfig(db);
  const records = drafts.map((draft, i) => {
    const d = taskDraftSchema.safeParse(draft);
    if (!d.success) throw new AppError('invalid-input', issueLines(d.error.issues).split('\n').map((line) => (drafts.length > 1 ? `Nhiệm vụ ${i + 1} – ${line}` : line)).join('\n'));
    const record = { ...d.data, dueOn: d.data.deadline ? resolveDeadline(d.data.deadline, calendar) : null };
    const r = taskRecordSchema.safeParse(record);
    if (!r.success) throw invalid(r.error.issues);
    authorise(actor, site, 'create', { assignerUnitId: r.data.assignerUnitId, leadUnitId: r.data.leadUnitId, supportUnitIds: r.data.supportUnitIds, status: 'active', pendingExtension: null });
    return r.data;
  });
  await requireUnits(db, records.flatMap((r) => [r.assignerUnitId, r.leadUnitId, ...r.supportUnitIds]));
  const ids = records.map(() => newId());
  return taskTransaction(
    db,
    ctx,
    ['tasks'],
    (r) => r,
    async () => {
      for (const dId of new Set(records.map((r) => r.directiveId).filter((x): x is string => x !== null))) {
        const dir = await db.directives.get(dId);
        if (!dir || dir._deleted === 1) throw new AppError('invalid-input', 'Văn bản chỉ đạo không tồn tại.');
      }
    },
    async (w) => {
      for (let i = 0; i < records.length; i++) await w.set('tasks', ids[i], toJson(records[i]), 'Giao nhiệm vụ', records[i].title.slice(0, 200));
      return ids;
    },
  );
}

/** Changes definitional fields; the deadline rule is re-resolved. The lead unit changes only through reassignTask. */
export async function updateTask(db: DondocDb, ctx: WriteContext, actor: TaskActor, taskId: string, patch: TaskUpdate): Promise<void> {
  const parsed = taskUpdateSchema.safeParse(patch);
  if (!parsed.success) throw invalid(parsed.error.issues);
  if ('leadUnitId' in (patch as Record<string, unknown>)) throw new AppError('invalid-input', 'Đổi đơn vị chủ trì bằng chức năng "Điều chỉnh đơn vị chủ trì" (có ghi lý do).');
  const site = await siteScope(db);
  const calendar = await loadCalendarConfig(db);
  if (parsed.data.supportUnitIds) await requireUnits(db, parsed.data.supportUnitIds);
  await taskTransaction(
    db,
    ctx,
    ['tasks'],
    () => [taskId],
    () => loadTaskState(db, taskId),
    async (w, { task, state }) => {
      authorise(actor, site, 'update', state);
      const values: Record<string, unknown> = { ...parsed.data };
      if (parsed.data.deadline !== undefined) values.dueOn = parsed.data.deadline ? resolveDeadline(parsed.data.deadline, calendar) : null;
      const merged = taskRecordSchema.safeParse({ ...task, ...values, id: undefined });
      if (!merged.success) throw invalid(merged.error.issues);
      if (parsed.data.supportUnitIds?.includes(state.leadUnitId)) throw new AppError('invalid-input', 'Đơn vị chủ trì không đồng thời là đơn vị phối hợp.');
      await w.set('tasks', taskId, toJson(values), 'Sửa nhiệm vụ', merged.data.title.slice(0, 200));
    },
  );
}

// ─── Steps ─────────────────────────────────────────────────────────────────────────────

export type StepInput = Omit<TaskStepInput, 'done' | 'order'> & { done?: boolean; order?: number };

export async function addStep(db: DondocDb, ctx: WriteContext, actor: TaskActor, input: StepInput): Promise<string> {
  const site = await siteScope(db);
  const id = newId();
  await taskTransaction(
    db,
    ctx,
    ['taskSteps'],
    () => [input.taskId],
    async () => ({ ...(await loadTaskState(db, input.taskId)), count: (await logOf(db, input.taskId)).steps.length }),
    async (w, { state, count }) => {
      authorise(actor, site, 'manageSteps', state);
      const order = input.order ?? count;
      const parsed = taskStepInputSchema.safeParse({ done: false, ...input, order });
      if (!parsed.success) throw invalid(parsed.error.issues);
      await w.set('taskSteps', id, toJson(parsed.data), 'Thêm bước thực hiện', parsed.data.title.slice(0, 200));
    },
  );
  return id;
}

export async function updateStep(db: DondocDb, ctx: WriteContext, actor: TaskActor, stepId: string, patch: Partial<Omit<TaskStepInput, 'taskId'>> & { deleted?: boolean }): Promise<void> {
  const site = await siteScope(db);
  const row = await rowStore(db, 'taskSteps').get(stepId);
  if (!row || row._deleted === 1) throw new AppError('not-found', 'Không tìm thấy bước thực hiện.');
  const taskId = String(row.taskId);
  await taskTransaction(
    db,
    ctx,
    ['taskSteps'],
    () => [taskId],
    () => loadTaskState(db, taskId),
    async (w, { state }) => {
      authorise(actor, site, 'manageSteps', state);
      const { deleted, ...fields } = patch;
      const current = rowToTask(row) as unknown as TaskStepInput;
      const parsed = taskStepInputSchema.safeParse({ ...current, ...fields, taskId });
      if (!parsed.success) throw invalid(parsed.error.issues);
      const values: Record<string, JsonValue> = toJson(fields);
      if (deleted) values._deleted = 1;
      await w.set('taskSteps', stepId, values, deleted ? 'Bỏ bước thực hiện' : 'Cập nhật bước thực hiện', parsed.data.title.slice(0, 200));
    },
  );
}

// ─── Events ────────────────────────────────────────────────────────────────────────────

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type EventBody = DistributiveOmit<TaskEventRecord, 'taskId' | 'on' | 'actorOfficialId' | 'actorAccount'>;

/**
 * Validates and appends one event after the authority and status checks; returns its id.
 * With `options.onBehalf` the coordinating office's clerk records a report the unit sent on
 * paper (shared/acting.ts): allowed only by canPerformOnBehalf, and stored with the clerk's
 * name and the paper document.
 */
async function appendEvent(
  db: DondocDb,
  ctx: WriteContext,
  actor: TaskActor,
  taskId: string,
  action: TaskAction,
  build: (state: TaskState, task: Task, on: string) => EventBody,
  auditAction: string,
  options?: { unitId?: string; onBehalf?: OnBehalfDocument },
): Promise<string> {
  const site = await siteScope(db);
  const id = newId();
  const on = today(ctx);
  const onBehalf = options?.onBehalf ? { record: onBehalfRecordFor(ctx, actor, options.onBehalf, on), context: await loadOnBehalfContext(db) } : null;
  await taskTransaction(
    db,
    ctx,
    ['taskEvents'],
    () => [taskId],
    () => loadTaskState(db, taskId),
    async (w, { task, state }) => {
      if (onBehalf) {
        const d = canPerformOnBehalf(actor, site, action, state, sourceOf(onBehalf.record), onBehalf.context, options);
        if (!d.allowed) throw new AppError('not-authorised', d.reason);
      } else authorise(actor, site, action, state, options);
      const body = { ...build(state, task, on), ...(onBehalf ? { onBehalf: onBehalf.record } : {}) };
      const event = taskEventSchema.safeParse({ ...body, taskId, on, actorOfficialId: actor.officialId, actorAccount: ctx.actor });
      if (!event.success) throw invalid(event.error.issues);
      await w.insert('taskEvents', id, toJson(event.data), onBehalf ? `${auditAction} (nhập thay)` : auditAction, task.title.slice(0, 200));
    },
  );
  return id;
}

/** `onBehalf`: the paper document, when the coordinating office's clerk records it for the unit (nhập thay). */
export async function reportProgress(
  db: DondocDb,
  ctx: WriteContext,
  actor: TaskActor,
  taskId: string,
  input: { percent: number; text: string; attachments?: AttachmentRef[]; onBehalf?: OnBehalfDocument },
): Promise<string> {
  return appendEvent(db, ctx, actor, taskId, 'reportProgress', () => ({ type: 'progress', percent: input.percent, text: input.text, attachments: input.attachments ?? [] }), 'Báo cáo tiến độ', {
    onBehalf: input.onBehalf,
  });
}

export async function addContribution(
  db: DondocDb,
  ctx: WriteContext,
  actor: TaskActor,
  taskId: string,
  input: { unitId: string; text: string; attachments?: AttachmentRef[]; onBehalf?: OnBehalfDocument },
): Promise<string> {
  return appendEvent(
    db,
    ctx,
    actor,
    taskId,
    'contribute',
    () => ({ type: 'contribution', unitId: input.unitId, text: input.text, attachments: input.attachments ?? [] }),
    'Gửi ý kiến phối hợp',
    { unitId: input.unitId, onBehalf: input.onBehalf },
  );
}

export async function requestExtension(db: DondocDb, ctx: WriteContext, actor: TaskActor, taskId: string, input: { reason: string; proposedDueOn: string }): Promise<string> {
  return appendEvent(
    db,
    ctx,
    actor,
    taskId,
    'requestExtension',
    (state) => {
      if (state.effectiveDueOn === null) throw new AppError('invalid-input', 'Nhiệm vụ không có thời hạn nên không cần gia hạn.');
      if (input.proposedDueOn <= state.effectiveDueOn) throw new AppError('invalid-input', 'Thời hạn đề nghị phải sau thời hạn hiện tại.');
      return { type: 'extensionRequest', reason: input.reason, proposedDueOn: input.proposedDueOn };
    },
    'Đề nghị gia hạn',
  );
}

/**
 * The leader who decided and, optionally, the decision document (số, ngày). The leader is an
 * official of the registry; when the form names none and the acting account is a leader's,
 * that leader is recorded (a clerk typing a decision is never recorded as its maker).
 */
export interface DecisionInput {
  decidedByOfficialId?: string | null;
  decisionNumber?: string;
  decisionDate?: string | null;
}

async function decisionOf(db: DondocDb, actor: TaskActor, input: DecisionInput, on: string): Promise<{ decidedByOfficialId: string | null; decisionNumber: string; decisionDate: string | null }> {
  const decidedByOfficialId = input.decidedByOfficialId ?? (actor.role === 'leader' ? actor.officialId : null);
  if (decidedByOfficialId) {
    const row = await db.officials.get(decidedByOfficialId);
    if (!row || row._deleted === 1) throw new AppError('invalid-input', 'Lãnh đạo quyết định: cán bộ được chọn không có trong danh mục cán bộ.');
  }
  const decisionNumber = input.decisionNumber?.trim() ?? '';
  const decisionDate = input.decisionDate ?? null;
  if (decisionDate && decisionDate > on) throw new AppError('invalid-input', 'Ngày văn bản quyết định: không được sau ngày hôm nay.');
  if (decisionNumber && !decisionDate) throw new AppError('invalid-input', 'Ngày văn bản quyết định: nhập ngày của văn bản số ' + decisionNumber + '.');
  return { decidedByOfficialId, decisionNumber, decisionDate };
}

/** Decides the pending extension request; accepting without a date grants the proposed one. */
export async function decideExtension(db: DondocDb, ctx: WriteContext, actor: TaskActor, taskId: string, input: { accepted: boolean; newDueOn?: string | null; note?: string } & DecisionInput): Promise<string> {
  const decision = await decisionOf(db, actor, input, today(ctx));
  return appendEvent(
    db,
    ctx,
    actor,
    taskId,
    'decideExtension',
    (state, task) => {
      const pending = state.pendingExtension!;
      const newDueOn = input.accepted ? (input.newDueOn ?? pending.proposedDueOn) : null;
      if (newDueOn !== null && newDueOn < task.assignedOn) throw new AppError('invalid-input', 'Thời hạn mới không được trước ngày giao nhiệm vụ.');
      if (!input.accepted && !input.note?.trim()) throw new AppError('invalid-input', 'Nêu lý do không đồng ý gia hạn.');
      return { type: 'extensionDecision', requestId: pending.requestId, accepted: input.accepted, newDueOn, note: input.note?.trim() ?? '', ...decision };
    },
    input.accepted ? 'Đồng ý gia hạn' : 'Không đồng ý gia hạn',
  );
}

/** What the lead unit reports when it has finished: the result and the product delivered ("5 rõ"). */
export interface CompletionReportInput {
  resultText: string;
  reportNumber?: string;
  completedOn: string;
  attachments?: AttachmentRef[];
  /** What the product is ("Báo cáo kết quả", "Quyết định ban hành quy chế"). */
  product?: string;
  productNumber?: string;
  productDate?: string | null;
  /** The paper document, when the coordinating office's clerk records the report for the lead unit (nhập thay). */
  onBehalf?: OnBehalfDocument;
}

/**
 * The lead unit reports completion: the task waits for the assigning authority to accept it
 * ("Chờ xác nhận hoàn thành"). The product must be identified by its document number and date
 * or by an attached file.
 */
export async function completeTask(db: DondocDb, ctx: WriteContext, actor: TaskActor, taskId: string, input: CompletionReportInput): Promise<string> {
  return appendEvent(
    db,
    ctx,
    actor,
    taskId,
    'complete',
    (_state, task, on) => {
      const problems: string[] = [];
      if (input.completedOn > on) problems.push('Ngày hoàn thành: không được sau ngày hôm nay.');
      if (input.completedOn < task.assignedOn) problems.push('Ngày hoàn thành: không được trước ngày giao nhiệm vụ.');
      const productNumber = input.productNumber?.trim() ?? '';
      const productDate = input.productDate ?? null;
      const attachments = input.attachments ?? [];
      if (productDate && productDate > on) problems.push('Ngày văn bản sản phẩm: không được sau ngày hôm nay.');
      if (productNumber && !productDate) problems.push('Ngày văn bản sản phẩm: nhập ngày của văn bản số ' + productNumber + '.');
      if (!productNumber && productDate) problems.push('Số văn bản sản phẩm: nhập số của văn bản ngày ' + productDate.split('-').reverse().join('/') + '.');
      if (!productNumber && !productDate && attachments.length === 0) problems.push('Sản phẩm: ghi số và ngày văn bản sản phẩm hoặc đính kèm tệp sản phẩm.');
      if (problems.length) throw new AppError('invalid-input', problems.join('\n'));
      return {
        type: 'completion',
        resultText: input.resultText,
        reportNumber: input.reportNumber ?? '',
        completedOn: input.completedOn,
        attachments,
        product: input.product?.trim() ?? '',
        productNumber,
        productDate,
        awaitsAcceptance: true,
      };
    },
    'Báo cáo hoàn thành',
    { onBehalf: input.onBehalf },
  );
}

/** The assigning authority accepts the pending completion report: the task is done as of the reported date. */
export async function acceptCompletion(db: DondocDb, ctx: WriteContext, actor: TaskActor, taskId: string, input: { note?: string } & DecisionInput = {}): Promise<string> {
  const decision = await decisionOf(db, actor, input, today(ctx));
  return appendEvent(
    db,
    ctx,
    actor,
    taskId,
    'acceptCompletion',
    (state) => ({ type: 'completionAcceptance', reportId: state.pendingCompletion!.reportId, note: input.note?.trim() ?? '', ...decision }),
    'Xác nhận hoàn thành',
  );
}

/** The assigning authority returns the pending completion report with a reason ("Trả lại, yêu cầu bổ sung"): the task is open again. */
export async function returnCompletion(db: DondocDb, ctx: WriteContext, actor: TaskActor, taskId: string, input: { reason: string } & DecisionInput): Promise<string> {
  const decision = await decisionOf(db, actor, input, today(ctx));
  return appendEvent(
    db,
    ctx,
    actor,
    taskId,
    'returnCompletion',
    (state) => ({ type: 'completionReturn', reportId: state.pendingCompletion!.reportId, reason: input.reason, ...decision }),
    'Trả lại báo cáo hoàn thành',
  );
}

/** Only the assigning authority moves a task to another lead unit, with a reason (docs/rules.md §1). */
export async function reassignTask(db: DondocDb, ctx: WriteContext, actor: TaskActor, taskId: string, input: { newLeadUnitId: string; newResponsibleOfficialId: string | null; reason: string } & DecisionInput): Promise<string> {
  await requireUnits(db, [input.newLeadUnitId]);
  const decision = await decisionOf(db, actor, input, today(ctx));
  return appendEvent(
    db,
    ctx,
    actor,
    taskId,
    'reassign',
    (state) => {
      if (input.newLeadUnitId === state.leadUnitId) throw new AppError('invalid-input', 'Đơn vị mới trùng với đơn vị chủ trì hiện tại.');
      return { type: 'reassignment', newLeadUnitId: input.newLeadUnitId, newResponsibleOfficialId: input.newResponsibleOfficialId, reason: input.reason, ...decision };
    },
    'Điều chỉnh đơn vị chủ trì',
  );
}

export async function pauseTask(db: DondocDb, ctx: WriteContext, actor: TaskActor, taskId: string, input: { reason: string }): Promise<string> {
  return appendEvent(db, ctx, actor, taskId, 'pause', () => ({ type: 'pause', reason: input.reason }), 'Tạm dừng nhiệm vụ');
}
export async function resumeTask(db: DondocDb, ctx: WriteContext, actor: TaskActor, taskId: string, input: { reason?: string } = {}): Promise<string> {
  return appendEvent(db, ctx, actor, taskId, 'resume', () => ({ type: 'resume', reason: input.reason ?? '' }), 'Tiếp tục thực hiện nhiệm vụ');
}
export async function cancelTask(db: DondocDb, ctx: WriteContext, actor: TaskActor, taskId: string, input: { reason: string } & DecisionInput): Promise<string> {
  const decision = await decisionOf(db, actor, input, today(ctx));
  return appendEvent(db, ctx, actor, taskId, 'cancel', () => ({ type: 'cancel', reason: input.reason, ...decision }), 'Hủy nhiệm vụ');
}
export async function reopenTask(db: DondocDb, ctx: WriteContext, actor: TaskActor, taskId: string, input: { reason: string }): Promise<string> {
  return appendEvent(db, ctx, actor, taskId, 'reopen', () => ({ type: 'reopen', reason: input.reason }), 'Mở lại nhiệm vụ');
}

// ─── Settings ──────────────────────────────────────────────────────────────────────────

/** How on-time is judged, the due-soon window and the headline rate: the coordinator's administrators. */
export async function saveTaskSettings(db: DondocDb, ctx: WriteContext, actor: TaskActor, settings: TaskSettings): Promise<void> {
  const decision = canChangeSettings(actor);
  if (!decision.allowed) throw new AppError('not-authorised', decision.reason);
  const site = await siteScope(db);
  if (site.siteRole !== 'coordinator') throw new AppError('not-authorised', 'Cách tính tỷ lệ và thời hạn nhiệm vụ do Văn phòng điều phối quy định.');
  const parsed = taskSettingsSchema.safeParse(settings);
  if (!parsed.success) throw invalid(parsed.error.issues);
  await withWrites(db, ctx, ['settings'], (w) => w.set('settings', TASK_SETTINGS_ID, toJson(parsed.data), 'Cập nhật cài đặt theo dõi nhiệm vụ', 'Cách tính tỷ lệ và thời hạn'));
}

export type { CalendarConfig };

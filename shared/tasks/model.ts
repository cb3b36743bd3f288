/**
 * Tasks (nhiệm vụ) and the directives (văn bản chỉ đạo) that give rise to them.
 *
 * Why two shapes: the definition of a task (title, lead unit, deadline…) is a set of LWW
 * fields on the task row, written only by the assigning authority's site; everything that
 * happens afterwards (progress, extensions, completion, reassignment…) is an append-only
 * TaskEvent, so two offices recording at the same time never conflict in sync.
 */
import { z } from 'zod';
import { deadlineRuleSchema, isoDateSchema, type DeadlineRule } from '../calendar';
import { onBehalfRecordSchema } from '../acting';
import { attachmentsSchema as attachments, idSchema as id, optionalText, requiredText as text } from '../schemas';

export { attachmentRefSchema, type AttachmentRef } from '../schemas';

// ─── Directives ────────────────────────────────────────────────────────────────────────

export const directiveKinds = ['officialLetter', 'dispatch', 'decision', 'plan', 'notice', 'instruction', 'resolution', 'report', 'other'] as const;
export type DirectiveKind = (typeof directiveKinds)[number];
export const directiveKindLabels: Record<DirectiveKind, string> = {
  officialLetter: 'Công văn',
  dispatch: 'Công điện',
  decision: 'Quyết định',
  plan: 'Kế hoạch',
  notice: 'Thông báo',
  instruction: 'Chỉ thị',
  resolution: 'Nghị quyết',
  report: 'Báo cáo',
  other: 'Văn bản khác',
};

export const directiveInputSchema = z.object({
  kind: z.enum(directiveKinds, { message: 'Chọn loại văn bản.' }),
  /** Số, e.g. "1041"; may be empty for documents without a number (minutes, notes). */
  number: optionalText(20),
  /** Ký hiệu, e.g. "UBND-NC". */
  symbol: optionalText(40),
  issuedOn: isoDateSchema,
  /** Issuing body as printed ("UBND tỉnh Cao Bằng"); may be outside the unit registry. */
  issuerName: text(200, 'Nhập cơ quan ban hành.'),
  /** The issuing unit when it is in the registry. */
  issuerUnitId: id.nullable(),
  subject: text(1000, 'Nhập trích yếu văn bản.'),
  signerName: optionalText(120),
  receivedOn: isoDateSchema.nullable(),
  attachments,
});
export type DirectiveInput = z.infer<typeof directiveInputSchema>;
export interface Directive extends DirectiveInput {
  id: string;
}

/** "Số 1041/UBND-NC" style reference; "" when the document has no number. */
export function directiveReference(d: Pick<Directive, 'number' | 'symbol'>): string {
  if (!d.number && !d.symbol) return '';
  if (!d.symbol) return d.number;
  if (!d.number) return d.symbol;
  return `${d.number}/${d.symbol}`;
}

/** "Công văn số 1041/UBND-NC ngày 28/4/2023 của UBND tỉnh Cao Bằng" — for letters and lists. */
export function describeDirective(d: Pick<Directive, 'kind' | 'number' | 'symbol' | 'issuedOn' | 'issuerName'>): string {
  const ref = directiveReference(d);
  const [y, m, day] = d.issuedOn.split('-').map(Number);
  return `${directiveKindLabels[d.kind]}${ref ? ` số ${ref}` : ''} ngày ${day}/${m}/${y} của ${d.issuerName}`;
}

// ─── Tasks ─────────────────────────────────────────────────────────────────────────────

export const taskPriorities = ['normal', 'high', 'urgent'] as const;
export type TaskPriority = (typeof taskPriorities)[number];
export const taskPriorityLabels: Record<TaskPriority, string> = { normal: 'Bình thường', high: 'Quan trọng', urgent: 'Khẩn' };

/** Which level is competent to decide the matter (docs/rules.md §2: communes decide within their authority). */
export const authorityLevels = ['central', 'province', 'commune', 'unit'] as const;
export type AuthorityLevel = (typeof authorityLevels)[number];
export const authorityLevelLabels: Record<AuthorityLevel, string> = {
  central: 'Thẩm quyền Trung ương',
  province: 'Thẩm quyền cấp tỉnh',
  commune: 'Thẩm quyền cấp xã',
  unit: 'Thẩm quyền của đơn vị',
};

const taskFields = {
  title: text(500, 'Nhập tên nhiệm vụ.'),
  content: optionalText(20_000),
  directiveId: id.nullable(),
  /** The authority that assigns (UBND tỉnh / UBND xã …) — decides who may redefine the task. */
  assignerUnitId: id,
  /** The leader who assigned (Chủ tịch, Phó Chủ tịch). */
  assignerOfficialId: id.nullable(),
  /** Exactly one unit answerable for the task (cơ quan chủ trì). */
  leadUnitId: id,
  supportUnitIds: z.array(id).max(200),
  /** The named person of the lead unit (người chịu trách nhiệm). */
  responsibleOfficialId: id.nullable(),
  /** How the deadline was given; null = no deadline. */
  deadline: deadlineRuleSchema.nullable(),
  /** The resolved original due date; null exactly when deadline is null. */
  dueOn: isoDateSchema.nullable(),
  assignedOn: isoDateSchema,
  planYear: z.number().int().min(1900).max(2100).nullable(),
  priority: z.enum(taskPriorities),
  legalBasis: optionalText(2000),
  authorityLevel: z.enum(authorityLevels),
  /** The expected result or product ("5 rõ": rõ sản phẩm), e.g. "Báo cáo gửi UBND xã"; absent on tasks from earlier versions. */
  expectedProduct: optionalText(500).optional(),
};

function checkTask(t: { leadUnitId: string; supportUnitIds: string[]; deadline: DeadlineRule | null; dueOn: string | null; assignedOn: string }, ctx: z.RefinementCtx): void {
  if (t.supportUnitIds.includes(t.leadUnitId)) ctx.addIssue({ code: 'custom', message: 'Đơn vị chủ trì không đồng thời là đơn vị phối hợp.', path: ['supportUnitIds'] });
  if (new Set(t.supportUnitIds).size !== t.supportUnitIds.length) ctx.addIssue({ code: 'custom', message: 'Đơn vị phối hợp bị trùng.', path: ['supportUnitIds'] });
  if ((t.deadline === null) !== (t.dueOn === null)) ctx.addIssue({ code: 'custom', message: 'Thời hạn và hạn xử lý phải cùng có hoặc cùng không.', path: ['dueOn'] });
  if (t.dueOn !== null && t.dueOn < t.assignedOn) ctx.addIssue({ code: 'custom', message: 'Hạn xử lý không được trước ngày giao.', path: ['dueOn'] });
}

/** A task as stored (definition only; lifecycle lives in events). */
export const taskRecordSchema = z.object(taskFields).superRefine(checkTask);
export type TaskRecord = z.infer<typeof taskRecordSchema>;
export interface Task extends TaskRecord {
  id: string;
}

/** What the assigning authority enters; dueOn is resolved from the rule with the calendar. */
export const taskDraftSchema = z.object(taskFields).omit({ dueOn: true });
export type TaskDraft = z.infer<typeof taskDraftSchema>;

/** Definitional fields the assigner may change after creation; the lead unit changes only by reassignment. */
export const taskUpdateSchema = z
  .object({
    title: taskFields.title,
    content: taskFields.content,
    directiveId: taskFields.directiveId,
    assignerOfficialId: taskFields.assignerOfficialId,
    supportUnitIds: taskFields.supportUnitIds,
    responsibleOfficialId: taskFields.responsibleOfficialId,
    deadline: taskFields.deadline,
    planYear: taskFields.planYear,
    priority: taskFields.priority,
    legalBasis: taskFields.legalBasis,
    authorityLevel: taskFields.authorityLevel,
    expectedProduct: taskFields.expectedProduct,
  })
  .partial();
export type TaskUpdate = z.infer<typeof taskUpdateSchema>;

// ─── Steps ─────────────────────────────────────────────────────────────────────────────

export const taskStepInputSchema = z.object({
  taskId: id,
  title: text(300, 'Nhập tên bước.'),
  responsibleOfficialId: id.nullable(),
  dueOn: isoDateSchema.nullable(),
  done: z.boolean(),
  order: z.number().int().min(0).max(10_000),
});
export type TaskStepInput = z.infer<typeof taskStepInputSchema>;
export interface TaskStep extends TaskStepInput {
  id: string;
}

// ─── Events ────────────────────────────────────────────────────────────────────────────

const eventBase = {
  taskId: id,
  /** The date the event was recorded (business date, Vietnam time). */
  on: isoDateSchema,
  actorOfficialId: id.nullable(),
  /** "username (Họ tên)" of the local account. */
  actorAccount: z.string().max(200),
};

/**
 * The leader who decided (not only the account that typed it) and, optionally, the decision
 * document (số, ngày). Optional so events written by earlier versions stay valid.
 */
const decisionFields = {
  decidedByOfficialId: id.nullable().optional(),
  decisionNumber: optionalText(60).optional(),
  decisionDate: isoDateSchema.nullable().optional(),
};
export type DecisionRecord = { decidedByOfficialId?: string | null; decisionNumber?: string; decisionDate?: string | null };

/**
 * A unit's report received on paper and typed by the coordinating office's clerk
 * (shared/acting.ts): who typed it and the paper's number and date. Absent when the unit wrote it.
 */
const onBehalfField = { onBehalf: onBehalfRecordSchema.optional() };

export const taskEventSchema = z.discriminatedUnion('type', [
  z.object({ ...eventBase, type: z.literal('progress'), percent: z.number().int().min(0).max(100), text: text(10_000, 'Nhập nội dung báo cáo tiến độ.'), attachments, ...onBehalfField }),
  z.object({ ...eventBase, type: z.literal('contribution'), unitId: id, text: text(10_000, 'Nhập nội dung phối hợp.'), attachments, ...onBehalfField }),
  z.object({ ...eventBase, type: z.literal('extensionRequest'), reason: text(2000, 'Nêu lý do xin gia hạn.'), proposedDueOn: isoDateSchema }),
  z.object({
    ...eventBase,
    type: z.literal('extensionDecision'),
    requestId: id,
    accepted: z.boolean(),
    newDueOn: isoDateSchema.nullable(),
    note: optionalText(2000),
    ...decisionFields,
  }),
  z.object({
    ...eventBase,
    type: z.literal('completion'),
    resultText: text(10_000, 'Nhập kết quả thực hiện.'),
    reportNumber: optionalText(60),
    completedOn: isoDateSchema,
    attachments,
    /** The product delivered ("5 rõ"): what it is, and its document number and date. */
    product: optionalText(500).optional(),
    productNumber: optionalText(60).optional(),
    productDate: isoDateSchema.nullable().optional(),
    /**
     * True when the assigning authority must accept the report before the task is done
     * ("Chờ xác nhận hoàn thành"); absent on reports written by earlier versions, which took
     * effect at once.
     */
    awaitsAcceptance: z.boolean().optional(),
    ...onBehalfField,
  }),
  z.object({
    ...eventBase,
    type: z.literal('completionAcceptance'),
    /** The completion report accepted. */
    reportId: id,
    note: optionalText(2000),
    ...decisionFields,
  }),
  z.object({ ...eventBase, type: z.literal('completionReturn'), reportId: id, reason: text(2000, 'Nêu lý do trả lại, yêu cầu bổ sung.'), ...decisionFields }),
  z.object({ ...eventBase, type: z.literal('reassignment'), newLeadUnitId: id, newResponsibleOfficialId: id.nullable(), reason: text(2000, 'Nêu lý do điều chỉnh đơn vị chủ trì.'), ...decisionFields }),
  z.object({ ...eventBase, type: z.literal('pause'), reason: text(2000, 'Nêu lý do tạm dừng.') }),
  z.object({ ...eventBase, type: z.literal('resume'), reason: optionalText(2000) }),
  z.object({ ...eventBase, type: z.literal('cancel'), reason: text(2000, 'Nêu lý do hủy nhiệm vụ.'), ...decisionFields }),
  z.object({ ...eventBase, type: z.literal('reopen'), reason: text(2000, 'Nêu lý do mở lại nhiệm vụ.') }),
]);
export type TaskEventRecord = z.infer<typeof taskEventSchema>;
export type TaskEventType = TaskEventRecord['type'];
/**
 * A stored event: `order` is the version (HLC|site) the event was written with, so every
 * replica sorts events the same way whatever order they arrived in.
 */
export type TaskEvent = TaskEventRecord & { id: string; order: string };

export const taskEventTypeLabels: Record<TaskEventType, string> = {
  progress: 'Báo cáo tiến độ',
  contribution: 'Ý kiến phối hợp',
  extensionRequest: 'Đề nghị gia hạn',
  extensionDecision: 'Quyết định gia hạn',
  completion: 'Báo cáo hoàn thành',
  completionAcceptance: 'Xác nhận hoàn thành',
  completionReturn: 'Trả lại, yêu cầu bổ sung',
  reassignment: 'Điều chỉnh đơn vị chủ trì',
  pause: 'Tạm dừng',
  resume: 'Tiếp tục thực hiện',
  cancel: 'Hủy nhiệm vụ',
  reopen: 'Mở lại nhiệm vụ',
};

/** The date an event takes effect for "as of" reports: a completion counts from its completion date. */
export function effectiveDateOf(e: TaskEventRecord): string {
  return e.type === 'completion' ? e.completedOn : e.on;
}

/** Field names as the screens and refusal messages say them (history, sync reports). */
export const taskFieldLabels: Record<string, string> = {
  title: 'Tên',
  content: 'Nội dung',
  directiveId: 'Văn bản chỉ đạo',
  assignerUnitId: 'Cơ quan giao',
  assignerOfficialId: 'Lãnh đạo giao',
  leadUnitId: 'Đơn vị chủ trì',
  supportUnitIds: 'Đơn vị phối hợp',
  responsibleOfficialId: 'Người chịu trách nhiệm',
  deadline: 'Cách giao thời hạn',
  dueOn: 'Hạn xử lý',
  assignedOn: 'Ngày giao',
  planYear: 'Năm kế hoạch',
  priority: 'Mức độ',
  legalBasis: 'Căn cứ',
  authorityLevel: 'Thẩm quyền',
  expectedProduct: 'Sản phẩm',
  product: 'Sản phẩm đã có',
  productNumber: 'Số văn bản sản phẩm',
  productDate: 'Ngày văn bản sản phẩm',
  awaitsAcceptance: 'Chờ xác nhận',
  reportId: 'Báo cáo hoàn thành',
  decidedByOfficialId: 'Lãnh đạo quyết định',
  decisionNumber: 'Số văn bản quyết định',
  decisionDate: 'Ngày văn bản quyết định',
  done: 'Đã xong',
  order: 'Thứ tự',
  type: 'Loại',
  percent: 'Tiến độ (%)',
  text: 'Nội dung',
  unitId: 'Đơn vị',
  reason: 'Lý do',
  proposedDueOn: 'Thời hạn đề nghị',
  accepted: 'Đồng ý',
  newDueOn: 'Thời hạn mới',
  note: 'Ghi chú',
  resultText: 'Kết quả',
  reportNumber: 'Số báo cáo',
  completedOn: 'Ngày hoàn thành',
  newLeadUnitId: 'Đơn vị chủ trì mới',
  newResponsibleOfficialId: 'Người chịu trách nhiệm mới',
  attachments: 'Tệp đính kèm',
  on: 'Ngày ghi',
  onBehalf: 'Nhập thay',
  _deleted: 'Đã bỏ',
};

function viDate(d: string): string {
  const [y, m, day] = d.split('-');
  return `${day}/${m}/${y}`;
}

/**
 * The product a completion report delivered, as lists, letters and reports print it:
 * "Báo cáo kết quả (số 12/BC-TYT ngày 20/03/2026)", "(số 12/BC-TYT)", "Quyết định ban hành (2 tệp đính kèm)"; "" when nothing is named.
 */
export function describeProduct(e: { product?: string; productNumber?: string; productDate?: string | null; attachments?: readonly unknown[] }): string {
  const ref = [e.productNumber ? `số ${e.productNumber}` : '', e.productDate ? `ngày ${viDate(e.productDate)}` : ''].filter(Boolean).join(' ');
  const files = e.attachments && e.attachments.length > 0 && !ref ? `${e.attachments.length} tệp đính kèm` : '';
  const detail = ref || files;
  const what = e.product?.trim() ?? '';
  if (!what) return detail;
  return detail ? `${what} (${detail})` : what;
}

/**
 * The same record as a letter says it, after the decision it qualifies: "theo ý kiến quyết định
 * của Nguyễn Văn A, Chủ tịch UBND xã (văn bản số 12/QĐ-UBND ngày 20/03/2026)"; "" when nothing is
 * on record. The caller resolves the leader ("name, post").
 */
export function decisionClause(d: DecisionRecord, leader: string | null): string {
  const doc = d.decisionNumber ? `văn bản số ${d.decisionNumber}${d.decisionDate ? ` ngày ${viDate(d.decisionDate)}` : ''}` : d.decisionDate ? `văn bản ngày ${viDate(d.decisionDate)}` : '';
  if (leader) return `theo quyết định của ${leader}${doc ? ` (${doc})` : ''}`;
  return doc ? `theo ${doc}` : '';
}

/**
 * "Quyết định của Nguyễn Văn A, Chủ tịch UBND xã (Quyết định số 12/QĐ-UBND ngày 20/03/2026)" style
 * line for history and letters; the caller resolves the leader's name. "" when nothing is on record.
 */
export function describeDecision(d: DecisionRecord, leaderName: string | null): string {
  const doc = d.decisionNumber ? `văn bản số ${d.decisionNumber}${d.decisionDate ? ` ngày ${viDate(d.decisionDate)}` : ''}` : d.decisionDate ? `văn bản ngày ${viDate(d.decisionDate)}` : '';
  const who = leaderName ? `Lãnh đạo quyết định: ${leaderName}` : '';
  if (who && doc) return `${who} (${doc})`;
  return who || (doc ? `Theo ${doc}` : '');
}

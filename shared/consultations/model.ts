/**
 * Consultations (lấy ý kiến) and requests upward (đề nghị, trình cấp trên) — docs/rules.md §1, §2, §5.
 *
 * Shapes follow who may write what (ARCHITECTURE.md, "Authority"):
 * - the request (subject, dossier, consulted units, deadline…) is a set of LWW fields written
 *   only by the requesting unit;
 * - each unit's reply, each reconciliation and each answer from the authority is an
 *   append-only record (insert), so offices recording at the same time never conflict in sync.
 */
import { z } from 'zod';
import { deadlineRuleSchema, isoDateSchema } from '../calendar';
import { onBehalfRecordSchema } from '../acting';
import { attachmentsSchema as attachments, idSchema as id, optionalText, requiredText as text } from '../schemas';

export { attachmentRefSchema, type AttachmentRef } from '../schemas';

// ─── Settings ──────────────────────────────────────────────────────────────────────────

export const CONSULTATION_SETTINGS_ID = 'consultations';

/** Per-organisation rules, citing its own working regulation (ARCHITECTURE.md). */
export const consultationSettingsSchema = z.object({
  /** Default reply time when the request names none (15 working days is common; some sectors 5). */
  defaultReplyDays: z.number().int().min(1, 'Thời hạn ít nhất 1 ngày làm việc.').max(60, 'Thời hạn tối đa 60 ngày làm việc.'),
  /** The rule cited in notices, e.g. "Quy chế làm việc của Ủy ban nhân dân xã"; "" to cite none. */
  basisRef: optionalText(300),
  /** Above this many consulted units the form warns (docs/rules.md §1: consult only the units concerned). */
  maxConsultedUnits: z.number().int().min(1).max(200),
  /** A substantive reply has at least this many letters besides stock phrases. */
  minSubstantiveChars: z.number().int().min(10).max(500),
  /** Default time for the authority to answer a request from a unit, in working days. */
  defaultUpwardDays: z.number().int().min(1).max(60),
});
export type ConsultationSettings = z.infer<typeof consultationSettingsSchema>;

export const DEFAULT_CONSULTATION_SETTINGS: ConsultationSettings = {
  defaultReplyDays: 15,
  basisRef: '',
  maxConsultedUnits: 8,
  minSubstantiveChars: 30,
  defaultUpwardDays: 15,
};

// ─── Consultation (the request) ────────────────────────────────────────────────────────

export const dossierKinds = ['hoSo', 'deAn', 'duAn', 'duThao'] as const;
export type DossierKind = (typeof dossierKinds)[number];
export const dossierKindLabels: Record<DossierKind, string> = {
  hoSo: 'Hồ sơ',
  deAn: 'Đề án',
  duAn: 'Dự án',
  duThao: 'Dự thảo văn bản',
};

const consultationFields = {
  /** Trích yếu of the request, e.g. "Lấy ý kiến dự thảo Kế hoạch phát triển du lịch năm 2027". */
  subject: text(500, 'Nhập trích yếu.'),
  dossierKind: z.enum(dossierKinds, { message: 'Chọn loại hồ sơ.' }),
  /** As worded in letters: "dự thảo Kế hoạch phát triển du lịch năm 2027". */
  dossierTitle: text(500, 'Nhập tên hồ sơ, đề án, dự án.'),
  /** Lĩnh vực of the dossier, matched against the units' fields; null when not stated. */
  field: z.string().trim().min(1).max(100).nullable(),
  /** Summary of what is asked, the points opinions are wanted on. */
  content: optionalText(20_000),
  attachments,
  requesterUnitId: id,
  consultedUnitIds: z.array(id).min(1, 'Chọn ít nhất một đơn vị được lấy ý kiến.').max(200),
  legalBasis: text(2000, 'Nêu căn cứ pháp lý của việc lấy ý kiến.'),
  /** The request letter as cited in the notice, e.g. "Công văn số 15/UBND-VP ngày 20/4/2026"; "" if none. */
  requestRef: optionalText(300),
  requestedOn: isoDateSchema,
  deadline: deadlineRuleSchema,
  /** The resolved due date (a working day). */
  dueOn: isoDateSchema,
  taskId: id.nullable(),
};

function checkConsultation(c: { requesterUnitId: string; consultedUnitIds: string[]; dueOn: string; requestedOn: string }, ctx: z.RefinementCtx): void {
  if (c.consultedUnitIds.includes(c.requesterUnitId)) ctx.addIssue({ code: 'custom', message: 'Đơn vị lấy ý kiến không tự lấy ý kiến của chính mình.', path: ['consultedUnitIds'] });
  if (new Set(c.consultedUnitIds).size !== c.consultedUnitIds.length) ctx.addIssue({ code: 'custom', message: 'Đơn vị được lấy ý kiến bị trùng.', path: ['consultedUnitIds'] });
  if (c.dueOn <= c.requestedOn) ctx.addIssue({ code: 'custom', message: 'Hạn trả lời phải sau ngày lấy ý kiến.', path: ['dueOn'] });
}

export const consultationRecordSchema = z.object({
  ...consultationFields,
  /** The deemed-agreement notice (letters table), once drafted. */
  noticeLetterId: id.nullable(),
  /** The day the dossier was marked ready to submit (sẵn sàng trình); null until then. */
  readyOn: isoDateSchema.nullable(),
}).superRefine(checkConsultation);
export type ConsultationRecord = z.infer<typeof consultationRecordSchema>;
export interface Consultation extends ConsultationRecord {
  id: string;
}

/** What the requester enters; dueOn is resolved from the rule with the calendar. */
export const consultationDraftSchema = z.object(consultationFields).omit({ dueOn: true });
export type ConsultationDraft = z.infer<typeof consultationDraftSchema>;

// ─── Replies ───────────────────────────────────────────────────────────────────────────

export const replyPositions = ['agree', 'agreeWithComments', 'disagree'] as const;
export type ReplyPosition = (typeof replyPositions)[number];
export const replyPositionLabels: Record<ReplyPosition, string> = {
  agree: 'Đồng ý',
  agreeWithComments: 'Đồng ý có ý kiến',
  disagree: 'Không đồng ý',
};

export const consultationReplySchema = z.object({
  consultationId: id,
  unitId: id,
  position: z.enum(replyPositions, { message: 'Chọn chính kiến: đồng ý, đồng ý có ý kiến hoặc không đồng ý.' }),
  content: optionalText(20_000),
  /** The business date the reply was recorded (Vietnam time); later than the deadline = late. */
  repliedOn: isoDateSchema,
  /** The reply letter, e.g. "Công văn số 07/PKT ngày 05/5/2026"; "" if none. */
  replyRef: optionalText(300),
  signerOfficialId: id.nullable(),
  /** "username (Họ tên)" of the account that recorded it. */
  recordedBy: z.string().max(200),
  attachments,
  /** A reply received on paper and typed by the coordinating office's clerk (shared/acting.ts); absent when the unit wrote it. */
  onBehalf: onBehalfRecordSchema.optional(),
});
export type ConsultationReplyRecord = z.infer<typeof consultationReplySchema>;
export interface ConsultationReply extends ConsultationReplyRecord {
  id: string;
}

// ─── Reconciliations (thống nhất ý kiến) ───────────────────────────────────────────────

export const reconciliationSchema = z.object({
  consultationId: id,
  /** The disagreeing unit whose objection this settles. */
  unitId: id,
  meetingOn: isoDateSchema,
  participants: text(2000, 'Nêu thành phần tham dự.'),
  outcome: text(10_000, 'Nêu kết quả thống nhất.'),
  recordedOn: isoDateSchema,
  recordedBy: z.string().max(200),
});
export type ReconciliationRecord = z.infer<typeof reconciliationSchema>;
export interface Reconciliation extends ReconciliationRecord {
  id: string;
}

// ─── Requests upward ───────────────────────────────────────────────────────────────────

export const upwardAddressees = ['authority', 'chair'] as const;
export type UpwardAddressee = (typeof upwardAddressees)[number];
export const upwardAddresseeLabels: Record<UpwardAddressee, string> = {
  authority: 'Ủy ban nhân dân',
  chair: 'Chủ tịch Ủy ban nhân dân',
};

const upwardFields = {
  subject: text(500, 'Nhập trích yếu.'),
  content: text(20_000, 'Nêu nội dung đề nghị.'),
  fromUnitId: id,
  /** The authority (UBND) the matter is submitted to. */
  toUnitId: id,
  addressee: z.enum(upwardAddressees),
  /** Why the matter exceeds the unit's own authority, with the legal basis (docs/rules.md §2). */
  beyondAuthorityReason: text(4000, 'Nêu lý do vấn đề vượt thẩm quyền của đơn vị và căn cứ pháp lý.'),
  attachments,
  requestedOn: isoDateSchema,
  deadline: deadlineRuleSchema,
  dueOn: isoDateSchema,
  taskId: id.nullable(),
};

export const upwardRequestRecordSchema = z.object(upwardFields).superRefine((r, ctx) => {
  if (r.fromUnitId === r.toUnitId) ctx.addIssue({ code: 'custom', message: 'Đơn vị không trình vấn đề lên chính mình.', path: ['toUnitId'] });
  if (r.dueOn <= r.requestedOn) ctx.addIssue({ code: 'custom', message: 'Hạn trả lời phải sau ngày trình.', path: ['dueOn'] });
});
export type UpwardRequestRecord = z.infer<typeof upwardRequestRecordSchema>;
export interface UpwardRequest extends UpwardRequestRecord {
  id: string;
}
export const upwardDraftSchema = z.object(upwardFields).omit({ dueOn: true });
export type UpwardDraft = z.infer<typeof upwardDraftSchema>;

export const upwardAnswerKinds = ['decision', 'returned'] as const;
export type UpwardAnswerKind = (typeof upwardAnswerKinds)[number];
export const upwardAnswerKindLabels: Record<UpwardAnswerKind, string> = {
  decision: 'Có ý kiến quyết định',
  returned: 'Trả lại: thuộc thẩm quyền của đơn vị',
};

export const upwardAnswerSchema = z.object({
  requestId: id,
  kind: z.enum(upwardAnswerKinds),
  content: text(20_000, 'Nhập nội dung trả lời.'),
  /** The answering letter or decision, e.g. "Thông báo số 12/TB-UBND"; "" if none. */
  answerRef: optionalText(300),
  answeredOn: isoDateSchema,
  recordedBy: z.string().max(200),
});
export type UpwardAnswerRecord = z.infer<typeof upwardAnswerSchema>;
export interface UpwardAnswer extends UpwardAnswerRecord {
  id: string;
}

/**
 * Who may do what with consultations and requests upward (ARCHITECTURE.md, "Authority").
 *
 * Rule for speaking for a unit: an account tied to a unit (account.unitId) speaks only for
 * that unit, wherever it logs in — so a unit's officer on the coordinator's PC can record
 * that unit's reply, and can never answer for another unit. An account tied to no unit (the
 * office's clerk/administrator, a leader) speaks for the units this installation acts for
 * directly (organisation.actsForUnitIds), not for their descendants or for every unit the
 * coordinator registers: the coordinator office does not answer in the departments' name.
 */
import type { Actor, SiteScope } from '../authority';
import { canOfferOnBehalf, canRecordOnBehalf, speaksFor, type OnBehalfContext, type OnBehalfInput } from '../acting';
import { ALLOWED, refuse, type Decision } from '../decision';
import type { Op } from '../data/ops';
import { CONSULTATION_SETTINGS_ID, type Consultation, type UpwardRequest } from './model';

export type ConsultationDecision = Decision;

export { speaksFor };

export type ConsultationAction = 'create' | 'update' | 'reconcile' | 'markReady' | 'sendNotice';

/** Actions of the requesting (lead) unit. */
export function canActAsRequester(actor: Actor, site: SiteScope, c: Pick<Consultation, 'requesterUnitId' | 'readyOn'>, action: ConsultationAction): ConsultationDecision {
  if (!speaksFor(actor, site, c.requesterUnitId)) {
    return refuse('Chỉ đơn vị lấy ý kiến (đơn vị chủ trì hồ sơ) mới được thực hiện thao tác này.');
  }
  if (action === 'markReady' && actor.role === 'unitStaff' && actor.unitId === null) return refuse('Tài khoản chưa gắn với đơn vị nên không đánh dấu trình được.');
  if ((action === 'update' || action === 'reconcile') && c.readyOn) return refuse('Hồ sơ đã được đánh dấu sẵn sàng trình; không thay đổi được nữa.');
  return ALLOWED;
}

/** A reply for unitId: only that unit, only if it was consulted. */
export function canReply(actor: Actor, site: SiteScope, c: Pick<Consultation, 'consultedUnitIds'>, unitId: string, unitName: (id: string) => string = (id) => id): ConsultationDecision {
  if (!c.consultedUnitIds.includes(unitId)) return refuse(`${unitName(unitId)} không nằm trong danh sách đơn vị được lấy ý kiến.`);
  if (!speaksFor(actor, site, unitId)) {
    if (actor.unitId !== null) return refuse(`Tài khoản của ${unitName(actor.unitId)} không được trả lời thay ${unitName(unitId)}: mỗi đơn vị tự trả lời ý kiến của mình.`);
    return refuse(`Máy này không làm việc cho ${unitName(unitId)}; ý kiến của đơn vị do chính đơn vị ghi (đăng nhập bằng tài khoản của đơn vị).`);
  }
  return ALLOWED;
}

/**
 * A reply the unit sent on paper, typed by the coordinating office's clerk (shared/acting.ts):
 * only for a consulted unit with no site of its own, citing the paper.
 */
export function canReplyOnBehalf(actor: Actor, site: SiteScope, c: Pick<Consultation, 'consultedUnitIds'>, unitId: string, input: OnBehalfInput, ctx: OnBehalfContext, unitName: (id: string) => string = (id) => id): ConsultationDecision {
  if (!c.consultedUnitIds.includes(unitId)) return refuse(`${unitName(unitId)} không nằm trong danh sách đơn vị được lấy ý kiến.`);
  return canRecordOnBehalf(actor, site, unitId, input, ctx);
}

/** The consulted units this account may record a paper reply for (the "Nhập thay" choice); [] for everyone but the coordinating office's clerk. */
export function onBehalfReplyUnits(actor: Actor, site: SiteScope, c: Pick<Consultation, 'consultedUnitIds'>, ctx: OnBehalfContext): string[] {
  return c.consultedUnitIds.filter((u) => canOfferOnBehalf(actor, site, u, ctx).allowed);
}

/** The units this account may reply for in a consultation. */
export function replyableUnits(actor: Actor, site: SiteScope, c: Pick<Consultation, 'consultedUnitIds'>): string[] {
  return c.consultedUnitIds.filter((u) => speaksFor(actor, site, u));
}

export function canSubmitUpward(actor: Actor, site: SiteScope, fromUnitId: string): ConsultationDecision {
  return speaksFor(actor, site, fromUnitId) ? ALLOWED : refuse('Chỉ đơn vị đề nghị mới được trình vấn đề của mình lên cấp trên.');
}

/** The authority answers: its leaders or its clerks, on a site acting for it or with an account of it. */
export function canAnswerUpward(actor: Actor, site: SiteScope, r: Pick<UpwardRequest, 'toUnitId'>): ConsultationDecision {
  if (!speaksFor(actor, site, r.toUnitId)) return refuse('Chỉ cơ quan có thẩm quyền nhận đề nghị mới được trả lời.');
  if (actor.role === 'unitStaff') return refuse('Chỉ lãnh đạo hoặc văn thư của cơ quan có thẩm quyền mới ghi ý kiến trả lời.');
  return ALLOWED;
}

// ─── Ops from other sites (sync import) ────────────────────────────────────────────────

export const CONSULTATION_ENTITIES = ['consultations', 'consultationReplies', 'reconciliations', 'upwardRequests', 'upwardAnswers'] as const;

export interface ConsultationOpContext {
  sender: SiteScope;
  /** The consultation the op concerns as held here (null when new/unknown). */
  consultation: Pick<Consultation, 'requesterUnitId' | 'consultedUnitIds'> | null;
  upward: Pick<UpwardRequest, 'fromUnitId' | 'toUnitId'> | null;
  /**
   * Does the unit have an installation of its own (registry)? When known, the coordinating
   * office's replies in the name of such a unit are refused: that unit answers from its own site.
   */
  unitHasOwnSite?: (unitId: string) => boolean;
}

/**
 * An op carries no account, only the sending site; a site may write for the units it acts for.
 * The coordinator's PC is also where unit accounts log in when a unit has no PC of its own, so
 * replies and reconciliations from the coordinator are accepted; the requester's own fields
 * are still refused from any other site.
 */
export function authorizeConsultationOp(op: Pick<Op, 'entity' | 'kind' | 'rowId' | 'values'>, ctx: ConsultationOpContext): ConsultationDecision {
  const { sender } = ctx;
  const actsFor = (u: unknown) => typeof u === 'string' && (sender.actsForUnitIds.includes(u) || sender.siteRole === 'coordinator');
  const v = op.values;
  switch (op.entity) {
    case 'settings':
      if (op.rowId !== CONSULTATION_SETTINGS_ID) break;
      return sender.siteRole === 'coordinator' ? ALLOWED : refuse('Chỉ Văn phòng điều phối được thay đổi quy định về lấy ý kiến.');
    case 'consultations': {
      if (op.kind !== 'set') return refuse('Phiếu lấy ý kiến phải được ghi bằng thao tác cập nhật.');
      const requester = ctx.consultation?.requesterUnitId ?? v.requesterUnitId;
      if (!actsFor(requester)) return refuse('Chỉ đơn vị lấy ý kiến được sửa phiếu lấy ý kiến.');
      if (ctx.consultation && typeof v.requesterUnitId === 'string' && v.requesterUnitId !== ctx.consultation.requesterUnitId) return refuse('Không được đổi đơn vị lấy ý kiến.');
      return ALLOWED;
    }
    case 'consultationReplies':
      if (op.kind !== 'insert') return refuse('Ý kiến trả lời chỉ được thêm mới, không được sửa.');
      if (!ctx.consultation) return refuse('Không tìm thấy phiếu lấy ý kiến của ý kiến trả lời này.');
      if (typeof v.unitId !== 'string' || !ctx.consultation.consultedUnitIds.includes(v.unitId)) return refuse('Đơn vị trả lời không được lấy ý kiến.');
      if (sender.siteRole === 'coordinator' && !sender.actsForUnitIds.includes(v.unitId) && ctx.unitHasOwnSite?.(v.unitId)) {
        return refuse('Đơn vị trả lời có máy Đôn Đốc riêng: ý kiến của đơn vị do chính máy của đơn vị gửi, Văn phòng điều phối không ghi thay.');
      }
      return actsFor(v.unitId) ? ALLOWED : refuse('Máy gửi không làm việc cho đơn vị trả lời.');
    case 'reconciliations':
      if (op.kind !== 'insert') return refuse('Kết quả thống nhất chỉ được thêm mới.');
      if (!ctx.consultation) return refuse('Không tìm thấy phiếu lấy ý kiến.');
      return actsFor(ctx.consultation.requesterUnitId) ? ALLOWED : refuse('Chỉ đơn vị chủ trì ghi kết quả thống nhất ý kiến.');
    case 'upwardRequests': {
      if (op.kind !== 'set') return refuse('Đề nghị phải được ghi bằng thao tác cập nhật.');
      const from = ctx.upward?.fromUnitId ?? v.fromUnitId;
      return actsFor(from) ? ALLOWED : refuse('Chỉ đơn vị đề nghị được sửa đề nghị của mình.');
    }
    case 'upwardAnswers':
      if (op.kind !== 'insert') return refuse('Ý kiến trả lời chỉ được thêm mới.');
      if (!ctx.upward) return refuse('Không tìm thấy đề nghị được trả lời.');
      return actsFor(ctx.upward.toUnitId) ? ALLOWED : refuse('Chỉ cơ quan có thẩm quyền trả lời đề nghị.');
    default:
      break;
  }
  return refuse('Thao tác không thuộc phân hệ lấy ý kiến.');
}

/**
 * In whose name an account acts: one rule for tasks, consultations and whatever records a unit's
 * reply, report or decision.
 *
 * - An account bound to a unit (account.unitId) speaks only for that unit, wherever it signs in:
 *   Phòng Kinh tế's officer on the coordinating office's PC records Phòng Kinh tế's reports and
 *   never answers in the office's name.
 * - An account bound to no unit is the office's own account (the administrator made by the first
 *   run, accounts made before accounts carried units): it speaks for the units this installation
 *   acts for directly (organisation.actsForUnitIds) and nothing else. The account screens ask an
 *   administrator to bind such accounts.
 * - The one exception is explicit, never implied: a clerk of the coordinating office may record
 *   *on behalf of* a unit that has no installation of its own a reply or report received on paper,
 *   naming the source document (canRecordOnBehalf); the record says so wherever it is shown.
 */
import type { Actor, SiteScope } from './authority';
import type { Decision } from './decision';

export type ActingDecision = Decision;

export function speaksFor(actor: Actor, site: SiteScope, unitId: string): boolean {
  if (actor.unitId !== null) return actor.unitId === unitId;
  return site.actsForUnitIds.includes(unitId);
}

/** The units an account speaks for among `candidates` (e.g. a task's support units). */
export function unitsSpokenFor(actor: Actor, site: SiteScope, candidates: readonly string[]): string[] {
  return candidates.filter((u) => speaksFor(actor, site, u));
}

export interface OnBehalfInput {
  /** The paper document the reply or report arrived with: "Công văn số 12/UBND-VP ngày 03/12/2026". */
  sourceDocument: string;
}

export interface OnBehalfContext {
  /** Units with an installation of their own (from the site registry, with their descendants). */
  unitsWithOwnSite: ReadonlySet<string>;
}

export const ON_BEHALF_REASONS = {
  notCoordinator: 'Chỉ văn thư của Văn phòng điều phối mới được nhập thay cho đơn vị khác.',
  notClerk: 'Chỉ tài khoản văn thư (quản trị viên) của Văn phòng điều phối mới được nhập thay.',
  ownUnit: 'Đây là đơn vị của chính tài khoản này: hãy ghi nhận trực tiếp, không cần nhập thay.',
  hasOwnSite: 'Đơn vị này có máy Đôn Đốc riêng: ý kiến, báo cáo phải do chính đơn vị gửi qua gói đồng bộ, không được nhập thay.',
  noSource: 'Hãy ghi văn bản giấy đã nhận (số, ký hiệu, ngày) làm căn cứ nhập thay.',
} as const;

/**
 * May this account record, for `unitId`, a reply or report that unit sent on paper? Only a
 * clerk (administrator) of the coordinating office who is that office's own account, for a unit
 * with no installation of its own, citing the paper document.
 */
export function canRecordOnBehalf(actor: Actor, site: SiteScope, unitId: string, input: OnBehalfInput, ctx: OnBehalfContext): ActingDecision {
  if (site.siteRole !== 'coordinator') return { allowed: false, reason: ON_BEHALF_REASONS.notCoordinator };
  if (actor.role !== 'admin') return { allowed: false, reason: ON_BEHALF_REASONS.notClerk };
  // An account of another unit (a department sharing this PC) is not the office's clerk.
  if (actor.unitId !== null && !site.actsForUnitIds.includes(actor.unitId)) return { allowed: false, reason: ON_BEHALF_REASONS.notClerk };
  if (speaksFor(actor, site, unitId)) return { allowed: false, reason: ON_BEHALF_REASONS.ownUnit };
  if (ctx.unitsWithOwnSite.has(unitId)) return { allowed: false, reason: ON_BEHALF_REASONS.hasOwnSite };
  if (input.sourceDocument.trim().length < 3) return { allowed: false, reason: ON_BEHALF_REASONS.noSource };
  return { allowed: true };
}

/** The line shown and printed with a record entered on behalf: who entered it and on what basis. */
export function onBehalfNote(clerkName: string, sourceDocument: string): string {
  return `Văn thư ${clerkName.trim()} nhập thay, theo ${sourceDocument.trim()}`;
}

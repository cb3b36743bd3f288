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
import { z } from 'zod';
import { unitsInScope, type Actor, type SiteScope } from './authority';
import type { Decision } from './decision';
import { formatDateVi, isoDateSchema } from './calendar/dates';

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
 * May this account be offered "Nhập thay" for `unitId` at all (before it names the paper
 * document)? The screens show the choice only when this allows it; canRecordOnBehalf adds the
 * source document.
 */
export function canOfferOnBehalf(actor: Actor, site: SiteScope, unitId: string, ctx: OnBehalfContext): ActingDecision {
  if (site.siteRole !== 'coordinator') return { allowed: false, reason: ON_BEHALF_REASONS.notCoordinator };
  if (actor.role !== 'admin') return { allowed: false, reason: ON_BEHALF_REASONS.notClerk };
  // An account of another unit (a department sharing this PC) is not the office's clerk.
  if (actor.unitId !== null && !site.actsForUnitIds.includes(actor.unitId)) return { allowed: false, reason: ON_BEHALF_REASONS.notClerk };
  if (speaksFor(actor, site, unitId)) return { allowed: false, reason: ON_BEHALF_REASONS.ownUnit };
  if (ctx.unitsWithOwnSite.has(unitId)) return { allowed: false, reason: ON_BEHALF_REASONS.hasOwnSite };
  return { allowed: true };
}

/**
 * May this account record, for `unitId`, a reply or report that unit sent on paper? Only a
 * clerk (administrator) of the coordinating office who is that office's own account, for a unit
 * with no installation of its own, citing the paper document.
 */
export function canRecordOnBehalf(actor: Actor, site: SiteScope, unitId: string, input: OnBehalfInput, ctx: OnBehalfContext): ActingDecision {
  const offer = canOfferOnBehalf(actor, site, unitId, ctx);
  if (!offer.allowed) return offer;
  if (input.sourceDocument.trim().length < 3) return { allowed: false, reason: ON_BEHALF_REASONS.noSource };
  return { allowed: true };
}

/**
 * Units with an installation of their own: those a unit site of the registry acts for, with
 * their descendants (a commune's villages are answered by the commune's own PC). The
 * coordinating office's own units are not listed: its clerk speaks for them directly.
 */
export function unitsWithOwnSite(sites: Iterable<{ role: 'coordinator' | 'unit'; units: readonly string[] }>, units: readonly { id: string; parentId: string | null }[]): Set<string> {
  const roots: string[] = [];
  for (const s of sites) if (s.role !== 'coordinator') roots.push(...s.units);
  return unitsInScope(units, roots);
}

/** The line shown and printed with a record entered on behalf: who entered it and on what basis. */
export function onBehalfNote(clerkName: string, sourceDocument: string): string {
  return `Văn thư ${clerkName.trim()} nhập thay, theo ${sourceDocument.trim()}`;
}

// ─── The record of an entry made on behalf ─────────────────────────────────────────────

export const onBehalfDocumentKinds = ['officialLetter', 'report', 'other'] as const;
export type OnBehalfDocumentKind = (typeof onBehalfDocumentKinds)[number];
export const onBehalfDocumentKindLabels: Record<OnBehalfDocumentKind, string> = {
  officialLetter: 'Công văn',
  report: 'Báo cáo',
  other: 'Văn bản',
};

/** What the clerk types: the paper document the unit sent (loại, số ký hiệu, ngày). */
export const onBehalfInputSchema = z.object({
  documentKind: z.enum(onBehalfDocumentKinds, { message: 'Chọn loại văn bản giấy đã nhận.' }),
  documentNumber: z.string().trim().min(1, 'Nhập số, ký hiệu của văn bản giấy đã nhận (ví dụ 12/BC-UBND).').max(60, 'Số, ký hiệu văn bản: tối đa 60 ký tự.'),
  documentDate: isoDateSchema,
});
export type OnBehalfDocument = z.infer<typeof onBehalfInputSchema>;

/**
 * Stored with the reply, progress report, contribution or completion report, and carried in its
 * op so every office shows the same line: the clerk who typed it and the paper it came on.
 */
export const onBehalfRecordSchema = onBehalfInputSchema.extend({
  clerkName: z.string().trim().min(1, 'Thiếu họ tên văn thư nhập thay.').max(120),
  clerkOfficialId: z.string().min(1).max(64).nullable(),
});
export type OnBehalfRecord = z.infer<typeof onBehalfRecordSchema>;

/** "Công văn số 12/UBND ngày 03/12/2026". */
export function describeSourceDocument(d: OnBehalfDocument): string {
  return `${onBehalfDocumentKindLabels[d.documentKind]} số ${d.documentNumber.trim()} ngày ${formatDateVi(d.documentDate)}`;
}

/** The line shown and printed with a stored on-behalf record. */
export function onBehalfLine(r: OnBehalfRecord): string {
  return onBehalfNote(r.clerkName, describeSourceDocument(r));
}

/** Refusals of the document itself: dated after the day it is entered. */
export function checkOnBehalfDocument(d: OnBehalfDocument, today: string): ActingDecision {
  if (d.documentDate > today) return { allowed: false, reason: 'Ngày của văn bản giấy không được sau ngày hôm nay.' };
  return { allowed: true };
}

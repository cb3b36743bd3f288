/**
 * Each consulted unit's position AS OF a date — a pure function, never a timer that could be
 * missed (docs/rules.md §1: "quá thời hạn quy định mà các cơ quan, đơn vị được lấy ý kiến không trả
 * lời hoặc chậm trả lời thì được xác định là đồng ý").
 *
 * Conventions (printed in notices and reports, so fixed here):
 * - The deadline is the effective due date (a due date on a day off moves to the next working
 *   day); a reply recorded ON that day is on time.
 * - A unit with no on-time reply is deemed to agree from the day after the effective due date.
 * - A late reply is kept and shown, but the unit stays "deemed agreed" and counts as late.
 * - When a unit has several replies (two offices recorded one each before syncing), the
 *   earliest by (date, id) is its reply, so every replica picks the same one.
 */
import { addDays, workingDayOnOrAfter, type CalendarConfig } from '../calendar';
import type { Consultation, ConsultationReply, ReplyPosition, UpwardAnswer, UpwardRequest } from './model';

export type UnitPosition =
  | { kind: 'pending'; unitId: string }
  | { kind: 'replied'; unitId: string; position: ReplyPosition; reply: ConsultationReply }
  | { kind: 'deemedAgreed'; unitId: string; deemedOn: string; lateReply: ConsultationReply | null };

export const DEEMED_AGREED_LABEL = 'Được xác định là đồng ý';

/** The working day the reply deadline actually falls on. */
export function effectiveDueOn(c: Pick<Consultation, 'dueOn'>, calendar?: CalendarConfig): string {
  return workingDayOnOrAfter(c.dueOn, calendar);
}

/** The first day a silent unit counts as agreeing. */
export function deemedAgreementDate(c: Pick<Consultation, 'dueOn'>, calendar?: CalendarConfig): string {
  return addDays(effectiveDueOn(c, calendar), 1);
}

function byDateThenId(a: ConsultationReply, b: ConsultationReply): number {
  if (a.repliedOn !== b.repliedOn) return a.repliedOn < b.repliedOn ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The reply that counts for a unit (earliest), among those recorded by asOf. */
export function replyOf(c: Pick<Consultation, 'id'>, unitId: string, replies: readonly ConsultationReply[], asOf?: string): ConsultationReply | null {
  const own = replies.filter((r) => r.consultationId === c.id && r.unitId === unitId && (asOf === undefined || r.repliedOn <= asOf)).sort(byDateThenId);
  return own[0] ?? null;
}

export function isLateReply(c: Pick<Consultation, 'dueOn'>, reply: Pick<ConsultationReply, 'repliedOn'>, calendar?: CalendarConfig): boolean {
  return reply.repliedOn > effectiveDueOn(c, calendar);
}

/** One unit's position as of a date. */
export function positionOf(
  c: Pick<Consultation, 'id' | 'dueOn' | 'consultedUnitIds'>,
  unitId: string,
  replies: readonly ConsultationReply[],
  asOf: string,
  calendar?: CalendarConfig,
): UnitPosition {
  const due = effectiveDueOn(c, calendar);
  const reply = replyOf(c, unitId, replies, asOf);
  if (reply && reply.repliedOn <= due) return { kind: 'replied', unitId, position: reply.position, reply };
  if (asOf > due) return { kind: 'deemedAgreed', unitId, deemedOn: addDays(due, 1), lateReply: reply };
  return { kind: 'pending', unitId };
}

/** Every consulted unit's position, in the request's order. */
export function positionsOf(c: Pick<Consultation, 'id' | 'dueOn' | 'consultedUnitIds'>, replies: readonly ConsultationReply[], asOf: string, calendar?: CalendarConfig): UnitPosition[] {
  return c.consultedUnitIds.map((u) => positionOf(c, u, replies, asOf, calendar));
}

/** What the position means for the dossier: deemed agreement counts as agreement. */
export function effectivePosition(p: UnitPosition): ReplyPosition | null {
  if (p.kind === 'replied') return p.position;
  if (p.kind === 'deemedAgreed') return 'agree';
  return null;
}

export function positionLabel(p: UnitPosition): string {
  switch (p.kind) {
    case 'pending':
      return 'Chưa trả lời';
    case 'replied':
      return p.position === 'agree' ? 'Đồng ý' : p.position === 'agreeWithComments' ? 'Đồng ý có ý kiến' : 'Không đồng ý';
    case 'deemedAgreed':
      return DEEMED_AGREED_LABEL;
  }
}

/** Units the deemed-agreement notice goes to: no on-time reply once the deadline has passed. */
export function unitsDeemedAgreed(c: Pick<Consultation, 'id' | 'dueOn' | 'consultedUnitIds'>, replies: readonly ConsultationReply[], asOf: string, calendar?: CalendarConfig): string[] {
  return positionsOf(c, replies, asOf, calendar)
    .filter((p) => p.kind === 'deemedAgreed')
    .map((p) => p.unitId);
}

/** Is anything still expected from this unit as of the date (for "mine to answer, overdue first")? */
export function awaitsReply(c: Pick<Consultation, 'id' | 'dueOn' | 'consultedUnitIds'>, unitId: string, replies: readonly ConsultationReply[], asOf: string, _calendar?: CalendarConfig): boolean {
  if (!c.consultedUnitIds.includes(unitId)) return false;
  return replyOf(c, unitId, replies, asOf) === null;
}

// ─── Requests upward ───────────────────────────────────────────────────────────────────

export type UpwardStatus =
  | { kind: 'pending'; overdue: boolean }
  | { kind: 'decision' | 'returned'; answer: UpwardAnswer; late: boolean };

export const upwardStatusLabels = {
  pending: 'Chờ trả lời',
  overdue: 'Quá hạn chưa trả lời',
  decision: 'Đã có ý kiến quyết định',
  returned: 'Trả lại: thuộc thẩm quyền của đơn vị',
} as const;

/** The first answer (by date, then id) decides; an answer after the deadline is late. */
export function upwardStatusOf(r: Pick<UpwardRequest, 'id' | 'dueOn'>, answers: readonly UpwardAnswer[], asOf: string, calendar?: CalendarConfig): UpwardStatus {
  const due = workingDayOnOrAfter(r.dueOn, calendar);
  const first = answers
    .filter((a) => a.requestId === r.id && a.answeredOn <= asOf)
    .sort((a, b) => (a.answeredOn !== b.answeredOn ? (a.answeredOn < b.answeredOn ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0))[0];
  if (first) return { kind: first.kind, answer: first, late: first.answeredOn > due };
  return { kind: 'pending', overdue: asOf > due };
}

export function upwardStatusLabel(s: UpwardStatus): string {
  if (s.kind === 'pending') return s.overdue ? upwardStatusLabels.overdue : upwardStatusLabels.pending;
  return upwardStatusLabels[s.kind];
}

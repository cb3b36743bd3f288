/**
 * The reconciliation gate (docs/rules.md §1): a dossier on which units still hold different views on
 * its main points cannot go to the authority until the lead unit has worked with the heads of
 * the disagreeing units and recorded how each disagreement was settled.
 */
import type { CalendarConfig } from '../calendar';
import { formatShortDate } from '../letters/model';
import type { Consultation, ConsultationReply, Reconciliation } from './model';
import { positionsOf } from './positions';

export interface OpenDisagreement {
  unitId: string;
  reply: ConsultationReply;
}

/** "Không đồng ý" replies (on time) with no reconciliation recorded for that unit yet. */
export function openDisagreements(
  c: Pick<Consultation, 'id' | 'dueOn' | 'consultedUnitIds'>,
  replies: readonly ConsultationReply[],
  reconciliations: readonly Reconciliation[],
  asOf: string,
  calendar?: CalendarConfig,
): OpenDisagreement[] {
  const settled = new Set(reconciliations.filter((r) => r.consultationId === c.id && r.recordedOn <= asOf).map((r) => r.unitId));
  const out: OpenDisagreement[] = [];
  for (const p of positionsOf(c, replies, asOf, calendar)) {
    if (p.kind === 'replied' && p.position === 'disagree' && !settled.has(p.unitId)) out.push({ unitId: p.unitId, reply: p.reply });
  }
  return out;
}

export type ReadinessDecision = { allowed: true } | { allowed: false; reason: string; open: OpenDisagreement[]; pendingUnitIds: string[] };

/**
 * May the dossier be marked "sẵn sàng trình" as of the date? Every consulted unit needs a
 * position (a reply, or the deadline has passed), and no disagreement may remain open.
 */
export function readinessOf(
  c: Pick<Consultation, 'id' | 'dueOn' | 'consultedUnitIds' | 'readyOn'>,
  replies: readonly ConsultationReply[],
  reconciliations: readonly Reconciliation[],
  asOf: string,
  unitName: (unitId: string) => string,
  calendar?: CalendarConfig,
): ReadinessDecision {
  if (c.readyOn) return { allowed: false, reason: `Hồ sơ đã được đánh dấu sẵn sàng trình ngày ${formatShortDate(c.readyOn)}.`, open: [], pendingUnitIds: [] };
  const pendingUnitIds = positionsOf(c, replies, asOf, calendar)
    .filter((p) => p.kind === 'pending')
    .map((p) => p.unitId);
  const open = openDisagreements(c, replies, reconciliations, asOf, calendar);
  if (open.length === 0 && pendingUnitIds.length === 0) return { allowed: true };
  const parts: string[] = [];
  if (open.length > 0) {
    parts.push(
      `Chưa thể trình: còn ${open.length} ý kiến không đồng ý chưa được thống nhất. Đơn vị chủ trì cần làm việc với thủ trưởng đơn vị có ý kiến khác và ghi lại kết quả thống nhất: ${open
        .map((o) => `${unitName(o.unitId)} (ý kiến ngày ${formatShortDate(o.reply.repliedOn)})`)
        .join('; ')}.`,
    );
  }
  if (pendingUnitIds.length > 0) {
    parts.push(`${open.length ? 'Ngoài ra, c' : 'Chưa thể trình: c'}òn đơn vị chưa trả lời và chưa hết hạn lấy ý kiến: ${pendingUnitIds.map(unitName).join('; ')}.`);
  }
  return { allowed: false, reason: parts.join(' '), open, pendingUnitIds };
}

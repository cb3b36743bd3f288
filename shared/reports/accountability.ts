/**
 * Accountability records (docs/rules.md §3): discipline reviews (kiểm điểm) for units or officials that
 * delay, commendations (biểu dương) and rewards (khen thưởng) for those that do well. The app
 * proposes candidates from a report's figures; a person decides and records the decision.
 */
import { z } from 'zod';
import { isoDateSchema as dateString } from '../calendar';
import { attachmentRefSchema, idSchema as id, requiredText as text } from '../schemas';
import type { ReportData } from './model';
import { formatPercentBp, type UnitRanking } from './ranking';

export const accountabilityKinds = ['discipline', 'commendation', 'reward'] as const;
export type AccountabilityKind = (typeof accountabilityKinds)[number];
export const accountabilityKindLabels: Record<AccountabilityKind, string> = {
  discipline: 'Kiểm điểm trách nhiệm',
  commendation: 'Biểu dương',
  reward: 'Khen thưởng',
};

export const accountabilitySubjectSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('unit'), unitId: id }),
  /** An official, with the unit they served in at the time. */
  z.object({ kind: z.literal('official'), officialId: id, unitId: id.nullable() }),
]);
export type AccountabilitySubject = z.infer<typeof accountabilitySubjectSchema>;

export const accountabilityRecordSchema = z
  .object({
    kind: z.enum(accountabilityKinds),
    subject: accountabilitySubjectSchema,
    reason: text(5000, 'Nêu lý do.'),
    periodFrom: dateString,
    periodTo: dateString,
    taskIds: z.array(id).max(2000),
    consultationIds: z.array(id).max(500),
    /** The issued report the figures came from, if any. */
    reportId: id.nullable(),
    /** Số quyết định / văn bản, e.g. "125/QĐ-UBND"; empty while the decision is pending. */
    decisionNumber: z.string().trim().max(60, 'Tối đa 60 ký tự.'),
    decisionDate: dateString.nullable(),
    /** Who decided ("Chủ tịch UBND xã"). */
    decidedBy: z.string().trim().max(200, 'Tối đa 200 ký tự.'),
    attachments: z.array(attachmentRefSchema).max(50, 'Tối đa 50 tệp đính kèm.'),
    recordedOn: dateString,
  })
  .superRefine((r, ctx) => {
    if (r.periodFrom > r.periodTo) ctx.addIssue({ code: 'custom', message: 'Kỳ xem xét: ngày bắt đầu phải trước ngày kết thúc.', path: ['periodTo'] });
    if (r.decisionDate !== null && !r.decisionNumber) ctx.addIssue({ code: 'custom', message: 'Nhập số quyết định kèm ngày quyết định.', path: ['decisionNumber'] });
  });
export type AccountabilityRecord = z.infer<typeof accountabilityRecordSchema>;

export interface Candidate {
  unitId: string;
  unitName: string;
  kind: AccountabilityKind;
  /** Why the app proposes it, with the figures. */
  reason: string;
  taskIds: string[];
}

/**
 * Proposals, never decisions: for discipline, units with overdue tasks or unanswered/late
 * consultation replies, most overdue first; for commendation, units at the best level, best
 * score first. At most `limit` of each.
 */
export function proposeCandidates(report: Pick<ReportData, 'units' | 'overdueTasks' | 'periodLabel'>, ranking: readonly UnitRanking[], limit = 5): { discipline: Candidate[]; commendation: Candidate[] } {
  const discipline = report.units
    .map((u) => ({ u, weight: u.counts.openOverdue * 100 + u.overdueBuckets.over90 * 10 + u.consultationsNoReply * 5 + u.consultationsLate * 2 }))
    .filter((x) => x.weight > 0)
    .sort((a, b) => b.weight - a.weight || (a.u.unitId < b.u.unitId ? -1 : 1))
    .slice(0, limit)
    .map(({ u }) => {
      const parts: string[] = [];
      if (u.counts.openOverdue) parts.push(`${u.counts.openOverdue} nhiệm vụ quá hạn chưa hoàn thành (${u.overdueBuckets.over90} nhiệm vụ quá hạn trên 90 ngày)`);
      if (u.consultationsNoReply) parts.push(`${u.consultationsNoReply} lượt không trả lời ý kiến`);
      if (u.consultationsLate) parts.push(`${u.consultationsLate} lượt trả lời ý kiến muộn`);
      return {
        unitId: u.unitId,
        unitName: u.unitName,
        kind: 'discipline' as const,
        reason: `Kỳ ${report.periodLabel}: ${parts.join('; ')}.`,
        taskIds: report.overdueTasks.filter((t) => t.leadUnitId === u.unitId).map((t) => t.taskId),
      };
    });
  const best = ranking.find((r) => r.levelId !== null && r.position !== null);
  const commendation = best
    ? ranking
        .filter((r) => r.levelId === best.levelId && r.position !== null)
        .slice(0, limit)
        .map((r) => {
          const rate = r.metrics.find((m) => m.kind === 'rate');
          return {
            unitId: r.unitId,
            unitName: r.unitName,
            kind: 'commendation' as const,
            reason: `Kỳ ${report.periodLabel}: xếp loại "${r.levelLabel}"${rate ? `, ${rate.label.toLowerCase()} ${formatPercentBp(rate.basisPoints)}` : ''}.`,
            taskIds: [],
          };
        })
    : [];
  return { discipline, commendation };
}

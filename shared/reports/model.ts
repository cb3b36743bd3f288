/**
 * The report model: what a report is asked for (params) and what it counted (data). ReportData
 * is plain JSON so it can be snapshotted, hashed and reprinted byte for byte.
 */
import { z } from 'zod';
import { onTimeAtValues, rateFormulaIds, type CategoryCounts, type CategorySubject, type OverdueBucket, type RateFormulaId, type TaskCategory } from '../tasks/state';
import { reportPeriodSchema } from './period';
import { idSchema as id } from '../schemas';
import type { ReportDecisionLine } from './decisions';

export const reportScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }),
  z.object({ kind: z.literal('units'), unitIds: z.array(id).min(1, 'Chọn ít nhất một đơn vị.').max(500) }),
  z.object({ kind: z.literal('planYear'), planYear: z.number().int().min(1900).max(2100) }),
  z.object({ kind: z.literal('directive'), directiveId: id }),
  z.object({ kind: z.literal('leader'), officialId: id }),
]);
export type ReportScope = z.infer<typeof reportScopeSchema>;
export type ReportScopeKind = ReportScope['kind'];
export const reportScopeLabels: Record<ReportScopeKind, string> = {
  all: 'Tất cả đơn vị',
  units: 'Một số đơn vị',
  planYear: 'Kế hoạch năm',
  directive: 'Theo văn bản chỉ đạo',
  leader: 'Theo lãnh đạo giao nhiệm vụ',
};

/**
 * Which tasks a report counts. "assignedInPeriod": tasks assigned from the period's first day to
 * its cut-off. "withCarriedOver": those, plus tasks assigned earlier that were not completed
 * before the period began (judged by the completion date known at the cut-off).
 */
export const taskInclusions = ['assignedInPeriod', 'withCarriedOver'] as const;
export type TaskInclusion = (typeof taskInclusions)[number];
export const taskInclusionLabels: Record<TaskInclusion, string> = {
  assignedInPeriod: 'Nhiệm vụ giao trong kỳ',
  withCarriedOver: 'Nhiệm vụ giao trong kỳ và kỳ trước chuyển sang',
};

export const reportParamsSchema = z.object({
  period: reportPeriodSchema,
  scope: reportScopeSchema,
  inclusion: z.enum(taskInclusions),
  judgeAgainst: z.enum(['original', 'extended']),
  rateFormula: z.enum(rateFormulaIds),
  /** Absent in reports issued before acceptance of completion existed (judged at the reported date). */
  onTimeAt: z.enum(onTimeAtValues).optional(),
  /** Working days the assigner has to accept a completion report; absent = 5. */
  acceptanceWorkingDays: z.number().int().min(1).max(30).optional(),
});
export type ReportParams = z.infer<typeof reportParamsSchema>;

/** One task's facts as of the report's cut-off date (folded from its events up to that day); the category facts are CategorySubject's. */
export interface ReportTask extends CategorySubject {
  id: string;
  title: string;
  /** Lead unit as of the cut-off. */
  leadUnitId: string;
  assignerOfficialId: string | null;
  directiveId: string | null;
  /** "1041/UBND-NC", or "" without a directive. */
  directiveRef: string;
  planYear: number | null;
  /** Dates on which extensions of this task were granted, up to the cut-off. */
  extensionDates: string[];
  /** The product the task must deliver ("5 rõ"); absent in facts from earlier versions. */
  expectedProduct?: string;
}

/** An issued follow-up letter (công văn đôn đốc) addressed to a unit. */
export interface FollowUpLetterFact {
  unitId: string;
  issuedOn: string;
}

/** Per-unit consultation figures for the period (from shared/consultations accountabilityByUnit). */
export interface ConsultationFact {
  unitId: string;
  consulted: number;
  noReply: number;
  late: number;
}

export interface RateValue {
  numerator: number;
  denominator: number;
  /** Basis points rounded half-up (see computeRate); null when the base is empty. */
  basisPoints: number | null;
}

export interface ReportFigures {
  /** Tasks counted (every category). */
  assigned: number;
  /** …of which carried over from before the period. */
  carriedOver: number;
  counts: CategoryCounts;
  rate: RateValue;
  overdueShare: RateValue;
  /** On-time share of completions (absent in reports issued by earlier versions). */
  onTimeShare?: RateValue;
  /** Completion reports the assigner left unanswered past the set working days (absent in earlier reports). */
  acceptanceLate?: number;
  overdueBuckets: Record<OverdueBucket, number>;
  extensionsGranted: number;
  followUpLetters: number;
  consultationsConsulted: number;
  consultationsNoReply: number;
  consultationsLate: number;
}

export interface UnitReportRow extends ReportFigures {
  unitId: string;
  unitName: string;
}

export interface OverdueTaskLine {
  taskId: string;
  title: string;
  directiveRef: string;
  leadUnitId: string;
  leadUnitName: string;
  dueOn: string;
  overdueDays: number;
  bucket: OverdueBucket;
  /** The product the task must deliver ("5 rõ"); absent in reports issued by earlier versions. */
  expectedProduct?: string;
}

/** Every task the report counted and how (compact: it is stored in snapshots). */
export interface CountedTask {
  id: string;
  unitId: string;
  category: TaskCategory;
  /** Judged deadline (null without one). */
  dueOn: string | null;
  completedOn: string | null;
  /** Days past the deadline: as of the cut-off when open, at completion when done late. */
  lateDays: number;
  carriedOver: boolean;
}

export interface TrendPoint {
  /** YYYY-MM */
  month: string;
  /** Tasks whose judged deadline falls in the month, by category as of the cut-off. */
  counts: CategoryCounts;
  rate: RateValue;
}

export interface FormulaText {
  id: RateFormulaId;
  label: string;
  text: string;
}

export interface ReportData {
  format: 'dondoc-report';
  version: 1;
  params: ReportParams;
  /** "quý I năm 2026" */
  periodLabel: string;
  scopeLabel: string;
  rateFormula: FormulaText;
  overdueFormula: FormulaText;
  /** The second rate printed beside the headline (absent in reports issued by earlier versions). */
  onTimeShareFormula?: FormulaText;
  /** How the follow-up letter column is counted, printed under the table. */
  notes: string[];
  units: UnitReportRow[];
  totals: ReportFigures;
  overdueTasks: OverdueTaskLine[];
  counted: CountedTask[];
  trend: TrendPoint[];
  /** Leaders' decisions on the counted tasks within the period (absent in reports issued by earlier versions). */
  decisions?: ReportDecisionLine[];
}

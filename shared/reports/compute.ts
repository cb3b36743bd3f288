/**
 * Computes a report from task facts as of the cut-off date: per lead unit, the six categories,
 * the chosen rate and the overdue share, overdue ages, extensions, follow-up letters and
 * consultation accountability; totals; the overdue list; the monthly trend. Pure and
 * deterministic: the same inputs always give the same JSON (and so the same snapshot hash).
 */
import { overdueDays, type CalendarConfig } from '../calendar';
import { acceptanceOverdue, computeRate, DEFAULT_TASK_SETTINGS, emptyCounts, judgedDoneOn, judgedDueOn, onTimeAtNote, overdueBucketOf, rateFormulas, type CategoryCounts, type OverdueBucket, type RateFormulaId, type TaskCategory, type TaskState } from '../tasks/state';
import type { Task } from '../tasks/model';
import { monthsOf, periodLabel } from './period';
import type { ReportDecisionLine } from './decisions';
import {
  taskInclusionLabels,
  type ConsultationFact,
  type CountedTask,
  type FollowUpLetterFact,
  type FormulaText,
  type OverdueTaskLine,
  type RateValue,
  type ReportData,
  type ReportFigures,
  type ReportParams,
  type ReportTask,
  type TrendPoint,
  type UnitReportRow,
} from './model';

/** Working days an assigner has to accept a completion when the report's params do not say. */
export const DEFAULT_ACCEPTANCE_WORKING_DAYS = DEFAULT_TASK_SETTINGS.acceptanceWorkingDays;

export const MISSING_UNIT_NAME = '(đơn vị không còn trong danh mục)';

/** The facts a report needs from a task and its state folded as of the cut-off. */
export function reportTaskOf(task: Task, state: TaskState, directiveRef = ''): ReportTask {
  return {
    id: task.id,
    title: task.title,
    leadUnitId: state.leadUnitId,
    assignerOfficialId: task.assignerOfficialId,
    directiveId: task.directiveId,
    directiveRef,
    planYear: task.planYear,
    assignedOn: task.assignedOn,
    status: state.status,
    completedOn: state.completedOn,
    acceptedOn: state.acceptedOn,
    reportedOn: state.reportedOn,
    originalDueOn: state.originalDueOn,
    effectiveDueOn: state.effectiveDueOn,
    extensionDates: state.deadlineHistory.map((d) => d.decidedOn),
    expectedProduct: task.expectedProduct ?? '',
  };
}

/** The overdue share printed beside the headline rate: over the same base as the rate when it is a "come due" rate. */
export function overdueFormulaFor(rate: RateFormulaId): RateFormulaId {
  return rate === 'overdueShare' || rate === 'withDeadlineOnTime' ? 'overdueShare' : 'dueOverdueShare';
}

function formulaText(id: RateFormulaId): FormulaText {
  const f = rateFormulas[id];
  return { id, label: f.label, text: f.formulaText };
}

function rateValue(counts: CategoryCounts, formula: RateFormulaId): RateValue {
  const r = computeRate(counts, formula);
  return { numerator: r.numerator, denominator: r.denominator, basisPoints: r.basisPoints };
}

type BaseFigures = Omit<ReportFigures, 'rate' | 'overdueShare' | 'onTimeShare'> & { acceptanceLate: number };

function blankFigures(): BaseFigures {
  return {
    acceptanceLate: 0,
    assigned: 0,
    carriedOver: 0,
    counts: emptyCounts(),
    overdueBuckets: { upTo30: 0, from31To90: 0, over90: 0 },
    extensionsGranted: 0,
    followUpLetters: 0,
    consultationsConsulted: 0,
    consultationsNoReply: 0,
    consultationsLate: 0,
  };
}

export function inScope(t: ReportTask, params: ReportParams, unitSet: ReadonlySet<string> | null): boolean {
  const s = params.scope;
  switch (s.kind) {
    case 'all':
      return true;
    case 'units':
      return unitSet !== null && unitSet.has(t.leadUnitId);
    case 'planYear':
      return t.planYear === s.planYear;
    case 'directive':
      return t.directiveId === s.directiveId;
    case 'leader':
      return t.assignerOfficialId === s.officialId;
    default: {
      const never: never = s;
      throw new Error(String(never));
    }
  }
}

/** In the period (assigned from its first day to the cut-off) or carried over, or not counted at all. */
export function inclusionOf(t: ReportTask, params: ReportParams): 'period' | 'carried' | null {
  const { from, cutOff } = params.period;
  if (t.assignedOn > cutOff) return null;
  if (t.assignedOn >= from) return 'period';
  if (params.inclusion !== 'withCarriedOver') return null;
  if (t.status === 'completed' && t.completedOn !== null && t.completedOn < from) return null;
  return 'carried';
}

export interface ComputeReportInput {
  params: ReportParams;
  /** Facts as of the cut-off for every task that may be in scope (others are filtered out). */
  tasks: readonly ReportTask[];
  /** Units in display order with their names at computing time. */
  units: readonly { id: string; name: string }[];
  /** Label of the scope as printed ("Tất cả đơn vị", "Kế hoạch năm 2026"…). */
  scopeLabel: string;
  followUps?: readonly FollowUpLetterFact[];
  /** False when nothing in the letters register records follow-up letters yet (a note says so). */
  followUpsRecorded?: boolean;
  consultations?: readonly ConsultationFact[];
  calendar?: CalendarConfig;
  /** Leaders' decisions within the period (decisionLines); listed for the tasks in scope. */
  decisions?: readonly ReportDecisionLine[];
}

function addFigures(into: BaseFigures, f: BaseFigures): void {
  into.assigned += f.assigned;
  into.acceptanceLate += f.acceptanceLate;
  into.carriedOver += f.carriedOver;
  for (const k of Object.keys(f.counts) as (keyof CategoryCounts)[]) into.counts[k] += f.counts[k];
  for (const k of Object.keys(f.overdueBuckets) as OverdueBucket[]) into.overdueBuckets[k] += f.overdueBuckets[k];
  into.extensionsGranted += f.extensionsGranted;
  into.followUpLetters += f.followUpLetters;
  into.consultationsConsulted += f.consultationsConsulted;
  into.consultationsNoReply += f.consultationsNoReply;
  into.consultationsLate += f.consultationsLate;
}

function shortVi(d: string): string {
  const [y, m, day] = d.split('-');
  return `${day}/${m}/${y}`;
}

/**
 * categorizeState and overdue days with the calendar lookups memoised per (deadline, date): a
 * year's report asks the same few hundred deadlines tens of thousands of times.
 */
function makeJudge(params: Pick<ReportParams, 'judgeAgainst' | 'onTimeAt'>, cutOff: string, calendar?: CalendarConfig) {
  const memo = new Map<string, number>();
  const late = (due: string, on: string): number => {
    const key = `${due}|${on}`;
    let v = memo.get(key);
    if (v === undefined) memo.set(key, (v = overdueDays(due, on, calendar)));
    return v;
  };
  return (t: ReportTask): { category: TaskCategory | null; due: string | null; lateDays: number } => {
    const due = judgedDueOn(t, params);
    if (t.assignedOn > cutOff || t.status === 'cancelled') return { category: null, due, lateDays: 0 };
    if (t.status === 'completed' && t.completedOn !== null && t.completedOn <= cutOff) {
      if (due === null) return { category: 'doneNoDeadline', due, lateDays: 0 };
      const d = late(due, judgedDoneOn(t, params)!);
      return { category: d > 0 ? 'doneLate' : 'doneOnTime', due, lateDays: d };
    }
    if (t.status === 'awaitingAcceptance' && t.completedOn !== null && t.completedOn <= cutOff) return { category: 'awaitingAcceptance', due, lateDays: 0 };
    if (due === null) return { category: 'openNoDeadline', due, lateDays: 0 };
    const d = late(due, cutOff);
    return { category: d > 0 ? 'openOverdue' : 'openWithinDeadline', due, lateDays: d };
  };
}

export function computeReport(input: ComputeReportInput): ReportData {
  const { params, calendar } = input;
  const { from, cutOff } = params.period;
  const overdueId = overdueFormulaFor(params.rateFormula);
  const unitSet = params.scope.kind === 'units' ? new Set(params.scope.unitIds) : null;
  const names = new Map(input.units.map((u) => [u.id, u.name]));
  const perUnit = new Map<string, BaseFigures>();
  const fig = (unitId: string) => {
    let f = perUnit.get(unitId);
    if (!f) perUnit.set(unitId, (f = blankFigures()));
    return f;
  };
  if (unitSet) for (const u of unitSet) fig(u);

  const judge = makeJudge(params, cutOff, calendar);
  const acceptanceSettings = { acceptanceWorkingDays: params.acceptanceWorkingDays ?? DEFAULT_ACCEPTANCE_WORKING_DAYS };
  const counted: CountedTask[] = [];
  const overdueTasks: OverdueTaskLine[] = [];
  const months = monthsOf(`${cutOff.slice(0, 4)}-01-01`, cutOff);
  const trendCounts = new Map(months.map((m) => [m.month, emptyCounts()]));

  for (const t of input.tasks) {
    if (t.assignedOn > cutOff || !inScope(t, params, unitSet)) continue;
    const { category, due, lateDays } = judge(t);
    if (category === null) continue;
    if (due !== null) {
      const tc = trendCounts.get(due.slice(0, 7));
      if (tc) tc[category] += 1;
    }
    const inclusion = inclusionOf(t, params);
    if (inclusion === null) continue;
    const f = fig(t.leadUnitId);
    f.assigned += 1;
    if (inclusion === 'carried') f.carriedOver += 1;
    f.counts[category] += 1;
    if (category === 'awaitingAcceptance' && acceptanceOverdue(t.reportedOn, cutOff, acceptanceSettings, calendar)) f.acceptanceLate += 1;
    for (const d of t.extensionDates) if (d >= from && d <= cutOff) f.extensionsGranted += 1;
    counted.push({ id: t.id, unitId: t.leadUnitId, category, dueOn: due, completedOn: category.startsWith('done') ? t.completedOn : null, lateDays, carriedOver: inclusion === 'carried' });
    if (category === 'openOverdue') {
      const bucket = overdueBucketOf(lateDays) ?? 'upTo30';
      f.overdueBuckets[bucket] += 1;
      overdueTasks.push({ taskId: t.id, title: t.title, directiveRef: t.directiveRef, leadUnitId: t.leadUnitId, leadUnitName: names.get(t.leadUnitId) ?? MISSING_UNIT_NAME, dueOn: due!, overdueDays: lateDays, bucket, ...(t.expectedProduct ? { expectedProduct: t.expectedProduct } : {}) });
    }
  }

  // Letters and consultations count for units already in the report; with every unit in scope, for any unit.
  const openToAll = params.scope.kind === 'all';
  for (const l of input.followUps ?? []) {
    if (l.issuedOn < from || l.issuedOn > cutOff) continue;
    if (!perUnit.has(l.unitId) && !openToAll) continue;
    fig(l.unitId).followUpLetters += 1;
  }
  for (const c of input.consultations ?? []) {
    if (!perUnit.has(c.unitId) && !(openToAll && c.consulted > 0)) continue;
    const f = fig(c.unitId);
    f.consultationsConsulted += c.consulted;
    f.consultationsNoReply += c.noReply;
    f.consultationsLate += c.late;
  }

  const order = new Map(input.units.map((u, i) => [u.id, i]));
  const unitIds = [...perUnit.keys()].sort((a, b) => (order.get(a) ?? Number.MAX_SAFE_INTEGER) - (order.get(b) ?? Number.MAX_SAFE_INTEGER) || (a < b ? -1 : a > b ? 1 : 0));
  const totalsBase = blankFigures();
  const units: UnitReportRow[] = unitIds.map((unitId) => {
    const f = perUnit.get(unitId)!;
    addFigures(totalsBase, f);
    return { unitId, unitName: names.get(unitId) ?? MISSING_UNIT_NAME, ...f, rate: rateValue(f.counts, params.rateFormula), overdueShare: rateValue(f.counts, overdueId), onTimeShare: rateValue(f.counts, 'completedOnTime') };
  });
  const totals: ReportFigures = { ...totalsBase, rate: rateValue(totalsBase.counts, params.rateFormula), overdueShare: rateValue(totalsBase.counts, overdueId), onTimeShare: rateValue(totalsBase.counts, 'completedOnTime') };

  overdueTasks.sort((a, b) => b.overdueDays - a.overdueDays || (a.taskId < b.taskId ? -1 : 1));
  counted.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const trend: TrendPoint[] = months.map((m) => {
    const counts = trendCounts.get(m.month)!;
    return { month: m.month, counts, rate: rateValue(counts, params.rateFormula) };
  });

  const notes = [
    `Số liệu tính đến ngày ${shortVi(cutOff)}; phạm vi: ${taskInclusionLabels[params.inclusion].toLowerCase()}${params.inclusion === 'withCarriedOver' ? ` (kỳ trước chuyển sang: giao trước ngày ${shortVi(from)} và chưa hoàn thành trước ngày đó)` : ''}.`,
    `Đúng hạn, quá hạn được đánh giá theo ${params.judgeAgainst === 'original' ? 'thời hạn ban đầu' : 'thời hạn sau khi được gia hạn'}; nhiệm vụ đã hủy không tính.`,
    onTimeAtNote(params.onTimeAt),
    `Chờ xác nhận hoàn thành: đơn vị chủ trì đã báo cáo hoàn thành, cơ quan giao chưa xác nhận; không tính là hoàn thành cũng không tính là quá hạn của đơn vị. Quá ${params.acceptanceWorkingDays ?? DEFAULT_ACCEPTANCE_WORKING_DAYS} ngày làm việc chưa xác nhận thì chậm thuộc cơ quan giao${totals.acceptanceLate ? ` (tính đến ngày chốt số liệu: ${totals.acceptanceLate} nhiệm vụ)` : ''}.`,
    input.followUpsRecorded === false
      ? 'Cột “Công văn đôn đốc”: sổ văn bản đi chưa ghi nhận công văn đôn đốc nào gửi đơn vị, nên cột này bằng 0.'
      : `Cột “Công văn đôn đốc”: số công văn đôn đốc đã phát hành gửi đơn vị từ ngày ${shortVi(from)} đến ngày ${shortVi(cutOff)}.`,
    'Ý kiến không trả lời / trả lời muộn: các đợt lấy ý kiến có hạn trả lời trong kỳ, tình trạng tính đến ngày chốt số liệu.',
  ];

  return {
    format: 'dondoc-report',
    version: 1,
    params,
    periodLabel: periodLabel(params.period),
    scopeLabel: input.scopeLabel,
    rateFormula: formulaText(params.rateFormula),
    overdueFormula: formulaText(overdueId),
    onTimeShareFormula: formulaText('completedOnTime'),
    notes,
    units,
    totals,
    overdueTasks,
    counted,
    trend,
    // Decisions on tasks of the units in scope; tasks outside plan-year, directive or leader scopes never reach here.
    ...(input.decisions ? { decisions: input.decisions.filter((d) => !unitSet || unitSet.has(d.leadUnitId)) } : {}),
  };
}

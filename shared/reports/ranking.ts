/**
 * Ranking units (đánh giá, xếp loại): the formula is data — metrics defined by which categories
 * are counted above and below the line, levels with thresholds, weights for ordering — so it is
 * stored as a setting, printed with the ranking, and every unit can be told why it got its level.
 */
import { z } from 'zod';
import { basisPointsHalfUp, taskCategories, taskCategoryLabels, type TaskCategory } from '../tasks/state';
import type { CountedTask, ReportData, ReportFigures } from './model';

export const countSources = ['consultationsNoReply', 'consultationsLate', 'followUpLetters', 'extensionsGranted'] as const;
export type CountSource = (typeof countSources)[number];
export const countSourceLabels: Record<CountSource, string> = {
  consultationsNoReply: 'Số lượt không trả lời ý kiến',
  consultationsLate: 'Số lượt trả lời ý kiến muộn',
  followUpLetters: 'Số công văn đôn đốc nhận được',
  extensionsGranted: 'Số lần được gia hạn',
};

const metricId = z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,30}$/, 'Mã chỉ tiêu chỉ gồm chữ và số.');
export const rankingMetricSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('rate'),
    id: metricId,
    label: z.string().trim().min(1).max(200),
    numerator: z.array(z.enum(taskCategories)).min(1),
    denominator: z.array(z.enum(taskCategories)).min(1),
  }),
  z.object({ kind: z.literal('count'), id: metricId, label: z.string().trim().min(1).max(200), source: z.enum(countSources) }),
]);
export type RankingMetric = z.infer<typeof rankingMetricSchema>;

export const conditionOps = ['gte', 'gt', 'lte', 'lt'] as const;
export type ConditionOp = (typeof conditionOps)[number];
const OP_TEXT: Record<ConditionOp, string> = { gte: '≥', gt: '>', lte: '≤', lt: '<' };

export const rankingConditionSchema = z.object({
  metric: metricId,
  op: z.enum(conditionOps),
  /** Percent for rate metrics (at most two decimals, e.g. 92.5), a plain number for counts. */
  value: z.number().min(0).max(1_000_000),
});
export type RankingCondition = z.infer<typeof rankingConditionSchema>;

export const rankingLevelSchema = z.object({
  id: metricId,
  label: z.string().trim().min(1).max(200),
  conditions: z.array(rankingConditionSchema).max(10),
});
export type RankingLevel = z.infer<typeof rankingLevelSchema>;

export const rankingSchemeSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    metrics: z.array(rankingMetricSchema).min(1).max(10),
    /** Best first; a unit gets the first level whose conditions all hold; the last one should have none. */
    levels: z.array(rankingLevelSchema).min(1).max(8),
    /** Order within a level: Σ weight × value (rates in percent). */
    weights: z.array(z.object({ metric: metricId, weight: z.number().min(-100).max(100) })).max(10),
    /** Units with fewer tasks come due than this (in the first rate metric's base) are not ranked. */
    minBase: z.number().int().min(0).max(100_000),
  })
  .superRefine((s, ctx) => {
    const ids = new Set(s.metrics.map((m) => m.id));
    if (ids.size !== s.metrics.length) ctx.addIssue({ code: 'custom', message: 'Mã chỉ tiêu bị trùng.', path: ['metrics'] });
    s.levels.forEach((l, i) =>
      l.conditions.forEach((c, j) => {
        if (!ids.has(c.metric)) ctx.addIssue({ code: 'custom', message: `Mức "${l.label}" dùng chỉ tiêu không có: ${c.metric}.`, path: ['levels', i, 'conditions', j] });
      }),
    );
    s.weights.forEach((w, i) => {
      if (!ids.has(w.metric)) ctx.addIssue({ code: 'custom', message: `Trọng số cho chỉ tiêu không có: ${w.metric}.`, path: ['weights', i] });
    });
    if (!s.metrics.some((m) => m.kind === 'rate')) ctx.addIssue({ code: 'custom', message: 'Cần ít nhất một chỉ tiêu tỷ lệ.', path: ['metrics'] });
  });
export type RankingScheme = z.infer<typeof rankingSchemeSchema>;
export const RANKING_SCHEME_ID = 'rankingScheme';

const DUE: TaskCategory[] = ['doneOnTime', 'doneLate', 'openOverdue'];
export const DEFAULT_RANKING_SCHEME: RankingScheme = {
  name: 'Tiêu chí xếp loại mức độ hoàn thành nhiệm vụ được giao',
  metrics: [
    { kind: 'rate', id: 'onTime', label: 'Tỷ lệ hoàn thành đúng hạn', numerator: ['doneOnTime'], denominator: DUE },
    { kind: 'rate', id: 'overdue', label: 'Tỷ lệ quá hạn chưa hoàn thành', numerator: ['openOverdue'], denominator: DUE },
    { kind: 'count', id: 'noReply', label: countSourceLabels.consultationsNoReply, source: 'consultationsNoReply' },
    { kind: 'count', id: 'lateReply', label: countSourceLabels.consultationsLate, source: 'consultationsLate' },
  ],
  levels: [
    {
      id: 'excellent',
      label: 'Hoàn thành xuất sắc nhiệm vụ',
      conditions: [
        { metric: 'onTime', op: 'gte', value: 95 },
        { metric: 'overdue', op: 'lt', value: 5 },
        { metric: 'noReply', op: 'lte', value: 0 },
      ],
    },
    {
      id: 'good',
      label: 'Hoàn thành tốt nhiệm vụ',
      conditions: [
        { metric: 'onTime', op: 'gte', value: 90 },
        { metric: 'overdue', op: 'lt', value: 10 },
      ],
    },
    {
      id: 'done',
      label: 'Hoàn thành nhiệm vụ',
      conditions: [
        { metric: 'onTime', op: 'gte', value: 70 },
        { metric: 'overdue', op: 'lt', value: 20 },
      ],
    },
    { id: 'notDone', label: 'Không hoàn thành nhiệm vụ', conditions: [] },
  ],
  weights: [
    { metric: 'onTime', weight: 1 },
    { metric: 'overdue', weight: -1 },
    { metric: 'noReply', weight: -2 },
    { metric: 'lateReply', weight: -1 },
  ],
  minBase: 1,
};

export const UNRANKED_LABEL = 'Chưa đủ căn cứ xếp loại';

export interface MetricValue {
  id: string;
  label: string;
  kind: 'rate' | 'count';
  numerator: number;
  denominator: number;
  /** Rates: basis points rounded down (null with an empty base); counts: the count × 100. */
  basisPoints: number | null;
  /** Counts only. */
  count: number;
}

export interface ConditionCheck {
  text: string;
  actual: string;
  passed: boolean;
}

export interface LevelCheck {
  levelId: string;
  label: string;
  passed: boolean;
  conditions: ConditionCheck[];
}

export interface UnitRanking {
  unitId: string;
  unitName: string;
  /** 1 = best; equal level and score share a position; null when not ranked. */
  position: number | null;
  levelId: string | null;
  levelLabel: string;
  /** Σ weight × value, in hundredths (an integer, so ties are exact). */
  scoreHundredths: number;
  metrics: MetricValue[];
  /** Levels from the best down to the one obtained: which conditions held. */
  checks: LevelCheck[];
}

function sumOf(counts: Record<TaskCategory, number>, cats: readonly TaskCategory[]): number {
  return cats.reduce((s, c) => s + counts[c], 0);
}

export function metricValue(m: RankingMetric, f: ReportFigures): MetricValue {
  if (m.kind === 'count') {
    const count = f[m.source];
    return { id: m.id, label: m.label, kind: 'count', numerator: count, denominator: 1, basisPoints: count * 100, count };
  }
  const numerator = sumOf(f.counts, m.numerator);
  const denominator = sumOf(f.counts, m.denominator);
  return { id: m.id, label: m.label, kind: 'rate', numerator, denominator, basisPoints: denominator > 0 ? basisPointsHalfUp(numerator, denominator) : null, count: 0 };
}

/** Exact comparison: rates compare numerator·10000 with threshold·100·denominator in integers. */
function holds(c: RankingCondition, v: MetricValue): boolean {
  const threshold = Math.round(c.value * 100);
  let left: number;
  let right: number;
  if (v.kind === 'rate') {
    if (v.denominator === 0) return false;
    left = v.numerator * 10_000;
    right = threshold * v.denominator;
  } else {
    left = v.count * 100;
    right = threshold;
  }
  switch (c.op) {
    case 'gte':
      return left >= right;
    case 'gt':
      return left > right;
    case 'lte':
      return left <= right;
    case 'lt':
      return left < right;
    default: {
      const never: never = c.op;
      throw new Error(String(never));
    }
  }
}

export function formatPercentBp(bp: number | null): string {
  if (bp === null) return '—';
  const sign = bp < 0 ? '-' : '';
  const a = Math.abs(bp);
  return `${sign}${Math.floor(a / 100)},${String(a % 100).padStart(2, '0')}%`;
}

function formatThreshold(m: RankingMetric, value: number): string {
  const s = Number.isInteger(value) ? String(value) : value.toFixed(2).replace(/0+$/, '').replace('.', ',');
  return m.kind === 'rate' ? `${s}%` : s;
}

export function conditionText(c: RankingCondition, scheme: RankingScheme): string {
  const m = scheme.metrics.find((x) => x.id === c.metric)!;
  return `${m.label} ${OP_TEXT[c.op]} ${formatThreshold(m, c.value)}`;
}

function actualText(v: MetricValue): string {
  return v.kind === 'rate' ? `${formatPercentBp(v.basisPoints)} (${v.numerator}/${v.denominator})` : String(v.count);
}

/** "1 × A - 1 × B - 2 × C": a negative weight is written as a subtraction, never "+ -1 ×". */
function weightedSum(scheme: RankingScheme): string {
  return scheme.weights
    .map((w, i) => {
      const term = `${Math.abs(w.weight)} × ${scheme.metrics.find((m) => m.id === w.metric)!.label}`;
      if (i === 0) return w.weight < 0 ? `- ${term}` : term;
      return `${w.weight < 0 ? '-' : '+'} ${term}`;
    })
    .join(' ');
}

/** Items of a printed list as the Decree's examples end them: ";" after each, "." after the last. */
export function listItems(lines: readonly string[]): string[] {
  return lines.map((l, i) => `${l.replace(/[\s.;:,]+$/u, '')}${i === lines.length - 1 ? '.' : ';'}`);
}

/** The formula printed with the ranking: metric definitions, levels, ordering. */
export function schemeText(scheme: RankingScheme): string[] {
  const lines = scheme.metrics.map((m) =>
    m.kind === 'rate'
      ? `${m.label} = (${m.numerator.map((c) => taskCategoryLabels[c]).join(' + ')}) / (${m.denominator.map((c) => taskCategoryLabels[c]).join(' + ')})`
      : `${m.label}: đếm theo kỳ báo cáo`,
  );
  for (const l of scheme.levels) lines.push(`${l.label}: ${l.conditions.length ? l.conditions.map((c) => conditionText(c, scheme)).join(' và ') : 'các trường hợp còn lại'}`);
  if (scheme.weights.length)
    lines.push(
      `Thứ tự trong cùng mức: điểm = ${weightedSum(scheme)} (tỷ lệ tính theo %), điểm cao xếp trước`,
    );
  const base = scheme.metrics.find((m) => m.kind === 'rate')!;
  if (scheme.minBase > 0) lines.push(`Đơn vị có dưới ${scheme.minBase} nhiệm vụ trong mẫu số của “${base.label}”: ${UNRANKED_LABEL.toLowerCase()}`);
  return listItems(lines);
}

export function rankUnits(report: Pick<ReportData, 'units'>, scheme: RankingScheme): UnitRanking[] {
  const base = scheme.metrics.find((m) => m.kind === 'rate')!;
  const rows = report.units.map((u, index) => {
    const metrics = scheme.metrics.map((m) => metricValue(m, u));
    const byId = new Map(metrics.map((v) => [v.id, v]));
    const baseValue = byId.get(base.id)!;
    let score = 0;
    for (const w of scheme.weights) {
      const v = byId.get(w.metric)!;
      const value = v.kind === 'rate' ? (v.denominator > 0 ? (v.numerator * 100) / v.denominator : 0) : v.count;
      score += w.weight * value;
    }
    const checks: LevelCheck[] = [];
    let level: (typeof scheme.levels)[number] | null = null;
    if (baseValue.denominator >= scheme.minBase) {
      for (const l of scheme.levels) {
        const conditions = l.conditions.map((c) => ({ text: conditionText(c, scheme), actual: actualText(byId.get(c.metric)!), passed: holds(c, byId.get(c.metric)!) }));
        const passed = conditions.every((c) => c.passed);
        checks.push({ levelId: l.id, label: l.label, passed, conditions });
        if (passed) {
          level = l;
          break;
        }
      }
    }
    const ranking: UnitRanking = {
      unitId: u.unitId,
      unitName: u.unitName,
      position: null,
      levelId: level?.id ?? null,
      levelLabel: level?.label ?? UNRANKED_LABEL,
      scoreHundredths: Math.round(score * 100),
      metrics,
      checks,
    };
    return { ranking, index, levelIndex: level ? scheme.levels.indexOf(level) : scheme.levels.length };
  });
  rows.sort((a, b) => a.levelIndex - b.levelIndex || b.ranking.scoreHundredths - a.ranking.scoreHundredths || a.index - b.index);
  let position = 0;
  let prev: (typeof rows)[number] | null = null;
  rows.forEach((r, i) => {
    if (r.ranking.levelId === null) return;
    if (!prev || prev.levelIndex !== r.levelIndex || prev.ranking.scoreHundredths !== r.ranking.scoreHundredths) position = i + 1;
    r.ranking.position = position;
    prev = r;
  });
  return rows.map((r) => r.ranking);
}

export interface TaskExplanation {
  task: CountedTask;
  /** "Tính vào tử số và mẫu số của Tỷ lệ hoàn thành đúng hạn", … */
  roles: string[];
}

/** "Vì sao đơn vị được xếp loại này": each task of the unit that the report counted, and how it counted. */
export function explainUnit(report: Pick<ReportData, 'counted'>, unitId: string, scheme: RankingScheme): TaskExplanation[] {
  const out: TaskExplanation[] = [];
  for (const t of report.counted) {
    if (t.unitId !== unitId) continue;
    const roles: string[] = [];
    for (const m of scheme.metrics) {
      if (m.kind !== 'rate') continue;
      const num = m.numerator.includes(t.category);
      const den = m.denominator.includes(t.category);
      if (num && den) roles.push(`Tính vào tử số và mẫu số của “${m.label}”`);
      else if (den) roles.push(`Tính vào mẫu số của “${m.label}”`);
      else if (num) roles.push(`Tính vào tử số của “${m.label}”`);
    }
    if (roles.length === 0) roles.push(t.category === 'awaitingAcceptance' ? 'Không tính vào tỷ lệ (đơn vị đã báo cáo hoàn thành, chờ cơ quan giao xác nhận)' : 'Không tính vào tỷ lệ (chưa đến hạn hoặc không có thời hạn)');
    out.push({ task: t, roles });
  }
  const rank: Record<TaskCategory, number> = { openOverdue: 0, doneLate: 1, doneOnTime: 2, awaitingAcceptance: 3, openWithinDeadline: 4, openNoDeadline: 5, doneNoDeadline: 6 };
  return out.sort((a, b) => rank[a.task.category] - rank[b.task.category] || b.task.lateDays - a.task.lateDays || (a.task.id < b.task.id ? -1 : 1));
}

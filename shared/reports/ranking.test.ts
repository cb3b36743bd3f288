import { describe, expect, it } from 'vitest';
import { computeReport } from './compute';
import { fixtureParams, fixtureReportTasks, FIXTURE_UNITS } from './fixtures';
import type { ReportFigures, UnitReportRow } from './model';
import { DEFAULT_RANKING_SCHEME, explainUnit, rankingSchemeSchema, rankUnits, schemeText, UNRANKED_LABEL, type RankingScheme } from './ranking';
import { proposeCandidates } from './accountability';
import { explanationSections, rankingSections } from './export';

function row(unitId: string, onTime: number, late: number, overdue: number, extra: Partial<ReportFigures> = {}): UnitReportRow {
  const counts = { doneOnTime: onTime, doneLate: late, doneNoDeadline: 0, awaitingAcceptance: 0, openWithinDeadline: 0, openOverdue: overdue, openNoDeadline: 0 };
  const base = { numerator: 0, denominator: 0, basisPoints: null };
  return {
    unitId,
    unitName: `Đơn vị ${unitId}`,
    assigned: onTime + late + overdue,
    carriedOver: 0,
    counts,
    rate: base,
    overdueShare: base,
    overdueBuckets: { upTo30: overdue, from31To90: 0, over90: 0 },
    extensionsGranted: 0,
    followUpLetters: 0,
    consultationsConsulted: 0,
    consultationsNoReply: 0,
    consultationsLate: 0,
    ...extra,
  };
}

describe('rankUnits with the default scheme', () => {
  it('uses exact thresholds: 90% on time with < 10% overdue is "tốt"; one task less is not', () => {
    // a: 18/20 = 90,00% on time, overdue 1/20 = 5% → tốt (not xuất sắc: 90 < 95)
    // b: 17/20 = 85% → hoàn thành (≥ 70, overdue 2/20 = 10% < 20)
    // c: 19/20 = 95%, overdue 0 → xuất sắc
    // d: 2/10 overdue 8 → không hoàn thành; e: nothing came due → not ranked
    const ranking = rankUnits({ units: [row('a', 18, 1, 1), row('b', 17, 1, 2), row('c', 19, 1, 0), row('d', 2, 0, 8), row('e', 0, 0, 0)] }, DEFAULT_RANKING_SCHEME);
    expect(ranking.map((r) => [r.unitId, r.levelId, r.position])).toEqual([
      ['c', 'excellent', 1],
      ['a', 'good', 2],
      ['b', 'done', 3],
      ['d', 'notDone', 4],
      ['e', null, null],
    ]);
    expect(ranking[4].levelLabel).toBe(UNRANKED_LABEL);
    const a = ranking[1];
    // Why "a" is not xuất sắc: 90,00% < 95%.
    expect(a.checks[0]).toMatchObject({ levelId: 'excellent', passed: false });
    expect(a.checks[0].conditions[0]).toEqual({ text: 'Tỷ lệ hoàn thành đúng hạn ≥ 95%', actual: '90,00% (18/20)', passed: false });
    expect(a.checks[1]).toMatchObject({ levelId: 'good', passed: true });
  });

  it('a late consultation reply lowers the order within a level; no reply keeps a unit out of xuất sắc', () => {
    const ranking = rankUnits({ units: [row('x', 20, 0, 0, { consultationsLate: 1 }), row('y', 20, 0, 0), row('z', 20, 0, 0, { consultationsNoReply: 1 })] }, DEFAULT_RANKING_SCHEME);
    expect(ranking.map((r) => [r.unitId, r.levelId, r.position])).toEqual([
      ['y', 'excellent', 1],
      ['x', 'excellent', 2],
      ['z', 'good', 3],
    ]);
    // score = 1 × 100 − 1 × 0 − 2 × 0 − 1 × 1 = 99
    expect(ranking[1].scoreHundredths).toBe(9900);
  });

  it('equal level and score share a position', () => {
    const ranking = rankUnits({ units: [row('a', 10, 0, 0), row('b', 10, 0, 0), row('c', 5, 5, 0)] }, DEFAULT_RANKING_SCHEME);
    expect(ranking.map((r) => r.position)).toEqual([1, 1, 3]);
  });

  it('the scheme is data: a custom threshold changes the level; invalid references are refused', () => {
    const strict: RankingScheme = { ...DEFAULT_RANKING_SCHEME, levels: DEFAULT_RANKING_SCHEME.levels.map((l) => (l.id === 'good' ? { ...l, conditions: [{ metric: 'onTime', op: 'gte', value: 92.5 }] } : l)) };
    expect(rankingSchemeSchema.safeParse(strict).success).toBe(true);
    // 18/20 = 90% < 92,5% → falls to hoàn thành; 37/40 = 92,5% exactly → tốt
    expect(rankUnits({ units: [row('a', 18, 2, 0)] }, strict)[0].levelId).toBe('done');
    expect(rankUnits({ units: [row('a', 37, 3, 0)] }, strict)[0].levelId).toBe('good');
    const broken = { ...DEFAULT_RANKING_SCHEME, levels: [{ id: 'x', label: 'X', conditions: [{ metric: 'nope', op: 'gte', value: 1 }] }] };
    expect(rankingSchemeSchema.safeParse(broken).success).toBe(false);
    expect(schemeText(DEFAULT_RANKING_SCHEME)[0]).toBe('Tỷ lệ hoàn thành đúng hạn = (Hoàn thành đúng hạn) / (Hoàn thành đúng hạn + Hoàn thành quá hạn + Quá hạn chưa hoàn thành);');
  });
});

describe('explainUnit and candidates on the golden fixture (30/06/2026)', () => {
  const report = computeReport({ params: fixtureParams('2026-06-30'), tasks: fixtureReportTasks('2026-06-30'), units: FIXTURE_UNITS, scopeLabel: 'x' });
  const ranking = rankUnits(report, DEFAULT_RANKING_SCHEME);

  it('lists each task of the unit with how it counted, overdue first', () => {
    const why = explainUnit(report, 'pvh', DEFAULT_RANKING_SCHEME);
    expect(why.map((w) => [w.task.id, w.task.category])).toEqual([
      ['H1', 'openOverdue'],
      ['H2', 'doneOnTime'],
    ]);
    expect(why[0].roles).toEqual(['Tính vào mẫu số của “Tỷ lệ hoàn thành đúng hạn”', 'Tính vào tử số và mẫu số của “Tỷ lệ quá hạn chưa hoàn thành”']);
    const pkt = explainUnit(report, 'pkt', DEFAULT_RANKING_SCHEME);
    expect(pkt.find((w) => w.task.id === 'K4')?.roles).toEqual(['Không tính vào tỷ lệ (chưa đến hạn hoặc không có thời hạn)']);
  });

  it('proposes pvh and vp for review (overdue), and the best-level unit for commendation', () => {
    // pkt: on time 1 of (1 + 1 + 0) come due = 50% < 70% → không hoàn thành.
    expect(ranking.find((r) => r.unitId === 'pkt')?.levelId).toBe('notDone');
    const c = proposeCandidates(report, ranking);
    expect(c.discipline.map((x) => x.unitId)).toEqual(['pvh', 'vp']);
    expect(c.discipline[0].taskIds).toEqual(['H1']);
    expect(c.discipline[0].reason).toMatch(/1 nhiệm vụ quá hạn chưa hoàn thành \(1 nhiệm vụ quá hạn trên 90 ngày\)/);
    expect(c.commendation.every((x) => x.unitId === ranking[0].unitId || ranking.find((r) => r.unitId === x.unitId)?.levelId === ranking[0].levelId)).toBe(true);
  });
});

describe('ranking texts as printed in letters', () => {
  const report = computeReport({ params: fixtureParams('2026-06-30'), tasks: fixtureReportTasks('2026-06-30'), units: FIXTURE_UNITS, scopeLabel: 'x' });
  const ranking = rankUnits(report, DEFAULT_RANKING_SCHEME);
  const bullets = (sections: ReturnType<typeof rankingSections>) =>
    sections.flatMap((s) => s.blocks ?? []).flatMap((b) => (b.type === 'bullets' ? b.items : []));

  it('writes negative weights as subtractions, no arrow, typographic quotes, items ending ";" and the last "."', () => {
    const lines = schemeText(DEFAULT_RANKING_SCHEME);
    const all = lines.join('\n');
    expect(all).not.toMatch(/\+ -\d/);
    expect(all).toContain('điểm = 1 × Tỷ lệ hoàn thành đúng hạn - 1 ×');
    expect(all).not.toContain('"');
    expect(all).toContain('“Tỷ lệ hoàn thành đúng hạn”');
    lines.slice(0, -1).forEach((l) => expect(l).toMatch(/;$/));
    expect(lines.at(-1)).toMatch(/[^.]\.$/);

    const explained = explanationSections(report, ranking[0], DEFAULT_RANKING_SCHEME, new Map());
    const items = bullets(explained);
    expect(items.length).toBeGreaterThan(0);
    expect(items.join('\n')).not.toContain('⇒');
    items.slice(0, -1).forEach((l) => expect(l).toMatch(/;$/));
    expect(items.at(-1)).toMatch(/\.$/);
    expect(bullets(rankingSections(report, ranking, DEFAULT_RANKING_SCHEME)).at(-1)).toMatch(/[^.]\.$/);
  });
});

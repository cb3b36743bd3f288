import type { ReportParams } from '../../shared/reports/model';

/** The yearly report both report benchmarks build (Node computeYear, Chromium yearly.compute): 2025, all units, cut-off 31/12. */
export const YEAR_2025_REPORT: ReportParams = {
  period: { kind: 'year', from: '2025-01-01', to: '2025-12-31', cutOff: '2025-12-31' },
  scope: { kind: 'all' },
  inclusion: 'withCarriedOver',
  judgeAgainst: 'extended',
  rateFormula: 'dueCompletion',
};

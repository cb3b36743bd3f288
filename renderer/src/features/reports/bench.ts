/**
 * The yearly report as the Báo cáo screen builds it (issue 10): every task of the year from the
 * task index, tasks changed after the cut-off or extended refolded from their events, units,
 * follow-up letters and consultations, then computeReport — on the demo database of each size.
 * The pure computation alone is reports.computeYear (Node).
 */
import type { ReportParams } from '@shared/reports';
import { demoDb } from '../../../../bench/renderer/demoDb';
import type { RendererBenchCase } from '../../../../bench/renderer/types';
import type { DondocDb } from '../../data/db';
import { buildReport } from './data/build';

const params: ReportParams = {
  period: { kind: 'year', from: '2025-01-01', to: '2025-12-31', cutOff: '2025-12-31' },
  scope: { kind: 'all' },
  inclusion: 'withCarriedOver',
  judgeAgainst: 'extended',
  rateFormula: 'dueCompletion',
};

let db: DondocDb | null = null;
let sink = 0;

export const rendererCases: RendererBenchCase[] = [
  {
    name: 'reports.yearly.compute',
    size: (s) => `demo data: ${s.tasks.toLocaleString('en')} tasks, ${s.progressReports.toLocaleString('en')} progress reports; yearly report 2025 (cut-off 31/12/2025), all units, read from IndexedDB and computed`,
    sizes: ['tiny', 'office', 'province-years'],
    rows: (s) => s.tasks,
    setup: async (ctx) => void ({ db } = await demoDb(ctx)),
    run: async () => {
      const report = await buildReport(db!, params, 'Toàn tỉnh');
      sink += report.totals.counts.openOverdue;
    },
  },
];

export function reportsBenchSink(): number {
  return sink;
}

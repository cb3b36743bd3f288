/**
 * The yearly report as the Báo cáo screen builds it: every task of the year from the
 * task index, tasks changed after the cut-off or extended refolded from their events, units,
 * follow-up letters and consultations, then computeReport — on the demo database of each size.
 * The pure computation alone is reports.computeYear (Node).
 */
import { demoDb } from '../demoDb';
import type { RendererBenchCase } from '../types';
import type { DondocDb } from '../../../renderer/src/data/db';
import { taskIndexMirror } from '../../../renderer/src/features/tasks/data/indexMirror';
import { buildReport } from '../../../renderer/src/features/reports/data/build';
import { settledIndexRows } from '../../../renderer/src/features/tasks/data/queries';
import { YEAR_2025_REPORT as params } from '../reportParams';


let db: DondocDb | null = null;
let sink = 0;

export const rendererCases: RendererBenchCase[] = [
  {
    name: 'reports.yearly.compute',
    size: (s) => `demo data: ${s.tasks.toLocaleString('en')} tasks, ${s.progressReports.toLocaleString('en')} progress reports; yearly report 2025 (cut-off 31/12/2025), all units, as the Báo cáo screen builds it: index from the in-memory mirror, tasks with later events or extensions in the year refolded from IndexedDB, computed`,
    // Needs the tasks' events, which the province-years bench database does not store (bench/renderer/demo.ts).
    sizes: ['tiny', 'office'],
    rows: (s) => s.tasks,
    setup: async (ctx) => {
      ({ db } = await demoDb(ctx));
      // The screen reads the task index from the mirror the app loads at sign-in.
      await taskIndexMirror(db).load();
    },
    run: async () => {
      const report = await buildReport(db!, params, 'Toàn tỉnh', await settledIndexRows(db!));
      sink += report.totals.counts.openOverdue;
    },
  },
];

export function reportsBenchSink(): number {
  return sink;
}

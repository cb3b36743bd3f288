import type { BenchCase } from '../types';
import { generateDemoData, DEMO_SIZES } from '../../shared/demo/generator';
import { foldTask } from '../../shared/tasks/state';
import type { TaskEvent } from '../../shared/tasks/model';
import { computeReport, reportTaskOf } from '../../shared/reports/compute';
import { reportSections, reportSheets } from '../../shared/reports/export';
import type { ReportData, ReportTask } from '../../shared/reports/model';
import { buildPeriodicReport } from '../../shared/letters/templates';
import { sampleIssuer } from '../../shared/letters/__fixtures__/samples';
import { renderLetterDocx } from '../../electron/main/letters/docx';
import { writeWorkbook } from '../../electron/main/xlsx/workbook';
import { YEAR_2025_REPORT as params } from '../renderer/reportParams';

const TODAY = '2026-11-27';
let tasks: ReportTask[] = [];
let units: { id: string; name: string }[] = [];
let report: ReportData | null = null;

/** 50,000 demo tasks folded as of 31/12/2025; their lead units are the report's rows (about 40 with tasks). */
function prepare(): void {
  if (tasks.length) return;
  const data = generateDemoData({ seed: 20250701, today: TODAY, ...DEMO_SIZES.large });
  const byTask = new Map<string, TaskEvent[]>();
  data.events.forEach((e, i) => {
    const list = byTask.get(e.taskId) ?? [];
    list.push({ ...e, order: String(i).padStart(10, '0') });
    byTask.set(e.taskId, list);
  });
  tasks = data.tasks.map((t) => reportTaskOf(t, foldTask(t, byTask.get(t.id) ?? [], params.period.cutOff)));
  units = data.units.map((u) => ({ id: u.id, name: u.name }));
  report = compute();
}

function compute(): ReportData {
  return computeReport({ params, tasks, units, scopeLabel: 'Tất cả đơn vị' });
}

const cases: BenchCase[] = [
  {
    name: 'reports.computeYear',
    size: '50,000 demo tasks (facts as of the cut-off), yearly report: per-unit categories, rates, ages, overdue list, trend',
    targetMs: 500,
    setup: prepare,
    run: () => {
      compute();
    },
  },
  {
    name: 'reports.docxYear',
    size: 'the yearly report over 50,000 tasks as a báo cáo .docx (unit tables, monthly trend, full overdue list)',
    setup: prepare,
    run: async () => {
      await renderLetterDocx(buildPeriodicReport({ issuer: sampleIssuer, periodLabel: report!.periodLabel, sections: reportSections(report!), number: 1, date: '2026-01-05' }));
    },
  },
  {
    name: 'reports.xlsxYear',
    size: 'the yearly report over 50,000 tasks as .xlsx (units, overdue list, months, notes)',
    setup: prepare,
    run: async () => {
      await writeWorkbook(reportSheets(report!));
    },
  },
];

export default cases;

/**
 * The golden fixture: three offices of a commune and eleven tasks whose facts are chosen so
 * that every category, the carried-over rule, an extension, a cancellation and all three
 * overdue ages occur at one of the cut-off dates 31/3, 30/6 and 30/9/2026. The expected
 * figures are worked out by hand in compute.test.ts.
 */
import { makeEvents, makeTask } from '../tasks/fixtures';
import type { Task, TaskEvent } from '../tasks/model';
import { foldTask } from '../tasks/state';
import { reportTaskOf } from './compute';
import type { ReportParams, ReportTask } from './model';

export const FIXTURE_UNITS = [
  { id: 'pkt', name: 'Phòng Kinh tế' },
  { id: 'pvh', name: 'Phòng Văn hóa - Xã hội' },
  { id: 'vp', name: 'Văn phòng HĐND và UBND' },
];

function task(id: string, leadUnitId: string, assignedOn: string, dueOn: string | null): Task {
  return makeTask({ id, title: `Nhiệm vụ ${id}`, leadUnitId, supportUnitIds: [], assignedOn, dueOn, deadline: dueOn ? { kind: 'fixed', date: dueOn } : null, planYear: 2026 });
}
const done = (completedOn: string) => ({ type: 'completion' as const, on: completedOn, completedOn, resultText: 'Đã hoàn thành', reportNumber: '', attachments: [] });

export function fixtureTasks(): { tasks: Task[]; events: TaskEvent[] } {
  const tasks = [
    task('K1', 'pkt', '2026-01-05', '2026-03-10'),
    task('K2', 'pkt', '2026-01-12', '2026-03-20'),
    task('K3', 'pkt', '2026-02-02', '2026-05-15'),
    task('K4', 'pkt', '2026-03-02', null),
    task('H1', 'pvh', '2026-01-20', '2026-02-27'),
    task('H2', 'pvh', '2026-04-01', '2026-06-05'),
    task('H3', 'pvh', '2026-02-10', '2026-03-31'),
    task('V1', 'vp', '2025-11-03', '2025-12-31'),
    task('V2', 'vp', '2025-10-01', '2025-11-28'),
    task('V3', 'vp', '2026-06-01', '2026-06-26'),
    task('V4', 'vp', '2026-07-01', '2026-12-15'),
  ];
  const events = [
    ...makeEvents('K1', [done('2026-03-09')]),
    ...makeEvents('K2', [done('2026-04-15')]),
    ...makeEvents('K3', [
      { type: 'extensionRequest', on: '2026-05-08', reason: 'Chờ ý kiến của Sở', proposedDueOn: '2026-07-15' },
      { type: 'extensionDecision', on: '2026-05-10', requestId: 'K3-e1', accepted: true, newDueOn: '2026-07-15', note: '' },
      done('2026-07-10'),
    ]),
    ...makeEvents('K4', [done('2026-08-03')]),
    ...makeEvents('H2', [done('2026-06-05')]),
    ...makeEvents('H3', [{ type: 'cancel', on: '2026-05-04', reason: 'Không còn phù hợp' }]),
    ...makeEvents('V1', [done('2026-01-15')]),
    ...makeEvents('V2', [done('2025-11-20')]),
    ...makeEvents('V3', [done('2026-07-03')]),
  ];
  return { tasks, events };
}

/** Every fixture task folded as of the cut-off. */
export function fixtureReportTasks(cutOff: string): ReportTask[] {
  const { tasks, events } = fixtureTasks();
  return tasks.map((t) => reportTaskOf(t, foldTask(t, events, cutOff)));
}

export function fixtureParams(cutOff: string, overrides: Partial<ReportParams> = {}): ReportParams {
  return {
    period: { kind: 'year', from: '2026-01-01', to: '2026-12-31', cutOff },
    scope: { kind: 'all' },
    inclusion: 'withCarriedOver',
    judgeAgainst: 'extended',
    rateFormula: 'dueCompletion',
    ...overrides,
  };
}

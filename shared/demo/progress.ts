/**
 * The demo progress reports: exactly opts.progressReports, spread over the tasks by how long each
 * ran, dated on working days within the task's span, with a percentage that climbs towards a ceiling.
 */
import { daysBetween } from '../calendar';
import { eventBase, type DemoContext } from './context';
import type { TaskPlan } from './histories';
import type { DemoOrganisation } from './organisation';
import { PROGRESS_TEXTS } from './vocabulary';

/** How many reports each plan gets: a weighted draw, each task weighted by the days it ran. */
function reportsPerTask(ctx: DemoContext, plans: TaskPlan[]): number[] {
  const cumulative: number[] = [];
  let acc = 0;
  for (const p of plans) cumulative.push((acc += Math.max(1, daysBetween(p.task.assignedOn, p.end))));
  const perTask = new Array<number>(plans.length).fill(0);
  if (plans.length === 0) return perTask;
  for (let k = 0; k < ctx.opts.progressReports; k++) {
    const x = ctx.rng.next() * acc;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    perTask[lo] += 1;
  }
  return perTask;
}

/** Adds the progress reports to the plans' events. */
export function addProgressReports(ctx: DemoContext, org: DemoOrganisation, plans: TaskPlan[]): void {
  const { rng } = ctx;
  const perTask = reportsPerTask(ctx, plans);
  plans.forEach((p, idx) => {
    const n = perTask[idx];
    if (n === 0) return;
    const lead = [...p.events].reverse().find((x) => x.e.type === 'reassignment')?.e;
    const leadUnit = lead && lead.type === 'reassignment' ? lead.newLeadUnitId : p.task.leadUnitId;
    const actor = org.headOf.get(leadUnit) ?? null;
    const dates = Array.from({ length: n }, () => ctx.randomWorkday(p.task.assignedOn, p.end)).sort();
    const ceiling = p.openAtEnd ? rng.int(30, 95) : 95;
    dates.forEach((on, k) => {
      const percent = Math.min(ceiling, Math.round(((k + 1) / (n + (p.openAtEnd ? 0.5 : 1))) * ceiling / 5) * 5);
      p.events.push({ e: { ...eventBase(rng, p.task.id, on, actor), type: 'progress', percent, text: rng.pick(PROGRESS_TEXTS), attachments: [] }, rank: 1 });
    });
  });
}

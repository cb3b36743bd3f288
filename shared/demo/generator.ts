/**
 * Deterministic demo data ("Nạp dữ liệu mẫu", benchmarks, tests): a province under today's
 * two-tier local government (UBND tỉnh, its Sở and its communes/wards, each commune with its
 * offices, public-service units and villages), officials (some holding two posts), directives
 * with realistic subjects, and tasks over several years with progress, contributions,
 * extensions, lateness, pauses, reassignments and cancellations. Pure and seeded: the same
 * options always give the same rows, byte for byte.
 */
import type { Post } from '../registries/officials';
import type { Directive, Task, TaskStep } from '../tasks/model';
import { demoContext, type DemoEvent, type DemoOfficial, type DemoOptions, type DemoUnit } from './context';
import { generateDirectives } from './directives';
import { generateTaskHistories, type TaskPlan } from './histories';
import { generateOrganisation } from './organisation';
import { addProgressReports } from './progress';

export { DEMO_ACTOR, type DemoEvent, type DemoOfficial, type DemoOptions, type DemoUnit } from './context';

export const DEMO_SIZES = {
  small: { tasks: 5_000, progressReports: 20_000, communes: 20, years: 3 },
  large: { tasks: 50_000, progressReports: 200_000, communes: 30, years: 4 },
} as const;
export type DemoSize = keyof typeof DEMO_SIZES;

export interface DemoData {
  format: 'dondoc-demo';
  version: 1;
  options: Required<DemoOptions>;
  /** The province's People's Committee (root of the tree). */
  rootUnitId: string;
  /** Văn phòng UBND tỉnh: the coordinating office. */
  coordinatorUnitId: string;
  units: DemoUnit[];
  officials: DemoOfficial[];
  posts: Post[];
  directives: Directive[];
  tasks: Task[];
  steps: TaskStep[];
  /** Per task in chronological order; write them in array order so versions follow time. */
  events: DemoEvent[];
}

/**
 * The parts are generated in a fixed order from one random stream (registries, directives, task
 * histories, progress reports), so the same options always give the same rows, byte for byte.
 */
export function generateDemoData(options: DemoOptions): DemoData {
  const ctx = demoContext(options);
  const org = generateOrganisation(ctx);
  const dirs = generateDirectives(ctx, org);
  const { plans, steps } = generateTaskHistories(ctx, org, dirs);
  addProgressReports(ctx, org, plans);
  const { rootUnitId, coordinatorUnitId, units, officials, posts } = org;
  return { format: 'dondoc-demo', version: 1, options: ctx.opts, rootUnitId, coordinatorUnitId, units, officials, posts, directives: dirs.directives, tasks: plans.map((p) => p.task), steps, events: plans.flatMap(eventsInOrder) };
}

/** A task's events by date; a completion counts on the day it was completed; ties keep their causal rank. */
function eventsInOrder(plan: TaskPlan): DemoEvent[] {
  const dateOf = (e: DemoEvent) => (e.type === 'completion' ? e.completedOn : e.on);
  plan.events.sort((a, b) => (dateOf(a.e) < dateOf(b.e) ? -1 : dateOf(a.e) > dateOf(b.e) ? 1 : a.rank - b.rank));
  return plan.events.map(({ e }) => e);
}

/** Reads a demo size name ("small", "large") or a task count ("12000": reports ×4). */
export function demoSizeFrom(arg: string | undefined): Pick<DemoOptions, 'tasks' | 'progressReports' | 'communes' | 'years'> {
  if (!arg || arg === 'small') return { ...DEMO_SIZES.small };
  if (arg === 'large') return { ...DEMO_SIZES.large };
  const n = Number(arg);
  if (!Number.isInteger(n) || n < 1 || n > 500_000) throw new Error(`Kích thước không hợp lệ: ${arg} (dùng small, large hoặc số nhiệm vụ).`);
  return { tasks: n, progressReports: n * 4, communes: n >= 20_000 ? 30 : 20, years: n >= 20_000 ? 4 : 3 };
}

/** What every part of the demo generator shares: the options, the random streams and the dates. */
import { addDays, daysBetween, workingDayOnOrAfter } from '../calendar';
import type { UnitInput } from '../registries/units';
import type { OfficialInput } from '../registries/officials';
import type { TaskEventRecord } from '../tasks/model';
import { createRng, type Rng } from './prng';

export interface DemoOptions {
  seed: number;
  /** The "today" the history leads up to (YYYY-MM-DD); nothing is dated after it. */
  today: string;
  tasks: number;
  /** Exact number of progress reports spread over the tasks. */
  progressReports: number;
  /** Communes/wards under the province (max 30). */
  communes?: number;
  /** Years of history before today. */
  years?: number;
}

export type DemoUnit = UnitInput & { id: string };
export type DemoOfficial = OfficialInput & { id: string };
export type DemoEvent = TaskEventRecord & { id: string };

export const DEMO_ACTOR = 'demo (Dữ liệu mẫu)';

export interface DemoContext {
  opts: Required<DemoOptions>;
  /** The main stream: every row but products and acceptance draws from it, in a fixed order. */
  rng: Rng;
  /** Products and acceptance draw from their own stream, so the rest of the data is what the seed always gave. */
  rng5: Rng;
  /** A new id from the main stream. */
  id(): string;
  historyStart: string;
  /** Units and posts exist for the whole history shown, even if the two-tier reform dates them later. */
  validFrom: string;
  /** A working day in [from, to] (or `from` when none falls there). */
  randomWorkday(from: string, to: string): string;
}

export function demoContext(options: DemoOptions): DemoContext {
  const opts: Required<DemoOptions> = { communes: 20, years: 3, ...options };
  const rng = createRng(opts.seed);
  const foundedOn = '2025-07-01';
  const historyStart = addDays(opts.today, -Math.round(opts.years * 365));
  return {
    opts,
    rng,
    rng5: createRng(opts.seed ^ 0x5a5a5a5),
    id: () => rng.uuid(),
    historyStart,
    validFrom: historyStart < foundedOn ? historyStart : foundedOn,
    randomWorkday: (from, to) => {
      const span = Math.max(0, daysBetween(from, to));
      const d = workingDayOnOrAfter(addDays(from, rng.int(0, span)));
      return d > to ? from : d;
    },
  };
}

export type EventBase = Pick<DemoEvent, 'id' | 'taskId' | 'on' | 'actorOfficialId' | 'actorAccount'>;

/** The fields every demo event starts with; its id comes from the given stream. */
export function eventBase(rng: Rng, taskId: string, on: string, actorOfficialId: string | null): EventBase {
  return { id: rng.uuid(), taskId, on, actorOfficialId, actorAccount: DEMO_ACTOR };
}

export function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

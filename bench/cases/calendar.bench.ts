import type { BenchCase } from '../types';
import { addDays, addWorkingDays, clearCalendarCaches, holidaysOf } from '../../shared/calendar';
import { seededRandom } from '../../shared/demo/prng';


const PAIRS = 100_000;
let dates: string[] = [];
let counts: number[] = [];
let sink = 0;

const cases: BenchCase[] = [
  {
    name: 'calendar.addWorkingDays',
    size: '100,000 seeded (date, n) pairs, dates 2000–2040, n 1–90',
    setup() {
      const rand = seededRandom(20250301);
      dates = [];
      counts = [];
      for (let i = 0; i < PAIRS; i++) {
        dates.push(addDays('2000-01-01', Math.floor(rand() * 14_975)));
        counts.push(1 + Math.floor(rand() * 90));
      }
    },
    run() {
      let acc = 0;
      for (let i = 0; i < PAIRS; i++) acc += addWorkingDays(dates[i], counts[i]).charCodeAt(9);
      sink = acc;
    },
  },
  {
    name: 'calendar.holidaysOf',
    size: '200 years (1900–2099) from cold caches (lunar tables, holidays, working-day tables rebuilt each run)',
    run() {
      clearCalendarCaches();
      let acc = 0;
      for (let year = 1900; year < 2100; year++) acc += holidaysOf(year).length;
      sink = acc;
    },
  },
];

export default cases;
/** Keeps the optimiser from discarding the loops. */
export function benchSink(): number {
  return sink;
}

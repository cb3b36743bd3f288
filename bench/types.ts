/** One benchmark case run in Node by `npm run bench` (renderer cases run in Chromium separately). */
export interface BenchCase {
  /** Stable identifier, e.g. "calendar.addWorkingDays". */
  name: string;
  /** Human description of the data size, e.g. "100,000 (date, n) pairs". */
  size: string;
  /** Target from the issues, when one is set. */
  targetMs?: number;
  /** Prepares data once; not timed. */
  setup?: () => Promise<void> | void;
  /** The timed body; run after a warm-up, at least 5 times. */
  run: () => Promise<void> | void;
}

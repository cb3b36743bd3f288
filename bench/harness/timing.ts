/** Runs one case body: warm-up runs (discarded), then timed runs. Shared by Node and the page. */
export interface TimedBody {
  /** Untimed work before every run (fresh database, GC). */
  before?: () => Promise<void> | void;
  /** Timed by the clock around it, unless it returns a number: then that is the sample (frame times). */
  run: () => Promise<unknown> | unknown;
  /** What a warm-up run does instead of `run` (a smaller input that warms the same code). */
  warmupRun?: () => Promise<unknown> | unknown;
  /** Untimed work after every run. */
  after?: () => Promise<void> | void;
}

export async function timeRuns(body: TimedBody, runs: number, warmup: number, onRun?: (index: number, ms: number, warm: boolean) => void): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    const warm = i < warmup;
    await body.before?.();
    const t0 = performance.now();
    const own = await (warm && body.warmupRun ? body.warmupRun() : body.run());
    const ms = typeof own === 'number' ? own : performance.now() - t0;
    await body.after?.();
    if (!warm) samples.push(ms);
    onRun?.(i, ms, warm);
  }
  return samples;
}

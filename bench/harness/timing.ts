/** Runs one case body: warm-up runs (discarded), then timed runs. Shared by Node and the page. */
export interface TimedBody {
  /** Untimed work before every run (fresh database, GC). */
  before?: () => Promise<void> | void;
  run: () => Promise<unknown> | unknown;
  /** Untimed work after every run. */
  after?: () => Promise<void> | void;
}

export async function timeRuns(body: TimedBody, runs: number, warmup: number, onRun?: (index: number, ms: number, warm: boolean) => void): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    await body.before?.();
    const t0 = performance.now();
    await body.run();
    const ms = performance.now() - t0;
    await body.after?.();
    const warm = i < warmup;
    if (!warm) samples.push(ms);
    onRun?.(i, ms, warm);
  }
  return samples;
}

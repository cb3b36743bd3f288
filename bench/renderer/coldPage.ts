/**
 * A cold tab's body (imported by page.ts after it started the early reads): runs the one cold
 * case named in the URL and hands its figure to the driver as `__coldResult` (or `__coldError`).
 * It loads the cold cases alone, not the bench's other cases, so the tab compiles what the
 * app's first screen needs (bench/renderer/cold/coldStart.ts).
 */
import { coldCases } from './cold/coldStart';
import { pageContext } from './pageContext';
import type { SizeLabel } from './types';

export function runColdCase(name: string, size: SizeLabel): void {
  const g = globalThis as { __coldResult?: number; __coldError?: string };
  const c = coldCases.find((x) => x.name === name);
  if (!c) {
    g.__coldError = `no cold case ${name}`;
    return;
  }
  const ctx = pageContext(size, () => Promise.reject(new Error('a cold tab never loads demo data')));
  Promise.resolve(c.run(ctx))
    .then((ms) => (g.__coldResult = typeof ms === 'number' ? ms : performance.now()))
    .catch((e: unknown) => (g.__coldError = e instanceof Error ? e.message : String(e)));
}

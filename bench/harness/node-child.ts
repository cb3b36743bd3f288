/**
 * Runs the cases of one bench/cases/*.bench.ts file in this process and reports them on stdout
 * (one process per file so a heavy file does not leave its heap to the next).
 * Usage: node --expose-gc --import tsx bench/harness/node-child.ts <file> <runs> <warmup> <only|-> <deadline ms|-> [profileDir]
 */
import { Session } from 'node:inspector/promises';
import { mkdir, writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { basename, join } from 'node:path';
import type { BenchCase } from '../types';
import { encode } from './protocol';
import { formatHotFrames, hotFrames, type CpuProfile } from './profile';
import { summarise } from './stats';
import { timeRuns } from './timing';

const [file, runsArg, warmupArg, onlyArg, deadlineArg, profileDir] = process.argv.slice(2);
const deadline = deadlineArg && deadlineArg !== '-' ? Number(deadlineArg) : null;
const runs = Number(runsArg);
const warmup = Number(warmupArg);
const only = onlyArg && onlyArg !== '-' ? onlyArg.split(',') : null;
const gc = (globalThis as { gc?: () => void }).gc;

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

function errorText(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}

/**
 * Profiles only the timed runs (not setup), so the profile answers "what dominates the figure";
 * the forced GC between runs is left out when profiling so it does not pose as the workload's.
 */
async function profiled<T>(name: string, body: () => Promise<T>): Promise<T> {
  if (!profileDir) return body();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 1000 });
  await session.post('Profiler.start');
  try {
    return await body();
  } finally {
    const { profile } = (await session.post('Profiler.stop')) as { profile: CpuProfile };
    session.disconnect();
    await mkdir(profileDir, { recursive: true });
    await writeFile(join(profileDir, `node-${name}.cpuprofile`), JSON.stringify(profile));
    log(formatHotFrames(name, hotFrames(profile)));
  }
}

async function main(): Promise<void> {
  const mod = (await import(pathToFileURL(file).href)) as { default?: unknown };
  if (!Array.isArray(mod.default)) {
    log(encode({ kind: 'failure', item: { name: basename(file), env: 'node', error: 'default export is not a BenchCase[]' } }));
    return;
  }
  for (const c of mod.default as BenchCase[]) {
    if (only && !only.some((o) => c.name.includes(o))) continue;
    if (deadline !== null && Date.now() > deadline) {
      log(encode({ kind: 'overBudget', item: { name: c.name, env: 'node', sizeLabel: null } }));
      continue;
    }
    try {
      log(`  node  ${c.name}: setup`);
      await c.setup?.();
      const samples = await profiled(c.name, () =>
        timeRuns({ before: () => (profileDir ? undefined : gc?.()), run: () => c.run() }, runs, warmup, (i, ms, warm) =>
          log(`  node  ${c.name}: ${warm ? 'warm-up' : `run ${i - warmup + 1}/${runs}`} ${ms.toFixed(1)} ms`),
        ),
      );
      log(
        encode({
          kind: 'result',
          result: { name: c.name, env: 'node', sizeLabel: null, size: c.size, rows: null, unit: 'ms', samples, ...summarise(samples), targetMs: c.targetMs ?? null, ratioTo: null, ratio: null },
        }),
      );
    } catch (e) {
      log(encode({ kind: 'failure', item: { name: c.name, env: 'node', error: errorText(e) } }));
    }
  }
}

main().catch((e: unknown) => {
  log(encode({ kind: 'failure', item: { name: basename(file), env: 'node', error: errorText(e) } }));
  process.exitCode = 1;
});

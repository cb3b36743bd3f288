/** Small file helpers for sync state (kept here so the CLI can run without the rest of main). */
import { basename } from 'node:path';
import { atomicWrite } from '../fs/atomicWrite';
import { readJsonIfAny } from '../fs/jsonStore';
import type { z } from 'zod';

export { atomicWrite };

/** A sync state file, validated on read; null when there is none. */
export async function readJsonFile<T>(path: string, schema: z.ZodType<T>): Promise<T | null> {
  return (await readJsonIfAny(path, schema, { what: 'Tệp dữ liệu đồng bộ', name: basename(path) })) ?? null;
}

/** One after another: two exports at once must not hand out the same seq. */
export function createMutex(): <T>(task: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>) => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
}

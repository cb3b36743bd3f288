/** Small file helpers for sync state (kept here so the CLI can run without the rest of main). */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { atomicWrite } from '../fs/atomicWrite';
import type { z } from 'zod';
import { AppError } from '../../../shared/errors';

export { atomicWrite };

export async function readJsonFile<T>(path: string, schema: z.ZodType<T>): Promise<T | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AppError('storage', `Tệp dữ liệu đồng bộ bị hỏng: ${basename(path)}`);
  }
  const result = schema.safeParse(parsed);
  if (!result.success) throw new AppError('storage', `Tệp dữ liệu đồng bộ không đúng định dạng: ${basename(path)}`);
  return result.data;
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

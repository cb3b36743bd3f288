import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { AppError } from '@shared/errors';
import { atomicWrite } from './atomicWrite';

/** A small JSON file owned by main (accounts, site identity, window state), validated on read. */
export async function readJson<T>(path: string, schema: z.ZodType<T>, fallback: T): Promise<T> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return fallback;
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AppError('storage', `Tệp dữ liệu bị hỏng: ${path}`);
  }
  const result = schema.safeParse(parsed);
  if (!result.success) throw new AppError('storage', `Tệp dữ liệu không đúng định dạng: ${path}`);
  return result.data;
}

export async function writeJson(path: string, value: unknown, mode?: number): Promise<void> {
  await atomicWrite(path, JSON.stringify(value, null, 2), mode);
}

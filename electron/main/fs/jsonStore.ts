import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { atomicWrite } from './atomicWrite';

/** How a refused file is named in the error: what kind of file, and which. */
export interface JsonFileLabel {
  what: string;
  name: string;
}

/**
 * A small JSON file owned by main, validated on read; undefined when there is no file. A file
 * that is not JSON or not of the schema's shape is a storage error naming it by `label`.
 */
export async function readJsonIfAny<T>(path: string, schema: z.ZodType<T>, label: JsonFileLabel = { what: 'Tệp dữ liệu', name: path }): Promise<T | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AppError('storage', `${label.what} bị hỏng: ${label.name}`);
  }
  const result = schema.safeParse(parsed);
  if (!result.success) throw new AppError('storage', `${label.what} không đúng định dạng: ${label.name}`);
  return result.data;
}

/** A small JSON file owned by main (accounts, site identity, window state), validated on read; `fallback` when there is none. */
export async function readJson<T>(path: string, schema: z.ZodType<T>, fallback: T): Promise<T> {
  const value = await readJsonIfAny(path, schema);
  return value === undefined ? fallback : value;
}

export async function writeJson(path: string, value: unknown, mode?: number): Promise<void> {
  await atomicWrite(path, JSON.stringify(value, null, 2), mode);
}

import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';

/**
 * Writes a file so that a crash leaves either the old file or the new one, never half of it:
 * temp file in the same folder, fsync, then rename over the target. Creates the folder if needed.
 */
export async function atomicWrite(path: string, data: Uint8Array | string, mode?: number): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await replaceFile(path, data, mode);
}

/**
 * The write itself, in a folder that must exist: the data goes to a temporary name (hidden,
 * `.tmp`: skipped by every reader and by Syncthing's recommended ignore patterns), is fsynced,
 * then renamed over `path`, so the final name only ever points to a complete file.
 */
export async function replaceFile(path: string, data: Uint8Array | string, mode?: number): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', mode);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

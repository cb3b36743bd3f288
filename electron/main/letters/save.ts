import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { atomicWrite } from '../fs/atomicWrite';
import { safeFileName, savePathWithExtension } from '../fs/fileNames';

/** A crash never leaves half a .docx behind (temp file, fsync, rename). */
export function writeFileAtomic(path: string, data: Buffer): Promise<void> {
  return atomicWrite(path, data);
}

/** A safe "<name>.docx": no folders, no characters Windows rejects, no trailing dots or spaces, no device name. */
export function safeDocxName(name: string): string {
  return safeFileName(name, 'docx');
}

export function withDocxExtension(path: string): string {
  return savePathWithExtension(path, 'docx');
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** "<name>.docx", or "<name> (2).docx", … when the name is taken (in the folder or in `taken`). */
export async function uniquePath(folder: string, fileName: string, taken: Set<string>): Promise<string> {
  const stem = fileName.replace(/\.docx$/i, '');
  for (let i = 1; ; i++) {
    const candidate = join(folder, i === 1 ? `${stem}.docx` : `${stem} (${i}).docx`);
    if (!taken.has(candidate) && !(await exists(candidate))) return candidate;
  }
}

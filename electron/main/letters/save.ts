import { randomBytes } from 'node:crypto';
import { access, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';

/** Temp file in the target folder, fsync, rename: a crash never leaves half a .docx behind. */
export async function writeFileAtomic(path: string, data: Buffer): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx');
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

// Characters Windows forbids in file names, plus controls.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[<>:"/\\|?*\u0000-\u001f]/g;
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/** A safe "<name>.docx": no folders, no characters Windows rejects, no trailing dots or spaces. */
export function safeDocxName(name: string): string {
  let base = name.normalize('NFC').replace(/\.docx$/i, '').replace(FORBIDDEN, '_').replace(/\s+/g, ' ').trim().replace(/[. ]+$/, '');
  if (!base || RESERVED.test(base)) base = `van-ban${base ? `-${base}` : ''}`;
  return `${base.slice(0, 150)}.docx`;
}

export function withDocxExtension(path: string): string {
  return extname(path).toLowerCase() === '.docx' ? path : `${path}.docx`;
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

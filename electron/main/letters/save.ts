import { access } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { atomicWrite } from '../fs/atomicWrite';

/** A crash never leaves half a .docx behind (temp file, fsync, rename). */
export function writeFileAtomic(path: string, data: Buffer): Promise<void> {
  return atomicWrite(path, data);
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

/**
 * Since Electron 43 a file dialog without `defaultPath` opens in Downloads and the OS no longer
 * remembers the last folder, so main remembers it: each dialog opens where the previous one
 * ended, and a bare suggested file name is placed in that folder.
 */
import { dirname, isAbsolute, join } from 'node:path';

export function createDialogFolderMemory() {
  let last: string | null = null;
  return {
    /** The defaultPath to pass: the suggested name inside the remembered folder, or the folder. */
    defaultPath(suggested?: string): string | undefined {
      if (suggested && (isAbsolute(suggested) || !last)) return suggested;
      if (!last) return undefined;
      return suggested ? join(last, suggested) : last;
    },
    /** Records where the user picked a file (`isFolder` when a folder itself was picked). */
    remember(picked: string | null | undefined, isFolder = false): void {
      if (picked) last = isFolder ? picked : dirname(picked);
    },
  };
}

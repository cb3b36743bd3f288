/**
 * IPC handlers for official letters: render to .docx in main and write where the user chooses.
 * `letters:open` only opens files this process wrote (allow-list in memory), so the renderer
 * cannot use it to launch arbitrary paths.
 */
import { join, resolve } from 'node:path';
import type { z } from 'zod';
import { AppError } from '@shared/errors';
import { letterChannels } from '@shared/ipc/channels/letters';
import type { MainDeps } from '../deps';
import type { HandlerContext } from '../ipc/types';
import { renderLetterDocx } from '../letters/docx';
import { safeDocxName, uniquePath, withDocxExtension, writeFileAtomic } from '../letters/save';

export type LetterChannel = keyof typeof letterChannels;

/**
 * Same shape as `Handlers<LetterChannel>` from ../ipc/types, but typed from `letterChannels`
 * directly so this compiles before the lead spreads the channels into the contract.
 */
export type LetterHandlers = {
  [K in LetterChannel]: (
    request: z.output<(typeof letterChannels)[K]['req']>,
    ctx: HandlerContext,
  ) => Promise<z.output<(typeof letterChannels)[K]['res']>>;
};

const DOCX_FILTER = [{ name: 'Văn bản Word', extensions: ['docx'] }];

function storageError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reason = code === 'EACCES' || code === 'EPERM' ? 'không có quyền ghi vào thư mục này' : code === 'ENOSPC' ? 'ổ đĩa đã đầy' : 'lỗi ghi tệp';
  return new AppError('storage', `Không lưu được văn bản: ${reason}.`);
}

export function createLetterHandlers(deps: MainDeps): LetterHandlers {
  const written = new Set<string>();

  return {
    'letters:saveDocx': async ({ letter, suggestedName, defaultFolder, margins }) => {
      const name = safeDocxName(suggestedName);
      const chosen = await deps.dialogs.pickSavePath({
        title: 'Lưu văn bản',
        defaultPath: defaultFolder ? join(defaultFolder, name) : name,
        filters: DOCX_FILTER,
      });
      if (chosen === null) return { canceled: true, path: null };
      const path = resolve(withDocxExtension(chosen));
      const data = await renderLetterDocx(letter, { margins });
      try {
        await writeFileAtomic(path, data);
      } catch (error) {
        throw storageError(error);
      }
      written.add(path);
      return { canceled: false, path };
    },

    'letters:saveDocxBatch': async ({ items, defaultFolder, margins }) => {
      const folder = await deps.dialogs.pickFolder({ title: 'Chọn thư mục lưu các văn bản', defaultPath: defaultFolder });
      if (folder === null) return { canceled: true, folder: null, paths: [] };
      const dir = resolve(folder);
      const taken = new Set<string>();
      const paths: string[] = [];
      for (const item of items) {
        const path = await uniquePath(dir, safeDocxName(item.fileName), taken);
        taken.add(path);
        const data = await renderLetterDocx(item.letter, { margins });
        try {
          await writeFileAtomic(path, data);
        } catch (error) {
          throw storageError(error);
        }
        written.add(path);
        paths.push(path);
      }
      return { canceled: false, folder: dir, paths };
    },

    'letters:open': async ({ path }) => {
      const target = resolve(path);
      if (!written.has(target)) throw new AppError('not-authorised', 'Chỉ mở được văn bản vừa lưu trong phiên làm việc này.');
      await deps.shell.openPath(target);
      return {};
    },
  };
}

import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { MainDeps } from '../deps';
import { atomicWrite } from '../fs/atomicWrite';
import { savePathWithExtension } from '../fs/fileNames';
import type { Handlers } from '../ipc/types';
import { readWorkbook, writeWorkbook } from '../xlsx/workbook';
import type { AccountStore } from '../auth/accounts';
import { AppError } from '@shared/errors';

const XLSX_FILTER = [{ name: 'Bảng tính Excel', extensions: ['xlsx'] }];

export function createXlsxHandlers(deps: MainDeps, accounts: AccountStore): Handlers<'xlsx:save' | 'xlsx:open'> {
  return {
    'xlsx:save': async (req) => {
      accounts.requireSession();
      const chosen = await deps.dialogs.pickSavePath({ title: req.title, defaultPath: req.defaultName, filters: XLSX_FILTER });
      if (!chosen) return { canceled: true, path: null };
      const path = savePathWithExtension(chosen, 'xlsx');
      await atomicWrite(path, await writeWorkbook(req.sheets));
      return { canceled: false, path };
    },
    'xlsx:open': async (req) => {
      accounts.requireSession();
      const path = await deps.dialogs.pickOpenPath({ title: req.title, filters: XLSX_FILTER });
      if (!path) return { canceled: true, fileName: null, workbook: null };
      let bytes: Buffer;
      try {
        bytes = await readFile(path);
      } catch {
        throw new AppError('invalid-file', 'Không mở được tệp đã chọn.');
      }
      return { canceled: false, fileName: basename(path), workbook: await readWorkbook(bytes) };
    },
  };
}

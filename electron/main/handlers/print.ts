/**
 * Print and PDF handlers. The printing itself is an injected `LetterPrinter` (Electron: a hidden
 * BrowserWindow, see ../print/electronPrinter.ts), so these run under vitest and in the browser
 * harness, where there is no printer and the handlers say so.
 */
import { resolve } from 'node:path';
import type { z } from 'zod';
import { AppError } from '@shared/errors';
import { printChannels } from '@shared/ipc/channels/print';
import { renderLetterHtml } from '@shared/letters/html';
import type { MainDeps } from '../deps';
import type { HandlerContext } from '../ipc/types';
import { atomicWrite } from '../fs/atomicWrite';
import { safeFileName, savePathWithExtension } from '../fs/fileNames';

export interface LetterPrinter {
  /** Shows the system print dialog for a complete HTML document; resolves when it closes. */
  print(html: string): Promise<void>;
  /** Renders a complete HTML document to PDF bytes (A4, margins from its @page rule). */
  toPdf(html: string): Promise<Buffer>;
}

export type PrintChannel = keyof typeof printChannels;

/** `Handlers<PrintChannel>`, typed from `printChannels` so it compiles before the contract spreads them. */
export type PrintHandlers = {
  [K in PrintChannel]: (request: z.output<(typeof printChannels)[K]['req']>, ctx: HandlerContext) => Promise<z.output<(typeof printChannels)[K]['res']>>;
};

const PDF_FILTER = [{ name: 'Tệp PDF', extensions: ['pdf'] }];

export function safePdfName(name: string): string {
  return safeFileName(name, 'pdf');
}

function noPrinter(): AppError {
  return new AppError('internal', 'Máy này chưa sẵn sàng để in: chức năng in và xuất PDF chỉ có trong ứng dụng Đôn Đốc trên máy tính.');
}

export function createPrintHandlers(deps: MainDeps, options: { printer?: LetterPrinter } = {}): PrintHandlers {
  const { printer } = options;
  return {
    'print:letterHtml': async ({ letter, margins }) => {
      if (!printer) throw noPrinter();
      try {
        await printer.print(renderLetterHtml(letter, { margins }));
      } catch (error) {
        if (error instanceof AppError) throw error;
        throw new AppError('internal', 'Không in được văn bản. Kiểm tra máy in rồi thử lại.');
      }
      return {};
    },

    'print:letterPdf': async ({ letter, margins, suggestedName }) => {
      if (!printer) throw noPrinter();
      const chosen = await deps.dialogs.pickSavePath({ title: 'Xuất văn bản ra PDF', defaultPath: safePdfName(suggestedName), filters: PDF_FILTER });
      if (chosen === null) return { canceled: true, path: null };
      const path = resolve(savePathWithExtension(chosen, 'pdf'));
      let pdf: Buffer;
      try {
        pdf = await printer.toPdf(renderLetterHtml(letter, { margins }));
      } catch {
        throw new AppError('internal', 'Không tạo được tệp PDF của văn bản.');
      }
      try {
        await atomicWrite(path, pdf);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException | undefined)?.code;
        throw new AppError('storage', code === 'EACCES' || code === 'EPERM' ? 'Không lưu được PDF: không có quyền ghi vào thư mục này.' : 'Không lưu được tệp PDF.');
      }
      return { canceled: false, path };
    },
  };
}

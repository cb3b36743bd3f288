/**
 * The one handler table. Electron registers it on ipcMain (ipc/register.ts); unit tests and
 * the browser test harness call the very same functions.
 */
import type { MainDeps } from '../deps';
import type { HandlerTable } from '../ipc/types';
import { createAccountStore } from '../auth/accounts';
import { loadOrCreateSiteId } from '../site';
import { createAppHandlers } from './app';
import { createBackupHandlers } from './backup';
import { createAuthHandlers } from './auth';
import { createXlsxHandlers } from './xlsx';
import { createLetterHandlers } from './letters';
import { createSyncHandlers } from './sync';
import { createPrintHandlers, type LetterPrinter } from './print';
import { createFileHandlers } from './files';
import { createNotifyHandlers, type Notifier } from './notify';
import { createSigningHandlers, type PinPrompt } from './signing';

export async function createHandlers(deps: MainDeps, extra: { printer?: LetterPrinter; notifier?: Notifier; askPin?: PinPrompt } = {}): Promise<HandlerTable> {
  const siteId = await loadOrCreateSiteId(deps);
  const accounts = createAccountStore(deps);
  return {
    ...createAppHandlers(deps, siteId),
    ...createBackupHandlers(deps, siteId, accounts),
    ...createAuthHandlers(accounts),
    ...createXlsxHandlers(deps, accounts),
    ...createLetterHandlers(deps),
    ...createSyncHandlers(deps, { siteId: () => siteId }),
    ...createPrintHandlers(deps, { printer: extra.printer }),
    ...createFileHandlers(deps, accounts),
    ...createNotifyHandlers(accounts, { notifier: extra.notifier }),
    ...createSigningHandlers(deps, { printer: extra.printer, askPin: extra.askPin }),
  };
}

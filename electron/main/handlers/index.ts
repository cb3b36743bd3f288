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
import { createPackageExporter, createSyncHandlers } from './sync';
import { createExchangeHandlers } from './exchange';
import { createKeyStore } from '../sync/keys';
import { createPrintHandlers, type LetterPrinter } from './print';
import { createFileHandlers } from './files';
import { createNotifyHandlers, type Notifier } from './notify';

export async function createHandlers(deps: MainDeps, extra: { printer?: LetterPrinter; notifier?: Notifier } = {}): Promise<HandlerTable> {
  const siteId = await loadOrCreateSiteId(deps);
  const accounts = createAccountStore(deps);
  // One key store and one seq stream for the export dialog and the exchange folders.
  const keys = createKeyStore(deps, () => siteId);
  const exporter = createPackageExporter(deps, keys);
  return {
    ...createAppHandlers(deps, siteId),
    ...createBackupHandlers(deps, siteId, accounts),
    ...createAuthHandlers(accounts),
    ...createXlsxHandlers(deps, accounts),
    ...createLetterHandlers(deps),
    ...createSyncHandlers(deps, { siteId: () => siteId, keyStore: keys, exporter }),
    ...createExchangeHandlers(deps, { siteId: () => siteId, keys, exporter, accounts }),
    ...createPrintHandlers(deps, { printer: extra.printer }),
    ...createFileHandlers(deps, accounts),
    ...createNotifyHandlers(accounts, { notifier: extra.notifier }),
  };
}

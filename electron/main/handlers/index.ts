/**
 * The one handler table. Electron registers it on ipcMain (ipc/register.ts); unit tests and
 * the browser test harness call the very same functions.
 */
import type { MainDeps } from '../deps';
import type { HandlerTable } from '../ipc/types';
import { createAccountStore } from '../auth/accounts';
import { CHANNEL_ACCESS, guardTable } from '../ipc/access';
import { createSealKey } from '../seal';
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
import { createOpenedFileHandlers } from './openedFile';
import { createOpenedFileInbox, type OpenedFileInbox } from '../openedFile';
import { createSigningHandlers, type PinPrompt, type TimestampChoice } from './signing';

export async function createHandlers(
  mainDeps: MainDeps,
  extra: { printer?: LetterPrinter; notifier?: Notifier; openedFiles?: OpenedFileInbox; askPin?: PinPrompt; chooseWithoutTimestamp?: TimestampChoice } = {},
): Promise<HandlerTable> {
  // A file opened by double-click answers the next open dialog of its kind (openedFile.ts).
  const openedFiles = extra.openedFiles ?? createOpenedFileInbox();
  const deps: MainDeps = { ...mainDeps, dialogs: openedFiles.dialogs(mainDeps.dialogs) };
  const siteId = await loadOrCreateSiteId(deps);
  const seal = createSealKey(deps);
  const accounts = createAccountStore(deps, { seal });
  // One key store and one seq stream for the export dialog and the exchange folders.
  const keys = createKeyStore(deps, () => siteId);
  const exporter = createPackageExporter(deps, keys);
  const table: HandlerTable = {
    ...createAppHandlers(deps, siteId),
    ...createBackupHandlers(deps, siteId, accounts, { seal }),
    ...createAuthHandlers(accounts),
    ...createXlsxHandlers(deps, accounts),
    ...createLetterHandlers(deps),
    ...createSyncHandlers(deps, { siteId: () => siteId, keyStore: keys, exporter }),
    ...createExchangeHandlers(deps, { siteId: () => siteId, keys, exporter, accounts }),
    ...createPrintHandlers(deps, { printer: extra.printer }),
    ...createFileHandlers(deps, accounts),
    ...createNotifyHandlers(accounts, { notifier: extra.notifier }),
    ...createOpenedFileHandlers(openedFiles),
    ...createSigningHandlers(deps, { printer: extra.printer, askPin: extra.askPin, chooseWithoutTimestamp: extra.chooseWithoutTimestamp }),
  };
  // Every channel's access rule runs before its handler (ipc/access.ts).
  return guardTable(table, CHANNEL_ACCESS, accounts);
}

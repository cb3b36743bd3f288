import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { channelNames } from '@shared/ipc/contract';
import { isAppUrl } from '../security-policy';
import { dispatch } from './dispatch';
import type { HandlerTable } from './types';

/** The only place that touches ipcMain: every channel goes through dispatch's checks. */
export function registerIpc(ipcMain: IpcMain, table: HandlerTable): void {
  for (const name of channelNames) {
    ipcMain.handle(name, (event: IpcMainInvokeEvent, request: unknown) => {
      const frame = event.senderFrame;
      return dispatch(table, isAppUrl, name, request, {
        senderUrl: frame ? frame.url : null,
        isTopFrame: !!frame && frame.parent === null,
      });
    });
  }
}

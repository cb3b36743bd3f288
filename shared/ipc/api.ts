/**
 * The `window.api` object, built from the contract. The real preload passes
 * `ipcRenderer.invoke`; the browser test harness passes a bridge to the same handlers.
 */
import { AppError, isAppErrorData } from '../errors';
import { isChannel, type Channel, type RequestOf, type ResponseOf } from './contract';
import type { IpcResult } from './result';

export type Invoke = (channel: string, request: unknown) => Promise<unknown>;

export interface DondocApi {
  call<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>>;
}

export function makeApi(invoke: Invoke): DondocApi {
  return {
    async call(channel, request) {
      if (!isChannel(channel)) throw new AppError('unknown-channel', 'Chức năng không tồn tại.');
      const result = (await invoke(channel, request)) as IpcResult<never>;
      if (result && result.ok === true) return result.value;
      if (result && result.ok === false && isAppErrorData(result.error)) {
        throw new AppError(result.error.code, result.error.message, result.error.details);
      }
      throw new AppError('internal', 'Phản hồi không hợp lệ từ tiến trình chính.');
    },
  };
}

/**
 * The IPC API. The preload exposes only `window.api.invoke`, a channel-checked pipe that
 * returns plain IpcResult data; `makeApi` turns it into typed calls that throw AppError in
 * the caller's own realm (class identity does not survive contextBridge).
 */
import { AppError, isAppErrorData } from '../errors';
import { isChannel, type Channel, type RequestOf, type ResponseOf } from './contract';
import type { IpcResult } from './result';

export type Invoke = (channel: string, request: unknown) => Promise<unknown>;

/** What the preload puts on window: nothing but a checked pipe to main. */
export interface Bridge {
  invoke: Invoke;
}

export interface DondocApi {
  call<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>>;
}

export function makeBridge(send: Invoke): Bridge {
  return {
    invoke: (channel, request) =>
      isChannel(channel)
        ? send(channel, request)
        : Promise.resolve({ ok: false, error: { code: 'unknown-channel', message: 'Chức năng không tồn tại.' } } satisfies IpcResult<never>),
  };
}

export function makeApi(invoke: Invoke): DondocApi {
  return {
    async call(channel, request) {
      const result = (await invoke(channel, request)) as IpcResult<never>;
      if (result && result.ok === true) return result.value;
      if (result && result.ok === false && isAppErrorData(result.error)) {
        throw new AppError(result.error.code, result.error.message, result.error.details);
      }
      throw new AppError('internal', 'Phản hồi không hợp lệ từ tiến trình chính.');
    },
  };
}

import { AppError, toErrorData } from '@shared/errors';
import { contract, isChannel } from '@shared/ipc/contract';
import type { IpcResult } from '@shared/ipc/result';
import type { HandlerTable } from './types';

export interface CallOrigin {
  /** URL of the sending frame (null when Electron could not tell, e.g. a destroyed frame). */
  senderUrl: string | null;
  /** Only the top frame of our own window may call. */
  isTopFrame: boolean;
}

/**
 * The single door into main: the channel must exist, the sender must be our page, the request
 * must match its schema; whatever happens, the answer is plain data with a Vietnamese message.
 */
export async function dispatch(
  table: HandlerTable,
  isTrustedOrigin: (url: string) => boolean,
  channelName: unknown,
  rawRequest: unknown,
  origin: CallOrigin,
): Promise<IpcResult<unknown>> {
  try {
    if (!origin.senderUrl || !origin.isTopFrame || !isTrustedOrigin(origin.senderUrl)) {
      throw new AppError('forbidden-sender', 'Yêu cầu bị từ chối: nguồn gửi không phải giao diện của ứng dụng.');
    }
    if (!isChannel(channelName)) {
      throw new AppError('unknown-channel', 'Yêu cầu bị từ chối: chức năng không tồn tại.');
    }
    const def = contract[channelName];
    const parsed = def.req.safeParse(rawRequest ?? {});
    if (!parsed.success) {
      const details = parsed.error.issues.slice(0, 10).map((i) => `${i.path.join('.') || '(gốc)'}: ${i.message}`);
      throw new AppError('invalid-request', 'Dữ liệu gửi lên không hợp lệ.', details);
    }
    const handler = table[channelName] as (req: unknown, ctx: { senderUrl: string }) => Promise<unknown>;
    const value = await handler(parsed.data, { senderUrl: origin.senderUrl });
    const checked = def.res.safeParse(value);
    if (!checked.success) throw new AppError('internal', 'Tiến trình chính trả về dữ liệu không hợp lệ.');
    return { ok: true, value: checked.data };
  } catch (error) {
    return { ok: false, error: toErrorData(error) };
  }
}

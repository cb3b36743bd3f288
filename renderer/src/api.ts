import { makeApi, type Bridge, type DondocApi } from '@shared/ipc/api';
import { AppError } from '@shared/errors';

declare global {
  interface Window {
    api: Bridge;
  }
}

let cached: DondocApi | null = null;

/** Typed calls to main over the bridge the preload (Electron) or the test harness put on window. */
export function api(): DondocApi {
  if (!cached) {
    if (!window.api?.invoke) throw new AppError('internal', 'Không kết nối được với tiến trình chính của ứng dụng.');
    cached = makeApi(window.api.invoke);
  }
  return cached;
}

/**
 * Room left for the database (navigator.storage.estimate) and on disk (main's statfs check).
 * Big writes (restore, imports) ask first and are refused with a clear message rather than
 * failing half-way when the disk is nearly full.
 */
import { AppError } from '@shared/errors';
import type { DondocApi } from '@shared/ipc/api';

/** Keep at least this much of the origin's quota free after a big write. */
export const QUOTA_RESERVE_BYTES = 100 * 1024 * 1024;
/** Below this much free quota the dashboard warns. */
export const QUOTA_LOW_BYTES = 500 * 1024 * 1024;

export interface StorageEstimate {
  usage: number;
  quota: number;
}

export type Estimator = () => Promise<StorageEstimate | null>;

export const browserEstimator: Estimator = async () => {
  try {
    const e = await navigator.storage?.estimate?.();
    if (!e || typeof e.quota !== 'number' || typeof e.usage !== 'number') return null;
    return { usage: e.usage, quota: e.quota };
  } catch {
    return null;
  }
};

function mb(bytes: number): string {
  return `${Math.max(0, Math.round(bytes / (1024 * 1024))).toLocaleString('vi-VN')} MB`;
}

/** Throws a 'storage' AppError when writing neededBytes into the database would leave too little room. */
export async function ensureQuotaFor(neededBytes: number, estimate: Estimator = browserEstimator): Promise<void> {
  const e = await estimate();
  // Without an estimate (very old engines) there is nothing to compare; main's disk check still runs.
  if (!e) return;
  const free = e.quota - e.usage;
  if (free - neededBytes < QUOTA_RESERVE_BYTES) {
    throw new AppError(
      'storage',
      `Không đủ dung lượng lưu trữ: còn ${mb(free)}, thao tác này cần khoảng ${mb(neededBytes)}. Hãy giải phóng ổ đĩa rồi thử lại; dữ liệu hiện tại không bị thay đổi.`,
    );
  }
}

/** Checks both the database quota and the disk main writes backups to. */
export async function ensureRoomFor(api: DondocApi, neededBytes: number, estimate: Estimator = browserEstimator): Promise<void> {
  await ensureQuotaFor(neededBytes, estimate);
  const disk = await api.call('backup:disk', { neededBytes });
  if (disk.level === 'critical') throw new AppError('storage', disk.message ?? 'Ổ đĩa gần đầy.');
}

export interface StorageWarning {
  level: 'ok' | 'low' | 'critical';
  message: string | null;
  usage: number | null;
  quota: number | null;
  diskFree: number | null;
}

/** For the dashboard: the worse of the database quota and the disk, with a message to show. */
export async function storageWarning(api: DondocApi, estimate: Estimator = browserEstimator): Promise<StorageWarning> {
  const e = await estimate();
  let level: StorageWarning['level'] = 'ok';
  let message: string | null = null;
  if (e) {
    const free = e.quota - e.usage;
    if (free < QUOTA_RESERVE_BYTES) {
      level = 'critical';
      message = `Bộ nhớ dữ liệu gần đầy: chỉ còn ${mb(free)}. Hãy sao lưu và giải phóng ổ đĩa.`;
    } else if (free < QUOTA_LOW_BYTES) {
      level = 'low';
      message = `Bộ nhớ dữ liệu sắp đầy: còn ${mb(free)}.`;
    }
  }
  let diskFree: number | null = null;
  try {
    const disk = await api.call('backup:disk', { neededBytes: 0 });
    diskFree = disk.freeBytes;
    const rank = { ok: 0, low: 1, critical: 2 } as const;
    if (rank[disk.level] > rank[level]) {
      level = disk.level;
      message = disk.message;
    }
  } catch {
    // Logged out or main unavailable: the quota alone decides.
  }
  return { level, message, usage: e?.usage ?? null, quota: e?.quota ?? null, diskFree };
}

/**
 * Free disk space where main writes: a backup is refused with a clear message rather than
 * half-written when the disk is nearly full.
 */
import { statfs } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AppError } from '@shared/errors';
import type { DiskStatus } from '@shared/ipc/channels/backup';

export interface DiskSpace {
  freeBytes: number;
  totalBytes: number;
}

export type FreeSpaceProbe = (dir: string) => Promise<DiskSpace>;

/** Below this much free space the disk counts as nearly full, whatever is being written. */
export const DISK_RESERVE_BYTES = 200 * 1024 * 1024;
/** Below this the dashboard shows a warning. */
export const DISK_LOW_BYTES = 1024 * 1024 * 1024;

/** statfs of the folder, or of its nearest existing parent (the backup folder may not exist yet). */
export const statfsProbe: FreeSpaceProbe = async (dir) => {
  let current = dir;
  for (;;) {
    try {
      const s = await statfs(current);
      return { freeBytes: s.bavail * s.bsize, totalBytes: s.blocks * s.bsize };
    } catch (error) {
      const parent = dirname(current);
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || parent === current) throw error;
      current = parent;
    }
  }
};

function mb(bytes: number): string {
  return `${Math.max(0, Math.round(bytes / (1024 * 1024))).toLocaleString('vi-VN')} MB`;
}

export function classifyDisk(dir: string, space: DiskSpace, neededBytes = 0): DiskStatus {
  const after = space.freeBytes - neededBytes;
  if (after < DISK_RESERVE_BYTES) {
    return {
      dir,
      ...space,
      level: 'critical',
      message: `Ổ đĩa gần đầy: chỉ còn ${mb(space.freeBytes)} trống${neededBytes ? `, cần thêm ${mb(neededBytes)}` : ''}. Hãy giải phóng dung lượng trước khi ghi dữ liệu.`,
    };
  }
  if (after < DISK_LOW_BYTES)
    return {
      dir,
      ...space,
      level: 'low',
      message: `Ổ đĩa sắp đầy: còn ${mb(space.freeBytes)} trống.`,
    };
  return { dir, ...space, level: 'ok', message: null };
}

/** Throws a 'storage' AppError when writing neededBytes would leave the disk nearly full. */
export async function ensureFreeSpace(probe: FreeSpaceProbe, dir: string, neededBytes: number): Promise<DiskStatus> {
  let space: DiskSpace;
  try {
    space = await probe(dir);
  } catch {
    throw new AppError('storage', `Không kiểm tra được dung lượng trống của thư mục ${dir}.`);
  }
  const status = classifyDisk(dir, space, neededBytes);
  if (status.level === 'critical') throw new AppError('storage', status.message ?? 'Ổ đĩa gần đầy.');
  return status;
}

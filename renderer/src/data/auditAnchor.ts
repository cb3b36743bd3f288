/**
 * The audit chain's head, anchored in main. The chain in IndexedDB proves that no entry was
 * edited in the middle, but not that entries were removed from its end or that it was emptied:
 * a shorter chain still links up. So the renderer reports the head {sequence, hash} after writes,
 * main seals and keeps the highest one (it refuses a lower one), and the chain is compared with
 * that anchor at start and on the integrity screen.
 */
import type { DondocApi } from '@shared/ipc/api';
import type { DondocDb } from './db';

export async function chainHead(db: DondocDb): Promise<{ sequence: number; hash: string }> {
  const last = await db.audit.orderBy('seq').last();
  return last ? { sequence: last.seq, hash: last.hash } : { sequence: 0, hash: '' };
}

/** Hands main the current head; a refusal (a shorter chain than anchored) is left to the check. */
export async function reportAuditHead(api: DondocApi, db: DondocDb, afterRestore = false): Promise<void> {
  const head = await chainHead(db);
  await api.call('backup:anchorAudit', { ...head, afterRestore });
}

/** Null when the chain reaches the anchored head unchanged; otherwise what is wrong, in Vietnamese. */
export async function checkAuditAnchor(api: DondocApi, db: DondocDb): Promise<string | null> {
  const { anchor, sealed } = await api.call('backup:auditAnchor', {});
  if (!sealed) return 'Mốc nhật ký do ứng dụng giữ ngoài cơ sở dữ liệu đã bị sửa hoặc hỏng (dấu niêm phong không khớp).';
  if (!anchor || anchor.sequence === 0) return null;
  const count = await db.audit.count();
  if (count === 0) return `Nhật ký thay đổi đã bị xóa sạch: mốc ghi nhận nhật ký đã có ${anchor.sequence.toLocaleString('vi-VN')} mục.`;
  const head = await chainHead(db);
  if (head.sequence < anchor.sequence) {
    return `Nhật ký thay đổi bị cắt ngắn: chỉ còn đến mục số ${head.sequence.toLocaleString('vi-VN')}, trong khi mốc ghi nhận đã có mục số ${anchor.sequence.toLocaleString('vi-VN')}.`;
  }
  const at = await db.audit.get(anchor.sequence);
  if (!at || at.hash !== anchor.hash) return `Mục nhật ký số ${anchor.sequence.toLocaleString('vi-VN')} không còn khớp với mốc ghi nhận: nhật ký đã bị viết lại.`;
  return null;
}

import type { BackupReason } from '@shared/ipc/channels/backup';

/** Names of the database tables as an official reads them. */
const tableLabels: Record<string, string> = {
  settings: 'Cài đặt',
  units: 'Đơn vị',
  officials: 'Cán bộ, công chức',
  posts: 'Chức vụ',
  calendarOverrides: 'Ngày nghỉ, ngày làm bù',
  directives: 'Văn bản chỉ đạo',
  tasks: 'Nhiệm vụ',
  taskSteps: 'Bước thực hiện',
  taskEvents: 'Diễn biến nhiệm vụ',
  consultations: 'Xin ý kiến',
  consultationReplies: 'Ý kiến trả lời',
  letters: 'Công văn',
  registerEntries: 'Sổ văn bản',
  reports: 'Báo cáo',
  accountability: 'Kiểm điểm trách nhiệm',
  ops: 'Thao tác (dùng khi đồng bộ)',
  opSegments: 'Lô thao tác (dùng khi đồng bộ)',
  audit: 'Nhật ký thay đổi',
  meta: 'Thông tin hệ thống',
};

export function tableLabel(name: string): string {
  return tableLabels[name] ?? `Bảng dữ liệu “${name}”`;
}

/** Tables an official cares about first; bookkeeping tables after them. */
export function sortTables(names: string[]): string[] {
  const order = Object.keys(tableLabels);
  return [...names].sort((a, b) => (order.indexOf(a) === -1 ? 99 : order.indexOf(a)) - (order.indexOf(b) === -1 ? 99 : order.indexOf(b)) || a.localeCompare(b));
}

export const reasonColors: Record<BackupReason, string> = { daily: 'blue', manual: 'teal', 'pre-migration': 'grape', 'pre-restore': 'orange' };

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`;
  return `${(bytes / 1024 ** 3).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} GB`;
}

/** Rows an official would count: everything except the bookkeeping tables. */
export function dataRows(counts: Record<string, number>): number {
  return Object.entries(counts)
    .filter(([t]) => t !== 'ops' && t !== 'opSegments' && t !== 'audit' && t !== 'meta')
    .reduce((n, [, c]) => n + c, 0);
}

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
  // Per-row tables until v10 (a backup taken before may still list them).
  taskSteps: 'Bước thực hiện',
  taskEvents: 'Diễn biến nhiệm vụ',
  taskLogs: 'Diễn biến và bước thực hiện (theo nhiệm vụ)',
  consultations: 'Xin ý kiến',
  consultationReplies: 'Ý kiến trả lời',
  letters: 'Công văn',
  registerEntries: 'Sổ văn bản',
  reports: 'Báo cáo',
  accountability: 'Kiểm điểm trách nhiệm',
  reconciliations: 'Thống nhất ý kiến khác nhau',
  upwardRequests: 'Đề nghị lên cấp trên',
  upwardAnswers: 'Trả lời của cấp trên',
  peers: 'Máy đồng bộ đã tin cậy',
  syncImports: 'Gói dữ liệu đã nhập',
  syncExports: 'Gói dữ liệu đã xuất',
  syncRejections: 'Thao tác bị từ chối hoặc đang chờ',
  syncConflicts: 'Xung đột cần xem lại',
  taskIndex: 'Chỉ mục nhiệm vụ (tính lại được)',
  taskIndexPacks: 'Bản nén chỉ mục nhiệm vụ (bộ nhớ đệm)',
  taskIndexDirty: 'Thay đổi chỉ mục sau bản nén (bộ nhớ đệm)',
  ops: 'Thao tác (dùng khi đồng bộ)',
  opSegments: 'Lô thao tác (dùng khi đồng bộ)',
  audit: 'Nhật ký thay đổi',
  meta: 'Thông tin hệ thống',
};

/** Every table has a Vietnamese name; one this version does not know (a newer backup) says so. */
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

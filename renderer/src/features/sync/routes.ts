import type { RouteDef } from '../../shell/routes';
import { SyncConflictsPage } from './SyncConflictsPage';
import { SyncExportPage } from './SyncExportPage';
import { SyncImportPage } from './SyncImportPage';
import { SyncSetupPage } from './SyncSetupPage';
import { SyncStatusPage } from './SyncStatusPage';

/** Đồng bộ: pairing, packages out and in, where each peer stands, conflicts to review. */
export const syncRoutes: RouteDef[] = [
  { path: 'sync-status', label: 'Tình trạng', group: 'Đồng bộ', component: SyncStatusPage },
  { path: 'sync-export', label: 'Xuất gói', group: 'Đồng bộ', component: SyncExportPage, roles: ['admin'] },
  { path: 'sync-import', label: 'Nhập gói', group: 'Đồng bộ', component: SyncImportPage, roles: ['admin'] },
  { path: 'sync-conflicts', label: 'Xung đột', group: 'Đồng bộ', component: SyncConflictsPage },
  { path: 'sync-setup', label: 'Thiết lập', group: 'Đồng bộ', component: SyncSetupPage, roles: ['admin'] },
];

import type { RouteDef } from '../../shell/routes';
import { lazyPage } from '../../shell/lazyPage';

/** Đồng bộ: pairing, packages out and in, where each peer stands, conflicts to review. */
export const syncRoutes: RouteDef[] = [
  { path: 'sync-status', label: 'Tình trạng', group: 'Đồng bộ', component: lazyPage(() => import('./SyncStatusPage'), 'SyncStatusPage') },
  { path: 'sync-export', label: 'Xuất gói', group: 'Đồng bộ', component: lazyPage(() => import('./SyncExportPage'), 'SyncExportPage'), roles: ['admin'] },
  { path: 'sync-import', label: 'Nhập gói', group: 'Đồng bộ', component: lazyPage(() => import('./SyncImportPage'), 'SyncImportPage'), roles: ['admin'] },
  { path: 'sync-conflicts', label: 'Xung đột', group: 'Đồng bộ', component: lazyPage(() => import('./SyncConflictsPage'), 'SyncConflictsPage') },
  { path: 'sync-setup', label: 'Thiết lập', group: 'Đồng bộ', component: lazyPage(() => import('./SyncSetupPage'), 'SyncSetupPage'), roles: ['admin'] },
];

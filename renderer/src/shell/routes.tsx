import type { Role } from '@shared/roles';
import { lazyPage, type PageComponent } from './lazyPage';
import { letterRoutes } from '../features/letters/routes';
import { syncRoutes } from '../features/sync/routes';
import { reportRoutes } from '../features/reports/routes';
import { DashboardPage } from '../features/dashboard/DashboardPage';

export interface RouteDef {
  path: string;
  label: string;
  group: string;
  component: PageComponent;
  roles?: Role[];
}

/** Every screen the navigation shows. A section that is not built is simply not listed. */
export const routes: RouteDef[] = [
  { path: 'dashboard', label: 'Tổng quan', group: 'Theo dõi', component: DashboardPage },
  { path: 'tasks', label: 'Nhiệm vụ', group: 'Theo dõi', component: lazyPage(() => import('../features/tasks/TasksPage'), 'TasksPage') },
  { path: 'directives', label: 'Văn bản chỉ đạo', group: 'Theo dõi', component: lazyPage(() => import('../features/tasks/DirectivesPage'), 'DirectivesPage') },
  { path: 'followup', label: 'Đôn đốc', group: 'Theo dõi', component: lazyPage(() => import('../features/followup/FollowUpPage'), 'FollowUpPage') },
  { path: 'units', label: 'Đơn vị', group: 'Danh mục', component: lazyPage(() => import('../features/registries/UnitsPage'), 'UnitsPage') },
  { path: 'officials', label: 'Cán bộ, công chức', group: 'Danh mục', component: lazyPage(() => import('../features/registries/OfficialsPage'), 'OfficialsPage') },
  { path: 'consultations', label: 'Lấy ý kiến, trình cấp trên', group: 'Nghiệp vụ', component: lazyPage(() => import('../features/consultations/ConsultationsPage'), 'ConsultationsPage') },
  ...reportRoutes,
  ...letterRoutes,
  ...syncRoutes,
  { path: 'organisation', label: 'Thông tin cơ quan', group: 'Cài đặt', component: lazyPage(() => import('../features/settings/OrganisationPage'), 'OrganisationPage') },
  { path: 'calendar', label: 'Lịch làm việc', group: 'Cài đặt', component: lazyPage(() => import('../features/calendar/CalendarPage'), 'CalendarPage') },
  { path: 'task-settings', label: 'Tiêu chí đánh giá', group: 'Cài đặt', component: lazyPage(() => import('../features/tasks/TaskSettingsPage'), 'TaskSettingsPage') },
  { path: 'accounts', label: 'Tài khoản', group: 'Cài đặt', component: lazyPage(() => import('../features/settings/AccountsPage'), 'AccountsPage'), roles: ['admin'] },
  { path: 'backup', label: 'Sao lưu & khôi phục', group: 'Cài đặt', component: lazyPage(() => import('../features/safety/BackupPage'), 'BackupPage'), roles: ['admin'] },
  { path: 'integrity', label: 'Kiểm tra toàn vẹn', group: 'Cài đặt', component: lazyPage(() => import('../features/safety/IntegrityPage'), 'IntegrityPage'), roles: ['admin'] },
];

export function visibleRoutes(role: Role): RouteDef[] {
  return routes.filter((r) => !r.roles || r.roles.includes(role));
}

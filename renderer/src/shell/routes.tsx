import type { ComponentType } from 'react';
import type { Role } from '@shared/roles';
import { UnitsPage } from '../features/registries/UnitsPage';
import { OfficialsPage } from '../features/registries/OfficialsPage';
import { AccountsPage } from '../features/settings/AccountsPage';
import { OrganisationPage } from '../features/settings/OrganisationPage';
import { BackupPage } from '../features/safety/BackupPage';
import { IntegrityPage } from '../features/safety/IntegrityPage';
import { CalendarPage } from '../features/calendar/CalendarPage';
import { letterRoutes } from '../features/letters/routes';
import { syncRoutes } from '../features/sync/routes';
import { reportRoutes } from '../features/reports/routes';
import { DashboardPage } from '../features/dashboard/DashboardPage';
import { TasksPage } from '../features/tasks/TasksPage';
import { DirectivesPage } from '../features/tasks/DirectivesPage';
import { TaskSettingsPage } from '../features/tasks/TaskSettingsPage';
import { ConsultationsPage } from '../features/consultations/ConsultationsPage';
import { FollowUpPage } from '../features/followup/FollowUpPage';

export interface RouteDef {
  path: string;
  label: string;
  group: string;
  component: ComponentType<{ subPath: string }>;
  roles?: Role[];
}

/** Every screen the navigation shows. A section that is not built is simply not listed. */
export const routes: RouteDef[] = [
  { path: 'dashboard', label: 'Tổng quan', group: 'Theo dõi', component: DashboardPage },
  { path: 'tasks', label: 'Nhiệm vụ', group: 'Theo dõi', component: TasksPage },
  { path: 'directives', label: 'Văn bản chỉ đạo', group: 'Theo dõi', component: DirectivesPage },
  { path: 'followup', label: 'Đôn đốc', group: 'Theo dõi', component: FollowUpPage },
  { path: 'units', label: 'Đơn vị', group: 'Danh mục', component: UnitsPage },
  { path: 'officials', label: 'Cán bộ, công chức', group: 'Danh mục', component: OfficialsPage },
  { path: 'consultations', label: 'Lấy ý kiến, trình cấp trên', group: 'Nghiệp vụ', component: ConsultationsPage },
  ...reportRoutes,
  ...letterRoutes,
  ...syncRoutes,
  { path: 'organisation', label: 'Thông tin cơ quan', group: 'Cài đặt', component: OrganisationPage },
  { path: 'calendar', label: 'Lịch làm việc', group: 'Cài đặt', component: CalendarPage },
  { path: 'task-settings', label: 'Tiêu chí đánh giá', group: 'Cài đặt', component: TaskSettingsPage },
  { path: 'accounts', label: 'Tài khoản', group: 'Cài đặt', component: AccountsPage, roles: ['admin'] },
  { path: 'backup', label: 'Sao lưu & khôi phục', group: 'Cài đặt', component: BackupPage, roles: ['admin'] },
  { path: 'integrity', label: 'Kiểm tra toàn vẹn', group: 'Cài đặt', component: IntegrityPage, roles: ['admin'] },
];

export function visibleRoutes(role: Role): RouteDef[] {
  return routes.filter((r) => !r.roles || r.roles.includes(role));
}

import type { ComponentType } from 'react';
import type { Role } from '@shared/ipc/channels/auth';
import { UnitsPage } from '../features/registries/UnitsPage';
import { OfficialsPage } from '../features/registries/OfficialsPage';
import { AccountsPage } from '../features/settings/AccountsPage';
import { OrganisationPage } from '../features/settings/OrganisationPage';
import { BackupPage } from '../features/safety/BackupPage';
import { IntegrityPage } from '../features/safety/IntegrityPage';
import { CalendarPage } from '../features/calendar/CalendarPage';
import { letterRoutes } from '../features/letters/routes';

export interface RouteDef {
  path: string;
  label: string;
  group: string;
  component: ComponentType<{ subPath: string }>;
  roles?: Role[];
}

/** Every screen the navigation shows. A section that is not built is simply not listed. */
export const routes: RouteDef[] = [
  { path: 'units', label: 'Đơn vị', group: 'Danh mục', component: UnitsPage },
  { path: 'officials', label: 'Cán bộ, công chức', group: 'Danh mục', component: OfficialsPage },
  ...letterRoutes,
  { path: 'organisation', label: 'Thông tin cơ quan', group: 'Cài đặt', component: OrganisationPage },
  { path: 'calendar', label: 'Lịch làm việc', group: 'Cài đặt', component: CalendarPage },
  { path: 'accounts', label: 'Tài khoản', group: 'Cài đặt', component: AccountsPage, roles: ['admin'] },
  { path: 'backup', label: 'Sao lưu & khôi phục', group: 'Cài đặt', component: BackupPage, roles: ['admin'] },
  { path: 'integrity', label: 'Kiểm tra toàn vẹn', group: 'Cài đặt', component: IntegrityPage, roles: ['admin'] },
];

export function visibleRoutes(role: Role): RouteDef[] {
  return routes.filter((r) => !r.roles || r.roles.includes(role));
}

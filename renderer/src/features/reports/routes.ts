import type { RouteDef } from '../../shell/routes';
import { lazyPage } from '../../shell/lazyPage';

/** Báo cáo, đánh giá: reports (build, issue, reprint), ranking, accountability records. */
export const reportRoutes: RouteDef[] = [
  { path: 'reports', label: 'Báo cáo', group: 'Báo cáo, đánh giá', component: lazyPage(() => import('./ReportsPage'), 'ReportsPage') },
  { path: 'ranking', label: 'Đánh giá, xếp loại', group: 'Báo cáo, đánh giá', component: lazyPage(() => import('./RankingPage'), 'RankingPage') },
  { path: 'accountability', label: 'Kiểm điểm, khen thưởng', group: 'Báo cáo, đánh giá', component: lazyPage(() => import('../accountability/AccountabilityPage'), 'AccountabilityPage') },
];

import type { RouteDef } from '../../shell/routes';
import { AccountabilityPage } from '../accountability/AccountabilityPage';
import { RankingPage } from './RankingPage';
import { ReportsPage } from './ReportsPage';

/** Báo cáo, đánh giá: reports (build, issue, reprint), ranking, accountability records. */
export const reportRoutes: RouteDef[] = [
  { path: 'reports', label: 'Báo cáo', group: 'Báo cáo, đánh giá', component: ReportsPage },
  { path: 'ranking', label: 'Đánh giá, xếp loại', group: 'Báo cáo, đánh giá', component: RankingPage },
  { path: 'accountability', label: 'Kiểm điểm, khen thưởng', group: 'Báo cáo, đánh giá', component: AccountabilityPage },
];

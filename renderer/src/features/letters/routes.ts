import type { RouteDef } from '../../shell/routes';
import { lazyPage } from '../../shell/lazyPage';

/** Văn bản (editor, lists, outgoing register) and Cài đặt → Thể thức văn bản. */
export const letterRoutes: RouteDef[] = [
  { path: 'letters', label: 'Soạn văn bản', group: 'Văn bản', component: lazyPage(() => import('./LetterEditorPage'), 'LetterEditorPage') },
  { path: 'letter-list', label: 'Dự thảo / Đã phát hành', group: 'Văn bản', component: lazyPage(() => import('./LettersListPage'), 'LettersListPage') },
  { path: 'letter-register', label: 'Sổ văn bản đi', group: 'Văn bản', component: lazyPage(() => import('./RegisterPage'), 'RegisterPage') },
  { path: 'letterhead', label: 'Thể thức văn bản', group: 'Cài đặt', component: lazyPage(() => import('./LetterheadPage'), 'LetterheadPage'), roles: ['admin'] },
];

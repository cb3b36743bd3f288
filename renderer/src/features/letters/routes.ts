import type { RouteDef } from '../../shell/routes';
import { LetterEditorPage } from './LetterEditorPage';
import { LetterheadPage } from './LetterheadPage';
import { LettersListPage } from './LettersListPage';
import { RegisterPage } from './RegisterPage';

/** Văn bản (editor, lists, outgoing register) and Cài đặt → Thể thức văn bản. */
export const letterRoutes: RouteDef[] = [
  { path: 'letters', label: 'Soạn văn bản', group: 'Văn bản', component: LetterEditorPage },
  { path: 'letter-list', label: 'Dự thảo / Đã phát hành', group: 'Văn bản', component: LettersListPage },
  { path: 'letter-register', label: 'Sổ văn bản đi', group: 'Văn bản', component: RegisterPage },
  { path: 'letterhead', label: 'Thể thức văn bản', group: 'Cài đặt', component: LetterheadPage, roles: ['admin'] },
];

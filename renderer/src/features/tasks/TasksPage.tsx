import { TaskDetailPage } from './TaskDetailPage';
import { TaskFormPage } from './TaskFormPage';
import { TaskListPage } from './TaskListPage';

/** #/tasks (list, optionally "?c=…" pre-filtered), #/tasks/new[/<directiveId>], #/tasks/<id>. */
export function TasksPage({ subPath }: { subPath: string }) {
  if (!subPath || subPath.startsWith('?')) return <TaskListPage key={subPath} />;
  const [head, arg] = subPath.split('/');
  if (head === 'new') return <TaskFormPage key={arg ?? ''} directiveId={arg || null} />;
  return <TaskDetailPage key={head} taskId={head} />;
}

import { Badge } from '@mantine/core';
import { taskCategoryLabels, taskStatusLabels, type TaskCategory, type TaskStatus } from '@shared/tasks/state';

export const CATEGORY_COLORS: Record<TaskCategory, string> = {
  doneOnTime: 'teal',
  doneLate: 'orange',
  doneNoDeadline: 'green',
  awaitingAcceptance: 'violet',
  openWithinDeadline: 'blue',
  openOverdue: 'red',
  openNoDeadline: 'gray',
};

/** The report category of a task as of today; a cancelled task shows its status instead. */
export function CategoryBadge({ category, status, size = 'sm' }: { category: TaskCategory | null; status: TaskStatus; size?: 'xs' | 'sm' | 'md' | 'lg' }) {
  if (category === null) {
    return (
      <Badge color="gray" variant="outline" size={size} tt="none">
        {status === 'cancelled' ? taskStatusLabels.cancelled : 'Chưa giao'}
      </Badge>
    );
  }
  return (
    <Badge color={CATEGORY_COLORS[category]} variant="light" size={size} tt="none">
      {taskCategoryLabels[category]}
    </Badge>
  );
}

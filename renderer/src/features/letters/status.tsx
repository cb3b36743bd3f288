import { Badge } from '@mantine/core';
import type { LetterStatus } from './data/register';

export const statusLabels: Record<LetterStatus, string> = { draft: 'Dự thảo', issued: 'Đã phát hành', cancelled: 'Đã hủy số' };
const colors: Record<LetterStatus, string> = { draft: 'gray', issued: 'green', cancelled: 'red' };

export function statusBadge(status: LetterStatus) {
  return (
    <Badge color={colors[status]} variant="light">
      {statusLabels[status]}
    </Badge>
  );
}

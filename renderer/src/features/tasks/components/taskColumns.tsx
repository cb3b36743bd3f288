import { Badge, Group, Progress, Stack, Text } from '@mantine/core';
import type { TaskListItem, TaskSortKey } from '../data/listSelection';
import type { Registry } from '../context';
import { formatDate } from '../../../ui/format';
import { CATEGORY_COLORS } from './CategoryBadge';
import type { Column } from '../../../ui/VirtualTable';

/** "Quá hạn 12 ngày" in the category's colour, or the status for cancelled tasks. */
export function TimingCell({ t }: { t: TaskListItem }) {
  const color = t.category ? CATEGORY_COLORS[t.category] : 'gray';
  const label = t.category === 'openNoDeadline' ? 'Không có hạn' : t.label;
  return (
    <Stack gap={0}>
      {/* Two lines, whole words, and the full label on hover when it is longer still. */}
      <Text size="sm" c={`${color}.8`} fw={t.category === 'openOverdue' || t.acceptanceLate ? 600 : 500} lineClamp={2} title={label}>
        {label}
      </Text>
      {t.status === 'paused' && (
        <Text size="xs" c="dimmed">
          Tạm dừng
        </Text>
      )}
      {t.dueSoon && (
        <Text size="xs" c="yellow.9">
          Sắp đến hạn
        </Text>
      )}
    </Stack>
  );
}

export function TaskColumns(registry: Registry, options: { withDirective?: boolean } = {}): Column<TaskListItem, TaskSortKey>[] {
  const cols: Column<TaskListItem, TaskSortKey>[] = [
    {
      header: 'Nhiệm vụ',
      width: 'minmax(260px, 3fr)',
      sortKey: 'title',
      cell: (t) => (
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Text size="sm" fw={500} lineClamp={1} title={t.title}>
            {t.priority !== 'normal' && (
              <Badge size="xs" color={t.priority === 'urgent' ? 'red' : 'orange'} variant="filled" mr={4} tt="none">
                {t.priority === 'urgent' ? 'Khẩn' : 'Quan trọng'}
              </Badge>
            )}
            {t.title}
          </Text>
          {options.withDirective !== false && t.directiveRef && (
            <Text size="xs" c="dimmed" lineClamp={1} title={`Văn bản ${t.directiveRef}`}>
              Văn bản {t.directiveRef}
            </Text>
          )}
          {(t.deliveredProduct || t.expectedProduct) && (
            <Text size="xs" c="dimmed" lineClamp={1} title={t.deliveredProduct ? `Sản phẩm: ${t.deliveredProduct}` : `Sản phẩm yêu cầu: ${t.expectedProduct}`}>
              {t.deliveredProduct ? `Sản phẩm: ${t.deliveredProduct}` : `Sản phẩm yêu cầu: ${t.expectedProduct}`}
            </Text>
          )}
        </Stack>
      ),
    },
    { header: 'Đơn vị chủ trì', width: 'minmax(150px, 1.2fr)', cell: (t) => <Text size="sm" lineClamp={2} title={registry.unitName(t.leadUnitId)}>{registry.unitName(t.leadUnitId)}</Text> },
    { header: 'Ngày giao', width: '92px', sortKey: 'assignedOn', cell: (t) => formatDate(t.assignedOn) },
    {
      header: 'Hạn xử lý',
      width: '104px',
      sortKey: 'dueOn',
      cell: (t) => (
        <Stack gap={0}>
          <Text size="sm">{t.effectiveDueOn ? formatDate(t.effectiveDueOn) : 'Không có hạn'}</Text>
          {t.effectiveDueOn && t.originalDueOn && t.effectiveDueOn !== t.originalDueOn && (
            <Text size="xs" c="dimmed">
              đã gia hạn
            </Text>
          )}
        </Stack>
      ),
    },
    { header: 'Tình trạng', width: 'minmax(150px, 1.2fr)', sortKey: 'overdueDays', cell: (t) => <TimingCell t={t} /> },
    {
      header: 'Tiến độ',
      width: '86px',
      sortKey: 'percent',
      cell: (t) => (
        <Group gap={4} wrap="nowrap" w="100%">
          <Progress value={t.percent} w={36} size="sm" aria-hidden />
          <Text size="xs">{t.percent}%</Text>
        </Group>
      ),
    },
  ];
  return cols;
}

import { Modal, Progress, Stack, Text } from '@mantine/core';
import type { RestoreProgress } from '../../data/restore';

export interface Busy {
  title: string;
  progress: RestoreProgress | null;
}

/** Progress of a long operation; it cannot be dismissed while the work runs. */
export function BusyModal({ busy }: { busy: Busy | null }) {
  const p = busy?.progress;
  const value = p && p.total > 0 ? Math.min(100, Math.round((p.done / p.total) * 100)) : 0;
  return (
    <Modal opened={!!busy} onClose={() => undefined} withCloseButton={false} closeOnClickOutside={false} closeOnEscape={false} title={busy?.title} centered>
      <Stack gap="xs">
        <Text size="sm">{p?.step ?? 'Đang chuẩn bị…'}</Text>
        <Progress value={p ? value : 100} animated striped aria-label="Tiến độ" />
        {p && p.total > 10 && (
          <Text size="xs" c="dimmed">
            {p.done.toLocaleString('vi-VN')} / {p.total.toLocaleString('vi-VN')}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          Vui lòng không đóng ứng dụng trong lúc này.
        </Text>
      </Stack>
    </Modal>
  );
}

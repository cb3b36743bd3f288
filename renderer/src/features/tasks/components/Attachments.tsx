import { Anchor, Group, Text } from '@mantine/core';
import type { AttachmentRef } from '@shared/tasks/model';
import { notifications } from '@mantine/notifications';
import { api } from '../../../api';
import { notifyError } from '../../../ui/notify';

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  return `${(n / 1024 / 1024).toFixed(1).replace('.', ',')} MB`;
}

/** Asks main to copy a picked file into its store; null when the user cancels. */
export async function attachFile(title: string): Promise<AttachmentRef | null> {
  const r = await api().call('files:attach', { title });
  return r.canceled || !r.file ? null : r.file;
}

export async function openAttachment(a: AttachmentRef): Promise<void> {
  try {
    const r = await api().call('files:open', { sha256: a.sha256, fileName: a.fileName });
    if (r.shownInFolder) {
      notifications.show({
        color: 'yellow',
        title: 'Không mở tệp có thể chạy chương trình',
        message: `${a.fileName} có thể chạy chương trình khi mở, nên ứng dụng chỉ hiện tệp trong thư mục chứa nó. Hãy kiểm tra bằng phần mềm diệt virus trước khi dùng.`,
        autoClose: 10000,
      });
    }
  } catch (e) {
    notifyError(e, 'Không mở được tệp');
  }
}

export function AttachmentList({ items, onRemove }: { items: readonly AttachmentRef[]; onRemove?: (index: number) => void }) {
  if (items.length === 0) return null;
  return (
    <Group gap="md">
      {items.map((a, i) => (
        <Group key={`${a.sha256}-${i}`} gap={4} wrap="nowrap">
          <Anchor component="button" type="button" size="sm" onClick={() => void openAttachment(a)} title="Mở bằng chương trình xem tệp của máy">
            📎 {a.fileName}
          </Anchor>
          <Text size="xs" c="dimmed">
            ({formatBytes(a.bytes)})
          </Text>
          {onRemove && (
            <Anchor component="button" type="button" size="xs" c="red" onClick={() => onRemove(i)} aria-label={`Bỏ tệp ${a.fileName}`}>
              Bỏ
            </Anchor>
          )}
        </Group>
      ))}
    </Group>
  );
}

import { useState } from 'react';
import { Alert, Button, Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { api } from '../../api';
import { currentDb, writeContext } from '../../state/app';
import { formatDateTime } from '../../ui/format';
import { notifyError } from '../../ui/notify';
import { exportPackage, type ExportOutcome } from './data/exportPackage';
import { usePeers, useRecentExports } from './queries';
import { NameCell, TableHead } from '../../ui/TableParts';
import { PackageHistory } from './PackageHistory';

function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.ceil(bytes / 1024))} KB`;
}

export function SyncExportPage() {
  const peers = usePeers();
  const exports = useRecentExports();
  const [busy, setBusy] = useState<string | null>(null);
  const [done, setDone] = useState<(ExportOutcome & { name: string }) | null>(null);
  if (!peers || !exports) return <Loader />;
  const nameOf = (to: string) => (to === '*' ? 'Tất cả các máy' : (peers.find((p) => p.siteId === to)?.name ?? to));

  const run = async (to: string, name: string) => {
    setBusy(to);
    try {
      const out = await exportPackage(currentDb(), writeContext(), { to, name }, (req) => api().call('sync:exportPackage', req));
      if (!out.canceled) setDone({ ...out, name });
    } catch (e) {
      notifyError(e, 'Không xuất được gói');
    } finally {
      setBusy(null);
    }
  };

  return (
    <Stack maw={1100}>
      <Title order={3}>Xuất gói dữ liệu</Title>
      <Text size="sm" c="dimmed">
        Gói chứa mọi thay đổi mà máy nhận chưa xác nhận đã có (kể cả thay đổi của máy khác chuyển tiếp qua máy này). Mất gói cũng không sao: gói sau gửi lại những gì còn thiếu.
      </Text>
      {done && (
        <Alert color="green" title={`Đã lưu gói số ${done.seq} cho ${done.name}`} withCloseButton onClose={() => setDone(null)}>
          {done.opCount.toLocaleString('vi-VN')} thay đổi, {size(done.bytes)}. Tệp: {done.path}
        </Alert>
      )}
      <Paper withBorder p="md">
        {peers.length === 0 ? (
          <Text c="dimmed" size="sm">
            Chưa tin cậy máy nào. Vào Đồng bộ → Thiết lập để ghép nối trước.
          </Text>
        ) : (
          <Stack gap="sm">
            <Table striped>
              <TableHead columns={['Gửi cho', 'Gửi lần cuối', 'Nhận lần cuối', '']} />
              <Table.Tbody>
                {peers.map((p) => (
                  <Table.Tr key={p.siteId}>
                    <NameCell name={p.name} detail={p.role === 'coordinator' ? 'Văn phòng điều phối' : 'Đơn vị'} />
                    <Table.Td>{p.lastSentAt ? formatDateTime(p.lastSentAt) : 'Chưa gửi'}</Table.Td>
                    <Table.Td>{p.lastReceivedAt ? formatDateTime(p.lastReceivedAt) : 'Chưa nhận'}</Table.Td>
                    <Table.Td>
                      <Button size="xs" loading={busy === p.siteId} disabled={busy !== null} onClick={() => run(p.siteId, p.name)} aria-label={`Xuất gói cho ${p.name}`}>
                        Xuất gói
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {peers.length > 1 && (
              <Group justify="flex-end">
                <Button variant="light" loading={busy === '*'} disabled={busy !== null} onClick={() => run('*', 'tất cả các máy')}>
                  Xuất một gói cho tất cả các máy
                </Button>
              </Group>
            )}
          </Stack>
        )}
      </Paper>
      {exports.length > 0 && (
        <PackageHistory title="Các gói đã xuất gần đây" columns={['Lúc', 'Gửi cho', 'Gói số', 'Số thay đổi', 'Tệp']}>
          {exports.map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td>{formatDateTime(e.createdAt)}</Table.Td>
              <Table.Td>{nameOf(e.to)}</Table.Td>
              <Table.Td>{e.seq}</Table.Td>
              <Table.Td>{e.opCount.toLocaleString('vi-VN')}</Table.Td>
              <Table.Td>
                <Text size="xs" ff="monospace">
                  {e.fileName}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </PackageHistory>
      )}
    </Stack>
  );
}

import { Alert, Badge, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { formatDate, formatDateTime, todayVn } from '../../ui/format';
import { usePeerStatuses } from './queries';
import { ExchangePanel } from './ExchangePanel';
import { TableHead } from '../../ui/TableParts';

/** Days without a package before a peer is shown as silent. */
export const SILENT_AFTER_DAYS = 7;

export function SyncStatusPage() {
  const statuses = usePeerStatuses(todayVn());
  if (!statuses) return <Loader />;
  const silent = statuses.filter((s) => s.daysSilent >= SILENT_AFTER_DAYS);

  return (
    <Stack maw={1200}>
      <Title order={3}>Tình trạng đồng bộ</Title>
      {statuses.length === 0 && <Text c="dimmed">Chưa tin cậy máy nào. Vào Đồng bộ → Thiết lập để ghép nối.</Text>}
      {silent.length > 0 && (
        <Alert color="orange">
          {silent.map((s) => (
            <Text size="sm" key={s.peer.siteId}>
              Không nhận được gì từ {s.peer.name} đã {s.daysSilent} ngày{s.lastContactOn ? ` (lần cuối ${formatDate(s.lastContactOn)})` : ' (chưa từng nhận gói)'}.
            </Text>
          ))}
        </Alert>
      )}
      {statuses.length > 0 && (
        <Table striped withTableBorder>
          <TableHead columns={['Máy', 'Nhận gói lần cuối', 'Gửi gói lần cuối', 'Máy đó đã nhận', 'Máy này còn thiếu', 'Không liên lạc']} />
          <Table.Tbody>
            {statuses.map((s) => (
              <Table.Tr key={s.peer.siteId}>
                <Table.Td>{s.peer.name}</Table.Td>
                <Table.Td>{s.lastReceived ? `Gói số ${s.lastReceived.seq}, ${formatDateTime(s.lastReceived.completedAt)}` : 'Chưa nhận'}</Table.Td>
                <Table.Td>{s.lastSent ? `Gói số ${s.lastSent.seq}${s.lastSent.to === '*' ? ' (gửi chung)' : ''}, ${formatDateTime(s.lastSent.createdAt)}` : 'Chưa gửi'}</Table.Td>
                <Table.Td>
                  {s.unacknowledged.length === 0 ? (
                    s.lastSent ? (
                      <Badge tt="none" color="green" variant="light">
                        Đã nhận đủ
                      </Badge>
                    ) : (
                      '—'
                    )
                  ) : (
                    <Text size="sm" c="orange.8">
                      {s.acknowledgedSeq ? `Đã nhận đến gói số ${s.acknowledgedSeq}; ` : ''}chưa nhận gói số {s.unacknowledged.map((e) => e.seq).join(', ')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {s.missingFromPeer.length || s.partial.length ? (
                    <Text size="sm" c="orange.8">
                      {s.missingFromPeer.length ? `Chưa nhận gói số ${s.missingFromPeer.join(', ')} của ${s.peer.name}` : ''}
                      {s.partial.length ? `${s.missingFromPeer.length ? '; ' : ''}gói số ${s.partial.map((p) => p.seq).join(', ')} nhập chưa xong` : ''}
                    </Text>
                  ) : (
                    'Không thiếu'
                  )}
                </Table.Td>
                <Table.Td>
                  <Badge tt="none" color={s.daysSilent >= SILENT_AFTER_DAYS ? 'orange' : 'gray'} variant="light">
                    {s.daysSilent} ngày
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {statuses.length > 0 && <ExchangePanel peers={statuses.map((s) => s.peer)} />}
    </Stack>
  );
}

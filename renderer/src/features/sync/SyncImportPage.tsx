import { useEffect, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { Alert, Anchor, Badge, Box, Button, Group, Loader, Paper, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { rejectCodeLabels } from '@shared/sync/authorize';
import { api } from '../../api';
import { currentDb, useAppState, writeContext } from '../../state/app';
import { formatDateTime } from '../../ui/format';
import { notifyError } from '../../ui/notify';
import { importPackage, type ImportReport } from './data/importPackage';
import { previousKeys, trustedKeys } from './data/peers';
import type { RejectionRow } from './data/types';
import { describeChange, entityLabels } from './labels';
import { useImportRejections, useImports, usePeers } from './queries';
import { takeOpenedFile, useOpenedFile } from './openedFile';
import type { ResponseOf } from '@shared/ipc/contract';
import { PackageHistory } from './PackageHistory';

type ReadPackage = NonNullable<ResponseOf<'sync:readPackage'>['package']>;

interface Shown {
  report: ImportReport;
  fileName: string;
  importedAt: string | null;
}

function RejectionList({ rows, names, siteName }: { rows: RejectionRow[]; names: Map<string, string>; siteName: (id: string) => string }) {
  const parent = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count: rows.length, getScrollElement: () => parent.current, estimateSize: () => 64, overscan: 8 });
  return (
    <Box ref={parent} style={{ maxHeight: 320, overflow: 'auto' }} role="list" aria-label="Thay đổi không được áp dụng">
      <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
        {virtual.getVirtualItems().map((item) => {
          const r = rows[item.index];
          return (
            <div key={r.opId} role="listitem" ref={virtual.measureElement} data-index={item.index} style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${item.start}px)` }}>
              <Group gap="xs" wrap="nowrap" align="flex-start" py={6} style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}>
                <Badge tt="none" color={r.status === 'pending' ? 'yellow' : 'red'} variant="light" w={170} style={{ flexShrink: 0 }}>
                  {r.status === 'pending' ? 'Đang chờ' : rejectCodeLabels[r.code ?? 'invalid']}
                </Badge>
                <Stack gap={0} style={{ minWidth: 0 }}>
                  <Text size="sm">
                    <b>{entityLabels[r.op.entity] ?? 'Dữ liệu'}</b> «{names.get(r.opId) ?? '…'}» — {describeChange(r.op)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    Do {r.op.actor || 'không rõ người thực hiện'} tại {siteName(r.site)}. {r.reason}
                  </Text>
                </Stack>
              </Group>
            </div>
          );
        })}
      </div>
    </Box>
  );
}

export function ImportReportView({ shown }: { shown: Shown }) {
  const siteId = useAppState((s) => s.siteId);
  const peers = usePeers();
  const { report } = shown;
  const data = useImportRejections(report.packageHash);
  const siteName = (id: string) => (id === siteId ? 'máy này' : (peers?.find((p) => p.siteId === id)?.name ?? `máy không xác định (${id})`));
  const sender = siteName(report.from);
  const c = report.counts;
  const stat = (label: string, value: number, color?: string) => (
    <Paper withBorder p="xs">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="lg" c={value > 0 ? color : undefined}>
        {value.toLocaleString('vi-VN')}
      </Text>
    </Paper>
  );
  return (
    <Paper withBorder p="md" aria-label="Kết quả nhập gói">
      <Stack gap="sm">
        <Title order={5}>
          Kết quả nhập gói số {report.seq} của {sender}
        </Title>
        <Text size="xs" c="dimmed">
          Tệp {shown.fileName}
          {shown.importedAt ? `, nhập lúc ${formatDateTime(shown.importedAt)}` : ''}
        </Text>
        {report.status === 'duplicate' && (
          <Alert color="blue" p="xs">
            Gói này đã nhập trước đây; không có thay đổi nào. Số liệu dưới đây là của lần nhập đó.
          </Alert>
        )}
        {report.resumedFromChunk > 0 && (
          <Alert color="blue" p="xs">
            Lần nhập trước bị gián đoạn; lần này đã nhập tiếp phần còn lại và hoàn tất.
          </Alert>
        )}
        {report.newSignerFingerprint && (
          <Alert color="yellow" p="xs">
            {sender} đã đổi khóa (được khóa cũ xác nhận). Dấu vân tay mới: {report.newSignerFingerprint}.
          </Alert>
        )}
        <SimpleGrid cols={6}>
          {stat('Đã áp dụng', c.applied, 'green')}
          {stat('Đã có từ trước', c.alreadyHad)}
          {stat('Bị từ chối', c.rejected, 'red')}
          {stat('Đang chờ', c.pending, 'orange')}
          {stat('Xung đột', c.conflicts, 'orange')}
          {stat('Áp dụng thêm từ gói trước', c.released, 'green')}
        </SimpleGrid>
        {report.missingSeqs.length > 0 && (
          <Alert color="yellow" p="xs">
            Chưa nhận {report.missingSeqs.length === 1 ? 'gói' : 'các gói'} số {report.missingSeqs.join(', ')} của {sender}. Nội dung của gói bị thiếu thường đã được gửi lại trong gói sau; nếu {sender}{' '}
            vẫn báo thiếu, hãy đề nghị họ xuất gói mới.
          </Alert>
        )}
        {c.conflicts > 0 && (
          <Text size="sm">
            Có {c.conflicts} trường bị sửa đồng thời ở hai nơi. <Anchor href="#/sync-conflicts">Xem danh sách xung đột</Anchor>.
          </Text>
        )}
        {data && data.rows.length > 0 && (
          <>
            <Text size="sm" fw={600}>
              Thay đổi không được áp dụng ({data.rows.length})
            </Text>
            <RejectionList rows={data.rows} names={data.names} siteName={siteName} />
            <Text size="xs" c="dimmed">
              Thay đổi «đang chờ» liên quan đến bản ghi chưa có trên máy này; chúng được áp dụng tự động khi bản ghi đó đến trong gói sau. Các thay đổi khác trong gói vẫn được áp dụng bình thường.
            </Text>
          </>
        )}
      </Stack>
    </Paper>
  );
}

export function SyncImportPage() {
  const siteId = useAppState((s) => s.siteId);
  const peers = usePeers();
  const imports = useImports();
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [shown, setShown] = useState<Shown | null>(null);
  // A package opened by double-click is shown first and imported only when the user says so.
  const [preview, setPreview] = useState<{ fileName: string; pkg: ReadPackage } | null>(null);
  const opened = useOpenedFile((s) => s.request);
  const ready = peers !== undefined;
  useEffect(() => {
    if (!ready || opened?.kind !== 'package') return;
    takeOpenedFile('package');
    void read()
      .then((r) => r && (setShown(null), setPreview(r)))
      .catch((e: unknown) => notifyError(e, `Không mở được gói ${opened.fileName}`));
  }, [opened, ready]);
  if (!peers || !imports) return <Loader />;
  const nameOf = (id: string) => peers.find((p) => p.siteId === id)?.name ?? id;

  async function read(): Promise<{ fileName: string; pkg: ReadPackage } | null> {
    const database = currentDb();
    const res = await api().call('sync:readPackage', { trustedKeys: await trustedKeys(database), previousKeys: await previousKeys(database) });
    return res.canceled || !res.package ? null : { fileName: res.fileName ?? '', pkg: res.package };
  }

  const apply = async (get: () => Promise<{ fileName: string; pkg: ReadPackage } | null>) => {
    try {
      const r = await get();
      if (!r) return;
      const database = currentDb();
      setPreview(null);
      setShown(null);
      setProgress({ done: 0, total: 1 });
      const report = await importPackage(database, writeContext(), r.pkg, r.fileName, { onProgress: (done, total) => setProgress({ done, total }) });
      const row = await database.syncImports.get(report.packageHash);
      setShown({ report, fileName: r.fileName, importedAt: row?.completedAt ?? null });
    } catch (e) {
      notifyError(e, 'Không nhập được gói');
    } finally {
      setProgress(null);
    }
  };
  const pick = () => apply(read);

  const all = [...imports].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  const partial = all.filter((i) => i.status === 'partial');
  const sorted = all.slice(0, 15);

  return (
    <Stack maw={1100}>
      <Group justify="space-between">
        <Title order={3}>Nhập gói dữ liệu</Title>
        <Button onClick={pick} loading={progress !== null} disabled={peers.length === 0}>
          Chọn gói để nhập
        </Button>
      </Group>
      <Text size="sm" c="dimmed">
        Chữ ký của gói được kiểm tra trước khi đọc dữ liệu. Mỗi thay đổi được đối chiếu thẩm quyền của máy đã tạo ra nó; thay đổi không hợp lệ bị từ chối mà không ảnh hưởng đến phần còn lại.
        Nhập lại một gói đã nhập không làm thay đổi gì.
      </Text>
      {peers.length === 0 && <Alert color="yellow">Chưa tin cậy máy nào. Vào Đồng bộ → Thiết lập để ghép nối trước.</Alert>}
      {preview && (
        <Paper withBorder p="md" aria-label="Gói vừa mở">
          <Stack gap="xs">
            <Title order={5}>Gói {preview.fileName}</Title>
            <Text size="sm">Chữ ký của gói hợp lệ. Kiểm tra thông tin dưới đây rồi chọn «Nhập gói này».</Text>
            <Table withRowBorders={false} maw={640}>
              <Table.Tbody>
                <Table.Tr>
                  <Table.Th w={180}>Gửi từ</Table.Th>
                  <Table.Td>{nameOf(preview.pkg.manifest.from)}</Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th>Gửi cho</Table.Th>
                  <Table.Td>{preview.pkg.manifest.to === '*' ? 'Mọi máy' : preview.pkg.manifest.to === siteId ? 'Máy này' : nameOf(preview.pkg.manifest.to)}</Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th>Gói số</Table.Th>
                  <Table.Td>{preview.pkg.manifest.seq}</Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th>Lập lúc</Table.Th>
                  <Table.Td>{formatDateTime(preview.pkg.manifest.createdAt)}</Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th>Số thay đổi</Table.Th>
                  <Table.Td>{preview.pkg.manifest.opCount.toLocaleString('vi-VN')}</Table.Td>
                </Table.Tr>
              </Table.Tbody>
            </Table>
            <Group>
              <Button onClick={() => apply(async () => preview)}>Nhập gói này</Button>
              <Button variant="default" onClick={() => setPreview(null)}>
                Bỏ qua
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}
      {progress && (
        <Paper withBorder p="md">
          <Text size="sm" mb={4}>
            Đang nhập phần {progress.done}/{progress.total}…
          </Text>
          <Progress value={(100 * progress.done) / progress.total} animated />
        </Paper>
      )}
      {partial.length > 0 && (
        <Alert color="orange">
          {partial.map((p) => (
            <Text size="sm" key={p.packageHash}>
              Gói số {p.seq} của {nameOf(p.from)} ({p.fileName}) mới nhập được {p.chunksDone} phần; chọn lại đúng tệp này để nhập tiếp.
            </Text>
          ))}
        </Alert>
      )}
      {shown && <ImportReportView shown={shown} />}
      {sorted.length > 0 && (
        <PackageHistory title="Các gói đã nhập gần đây" columns={['Lúc', 'Từ', 'Gói số', 'Áp dụng', 'Từ chối', 'Đang chờ', '']}>
          {sorted.map((i) => (
            <Table.Tr key={i.packageHash}>
              <Table.Td>{formatDateTime(i.completedAt ?? i.startedAt)}</Table.Td>
              <Table.Td>{nameOf(i.from)}</Table.Td>
              <Table.Td>{i.seq}</Table.Td>
              <Table.Td>{i.counts.applied.toLocaleString('vi-VN')}</Table.Td>
              <Table.Td>{i.counts.rejected}</Table.Td>
              <Table.Td>{i.counts.pending}</Table.Td>
              <Table.Td>
                <Button
                  size="xs"
                  variant="subtle"
                  onClick={() =>
                    setShown({
                      report: { status: 'imported', packageHash: i.packageHash, from: i.from, seq: i.seq, counts: i.counts, resumedFromChunk: 0, missingSeqs: [], newSignerFingerprint: null },
                      fileName: i.fileName,
                      importedAt: i.completedAt,
                    })
                  }
                >
                  Xem kết quả
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </PackageHistory>
      )}
    </Stack>
  );
}

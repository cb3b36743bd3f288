import { useCallback, useEffect, useState } from 'react';
import { Alert, Badge, Button, Card, Checkbox, Group, Loader, Modal, ScrollArea, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { backupReasonLabels, type BackupAuthenticity, type BackupInfo } from '@shared/ipc/channels/backup';
import type { ResponseOf } from '@shared/ipc/contract';
import { api } from '../../api';
import { currentDb } from '../../state/app';
import { backupLive, loadBackup, restoreDrill, restoreLoaded, type DrillReport, type LoadedBackup } from '../../data/restore';
import { storageWarning, type StorageWarning } from '../../data/quota';
import { errorMessage, notifyError, notifySuccess } from '../../ui/notify';
import { formatDateTime } from '../../ui/format';
import { BusyModal, type Busy } from './BusyModal';
import { dataRows, formatBytes, reasonColors, sortTables, tableLabel } from './labels';

type Status = ResponseOf<'backup:status'>;

export function BackupPage() {
  const [status, setStatus] = useState<Status | null>(null);
  const [list, setList] = useState<BackupInfo[] | null>(null);
  const [warning, setWarning] = useState<StorageWarning | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [busy, setBusy] = useState<Busy | null>(null);
  const [preview, setPreview] = useState<{ loaded: LoadedBackup; jsonLength: number } | null>(null);
  const [drill, setDrill] = useState<DrillReport | null>(null);
  const [restored, setRestored] = useState(false);
  const [unverified, setUnverified] = useState<{ token: string; info: BackupInfo } | null>(null);

  const reload = useCallback(() => {
    Promise.all([api().call('backup:status', {}), api().call('backup:list', {})])
      .then(([s, l]) => {
        setStatus(s);
        setList(l);
        setLoadError(null);
      })
      .catch((e: unknown) => setLoadError(errorMessage(e)));
    storageWarning(api())
      .then(setWarning)
      .catch(() => setWarning(null));
  }, []);
  useEffect(reload, [reload]);

  const run = async (title: string, work: (progress: (p: Busy['progress']) => void) => Promise<void>) => {
    setBusy({ title, progress: null });
    try {
      await work((progress) => setBusy({ title, progress }));
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(null);
      reload();
    }
  };

  const backupTo = (toFolder: boolean) => async () => {
    let folder: string | undefined;
    let where = 'thư mục sao lưu của ứng dụng';
    if (toFolder) {
      const picked = await api().call('backup:pickFolder', {}).catch((e: unknown) => {
        notifyError(e);
        return null;
      });
      if (!picked || picked.canceled || !picked.token) return;
      folder = picked.token;
      where = picked.path ?? where;
    }
    await run('Đang sao lưu', async (progress) => {
      progress({ step: 'Đang đọc toàn bộ dữ liệu', done: 1, total: 3 });
      const info = await backupLive(api(), currentDb(), 'manual', folder);
      progress({ step: 'Đã ghi và kiểm tra tệp sao lưu', done: 3, total: 3 });
      notifySuccess(`Đã sao lưu ${dataRows(info.counts).toLocaleString('vi-VN')} bản ghi vào ${where} (tệp ${info.fileName}).`);
    });
  };

  const openForRestore = (source: { source: 'stored'; fileName: string } | { source: 'pick' }) => async () => {
    await run('Đang mở bản sao lưu', async (progress) => {
      progress({ step: 'Đang đọc tệp và kiểm tra mã kiểm tra', done: 0, total: 3 });
      const opened = await api().call('backup:open', source);
      if (opened.canceled || !opened.token || !opened.info) return;
      // A backup this PC cannot prove it wrote is opened only after the warning is confirmed.
      if (opened.info.authenticity !== 'this-site') {
        setUnverified({ token: opened.token, info: opened.info });
        return;
      }
      const { json } = await api().call('backup:body', { token: opened.token, acceptUnverified: false });
      const loaded = await loadBackup(opened.info, json, progress);
      setPreview({ loaded, jsonLength: json.length });
    });
  };

  const openUnverified = async () => {
    if (!unverified) return;
    const u = unverified;
    setUnverified(null);
    await run('Đang mở bản sao lưu', async (progress) => {
      const { json } = await api().call('backup:body', { token: u.token, acceptUnverified: true });
      const loaded = await loadBackup(u.info, json, progress);
      setPreview({ loaded, jsonLength: json.length });
    });
  };

  const confirmRestore = async () => {
    if (!preview) return;
    const p = preview;
    setPreview(null);
    await run('Đang khôi phục', async (progress) => {
      await restoreLoaded({ api: api(), live: currentDb(), loaded: p.loaded, jsonLength: p.jsonLength, onProgress: progress });
      setRestored(true);
    });
  };

  const runDrill = async () => {
    await run('Đang diễn tập khôi phục', async (progress) => {
      setDrill(await restoreDrill(api(), progress));
    });
  };

  if (loadError) return <Alert color="red">{loadError}</Alert>;
  if (!status || !list) return <Loader />;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>Sao lưu và khôi phục</Title>
          <Text c="dimmed" size="sm">
            Ứng dụng tự sao lưu mỗi ngày và trước mỗi lần nâng cấp dữ liệu, lưu ngoài hồ sơ trình duyệt. Giữ 7 bản hằng ngày, 4 bản hằng tuần và 12 bản hằng tháng.
          </Text>
        </div>
      </Group>

      {restored && (
        <Alert color="green" title="Đã khôi phục dữ liệu">
          <Group justify="space-between">
            <Text size="sm">Dữ liệu trước khi khôi phục đã được sao lưu (loại “Trước khi khôi phục”). Tải lại ứng dụng để dùng dữ liệu vừa khôi phục.</Text>
            <Button onClick={() => window.location.reload()}>Tải lại ứng dụng</Button>
          </Group>
        </Alert>
      )}
      {warning && warning.level !== 'ok' && (
        <Alert color={warning.level === 'critical' ? 'red' : 'yellow'} title="Dung lượng lưu trữ">
          {warning.message}
        </Alert>
      )}

      <SimpleGrid cols={2} spacing="md">
        <Card withBorder padding="md">
          <Stack gap={6}>
            <Text fw={600}>Tình trạng</Text>
            <Row label="Sao lưu tự động gần nhất" value={status.lastDailyAt ? formatDateTime(status.lastDailyAt) : 'Chưa có'} />
            <Row label="Bản sao lưu đang giữ" value={String(status.count)} />
            <Row label="Dung lượng trống" value={status.disk.totalBytes > 0 ? `${formatBytes(status.disk.freeBytes)} / ${formatBytes(status.disk.totalBytes)}` : 'Không rõ'} />
            <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
              Thư mục: {status.dir}
            </Text>
          </Stack>
        </Card>
        <Card withBorder padding="md">
          <Stack gap="xs">
            <Text fw={600}>Thao tác</Text>
            <Group gap="xs">
              <Button onClick={backupTo(true)}>Sao lưu ngay…</Button>
              <Button variant="light" onClick={backupTo(false)}>
                Sao lưu trong máy
              </Button>
            </Group>
            <Text size="xs" c="dimmed">
              “Sao lưu ngay” ghi tệp vào thư mục bạn chọn, ví dụ ổ USB cất giữ ngoài văn phòng.
            </Text>
            <Group gap="xs">
              <Button variant="default" onClick={openForRestore({ source: 'pick' })}>
                Khôi phục từ tệp…
              </Button>
              <Button variant="default" onClick={runDrill} disabled={list.length === 0}>
                Diễn tập khôi phục
              </Button>
            </Group>
          </Stack>
        </Card>
      </SimpleGrid>

      {drill && (
        <Alert color={drill.ok ? 'green' : 'red'} title={drill.ok ? 'Diễn tập khôi phục thành công' : 'Diễn tập khôi phục phát hiện lỗi'} withCloseButton onClose={() => setDrill(null)}>
          <Text size="sm">
            Bản sao lưu {formatDateTime(drill.createdAt)} được khôi phục vào vùng thử trong {(drill.durationMs / 1000).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} giây:{' '}
            {drill.counts.every((c) => c.expected === c.actual) ? 'số bản ghi khớp' : 'số bản ghi KHÔNG khớp'};{' '}
            {drill.chainBroken ? `nhật ký thay đổi bị sai lệch (${drill.chainBroken.reason})` : 'nhật ký thay đổi toàn vẹn'}. Dữ liệu đang dùng không bị thay đổi.
          </Text>
        </Alert>
      )}

      <Card withBorder padding={0}>
        <ScrollArea.Autosize mah={360}>
          <Table striped highlightOnHover stickyHeader>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Thời điểm tạo</Table.Th>
                <Table.Th>Loại</Table.Th>
                <Table.Th ta="right">Số bản ghi</Table.Th>
                <Table.Th ta="right">Dung lượng</Table.Th>
                <Table.Th>Phiên bản</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={6}>
                    <Text c="dimmed" size="sm" ta="center" py="md">
                      Chưa có bản sao lưu nào trong máy.
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {list.map((b) => (
                <Table.Tr key={b.fileName}>
                  <Table.Td>{formatDateTime(b.createdAt)}</Table.Td>
                  <Table.Td>
                    <Badge color={reasonColors[b.reason]} variant="light">
                      {backupReasonLabels[b.reason]}
                    </Badge>
                  </Table.Td>
                  <Table.Td ta="right">{dataRows(b.counts).toLocaleString('vi-VN')}</Table.Td>
                  <Table.Td ta="right">{formatBytes(b.bytes)}</Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {b.appVersion || '—'} (dữ liệu số {b.schemaVersion})
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Button size="xs" variant="subtle" onClick={openForRestore({ source: 'stored', fileName: b.fileName })} aria-label={`Khôi phục bản sao lưu ${formatDateTime(b.createdAt)}`}>
                      Khôi phục…
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
      </Card>

      <UnverifiedWarning pending={unverified?.info ?? null} onCancel={() => setUnverified(null)} onConfirm={openUnverified} />
      <RestorePreview preview={preview?.loaded ?? null} onCancel={() => setPreview(null)} onConfirm={confirmRestore} />
      <BusyModal busy={busy} />
    </Stack>
  );
}

function Row({ label, value }: { label: string; value: string }) {
  return (
    <Group justify="space-between" gap="xs" wrap="nowrap">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={500}>
        {value}
      </Text>
    </Group>
  );
}

const UNVERIFIED_WHY: Record<Exclude<BackupAuthenticity, 'this-site'>, string> = {
  'other-site': 'Tệp này ghi là của một đơn vị khác, nên máy này không thể kiểm chứng ai đã tạo ra nó và nội dung có bị sửa hay không.',
  unverified:
    'Tệp này không mang dấu niêm phong hợp lệ của máy này: có thể được tạo trước khi ứng dụng có dấu niêm phong, hoặc đã bị sửa sau khi ghi (mã kiểm tra SHA-256 ai cũng tính lại được).',
};

function UnverifiedWarning({ pending, onCancel, onConfirm }: { pending: BackupInfo | null; onCancel: () => void; onConfirm: () => void }) {
  const [understood, setUnderstood] = useState(false);
  const close = () => {
    setUnderstood(false);
    onCancel();
  };
  return (
    <Modal opened={!!pending} onClose={close} title="Bản sao lưu chưa được xác thực" size="lg" centered>
      {pending && pending.authenticity !== 'this-site' && (
        <Stack gap="sm">
          <Alert color="red" title="Cảnh báo: không xác thực được nguồn gốc bản sao lưu">
            {UNVERIFIED_WHY[pending.authenticity]} Chỉ tiếp tục khi anh/chị biết rõ tệp này từ đâu đến. Khi khôi phục, danh bạ đơn vị và các khóa tin cậy hiện tại của máy được giữ nguyên, không lấy từ tệp này.
          </Alert>
          <Text size="sm">
            Tệp {pending.fileName}, tạo lúc {formatDateTime(pending.createdAt)}, mã đơn vị {pending.siteId || 'không rõ'}.
          </Text>
          <Checkbox checked={understood} onChange={(e) => setUnderstood(e.currentTarget.checked)} label="Tôi đã đọc cảnh báo và vẫn muốn mở bản sao lưu này" />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Hủy
            </Button>
            <Button
              color="red"
              disabled={!understood}
              onClick={() => {
                setUnderstood(false);
                onConfirm();
              }}
            >
              Mở bản sao lưu
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

function RestorePreview({ preview, onCancel, onConfirm }: { preview: LoadedBackup | null; onCancel: () => void; onConfirm: () => void }) {
  const info = preview?.info;
  return (
    <Modal opened={!!preview} onClose={onCancel} title="Khôi phục từ bản sao lưu" size="lg" centered>
      {preview && info && (
        <Stack gap="sm">
          <Alert color="yellow" title="Toàn bộ dữ liệu hiện tại sẽ được thay thế">
            Dữ liệu đang dùng sẽ được thay bằng nội dung bản sao lưu dưới đây. Trước khi thay, ứng dụng tự sao lưu dữ liệu hiện tại (loại “Trước khi khôi phục”) để có thể quay lại.
          </Alert>
          <SimpleGrid cols={2} spacing={4}>
            <Row label="Thời điểm tạo" value={formatDateTime(info.createdAt)} />
            <Row label="Loại" value={backupReasonLabels[info.reason]} />
            <Row label="Cơ quan" value={preview.officeName ?? 'Không rõ'} />
            <Row label="Phiên bản ứng dụng" value={info.appVersion || 'Không rõ'} />
            <Row label="Cấu trúc dữ liệu" value={`số ${info.schemaVersion}`} />
            <Row label="Dung lượng tệp" value={formatBytes(info.bytes)} />
          </SimpleGrid>
          <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
            Tệp: {info.path}
          </Text>
          {info.authenticity !== 'this-site' && (
            <Alert color="red" title="Bản sao lưu chưa được xác thực">
              Máy này không chứng minh được đã tạo ra tệp này. Danh bạ đơn vị và khóa tin cậy hiện tại sẽ được giữ nguyên.
            </Alert>
          )}
          {preview.chainBroken ? (
            <Alert color="red" title="Nhật ký thay đổi trong bản sao lưu không toàn vẹn">
              {preview.chainBroken.reason} Không thể khôi phục từ bản sao lưu này.
            </Alert>
          ) : (
            <Text size="sm" c="green.8">
              {info.authenticity === 'this-site' ? 'Dấu niêm phong của máy này khớp, ' : ''}mã kiểm tra đúng, số bản ghi khớp và nhật ký thay đổi toàn vẹn.
            </Text>
          )}
          <ScrollArea.Autosize mah={220}>
            <Table withTableBorder striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Loại dữ liệu</Table.Th>
                  <Table.Th ta="right">Số bản ghi</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {sortTables(Object.keys(preview.counts)).map((t) => (
                  <Table.Tr key={t}>
                    <Table.Td>{tableLabel(t)}</Table.Td>
                    <Table.Td ta="right">{(preview.counts[t] ?? 0).toLocaleString('vi-VN')}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel}>
              Hủy
            </Button>
            <Button color="red" onClick={onConfirm} disabled={!!preview.chainBroken}>
              Khôi phục
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

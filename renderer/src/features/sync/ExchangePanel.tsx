/**
 * The carrier beside "last sent / last received": per peer its exchange folders, whether they
 * are reachable, the last scan, files waiting, files refused (with their reason) and, when a
 * local Syncthing API is configured, the folders' completion and last error. An administrator
 * sets the folders and the API here.
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, Badge, Button, Group, Modal, PasswordInput, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import type { ResponseOf } from '@shared/ipc/contract';
import { api } from '../../api';
import { formatDateTime } from '../../ui/format';
import { notifyError } from '../../ui/notify';
import type { PeerRow } from './data/types';
import { exchangeNow } from './useExchange';
import { useIsAdmin } from '../registries/useActor';

type Status = ResponseOf<'exchange:status'>;
type Config = ResponseOf<'exchange:config'>;

const REFRESH_MS = 10_000;

export function ExchangePanel({ peers }: { peers: PeerRow[] }) {
  const isAdmin = useIsAdmin();
  const [status, setStatus] = useState<Status | null>(null);
  const [config, setConfig] = useState<Config | null>(null);
  const [editing, setEditing] = useState<PeerRow | null>(null);
  const [apiOpen, setApiOpen] = useState(false);
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(async () => {
    const [s, c] = await Promise.all([api().call('exchange:status', {}), api().call('exchange:config', {})]);
    setStatus(s);
    setConfig(c);
  }, []);
  useEffect(() => {
    void refresh().catch(notifyError);
    const timer = setInterval(() => void refresh().catch(() => undefined), REFRESH_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  const carrierOf = (siteId: string) => status?.carriers.find((c) => c.siteId === siteId) ?? null;
  const runNow = async () => {
    setBusy(true);
    try {
      await exchangeNow();
      await refresh();
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Title order={4}>Trao đổi tự động qua thư mục</Title>
        <Group gap="xs">
          {isAdmin && (
            <Button variant="default" size="xs" onClick={() => setApiOpen(true)}>
              Syncthing…
            </Button>
          )}
          <Button size="xs" loading={busy} onClick={() => void runNow()} disabled={!config?.peers.length}>
            Trao đổi ngay
          </Button>
        </Group>
      </Group>
      <Text size="sm" c="dimmed">
        Mỗi máy ghép nối có một thư mục gửi (ứng dụng ghi gói vào) và một thư mục nhận (ứng dụng tự nhập gói). Thư mục có thể do Syncthing đồng bộ, là thư mục dùng chung trong mạng
        nội bộ hoặc trên USB.
      </Text>
      {status?.syncthingError && <Alert color="orange">Syncthing: {status.syncthingError}</Alert>}
      <Table withTableBorder striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Máy</Table.Th>
            <Table.Th>Thư mục</Table.Th>
            <Table.Th>Quét lần cuối</Table.Th>
            <Table.Th>Tệp chờ nhập</Table.Th>
            <Table.Th>Gói trong thư mục gửi</Table.Th>
            <Table.Th>Lỗi gần nhất</Table.Th>
            {isAdmin && <Table.Th />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {peers.map((p) => {
            const c = carrierOf(p.siteId);
            return (
              <Table.Tr key={p.siteId}>
                <Table.Td>{p.name}</Table.Td>
                <Table.Td>
                  {c ? (
                    <Stack gap={2}>
                      <Badge tt="none" variant="light" color={c.reachable ? 'green' : 'red'}>
                        {c.reachable ? 'Truy cập được' : 'Không truy cập được'}
                      </Badge>
                      <Text size="xs">Gửi: {c.outbox}</Text>
                      <Text size="xs">Nhận: {c.inbox}</Text>
                      {c.syncthing?.map((f) => (
                        <Text size="xs" key={f.folderId} c={f.lastError ? 'red.8' : undefined}>
                          Syncthing ({f.role === 'inbox' ? 'nhận' : 'gửi'}, {f.folderId}): {f.completion === null ? '—' : `${Math.floor(f.completion)}%`}
                          {f.state ? `, ${f.state}` : ''}
                          {f.lastError ? ` — ${f.lastError}` : ''}
                        </Text>
                      ))}
                    </Stack>
                  ) : (
                    <Text size="sm" c="dimmed">
                      Chưa đặt (trao đổi bằng tay)
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{c?.lastScanAt ? formatDateTime(c.lastScanAt) : '—'}</Table.Td>
                <Table.Td>{c ? c.waiting : '—'}</Table.Td>
                <Table.Td>{c ? `${c.outboxFiles}${c.lastWriteAt ? ` (ghi lần cuối ${formatDateTime(c.lastWriteAt)})` : ''}` : '—'}</Table.Td>
                <Table.Td>
                  {c?.lastError && (
                    <Text size="sm" c="red.8">
                      {c.lastError}
                    </Text>
                  )}
                  {c?.bad.map((b) => (
                    <Text size="xs" key={b.name} c="orange.8">
                      Đã chuyển sang thư mục bad: {b.name} — {b.reason}
                    </Text>
                  ))}
                  {!c?.lastError && !c?.bad.length && '—'}
                </Table.Td>
                {isAdmin && (
                  <Table.Td>
                    <Button size="xs" variant="light" onClick={() => setEditing(p)}>
                      Đặt thư mục…
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {editing && (
        <FoldersModal
          peer={editing}
          current={config?.peers.find((p) => p.siteId === editing.siteId) ?? null}
          onClose={() => setEditing(null)}
          onSaved={(c) => {
            setConfig(c);
            setEditing(null);
            void refresh().catch(notifyError);
          }}
        />
      )}
      {apiOpen && (
        <SyncthingModal
          current={config?.syncthing ?? null}
          onClose={() => setApiOpen(false)}
          onSaved={(c) => {
            setConfig(c);
            setApiOpen(false);
            void refresh().catch(notifyError);
          }}
        />
      )}
    </Stack>
  );
}

function FoldersModal({
  peer,
  current,
  onClose,
  onSaved,
}: {
  peer: PeerRow;
  current: { outbox: string; inbox: string } | null;
  onClose: () => void;
  onSaved: (c: Config) => void;
}) {
  const [outbox, setOutbox] = useState(current?.outbox ?? '');
  const [inbox, setInbox] = useState(current?.inbox ?? '');
  const [error, setError] = useState<string | null>(null);
  const pick = async (title: string, set: (v: string) => void) => {
    const r = await api().call('exchange:pickFolder', { title });
    if (r.path) set(r.path);
  };
  const save = async (folders: { outbox: string; inbox: string } | null) => {
    setError(null);
    try {
      onSaved(
        await api().call('exchange:setPeerFolders', {
          siteId: peer.siteId,
          folders,
        }),
      );
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <Modal opened onClose={onClose} title={`Thư mục trao đổi với ${peer.name}`} size="lg">
      <Stack>
        <Group align="flex-end" wrap="nowrap">
          <TextInput style={{ flex: 1 }} label="Thư mục gửi (máy này ghi gói cho máy kia)" value={outbox} onChange={(e) => setOutbox(e.currentTarget.value)} />
          <Button variant="default" onClick={() => void pick('Chọn thư mục gửi', setOutbox).catch(notifyError)}>
            Chọn…
          </Button>
        </Group>
        <Group align="flex-end" wrap="nowrap">
          <TextInput style={{ flex: 1 }} label="Thư mục nhận (gói của máy kia đến đây)" value={inbox} onChange={(e) => setInbox(e.currentTarget.value)} />
          <Button variant="default" onClick={() => void pick('Chọn thư mục nhận', setInbox).catch(notifyError)}>
            Chọn…
          </Button>
        </Group>
        {error && <Alert color="red">{error}</Alert>}
        <Group justify="space-between">
          {current ? (
            <Button color="red" variant="subtle" onClick={() => void save(null)}>
              Bỏ trao đổi qua thư mục
            </Button>
          ) : (
            <span />
          )}
          <Button onClick={() => void save({ outbox, inbox })}>Lưu</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function SyncthingModal({ current, onClose, onSaved }: { current: { address: string; hasApiKey: boolean } | null; onClose: () => void; onSaved: (c: Config) => void }) {
  const [address, setAddress] = useState(current?.address ?? 'http://127.0.0.1:8384');
  const [apiKey, setApiKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const save = async (remove: boolean) => {
    setError(null);
    try {
      onSaved(await api().call('exchange:setSyncthing', remove ? { address: null } : { address, ...(apiKey ? { apiKey } : {}) }));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <Modal opened onClose={onClose} title="Syncthing trên máy này (không bắt buộc)" size="lg">
      <Stack>
        <Text size="sm">
          Khi có, màn hình này hiện mức độ đồng bộ và lỗi gần nhất của các thư mục trao đổi, đọc từ giao diện lập trình của Syncthing. Khóa API lấy trong Syncthing → Thao tác → Cài
          đặt → Khóa API; khóa được cất ở máy này và không hiển thị lại.
        </Text>
        <TextInput label="Địa chỉ" value={address} onChange={(e) => setAddress(e.currentTarget.value)} />
        <PasswordInput
          label="Khóa API"
          placeholder={current?.hasApiKey ? 'Đã lưu — để trống để giữ khóa cũ' : ''}
          value={apiKey}
          onChange={(e) => setApiKey(e.currentTarget.value)}
        />
        {error && <Alert color="red">{error}</Alert>}
        <Group justify="space-between">
          {current ? (
            <Button color="red" variant="subtle" onClick={() => void save(true)}>
              Bỏ kết nối Syncthing
            </Button>
          ) : (
            <span />
          )}
          <Button onClick={() => void save(false)}>Lưu</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

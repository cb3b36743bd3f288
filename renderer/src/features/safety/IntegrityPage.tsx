import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, Badge, Button, Card, Group, Loader, NumberInput, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { AccountAuditEntry } from '@shared/ipc/channels/backup';
import { api } from '../../api';
import { currentDb } from '../../state/app';
import { verifyAuditChain } from '../../data/repository';
import { checkAuditAnchor } from '../../data/auditAnchor';
import { errorMessage, notifyError, notifySuccess } from '../../ui/notify';
import { formatDateTime } from '../../ui/format';
import { announceInactivityMinutes } from './useInactivityLockMs';

interface ChainResult {
  entries: number;
  broken: { seq: number; reason: string } | null;
  /** Whether the chain still reaches the head main anchored (emptied or truncated otherwise). */
  anchorProblem: string | null;
  checkedAt: string;
}

interface FileResult {
  fileName: string;
  ok: boolean;
  message: string | null;
}

export function IntegrityPage() {
  const [chain, setChain] = useState<ChainResult | null>(null);
  const [files, setFiles] = useState<FileResult[] | null>(null);
  const [checking, setChecking] = useState(false);

  const check = useCallback(async () => {
    setChecking(true);
    try {
      const db = currentDb();
      const [broken, entries, fileResults, anchorProblem] = await Promise.all([
        verifyAuditChain(db),
        db.audit.count(),
        api().call('backup:verify', {}),
        checkAuditAnchor(api(), db),
      ]);
      setChain({ entries, broken, anchorProblem, checkedAt: new Date().toISOString() });
      setFiles(fileResults);
    } catch (e) {
      notifyError(e);
    } finally {
      setChecking(false);
    }
  }, []);

  const badFiles = files?.filter((f) => !f.ok) ?? [];

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>Kiểm tra toàn vẹn</Title>
          <Text c="dimmed" size="sm">
            Mỗi thay đổi được ghi vào nhật ký có chuỗi mã băm nối tiếp; sửa hay xóa trực tiếp một mục trong cơ sở dữ liệu sẽ bị phát hiện.
          </Text>
        </div>
        <Button onClick={check} loading={checking}>
          Kiểm tra ngay
        </Button>
      </Group>

      <SimpleGrid cols={2} spacing="md">
        <Card withBorder padding="md">
          <Stack gap="xs">
            <Text fw={600}>Nhật ký thay đổi</Text>
            {!chain && <Text size="sm" c="dimmed">Bấm “Kiểm tra ngay” để rà soát toàn bộ nhật ký.</Text>}
            {chain?.anchorProblem && (
              <Alert color="red" title="Nhật ký không khớp mốc do ứng dụng giữ">
                {chain.anchorProblem} Hãy báo quản trị viên và cân nhắc khôi phục từ bản sao lưu gần nhất còn toàn vẹn.
              </Alert>
            )}
            {chain && !chain.broken && !chain.anchorProblem && (
              <Alert color="green" title="Nhật ký toàn vẹn">
                Đã kiểm tra {chain.entries.toLocaleString('vi-VN')} mục lúc {formatDateTime(chain.checkedAt)}: không có mục nào bị sửa, xóa hay chèn.
              </Alert>
            )}
            {chain?.broken && (
              <Alert color="red" title={`Phát hiện sai lệch tại mục số ${chain.broken.seq}`}>
                {chain.broken.reason} Các mục từ số {chain.broken.seq} trở đi không còn được bảo đảm. Hãy báo quản trị viên và cân nhắc khôi phục từ bản sao lưu gần nhất còn toàn vẹn.
              </Alert>
            )}
          </Stack>
        </Card>
        <Card withBorder padding="md">
          <Stack gap="xs">
            <Text fw={600}>Tệp sao lưu trong máy</Text>
            {!files && <Text size="sm" c="dimmed">Kiểm tra mã kiểm tra (SHA-256) và dấu niêm phong của máy này trên từng tệp sao lưu.</Text>}
            {files && files.length === 0 && <Text size="sm">Chưa có tệp sao lưu nào.</Text>}
            {files && files.length > 0 && badFiles.length === 0 && (
              <Alert color="green" title="Tất cả tệp sao lưu còn nguyên vẹn">
                {files.length} tệp, mã kiểm tra và dấu niêm phong đều khớp.
              </Alert>
            )}
            {badFiles.length > 0 && (
              <Alert color="red" title={`${badFiles.length} tệp sao lưu bị hỏng hoặc không xác thực được`}>
                <Stack gap={2}>
                  {badFiles.map((f) => (
                    <Text size="sm" key={f.fileName}>
                      {f.fileName}: {f.message}
                    </Text>
                  ))}
                </Stack>
              </Alert>
            )}
          </Stack>
        </Card>
      </SimpleGrid>

      <SimpleGrid cols={2} spacing="md">
        <LockSetting />
        <Card withBorder padding="md">
          <Text fw={600}>Quy tắc đăng nhập</Text>
          <Text size="sm" c="dimmed" mt={4}>
            Sau 5 lần nhập sai mật khẩu liên tiếp, tài khoản phải chờ 5 phút mới được thử lại. Mọi lần đăng nhập, đăng nhập thất bại, đổi và đặt lại mật khẩu đều được ghi vào nhật ký tài khoản bên dưới.
          </Text>
        </Card>
      </SimpleGrid>

      <AccountAudit />
    </Stack>
  );
}

function LockSetting() {
  const [minutes, setMinutes] = useState<number | null>(null);
  const [draft, setDraft] = useState<number | string>('');
  useEffect(() => {
    api()
      .call('safety:getSettings', {})
      .then((s) => {
        setMinutes(s.inactivityLockMinutes);
        setDraft(s.inactivityLockMinutes);
      })
      .catch(notifyError);
  }, []);
  const save = async () => {
    try {
      const s = await api().call('safety:setSettings', { inactivityLockMinutes: Number(draft) });
      setMinutes(s.inactivityLockMinutes);
      announceInactivityMinutes(s.inactivityLockMinutes);
      notifySuccess(`Phiên làm việc sẽ tự khóa sau ${s.inactivityLockMinutes} phút không thao tác.`);
    } catch (e) {
      notifyError(e);
    }
  };
  return (
    <Card withBorder padding="md">
      <Stack gap="xs">
        <Text fw={600}>Tự động khóa phiên làm việc</Text>
        <Group align="flex-end" gap="xs">
          <NumberInput label="Khóa sau bao nhiêu phút không thao tác" min={1} max={240} value={draft} onChange={setDraft} w={320} allowDecimal={false} />
          <Button variant="light" onClick={save} disabled={minutes === null || Number(draft) === minutes || !(Number(draft) >= 1 && Number(draft) <= 240)}>
            Lưu
          </Button>
        </Group>
        <Text size="xs" c="dimmed">
          Từ 1 đến 240 phút. Áp dụng cho mọi tài khoản trên máy này.
        </Text>
      </Stack>
    </Card>
  );
}

const ROW_HEIGHT = 34;

function AccountAudit() {
  const [entries, setEntries] = useState<AccountAuditEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const parentRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    api()
      .call('safety:accountAudit', { limit: 2000 })
      .then(setEntries)
      .catch((e: unknown) => setError(errorMessage(e)));
  }, []);
  const rows = entries ?? [];
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => parentRef.current, estimateSize: () => ROW_HEIGHT, overscan: 10 });
  const failed = rows.filter((e) => e.action === 'Đăng nhập thất bại').length;

  return (
    <Card withBorder padding="md">
      <Group justify="space-between" mb="xs">
        <Text fw={600}>Nhật ký tài khoản</Text>
        {entries && (
          <Text size="sm" c="dimmed">
            {rows.length.toLocaleString('vi-VN')} mục gần nhất, {failed.toLocaleString('vi-VN')} lần đăng nhập thất bại
          </Text>
        )}
      </Group>
      {error && <Alert color="red">{error}</Alert>}
      {!entries && !error && <Loader size="sm" />}
      {entries && (
        <>
          <Table layout="fixed">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={170}>Thời điểm</Table.Th>
                <Table.Th w={280}>Thao tác</Table.Th>
                <Table.Th>Tài khoản</Table.Th>
                <Table.Th>Người thực hiện</Table.Th>
              </Table.Tr>
            </Table.Thead>
          </Table>
          <div ref={parentRef} style={{ height: Math.min(280, Math.max(ROW_HEIGHT, rows.length * ROW_HEIGHT)), overflow: 'auto' }} role="region" aria-label="Nhật ký tài khoản">
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {virtualizer.getVirtualItems().map((v) => {
                const e = rows[v.index];
                return (
                  <Table key={v.key} layout="fixed" style={{ position: 'absolute', top: 0, left: 0, width: '100%', transform: `translateY(${v.start}px)` }}>
                    <Table.Tbody>
                      <Table.Tr h={ROW_HEIGHT}>
                        <Table.Td w={170}>{formatDateTime(e.at)}</Table.Td>
                        <Table.Td w={280} style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
                          {e.action === 'Đăng nhập thất bại' || e.action === 'Đặt lại mật khẩu' ? (
                            <Badge color={e.action === 'Đăng nhập thất bại' ? 'red' : 'orange'} variant="light">
                              {e.action}
                            </Badge>
                          ) : (
                            e.action
                          )}
                        </Table.Td>
                        <Table.Td>{e.target}</Table.Td>
                        <Table.Td>{e.actor}</Table.Td>
                      </Table.Tr>
                    </Table.Tbody>
                  </Table>
                );
              })}
            </div>
          </div>
          {rows.length === 0 && (
            <Text size="sm" c="dimmed">
              Chưa có mục nào.
            </Text>
          )}
        </>
      )}
    </Card>
  );
}

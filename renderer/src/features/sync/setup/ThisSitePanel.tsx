import { useState } from 'react';
import { Alert, Badge, Button, Code, Group, Loader, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { actsForLabel } from '@shared/registries/organisation';
import { api } from '../../../api';
import { FormActions } from '../../../ui/FormActions';
import { notifySuccess } from '../../../ui/notify';
import { useAction } from '../../../ui/useAction';
import { formatDateTime } from '../../../ui/format';
import type { SiteIdentityData } from '@shared/ipc/channels/sync';
import { Fingerprint } from './Fingerprint';

interface Props {
  coordinator: boolean;
  authorityName: string;
  siteId: string;
  actsForUnitIds: string[];
  unitName: (id: string) => string;
  identity: SiteIdentityData | null;
  setIdentity: (next: SiteIdentityData) => void;
}

/** This machine: its role, the units it writes for, its key fingerprint, key card export and rotation. */
export function ThisSitePanel({ coordinator, authorityName, siteId, actsForUnitIds, unitName, identity, setIdentity }: Props) {
  const [rotateOpen, setRotateOpen] = useState(false);
  const [rotated, setRotated] = useState(false);
  const exporting = useAction({ failure: 'Không xuất được tệp khóa' });
  const rotating = useAction({ failure: 'Không đổi được khóa' });

  const exportCard = () =>
    exporting.run(async () => {
      const res = await api().call('sync:exportIdentityCard', { name: authorityName, units: actsForUnitIds });
      if (!res.canceled) notifySuccess(`Đã lưu tệp khóa. Gửi tệp cho Văn phòng điều phối và đọc dấu vân tay ${res.fingerprint} qua điện thoại.`);
    });

  const rotate = () =>
    rotating.run(async () => {
      setIdentity(await api().call('sync:rotateKey', {}));
      setRotateOpen(false);
      setRotated(true);
    });

  return (
    <Paper withBorder p="md">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={5}>Máy này</Title>
          <Badge tt="none" variant="light">{coordinator ? 'Văn phòng điều phối' : 'Văn phòng đơn vị'}</Badge>
        </Group>
        <Text size="sm">
          <b>Cơ quan:</b> {authorityName} — <b>Mã máy:</b> <Code>{siteId}</Code>
        </Text>
        <Text size="sm">
          <b>Làm việc cho:</b> {actsForLabel(actsForUnitIds, unitName)}
        </Text>
        {identity ? (
          <>
            <Text size="sm">Dấu vân tay khóa của máy này:</Text>
            <Fingerprint value={identity.fingerprint} />
            <Text size="xs" c="dimmed">
              Khóa tạo lúc {formatDateTime(identity.createdAt)}
              {identity.rotations.length ? `; đã đổi khóa ${identity.rotations.length} lần` : ''}.
            </Text>
            {!identity.osEncrypted && (
              <Alert color="yellow" p="xs">
                Khóa bí mật chỉ được bảo vệ bằng quyền truy cập tệp (máy không có kho khóa của hệ điều hành). Không chia sẻ tài khoản Windows của máy này.
              </Alert>
            )}
          </>
        ) : (
          <Loader size="sm" />
        )}
        {rotated && (
          <Alert color="blue" p="xs">
            Đã đổi khóa. Thông báo đổi khóa được ký bằng khóa cũ và đi kèm mọi gói dữ liệu từ nay, nên các máy nhận gói tự cập nhật khóa mới.
            {coordinator ? ' Hãy xuất lại danh bạ đơn vị và gửi cho các đơn vị.' : ' Hãy báo dấu vân tay mới cho Văn phòng điều phối.'}
          </Alert>
        )}
        <Group>
          {!coordinator && (
            <Button onClick={() => void exportCard()} loading={exporting.busy}>
              Xuất tệp khóa của máy này
            </Button>
          )}
          <Button variant="default" onClick={() => setRotateOpen(true)}>
            Đổi khóa
          </Button>
        </Group>
      </Stack>

      <Modal opened={rotateOpen} onClose={() => setRotateOpen(false)} title="Đổi khóa của máy này">
        <Stack>
          <Text size="sm">
            Chỉ đổi khóa khi nghi ngờ khóa bị lộ hoặc khi chuyển sang máy mới. Khóa cũ ký một thông báo chuyển sang khóa mới; thông báo đi kèm mọi gói gửi đi sau đó.
          </Text>
          <FormActions onCancel={() => setRotateOpen(false)} onSubmit={rotate} busy={rotating.busy} color="orange" submitLabel="Đổi khóa" />
        </Stack>
      </Modal>
    </Paper>
  );
}

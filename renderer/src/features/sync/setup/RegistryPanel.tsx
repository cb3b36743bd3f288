import { useState } from 'react';
import { Alert, Button, Checkbox, Group, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import type { SiteIdentityData } from '@shared/ipc/channels/sync';
import type { Registry } from '@shared/sync/registry';
import { api } from '../../../api';
import { currentDb, writeContext } from '../../../state/app';
import { FormActions } from '../../../ui/FormActions';
import { notifySuccess } from '../../../ui/notify';
import { useAction } from '../../../ui/useAction';
import { formatDateTime } from '../../../ui/format';
import { trustRegistry, type RegistryMeta } from '../data/peers';
import type { PeerRow } from '../data/types';
import { useReadOpenedFile } from '../openedFile';
import { Fingerprint, SiteFingerprintTable } from './Fingerprint';

interface RegistryRead {
  registry: Registry;
  coordinatorFingerprint: string;
  fingerprints: { siteId: string; name: string; role: 'coordinator' | 'unit'; fingerprint: string }[];
  signedByTrustedKey: boolean;
}

interface Props {
  siteId: string;
  identity: SiteIdentityData | null;
  peers: PeerRow[];
  registryMeta: RegistryMeta | null;
}

/**
 * A unit office's side of pairing: read the registry the coordinating office signed, confirm the
 * coordinator's fingerprint by phone, and trust the sites it lists.
 */
export function RegistryPanel({ siteId, identity, peers, registryMeta }: Props) {
  const [registry, setRegistry] = useState<RegistryRead | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const accepting = useAction();
  const reading = useAction({ failure: 'Không đọc được danh bạ' });

  const readRegistry = () =>
    reading.run(async () => {
      const coordinatorPeer = peers.find((p) => p.role === 'coordinator');
      const res = await api().call('sync:readRegistry', { trustedCoordinatorKey: coordinatorPeer?.publicKey ?? null });
      if (res.canceled || !res.result) return;
      setRegistry(res.result);
      setConfirmed(res.result.signedByTrustedKey);
      accepting.setError(null);
    });

  // A registry opened by double-click goes straight to its pairing step.
  useReadOpenedFile('registry', readRegistry);

  const acceptRegistry = () =>
    registry &&
    accepting.run(async () => {
      const r = await trustRegistry(currentDb(), writeContext(), registry.registry);
      notifySuccess(`Đã nhận danh bạ: ${r.peers} máy được tin cậy.${r.unitsChanged ? ' Các đơn vị máy này làm việc cho đã được cập nhật theo danh bạ.' : ''}`);
      setRegistry(null);
    });

  const mine = registry?.registry.sites.find((s) => s.siteId === siteId);

  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={5}>Danh bạ đơn vị</Title>
          <Button onClick={() => void readRegistry()} loading={reading.busy}>
            Đọc danh bạ đơn vị
          </Button>
        </Group>
        {registryMeta ? (
          <>
            <Text size="sm">
              Danh bạ lập lúc {formatDateTime(registryMeta.createdAt)}, nhận lúc {formatDateTime(registryMeta.importedAt)}.
            </Text>
            <SiteFingerprintTable sites={peers} />
          </>
        ) : (
          <Text c="dimmed" size="sm">
            Chưa nhận danh bạ. Gửi tệp khóa của máy này cho Văn phòng điều phối, sau đó đọc tệp danh bạ họ gửi lại.
          </Text>
        )}
      </Stack>

      <Modal opened={registry !== null} onClose={() => setRegistry(null)} title="Danh bạ đơn vị" size="xl">
        {registry && (
          <Stack>
            <Text size="sm">Dấu vân tay của Văn phòng điều phối (đã ký danh bạ này). Gọi điện cho Văn phòng điều phối để đối chiếu:</Text>
            <Fingerprint value={registry.coordinatorFingerprint} />
            {registry.signedByTrustedKey && (
              <Alert color="green" p="xs">
                Danh bạ được ký bằng khóa của Văn phòng điều phối mà máy này đã tin cậy.
              </Alert>
            )}
            <SiteFingerprintTable sites={registry.fingerprints} thisSiteId={siteId} />
            {!mine && (
              <Alert color="yellow" p="xs">
                Máy này chưa có trong danh bạ. Vẫn có thể tin cậy danh bạ, nhưng các máy khác sẽ từ chối dữ liệu của máy này cho đến khi Văn phòng điều phối bổ sung.
              </Alert>
            )}
            {mine && identity && mine.publicKey !== identity.publicKey && (
              <Alert color="red" p="xs">
                Khóa của máy này trong danh bạ không khớp với khóa hiện tại. Hãy gửi lại tệp khóa cho Văn phòng điều phối.
              </Alert>
            )}
            <Checkbox checked={confirmed} onChange={(e) => setConfirmed(e.currentTarget.checked)} label="Tôi đã đối chiếu dấu vân tay của Văn phòng điều phối qua điện thoại và trùng khớp" />
            <FormActions error={accepting.error} onCancel={() => setRegistry(null)} onSubmit={acceptRegistry} busy={accepting.busy} disabled={!confirmed} submitLabel="Tin cậy danh bạ" />
          </Stack>
        )}
      </Modal>
    </Paper>
  );
}

import { Loader, Stack, Text, Title } from '@mantine/core';
import { useAppState } from '../../state/app';
import { useOrganisation, useUnits } from '../registries/queries';
import { useIdentity, usePeers, useRegistryMeta } from './queries';
import { RegistryPanel } from './setup/RegistryPanel';
import { ThisSitePanel } from './setup/ThisSitePanel';
import { TrustedPeersPanel } from './setup/TrustedPeersPanel';

/**
 * Pairing screen. The coordinating office trusts unit key cards and exports the signed registry
 * (TrustedPeersPanel); a unit office sends its key card and trusts that registry (RegistryPanel).
 */
export function SyncSetupPage() {
  const org = useOrganisation();
  const units = useUnits();
  const peers = usePeers();
  const registryMeta = useRegistryMeta();
  const siteId = useAppState((s) => s.siteId);
  const [identity, setIdentity] = useIdentity();

  if (!org || !units || !peers || registryMeta === undefined) return <Loader />;
  const coordinator = org.siteRole === 'coordinator';
  const unitName = (id: string) => units.find((u) => u.id === id)?.name ?? 'đơn vị chưa có trên máy này (sẽ có sau khi nhập gói đầu tiên)';

  return (
    <Stack maw={1100}>
      <Title order={3}>Thiết lập đồng bộ</Title>
      <Text c="dimmed" size="sm">
        Các máy trao đổi dữ liệu bằng tệp gói (.dondoc) chép qua USB hoặc thư điện tử. Mỗi máy có một khóa riêng; trước khi tin cậy một máy khác, hai bên đọc cho nhau
        dấu vân tay khóa qua điện thoại và chỉ xác nhận khi trùng khớp.
      </Text>
      <ThisSitePanel
        coordinator={coordinator}
        authorityName={org.authorityName}
        siteId={siteId}
        actsForUnitIds={org.actsForUnitIds}
        unitName={unitName}
        identity={identity}
        setIdentity={setIdentity}
      />
      {coordinator ? (
        <TrustedPeersPanel siteId={siteId} authorityName={org.authorityName} actsForUnitIds={org.actsForUnitIds} peers={peers} units={units} unitName={unitName} />
      ) : (
        <RegistryPanel siteId={siteId} identity={identity} peers={peers} registryMeta={registryMeta} />
      )}
    </Stack>
  );
}

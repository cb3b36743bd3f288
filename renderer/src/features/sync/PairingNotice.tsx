import { Alert, Button, Group, Text } from '@mantine/core';
import { awaitsRegistry } from '@shared/registries/organisation';
import { navigate } from '../../shell/router';
import { useOrganisation } from '../registries/queries';
import { useIsAdmin } from '../registries/useActor';

/** True on a unit office that has not yet received the coordinator's site registry. */
export function useAwaitsRegistry(): boolean {
  const org = useOrganisation();
  return !!org && awaitsRegistry(org);
}

/**
 * What a unit office shows where it needs its units: they come from the coordinator, so the
 * next step is pairing (Đồng bộ → Thiết lập), not a form here.
 */
export function PairingNotice({ what }: { what?: string }) {
  const isAdmin = useIsAdmin();
  return (
    <Alert color="blue" variant="light" title="Máy này chưa nhận danh bạ đơn vị từ Văn phòng điều phối">
      <Text size="sm">
        {what ? `${what} cần biết máy này làm việc cho đơn vị nào. ` : ''}Danh mục đơn vị, cán bộ và nhiệm vụ được giao do Văn phòng điều phối gửi đến: gửi tệp khóa của máy này cho Văn phòng, nhận lại danh bạ đơn vị và gói đồng bộ đầu tiên.
      </Text>
      {isAdmin ? (
        <Group mt="sm">
          <Button size="xs" onClick={() => navigate('sync-setup')}>
            Thiết lập đồng bộ
          </Button>
        </Group>
      ) : (
        <Text size="sm" mt="xs">
          Đề nghị quản trị viên của máy thực hiện ghép nối (Đồng bộ → Thiết lập).
        </Text>
      )}
    </Alert>
  );
}

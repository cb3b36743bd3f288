import { useEffect, useState } from 'react';
import { Alert, Badge, Button, Checkbox, Code, Group, Loader, Modal, MultiSelect, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { Registry } from '@shared/sync/registry';
import { actsForLabel } from '@shared/registries/organisation';
import { api } from '../../api';
import { currentDb, useAppState, writeContext } from '../../state/app';
import { errorMessage, notifyError, notifySuccess } from '../../ui/notify';
import { formatDateTime } from '../../ui/format';
import { useOrganisation, useUnits } from '../registries/queries';
import { removePeer, setPeerUnits, trustIdentityCard, trustRegistry } from './data/peers';
import type { PeerRow } from './data/types';
import { useIdentity, usePeers, useRegistryMeta } from './queries';
import { takeOpenedFile, useOpenedFile } from './openedFile';

interface Card {
  siteId: string;
  name: string;
  units: string[];
  publicKey: string;
  createdAt: string;
  fingerprint: string;
}

interface RegistryRead {
  registry: Registry;
  coordinatorFingerprint: string;
  fingerprints: { siteId: string; name: string; role: 'coordinator' | 'unit'; fingerprint: string }[];
  signedByTrustedKey: boolean;
}

function Fingerprint({ value, size = 'xl' }: { value: string; size?: 'md' | 'xl' }) {
  return (
    <Text ff="monospace" fw={700} size={size} style={{ letterSpacing: 2 }} aria-label="Dấu vân tay">
      {value}
    </Text>
  );
}

export function SyncSetupPage() {
  const org = useOrganisation();
  const units = useUnits();
  const peers = usePeers();
  const registryMeta = useRegistryMeta();
  const siteId = useAppState((s) => s.siteId);
  const [identity, setIdentity] = useIdentity();
  const [card, setCard] = useState<Card | null>(null);
  const [cardUnits, setCardUnits] = useState<string[]>([]);
  const [registry, setRegistry] = useState<RegistryRead | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const [editing, setEditing] = useState<PeerRow | null>(null);
  const [editUnits, setEditUnits] = useState<string[]>([]);
  const [rotateOpen, setRotateOpen] = useState(false);
  const [rotated, setRotated] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // A key card or registry opened by double-click goes straight to its pairing step.
  const opened = useOpenedFile((s) => s.request);
  const loaded = Boolean(org && units && peers && registryMeta !== undefined);
  useEffect(() => {
    if (!loaded || !opened) return;
    if (opened.kind === 'identityCard' && takeOpenedFile('identityCard')) void readCard();
    if (opened.kind === 'registry' && takeOpenedFile('registry')) void readRegistry();
    // The readers are recreated each render; the request is what triggers a read.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opened, loaded]);

  if (!org || !units || !peers || registryMeta === undefined) return <Loader />;
  const coordinator = org.siteRole === 'coordinator';
  const unitName = (id: string) => units.find((u) => u.id === id)?.name ?? 'đơn vị chưa có trên máy này (sẽ có sau khi nhập gói đầu tiên)';
  const unitOptions = units.filter((u) => !org.actsForUnitIds.includes(u.id)).map((u) => ({ value: u.id, label: u.name }));

  const readCard = async () => {
    try {
      const res = await api().call('sync:readIdentityCard', {});
      if (res.canceled || !res.card) return;
      setCard(res.card);
      setCardUnits(res.card.units.filter((u) => units.some((x) => x.id === u)));
      setConfirmed(false);
      setError(null);
    } catch (e) {
      notifyError(e, 'Không đọc được tệp khóa');
    }
  };

  const trustCard = async () => {
    if (!card) return;
    try {
      await trustIdentityCard(currentDb(), writeContext(), card, cardUnits);
      notifySuccess(`Đã tin cậy khóa của ${card.name}. Hãy xuất lại danh bạ đơn vị và gửi cho các đơn vị.`);
      setCard(null);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const exportRegistry = async () => {
    try {
      const sites = [
        { siteId, name: org.authorityName, units: org.actsForUnitIds, publicKey: null, role: 'coordinator' as const },
        ...peers.map((p) => ({
          siteId: p.siteId,
          name: p.name,
          units: p.units,
          publicKey: p.publicKey,
          role: p.role,
          // Earlier keys stay in the registry so ops they proved stay provable everywhere.
          ...(p.previousKeys.length ? { previousKeys: p.previousKeys.map((k) => ({ publicKey: k.publicKey, replacedAt: k.replacedAt })) } : {}),
        })),
      ];
      const res = await api().call('sync:exportRegistry', { sites });
      if (!res.canceled) notifySuccess(`Đã lưu danh bạ đơn vị (${sites.length} máy). Dấu vân tay của Văn phòng điều phối: ${res.coordinatorFingerprint}`);
    } catch (e) {
      notifyError(e, 'Không xuất được danh bạ');
    }
  };

  const exportCard = async () => {
    try {
      const res = await api().call('sync:exportIdentityCard', { name: org.authorityName, units: org.actsForUnitIds });
      if (!res.canceled) notifySuccess(`Đã lưu tệp khóa. Gửi tệp cho Văn phòng điều phối và đọc dấu vân tay ${res.fingerprint} qua điện thoại.`);
    } catch (e) {
      notifyError(e, 'Không xuất được tệp khóa');
    }
  };

  const readRegistry = async () => {
    try {
      const coordinatorPeer = peers.find((p) => p.role === 'coordinator');
      const res = await api().call('sync:readRegistry', { trustedCoordinatorKey: coordinatorPeer?.publicKey ?? null });
      if (res.canceled || !res.result) return;
      setRegistry(res.result);
      setConfirmed(res.result.signedByTrustedKey);
      setError(null);
    } catch (e) {
      notifyError(e, 'Không đọc được danh bạ');
    }
  };

  const acceptRegistry = async () => {
    if (!registry) return;
    try {
      const r = await trustRegistry(currentDb(), writeContext(), registry.registry);
      notifySuccess(
        `Đã nhận danh bạ: ${r.peers} máy được tin cậy.${r.unitsChanged ? ' Các đơn vị máy này làm việc cho đã được cập nhật theo danh bạ.' : ''}`,
      );
      setRegistry(null);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const rotate = async () => {
    try {
      setIdentity(await api().call('sync:rotateKey', {}));
      setRotateOpen(false);
      setRotated(true);
    } catch (e) {
      notifyError(e, 'Không đổi được khóa');
    }
  };

  const mine = registry?.registry.sites.find((s) => s.siteId === siteId);

  return (
    <Stack maw={1100}>
      <Title order={3}>Thiết lập đồng bộ</Title>
      <Text c="dimmed" size="sm">
        Các máy trao đổi dữ liệu bằng tệp gói (.dondoc) chép qua USB hoặc thư điện tử. Mỗi máy có một khóa riêng; trước khi tin cậy một máy khác, hai bên đọc cho nhau
        dấu vân tay khóa qua điện thoại và chỉ xác nhận khi trùng khớp.
      </Text>

      <Paper withBorder p="md">
        <Stack gap="xs">
          <Group justify="space-between">
            <Title order={5}>Máy này</Title>
            <Badge tt="none" variant="light">{coordinator ? 'Văn phòng điều phối' : 'Văn phòng đơn vị'}</Badge>
          </Group>
          <Text size="sm">
            <b>Cơ quan:</b> {org.authorityName} — <b>Mã máy:</b> <Code>{siteId}</Code>
          </Text>
          <Text size="sm">
            <b>Làm việc cho:</b> {actsForLabel(org.actsForUnitIds, unitName)}
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
            {!coordinator && <Button onClick={exportCard}>Xuất tệp khóa của máy này</Button>}
            <Button variant="default" onClick={() => setRotateOpen(true)}>
              Đổi khóa
            </Button>
          </Group>
        </Stack>
      </Paper>

      {coordinator ? (
        <Paper withBorder p="md">
          <Stack gap="sm">
            <Group justify="space-between">
              <Title order={5}>Các máy đơn vị đã tin cậy</Title>
              <Group>
                <Button onClick={readCard}>Đọc tệp khóa của đơn vị</Button>
                <Button variant="light" onClick={exportRegistry} disabled={peers.length === 0}>
                  Xuất danh bạ đơn vị
                </Button>
              </Group>
            </Group>
            {peers.length === 0 ? (
              <Text c="dimmed" size="sm">
                Chưa có máy nào. Mỗi đơn vị xuất tệp khóa (Đồng bộ → Thiết lập → Xuất tệp khóa của máy này) và gửi cho Văn phòng điều phối.
              </Text>
            ) : (
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Máy</Table.Th>
                    <Table.Th>Làm việc cho</Table.Th>
                    <Table.Th>Dấu vân tay</Table.Th>
                    <Table.Th>Tin cậy từ</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {peers.map((p) => (
                    <Table.Tr key={p.siteId}>
                      <Table.Td>
                        {p.name}
                        <Text size="xs" c="dimmed">
                          {p.siteId}
                        </Text>
                      </Table.Td>
                      <Table.Td>{p.units.map(unitName).join('; ')}</Table.Td>
                      <Table.Td>
                        <Fingerprint value={p.fingerprint} size="md" />
                      </Table.Td>
                      <Table.Td>{formatDateTime(p.trustedAt)}</Table.Td>
                      <Table.Td>
                        <Group gap="xs" wrap="nowrap">
                          <Button size="xs" variant="default" onClick={() => (setEditing(p), setEditUnits(p.units))}>
                            Sửa đơn vị
                          </Button>
                          <Button size="xs" variant="subtle" color="red" onClick={() => removePeer(currentDb(), p.siteId).catch(notifyError)}>
                            Bỏ tin cậy
                          </Button>
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Stack>
        </Paper>
      ) : (
        <Paper withBorder p="md">
          <Stack gap="sm">
            <Group justify="space-between">
              <Title order={5}>Danh bạ đơn vị</Title>
              <Button onClick={readRegistry}>Đọc danh bạ đơn vị</Button>
            </Group>
            {registryMeta ? (
              <>
                <Text size="sm">
                  Danh bạ lập lúc {formatDateTime(registryMeta.createdAt)}, nhận lúc {formatDateTime(registryMeta.importedAt)}.
                </Text>
                <Table striped>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Máy</Table.Th>
                      <Table.Th>Vai trò</Table.Th>
                      <Table.Th>Dấu vân tay</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {peers.map((p) => (
                      <Table.Tr key={p.siteId}>
                        <Table.Td>{p.name}</Table.Td>
                        <Table.Td>{p.role === 'coordinator' ? 'Văn phòng điều phối' : 'Đơn vị'}</Table.Td>
                        <Table.Td>
                          <Fingerprint value={p.fingerprint} size="md" />
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </>
            ) : (
              <Text c="dimmed" size="sm">
                Chưa nhận danh bạ. Gửi tệp khóa của máy này cho Văn phòng điều phối, sau đó đọc tệp danh bạ họ gửi lại.
              </Text>
            )}
          </Stack>
        </Paper>
      )}

      <Modal opened={card !== null} onClose={() => setCard(null)} title="Tệp khóa của đơn vị" size="lg">
        {card && (
          <Stack>
            <Text>
              <b>{card.name}</b> — mã máy <Code>{card.siteId}</Code>
            </Text>
            <Text size="sm">Gọi điện cho cán bộ của đơn vị và đề nghị họ đọc dấu vân tay hiện trên máy của họ (Đồng bộ → Thiết lập). Dấu vân tay trong tệp:</Text>
            <Fingerprint value={card.fingerprint} />
            <MultiSelect
              label="Máy này làm việc cho các đơn vị"
              description="Chọn đơn vị trong danh mục của Văn phòng điều phối mà máy này ghi dữ liệu thay"
              data={unitOptions}
              value={cardUnits}
              onChange={setCardUnits}
              searchable
            />
            <Checkbox checked={confirmed} onChange={(e) => setConfirmed(e.currentTarget.checked)} label="Tôi đã đối chiếu dấu vân tay qua điện thoại và hai bên trùng khớp" />
            {error && <Alert color="red">{error}</Alert>}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setCard(null)}>
                Hủy
              </Button>
              <Button onClick={trustCard} disabled={!confirmed || cardUnits.length === 0}>
                Tin cậy máy này
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>

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
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Máy</Table.Th>
                  <Table.Th>Vai trò</Table.Th>
                  <Table.Th>Dấu vân tay</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {registry.fingerprints.map((f) => (
                  <Table.Tr key={f.siteId}>
                    <Table.Td>
                      {f.name}
                      {f.siteId === siteId ? ' (máy này)' : ''}
                    </Table.Td>
                    <Table.Td>{f.role === 'coordinator' ? 'Văn phòng điều phối' : 'Đơn vị'}</Table.Td>
                    <Table.Td>
                      <Fingerprint value={f.fingerprint} size="md" />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
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
            {error && <Alert color="red">{error}</Alert>}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setRegistry(null)}>
                Hủy
              </Button>
              <Button onClick={acceptRegistry} disabled={!confirmed}>
                Tin cậy danh bạ
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>

      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={editing ? `Đơn vị của ${editing.name}` : ''}>
        <Stack>
          <MultiSelect label="Máy này làm việc cho các đơn vị" data={unitOptions} value={editUnits} onChange={setEditUnits} searchable />
          <Group justify="flex-end">
            <Button
              onClick={() =>
                editing &&
                setPeerUnits(currentDb(), editing.siteId, editUnits)
                  .then(() => setEditing(null))
                  .catch(notifyError)
              }
            >
              Lưu
            </Button>
          </Group>
        </Stack>
      </Modal>

      <Modal opened={rotateOpen} onClose={() => setRotateOpen(false)} title="Đổi khóa của máy này">
        <Stack>
          <Text size="sm">
            Chỉ đổi khóa khi nghi ngờ khóa bị lộ hoặc khi chuyển sang máy mới. Khóa cũ ký một thông báo chuyển sang khóa mới; thông báo đi kèm mọi gói gửi đi sau đó.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRotateOpen(false)}>
              Hủy
            </Button>
            <Button color="orange" onClick={rotate}>
              Đổi khóa
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

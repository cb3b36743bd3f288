import { useEffect, useState } from 'react';
import { Alert, Button, Checkbox, Code, Group, Modal, MultiSelect, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { api } from '../../../api';
import { currentDb, writeContext } from '../../../state/app';
import { errorMessage, notifyError, notifySuccess } from '../../../ui/notify';
import { formatDateTime } from '../../../ui/format';
import { removePeer, setPeerUnits, trustIdentityCard } from '../data/peers';
import type { PeerRow } from '../data/types';
import { takeOpenedFile, useOpenedFile } from '../openedFile';
import { Fingerprint } from './Fingerprint';

interface Card {
  siteId: string;
  name: string;
  units: string[];
  publicKey: string;
  createdAt: string;
  fingerprint: string;
}

interface Props {
  siteId: string;
  authorityName: string;
  actsForUnitIds: string[];
  peers: PeerRow[];
  units: { id: string; name: string }[];
  unitName: (id: string) => string;
}

/**
 * The coordinating office's side of pairing: read a unit's key card, confirm its fingerprint by
 * phone, choose the units it writes for, and export the signed registry of all trusted sites.
 */
export function TrustedPeersPanel({ siteId, authorityName, actsForUnitIds, peers, units, unitName }: Props) {
  const [card, setCard] = useState<Card | null>(null);
  const [cardUnits, setCardUnits] = useState<string[]>([]);
  const [confirmed, setConfirmed] = useState(false);
  const [editing, setEditing] = useState<PeerRow | null>(null);
  const [editUnits, setEditUnits] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const unitOptions = units.filter((u) => !actsForUnitIds.includes(u.id)).map((u) => ({ value: u.id, label: u.name }));

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

  // A key card opened by double-click goes straight to its pairing step.
  const opened = useOpenedFile((s) => s.request);
  useEffect(() => {
    if (opened?.kind === 'identityCard' && takeOpenedFile('identityCard')) void readCard();
    // readCard is recreated each render; the request is what triggers a read.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opened]);

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
        { siteId, name: authorityName, units: actsForUnitIds, publicKey: null, role: 'coordinator' as const },
        ...peers.map((p) => ({
          siteId: p.siteId,
          name: p.name,
          units: p.units,
          publicKey: p.publicKey,
          role: p.role,
          // Earlier keys stay in the registry so ops they proved stay provable everywhere.
          ...(p.previousKeys.length ? { previousKeys: p.previousKeys.map((k) => ({ publicKey: k.publicKey, replacedAt: k.replacedAt, ...(k.lastSeq === undefined ? {} : { lastSeq: k.lastSeq }) })) } : {}),
        })),
      ];
      const res = await api().call('sync:exportRegistry', { sites });
      if (!res.canceled) notifySuccess(`Đã lưu danh bạ đơn vị (${sites.length} máy). Dấu vân tay của Văn phòng điều phối: ${res.coordinatorFingerprint}`);
    } catch (e) {
      notifyError(e, 'Không xuất được danh bạ');
    }
  };

  return (
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
    </Paper>
  );
}

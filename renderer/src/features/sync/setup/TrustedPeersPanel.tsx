import { useState } from 'react';
import { Button, Checkbox, Code, Group, Modal, MultiSelect, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { api } from '../../../api';
import { currentDb, writeContext } from '../../../state/app';
import { FormActions } from '../../../ui/FormActions';
import { notifyError, notifySuccess } from '../../../ui/notify';
import { useAction } from '../../../ui/useAction';
import { formatDateTime } from '../../../ui/format';
import { removePeer, setPeerUnits, trustIdentityCard } from '../data/peers';
import type { PeerRow } from '../data/types';
import { useReadOpenedFile } from '../openedFile';
import { Fingerprint } from './Fingerprint';
import { NameCell, TableHead } from '../../../ui/TableParts';

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
  const trusting = useAction();
  const reading = useAction({ failure: 'Không đọc được tệp khóa' });
  const exporting = useAction({ failure: 'Không xuất được danh bạ' });
  const unitOptions = units.filter((u) => !actsForUnitIds.includes(u.id)).map((u) => ({ value: u.id, label: u.name }));

  const readCard = () =>
    reading.run(async () => {
      const res = await api().call('sync:readIdentityCard', {});
      if (res.canceled || !res.card) return;
      setCard(res.card);
      setCardUnits(res.card.units.filter((u) => units.some((x) => x.id === u)));
      setConfirmed(false);
      trusting.setError(null);
    });

  // A key card opened by double-click goes straight to its pairing step.
  useReadOpenedFile('identityCard', readCard);

  const trustCard = () =>
    card &&
    trusting.run(() => trustIdentityCard(currentDb(), writeContext(), card, cardUnits), {
      success: `Đã tin cậy khóa của ${card.name}. Hãy xuất lại danh bạ đơn vị và gửi cho các đơn vị.`,
      then: () => setCard(null),
    });

  const exportRegistry = () =>
    exporting.run(async () => {
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
    });

  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={5}>Các máy đơn vị đã tin cậy</Title>
          <Group>
            <Button onClick={() => void readCard()} loading={reading.busy}>
              Đọc tệp khóa của đơn vị
            </Button>
            <Button variant="light" onClick={() => void exportRegistry()} loading={exporting.busy} disabled={peers.length === 0}>
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
            <TableHead columns={['Máy', 'Làm việc cho', 'Dấu vân tay', 'Tin cậy từ', '']} />
            <Table.Tbody>
              {peers.map((p) => (
                <Table.Tr key={p.siteId}>
                  <NameCell name={p.name} detail={p.siteId} />
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
            <FormActions error={trusting.error} onCancel={() => setCard(null)} onSubmit={trustCard} busy={trusting.busy} disabled={!confirmed || cardUnits.length === 0} submitLabel="Tin cậy máy này" />
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

import { useMemo, useState } from 'react';
import { Alert, Anchor, Badge, Button, Group, Loader, Modal, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { letterKinds } from '@shared/letters/model';
import { formatRegisterNumber, registerGaps, signatureLabel } from '@shared/letters/register';
import { makeSearchIndex } from '@shared/text/search';
import { api } from '../../api';
import { currentDb, writeContext } from '../../state/app';
import { formatDate, todayVn } from '../../ui/format';
import { errorMessage, notifyError, notifySuccess } from '../../ui/notify';
import { useUnits } from '../registries/queries';
import { currentActor, useIsAdmin } from '../registries/useActor';
import { cancelLetterNumber } from './commands';
import { letterEditorPath } from './open';
import { useRegisterEntries, type RegisterRow } from './queries';
import { registerFileName, registerSheet } from './registerExport';
import { useLetterhead } from './settings';
import { VirtualTable, type Column } from '../../ui/VirtualTable';
import { VerifyPdfButton } from './Signing';

export function RegisterPage() {
  const entries = useRegisterEntries();
  const head = useLetterhead();
  const units = useUnits();
  const isAdmin = useIsAdmin();
  const thisYear = Number(todayVn().slice(0, 4));
  const [officeKey, setOfficeKey] = useState<string | null>(null);
  const [year, setYear] = useState<number>(thisYear);
  const [query, setQuery] = useState('');
  const [cancelling, setCancelling] = useState<RegisterRow | null>(null);
  const [reason, setReason] = useState('');
  const [cancelError, setCancelError] = useState<string | null>(null);

  const ownKey = head?.settings.issuerUnitId ?? null;
  const office = officeKey ?? ownKey;
  const officeOptions = useMemo(() => {
    const keys = new Set<string>((entries ?? []).map((e) => e.officeKey));
    if (ownKey) keys.add(ownKey);
    return [...keys].map((k) => {
      const unit = units?.find((u) => u.id === k);
      const sample = entries?.find((e) => e.officeKey === k);
      return { value: k, label: unit?.name ?? (sample ? `Cơ quan ký hiệu ${sample.symbol}` : k) };
    });
  }, [entries, ownKey, units]);
  const inOffice = useMemo(() => (entries ?? []).filter((e) => e.officeKey === office), [entries, office]);
  const yearOptions = useMemo(() => {
    const ys = new Set<number>(inOffice.map((e) => e.year));
    ys.add(thisYear);
    return [...ys].sort((a, b) => b - a).map((y) => ({ value: String(y), label: String(y) }));
  }, [inOffice, thisYear]);
  const yearRows = useMemo(() => inOffice.filter((e) => e.year === year).sort((a, b) => a.number - b.number), [inOffice, year]);
  const search = useMemo(
    () => makeSearchIndex(yearRows, (e) => `${formatRegisterNumber(e.number, e.symbol)} ${e.subject} ${e.recipients} ${e.signer} ${letterKinds[e.kind].label} ${e.cancelledReason} ${formatDate(e.issuedOn)}`),
    [yearRows],
  );
  const shown = search(query);
  const gaps = registerGaps(yearRows.map((e) => e.number));
  const cancelled = yearRows.filter((e) => e.status === 'cancelled').length;
  const officeLabel = officeOptions.find((o) => o.value === office)?.label ?? '';

  if (!entries || head === undefined) return <Loader />;

  const exportXlsx = async () => {
    try {
      const r = await api().call('xlsx:save', { title: 'Xuất sổ văn bản đi', defaultName: registerFileName(officeLabel, year), sheets: [registerSheet(yearRows, year)] });
      if (!r.canceled && r.path) notifySuccess(`Đã xuất sổ văn bản đi ra ${r.path}`);
    } catch (e) {
      notifyError(e, 'Không xuất được sổ');
    }
  };

  const confirmCancel = async () => {
    if (!cancelling) return;
    try {
      await cancelLetterNumber(currentDb(), writeContext(), currentActor(), cancelling.letterId, reason);
      notifySuccess(`Đã hủy số ${formatRegisterNumber(cancelling.number, cancelling.symbol)}.`);
      setCancelling(null);
    } catch (e) {
      setCancelError(errorMessage(e));
    }
  };

  const struck = (e: RegisterRow, text: string) => (
    <Text size="sm" lineClamp={2} title={text} td={e.status === 'cancelled' ? 'line-through' : undefined} c={e.status === 'cancelled' ? 'dimmed' : undefined}>
      {text}
    </Text>
  );

  const columns: Column<RegisterRow>[] = [
    {
      header: 'Số, ký hiệu',
      width: '140px',
      cell: (e) => (
        <Anchor href={`#/${letterEditorPath(e.letterId)}`} size="sm" fw={600} td={e.status === 'cancelled' ? 'line-through' : undefined} c={e.status === 'cancelled' ? 'dimmed' : undefined}>
          {formatRegisterNumber(e.number, e.symbol)}
        </Anchor>
      ),
    },
    { header: 'Ngày', width: '96px', cell: (e) => struck(e, formatDate(e.issuedOn)) },
    { header: 'Trích yếu', width: 'minmax(0, 3fr)', cell: (e) => struck(e, `${letterKinds[e.kind].label}: ${e.subject}`) },
    { header: 'Nơi nhận', width: 'minmax(0, 1.6fr)', cell: (e) => struck(e, e.recipients) },
    { header: 'Người ký', width: '140px', cell: (e) => struck(e, e.signer) },
    {
      header: 'Tình trạng',
      width: '200px',
      cell: (e) =>
        e.status === 'cancelled' ? (
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Badge color="red" variant="light" size="sm">
              Đã hủy số
            </Badge>
            <Text size="xs" c="red.8" lineClamp={2} title={e.cancelledReason}>
              {e.cancelledReason}
            </Text>
          </Stack>
        ) : (
          <Group gap={6} wrap="nowrap">
            <Badge color="green" variant="light" size="sm" title={signatureLabel(e) || undefined}>
              {e.signatureLevel ? `Đã phát hành · ${e.signatureLevel}` : 'Đã phát hành'}
            </Badge>
            {isAdmin && (
              <Button
                size="compact-xs"
                variant="subtle"
                color="red"
                onClick={() => {
                  setCancelling(e);
                  setReason('');
                  setCancelError(null);
                }}
              >
                Hủy số
              </Button>
            )}
          </Group>
        ),
    },
  ];

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={3}>Sổ văn bản đi</Title>
        <Group gap="xs">
          <VerifyPdfButton />
          <Button variant="light" onClick={exportXlsx} disabled={yearRows.length === 0}>
            Xuất Excel
          </Button>
        </Group>
      </Group>
      <Group align="flex-end">
        <Select label="Cơ quan ban hành" data={officeOptions} value={office} onChange={(v) => v && setOfficeKey(v)} allowDeselect={false} w={340} />
        <Select label="Năm" data={yearOptions} value={String(year)} onChange={(v) => v && setYear(Number(v))} allowDeselect={false} w={110} />
        <TextInput label="Tìm trong sổ" placeholder="Số, trích yếu, nơi nhận, người ký…" value={query} onChange={(e) => setQuery(e.currentTarget.value)} style={{ flex: 1 }} />
      </Group>
      <Group justify="space-between">
        {gaps.length === 0 ? (
          <Text size="sm" c="green.8">
            {yearRows.length === 0
              ? `Năm ${year} chưa có văn bản nào được cấp số.`
              : `Số liên tục từ 01 đến ${String(yearRows[yearRows.length - 1].number).padStart(2, '0')}, không có số bị bỏ trống${cancelled ? `; ${cancelled} số đã hủy vẫn giữ trong sổ` : ''}.`}
          </Text>
        ) : (
          <Alert color="red" py={4}>
            Sổ bị thiếu số: {gaps.map((n) => String(n).padStart(2, '0')).join(', ')}. Kiểm tra dữ liệu đồng bộ hoặc khôi phục từ bản sao lưu.
          </Alert>
        )}
        <Text size="sm" c="dimmed">
          {shown.length} / {yearRows.length} văn bản
        </Text>
      </Group>
      <VirtualTable
        rows={shown}
        columns={columns}
        rowKey={(e) => e.id}
        rowHeight={56}
        height="calc(100dvh - 300px)"
        label={`Sổ văn bản đi năm ${year}`}
        empty={yearRows.length === 0 ? 'Chưa có văn bản nào trong sổ.' : 'Không có văn bản khớp với từ khóa.'}
      />
      <Modal opened={cancelling !== null} onClose={() => setCancelling(null)} title={cancelling ? `Hủy số ${formatRegisterNumber(cancelling.number, cancelling.symbol)}` : ''} centered>
        <Stack>
          <Text size="sm">Số đã hủy vẫn giữ trong sổ, được đánh dấu hủy kèm lý do và không cấp lại cho văn bản khác.</Text>
          <Textarea label="Lý do hủy số" autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} data-autofocus />
          {cancelError && <Alert color="red">{cancelError}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setCancelling(null)}>
              Quay lại
            </Button>
            <Button color="red" onClick={confirmCancel}>
              Hủy số
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

import { useMemo, useState } from 'react';
import { Button, Group, Modal, MultiSelect, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { accountabilityKindLabels, type AccountabilityKind, type AccountabilityRecord } from '@shared/reports';
import type { AttachmentRef } from '@shared/tasks/model';
import { AppError } from '@shared/errors';
import { currentDb, writeContext } from '../../state/app';
import { notifyError } from '../../ui/notify';
import { useAction } from '../../ui/useAction';
import { AttachmentList, attachFile } from '../tasks/components/Attachments';
import type { Registry } from '../tasks/context';
import { useConsultationData } from '../consultations/data/queries';
import { parseVnDate, toVnDate } from '../reports/dates';
import { saveRecord, useUnitTasks } from './data';

export interface RecordDraft {
  kind: AccountabilityKind;
  unitId: string | null;
  officialId?: string | null;
  reason: string;
  periodFrom: string;
  periodTo: string;
  taskIds: string[];
  reportId?: string | null;
}

/** Ghi nhận kiểm điểm / biểu dương / khen thưởng: a person decides; the app only pre-fills a proposal. */
export function RecordModal({ draft, registry, today, onClose }: { draft: RecordDraft; registry: Registry; today: string; onClose(): void }) {
  const [kind, setKind] = useState<AccountabilityKind>(draft.kind);
  const [subjectKind, setSubjectKind] = useState<'unit' | 'official'>(draft.officialId ? 'official' : 'unit');
  const [unitId, setUnitId] = useState<string | null>(draft.unitId);
  const [officialId, setOfficialId] = useState<string | null>(draft.officialId ?? null);
  const [reason, setReason] = useState(draft.reason);
  const [from, setFrom] = useState(toVnDate(draft.periodFrom));
  const [to, setTo] = useState(toVnDate(draft.periodTo));
  const [taskIds, setTaskIds] = useState<string[]>(draft.taskIds);
  const [consultationIds, setConsultationIds] = useState<string[]>([]);
  const [decisionNumber, setDecisionNumber] = useState('');
  const [decisionDate, setDecisionDate] = useState('');
  const [decidedBy, setDecidedBy] = useState('');
  const [attachments, setAttachments] = useState<AttachmentRef[]>([]);
  const { busy, run } = useAction({ failure: 'Chưa ghi nhận được' });
  const consultations = useConsultationData();
  // The unit's tasks to link (lead unit), newest first; the list search narrows them.
  const unitTasks = useUnitTasks(unitId);
  const taskOptions = useMemo(() => {
    const opts = (unitTasks ?? []).slice(0, 500).map((t) => ({ value: t.id, label: t.title.slice(0, 120) }));
    for (const id of taskIds) if (!opts.some((o) => o.value === id)) opts.push({ value: id, label: id });
    return opts;
  }, [unitTasks, taskIds]);
  const consultationOptions = useMemo(
    () => (consultations?.consultations ?? []).filter((c) => !unitId || c.consultedUnitIds.includes(unitId)).map((c) => ({ value: c.id, label: c.dossierTitle.slice(0, 120) })),
    [consultations, unitId],
  );

  const save = () =>
    run(async () => {
      const periodFrom = parseVnDate(from);
      const periodTo = parseVnDate(to);
      if (!periodFrom || !periodTo) throw new AppError('invalid-input', 'Nhập kỳ xem xét theo dạng dd/mm/yyyy.');
      const date = decisionDate.trim() ? parseVnDate(decisionDate) : null;
      if (decisionDate.trim() && !date) throw new AppError('invalid-input', 'Ngày quyết định không hợp lệ (dd/mm/yyyy).');
      if (subjectKind === 'unit' && !unitId) throw new AppError('invalid-input', 'Chọn đơn vị.');
      if (subjectKind === 'official' && !officialId) throw new AppError('invalid-input', 'Chọn cán bộ, công chức.');
      const record: AccountabilityRecord = {
        kind,
        subject: subjectKind === 'unit' ? { kind: 'unit', unitId: unitId! } : { kind: 'official', officialId: officialId!, unitId },
        reason,
        periodFrom,
        periodTo,
        taskIds,
        consultationIds,
        reportId: draft.reportId ?? null,
        decisionNumber,
        decisionDate: date,
        decidedBy,
        attachments,
        recordedOn: today,
      };
      await saveRecord(currentDb(), writeContext(), null, record);
    }, { success: `Đã ghi nhận: ${accountabilityKindLabels[kind].toLowerCase()}.`, then: onClose });

  return (
    <Modal opened onClose={onClose} title="Ghi nhận kiểm điểm, biểu dương, khen thưởng" size="xl">
      <Stack gap="sm">
        <SegmentedControl aria-label="Hình thức" value={kind} onChange={(v) => setKind(v as AccountabilityKind)} data={Object.entries(accountabilityKindLabels).map(([value, label]) => ({ value, label }))} />
        <Group align="flex-end">
          <SegmentedControl aria-label="Đối tượng" value={subjectKind} onChange={(v) => setSubjectKind(v as 'unit' | 'official')} data={[{ value: 'unit', label: 'Tập thể (đơn vị)' }, { value: 'official', label: 'Cá nhân' }]} />
          <Select label="Đơn vị" searchable w={320} value={unitId} onChange={setUnitId} data={registry.units.map((u) => ({ value: u.id, label: u.name }))} />
          {subjectKind === 'official' && (
            <Select label="Cán bộ, công chức" searchable w={260} value={officialId} onChange={setOfficialId} data={(unitId ? registry.officialsOf(unitId, today).map((x) => x.official) : registry.officials).map((o) => ({ value: o.id, label: o.fullName }))} />
          )}
        </Group>
        <Textarea label="Lý do" autosize minRows={2} maxRows={6} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
        <SimpleGrid cols={4}>
          <TextInput label="Kỳ xem xét từ ngày" value={from} onChange={(e) => setFrom(e.currentTarget.value)} placeholder="dd/mm/yyyy" />
          <TextInput label="Đến ngày" value={to} onChange={(e) => setTo(e.currentTarget.value)} placeholder="dd/mm/yyyy" />
          <TextInput label="Số quyết định / văn bản" value={decisionNumber} onChange={(e) => setDecisionNumber(e.currentTarget.value)} placeholder="125/QĐ-UBND" />
          <TextInput label="Ngày quyết định" value={decisionDate} onChange={(e) => setDecisionDate(e.currentTarget.value)} placeholder="dd/mm/yyyy" />
        </SimpleGrid>
        <TextInput label="Người quyết định" value={decidedBy} onChange={(e) => setDecidedBy(e.currentTarget.value)} placeholder="Chủ tịch UBND xã" />
        <MultiSelect label="Nhiệm vụ liên quan" searchable value={taskIds} onChange={setTaskIds} data={taskOptions} maxDropdownHeight={240} nothingFoundMessage="Không có nhiệm vụ phù hợp" />
        <MultiSelect label="Đợt lấy ý kiến liên quan" searchable value={consultationIds} onChange={setConsultationIds} data={consultationOptions} maxDropdownHeight={240} nothingFoundMessage="Không có đợt lấy ý kiến của đơn vị" />
        <Group>
          <Button
            variant="default"
            onClick={async () => {
              try {
                const f = await attachFile('Đính kèm quyết định, biên bản');
                if (f) setAttachments([...attachments, f]);
              } catch (e) {
                notifyError(e, 'Không đính kèm được tệp');
              }
            }}
          >
            Đính kèm tệp
          </Button>
          <AttachmentList items={attachments} onRemove={(i) => setAttachments(attachments.filter((_, k) => k !== i))} />
          {attachments.length === 0 && (
            <Text size="xs" c="dimmed">
              Quyết định, biên bản họp kiểm điểm…
            </Text>
          )}
        </Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Hủy
          </Button>
          <Button onClick={() => void save()} loading={busy}>
            Lưu
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

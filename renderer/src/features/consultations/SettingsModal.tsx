import { useEffect, useState } from 'react';
import { Modal, NumberInput, Stack, TextInput } from '@mantine/core';
import type { ConsultationSettings } from '@shared/consultations';
import { currentDb, writeContext } from '../../state/app';
import { FormActions } from '../../ui/FormActions';
import { useAction } from '../../ui/useAction';
import { currentActor } from '../registries/useActor';
import { saveConsultationSettings } from './data/commands';
import { useConsultationSettings } from './data/queries';

/** The organisation's rules for consultations (its own working regulation). */
export function SettingsModal({ opened, onClose }: { opened: boolean; onClose(): void }) {
  const saved = useConsultationSettings();
  const [draft, setDraft] = useState<ConsultationSettings | null>(null);
  const action = useAction();
  useEffect(() => {
    if (opened && saved) setDraft(saved);
  }, [opened, saved]);
  const num = (v: string | number) => (typeof v === 'number' ? v : Number(v) || 0);
  const save = () => draft && action.run(() => saveConsultationSettings(currentDb(), writeContext(), currentActor(), draft), { success: 'Đã lưu quy định lấy ý kiến.', then: onClose });
  return (
    <Modal opened={opened} onClose={onClose} title="Quy định lấy ý kiến" size="lg">
      {draft && (
        <Stack gap="sm">
          <NumberInput label="Thời hạn trả lời mặc định (ngày làm việc)" description="Áp dụng khi phiếu lấy ý kiến không ghi thời hạn khác; thường là 15 ngày, một số lĩnh vực 5 ngày." min={1} max={60} value={draft.defaultReplyDays} onChange={(v) => setDraft({ ...draft, defaultReplyDays: num(v) })} />
          <NumberInput label="Thời hạn trả lời đề nghị của đơn vị (ngày làm việc)" min={1} max={60} value={draft.defaultUpwardDays} onChange={(v) => setDraft({ ...draft, defaultUpwardDays: num(v) })} />
          <NumberInput label="Cảnh báo khi lấy ý kiến nhiều hơn (đơn vị)" min={1} max={200} value={draft.maxConsultedUnits} onChange={(v) => setDraft({ ...draft, maxConsultedUnits: num(v) })} />
          <NumberInput label="Độ dài tối thiểu của ý kiến có nội dung (ký tự)" description="Áp dụng cho ý kiến “đồng ý có ý kiến” và “không đồng ý”, không tính các cụm từ chung chung." min={10} max={500} value={draft.minSubstantiveChars} onChange={(v) => setDraft({ ...draft, minSubstantiveChars: num(v) })} />
          <TextInput label="Văn bản quy định (ghi trong thông báo)" placeholder="Quy chế làm việc của Ủy ban nhân dân xã" value={draft.basisRef} onChange={(e) => setDraft({ ...draft, basisRef: e.currentTarget.value })} />
          <FormActions error={action.error} onCancel={onClose} onSubmit={save} busy={action.busy} submitLabel="Lưu" />
        </Stack>
      )}
    </Modal>
  );
}

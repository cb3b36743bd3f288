import { useState } from 'react';
import { Alert, Group, Modal, Radio, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { formatDateVi, workingDayOnOrAfter, type CalendarConfig } from '@shared/calendar';
import { checkReplyContent, replyPositionLabels, replyPositions, type Consultation, type ConsultationSettings, type ReplyPosition } from '@shared/consultations';
import { currentDb, useAppState, writeContext } from '../../state/app';
import { FormActions } from '../../ui/FormActions';
import { notifySuccess } from '../../ui/notify';
import { useAction } from '../../ui/useAction';
import { recordReply } from './data/commands';
import { useScope } from './useScope';
import { describeSourceDocument } from '@shared/acting';
import { EMPTY_ON_BEHALF, OnBehalfFields, onBehalfDocument, onBehalfProblems, type OnBehalfForm } from '../acting/OnBehalfFields';

/** A unit's reply: a clear position, and for comments or disagreement, substantive content. */
export function ReplyModal(props: {
  consultation: Consultation;
  /** Units this account replies for itself. */
  unitIds: string[];
  /** Units whose paper reply this account may type on their behalf (the coordinating office's clerk only). */
  onBehalfUnitIds?: string[];
  unitName(id: string): string;
  today: string;
  calendar: CalendarConfig;
  settings: ConsultationSettings;
  onClose(): void;
}) {
  const { consultation: c, unitIds, today, settings } = props;
  const scope = useScope();
  const officialId = useAppState((s) => s.session?.account.officialId ?? null);
  const onBehalfUnitIds = props.onBehalfUnitIds ?? [];
  const [onBehalf, setOnBehalfForm] = useState<OnBehalfForm>({ ...EMPTY_ON_BEHALF, on: unitIds.length === 0 && onBehalfUnitIds.length > 0 });
  const [unitId, setUnitId] = useState<string | null>(unitIds[0] ?? onBehalfUnitIds[0] ?? null);
  const [position, setPosition] = useState<ReplyPosition | null>(null);
  const [content, setContent] = useState('');
  const [replyRef, setReplyRef] = useState('');
  const action = useAction();
  const choices = onBehalf.on ? onBehalfUnitIds : unitIds;
  const setOnBehalf = (next: OnBehalfForm) => {
    if (next.on !== onBehalf.on) setUnitId((next.on ? onBehalfUnitIds : unitIds)[0] ?? null);
    setOnBehalfForm(next);
    action.setError(null);
  };
  const due = workingDayOnOrAfter(c.dueOn, props.calendar);
  const late = today > due;
  const check = position && position !== 'agree' && content.trim() ? checkReplyContent(position, content, settings.minSubstantiveChars) : null;

  const save = async () => {
    if (!scope || !unitId) return;
    const problems = [...(position ? [] : ['Chọn chính kiến của đơn vị: đồng ý, đồng ý có ý kiến hoặc không đồng ý.']), ...onBehalfProblems(onBehalf)];
    if (problems.length || !position) return action.setError(problems.join('\n'));
    return action.run(async () => {
      const paper = onBehalfDocument(onBehalf);
      // A paper reply's reference is the paper document itself.
      const ref = paper ? describeSourceDocument(paper) : replyRef;
      const r = await recordReply(currentDb(), writeContext(), { ...scope.actor, officialId }, { consultationId: c.id, unitId, position, content, replyRef: ref, signerOfficialId: null, onBehalf: paper });
      notifySuccess(r.late ? 'Đã ghi ý kiến (trả lời quá hạn).' : 'Đã ghi ý kiến trả lời.');
      props.onClose();
    });
  };

  return (
    <Modal opened onClose={props.onClose} title="Trả lời ý kiến" size="lg">
      <Stack gap="sm">
        <Text size="sm">
          <b>{c.subject}</b>
          <br />
          Hạn trả lời: {formatDateVi(due)}
        </Text>
        {late && (
          <Alert color="orange" p="xs">
            Đã quá hạn trả lời. Ý kiến vẫn được ghi nhận nhưng là trả lời muộn: đơn vị đã được xác định là đồng ý từ ngày sau hạn và việc chậm trả lời được tính vào kết quả theo dõi của đơn vị.
          </Alert>
        )}
        {onBehalfUnitIds.length > 0 && <OnBehalfFields value={onBehalf} onChange={setOnBehalf} unitName={unitId ? props.unitName(unitId) : ''} forced={unitIds.length === 0} />}
        {choices.length > 1 ? (
          <Select label="Đơn vị trả lời" data={choices.map((u) => ({ value: u, label: props.unitName(u) }))} value={unitId} onChange={setUnitId} allowDeselect={false} />
        ) : (
          <Text size="sm">
            Đơn vị trả lời: <b>{unitId ? props.unitName(unitId) : ''}</b>
          </Text>
        )}
        <Radio.Group label="Chính kiến" value={position} onChange={(v) => setPosition(v as ReplyPosition)} required>
          <Group mt={4}>
            {replyPositions.map((p) => (
              <Radio key={p} value={p} label={replyPositionLabels[p]} />
            ))}
          </Group>
        </Radio.Group>
        <Textarea
          label="Nội dung ý kiến"
          description={position && position !== 'agree' ? 'Nêu cụ thể nội dung nào, lý do và đề xuất sửa thế nào; không trả lời chung chung.' : 'Không bắt buộc khi đồng ý.'}
          autosize
          minRows={4}
          maxRows={10}
          value={content}
          onChange={(e) => setContent(e.currentTarget.value)}
          error={check && !check.ok ? check.reason : undefined}
        />
        {!onBehalf.on && (
          <TextInput label="Văn bản trả lời (nếu có)" placeholder="Công văn số 07/PKT ngày 28/4/2026" value={replyRef} onChange={(e) => setReplyRef(e.currentTarget.value)} />
        )}
        <FormActions error={action.error} errorTitle="Chưa ghi được ý kiến" onCancel={props.onClose} onSubmit={save} busy={action.busy} submitLabel="Ghi ý kiến" />
      </Stack>
    </Modal>
  );
}

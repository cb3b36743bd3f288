import { useState } from 'react';
import { Modal, Stack, TextInput, Textarea } from '@mantine/core';
import { parseUserDate } from '@shared/text/dates';
import { currentDb, writeContext } from '../../state/app';
import { formatDate } from '../../ui/format';
import { FormActions } from '../../ui/FormActions';
import { useAction } from '../../ui/useAction';
import { recordReconciliation } from './data/commands';
import { useScope } from './useScope';

/** The outcome of the meeting that settled a unit's disagreement. */
export function ReconcileModal(props: { consultationId: string; unitId: string; unitName: string; today: string; onClose(): void }) {
  const scope = useScope();
  const [meeting, setMeeting] = useState(formatDate(props.today));
  const [participants, setParticipants] = useState('');
  const [outcome, setOutcome] = useState('');
  const action = useAction();
  const save = () => {
    if (!scope) return;
    const meetingOn = parseUserDate(meeting);
    if (!meetingOn) return action.setError('Ngày làm việc phải có dạng dd/mm/yyyy.');
    return action.run(() => recordReconciliation(currentDb(), writeContext(), scope.actor, { consultationId: props.consultationId, unitId: props.unitId, meetingOn, participants, outcome }), {
      success: `Đã ghi kết quả thống nhất với ${props.unitName}.`,
      then: props.onClose,
    });
  };
  return (
    <Modal opened onClose={props.onClose} title={`Thống nhất ý kiến với ${props.unitName}`} size="lg">
      <Stack gap="sm">
        <TextInput label="Ngày làm việc (dd/mm/yyyy)" value={meeting} onChange={(e) => setMeeting(e.currentTarget.value)} />
        <Textarea label="Thành phần tham dự" autosize minRows={2} value={participants} onChange={(e) => setParticipants(e.currentTarget.value)} />
        <Textarea label="Kết quả thống nhất" autosize minRows={3} value={outcome} onChange={(e) => setOutcome(e.currentTarget.value)} />
        <FormActions error={action.error} onCancel={props.onClose} onSubmit={save} busy={action.busy} submitLabel="Ghi kết quả" />
      </Stack>
    </Modal>
  );
}

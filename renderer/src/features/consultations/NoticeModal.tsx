import { Modal, Stack, Text } from '@mantine/core';
import type { Letter } from '@shared/letters/model';
import { formatRegisterNumber } from '@shared/letters/register';
import { currentDb, writeContext } from '../../state/app';
import { FormActions } from '../../ui/FormActions';
import { notifySuccess } from '../../ui/notify';
import { useAction } from '../../ui/useAction';
import { recordSavedPath } from '../letters/data/register';
import { saveLetterDocx } from '../letters/saveDocx';
import { draftAndIssueNotice } from './data/letters';
import { SignerSelect, useSignerPick, type SignerOption } from './SignerSelect';
import { useScope } from './useScope';

/** Saves an issued notice as .docx where the clerk chooses and records the path in the register. */
export async function saveNoticeDocx(letter: Letter, letterId: string, number: string): Promise<void> {
  const saved = await saveLetterDocx(letter, `Thong bao ${number} duoc xac dinh la dong y`);
  if (!saved.path) return;
  await recordSavedPath(currentDb(), writeContext(), letterId, saved.path);
  notifySuccess(`Đã lưu ${saved.path}`);
}

/** The notice to the units deemed to agree (they did not reply in time): numbered, issued today, saved as .docx. */
export function NoticeModal(props: { consultationId: string; deemed: string[]; signers: SignerOption[]; onClose(): void }) {
  const scope = useScope();
  const pick = useSignerPick(props.signers);
  const action = useAction();
  const issue = () =>
    action.run(async () => {
      if (!scope || !pick.choice) return;
      const r = await draftAndIssueNotice(currentDb(), writeContext(), scope.actor, props.consultationId, pick.choice);
      notifySuccess(`Đã ban hành thông báo số ${formatRegisterNumber(r.number, r.letter.symbol)}.`);
      await saveNoticeDocx(r.letter, r.letterId, String(r.number).padStart(2, '0'));
      props.onClose();
    });
  return (
    <Modal opened onClose={props.onClose} title="Thông báo được xác định là đồng ý" size="lg">
      <Stack gap="sm">
        <Text size="sm">Thông báo gửi các đơn vị không trả lời đúng hạn; các đơn vị này được xác định là đồng ý và chịu trách nhiệm về việc không trả lời, chậm trả lời:</Text>
        <Stack gap={0} pl="md">
          {props.deemed.map((d) => (
            <Text key={d} size="sm">
              – {d}
            </Text>
          ))}
        </Stack>
        <SignerSelect options={props.signers} pick={pick} />
        <Text size="xs" c="dimmed">
          Văn bản được lấy số tiếp theo trong sổ văn bản đi, mang ngày hôm nay, rồi lưu thành tệp .docx.
        </Text>
        <FormActions error={action.error} onCancel={props.onClose} onSubmit={issue} busy={action.busy} disabled={!pick.choice} submitLabel="Ban hành và lưu .docx" />
      </Stack>
    </Modal>
  );
}

import { Modal, Stack, Text } from '@mantine/core';
import { formatDateVi } from '@shared/calendar';
import { currentDb } from '../../state/app';
import { FormActions } from '../../ui/FormActions';
import { notifySuccess } from '../../ui/notify';
import { useAction } from '../../ui/useAction';
import { saveLetterDocx } from '../letters/saveDocx';
import { loadSummaryLetter } from './data/letters';
import { SignerSelect, useSignerPick, type SignerOption } from './SignerSelect';

/** The summary of every unit's position to date, signed by the chosen signer and saved as .docx (not numbered). */
export function SummaryModal(props: { consultationId: string; today: string; signers: SignerOption[]; onClose(): void }) {
  const pick = useSignerPick(props.signers);
  const action = useAction();
  const save = () =>
    action.run(async () => {
      if (!pick.choice) return;
      const letter = await loadSummaryLetter(currentDb(), props.consultationId, props.today, pick.choice);
      const saved = await saveLetterDocx(letter, 'Tong hop y kien');
      if (saved.path) notifySuccess(`Đã lưu ${saved.path}`);
      props.onClose();
    });
  return (
    <Modal opened onClose={props.onClose} title="Tổng hợp ý kiến" size="md">
      <Stack gap="sm">
        <Text size="sm">Báo cáo tổng hợp chính kiến và nội dung ý kiến của từng đơn vị đến ngày {formatDateVi(props.today)}, kèm các ý kiến không đồng ý và kết quả thống nhất.</Text>
        <SignerSelect options={props.signers} pick={pick} />
        <FormActions error={action.error} onCancel={props.onClose} onSubmit={save} busy={action.busy} disabled={!pick.choice} submitLabel="Lưu .docx" />
      </Stack>
    </Modal>
  );
}

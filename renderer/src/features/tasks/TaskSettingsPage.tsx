import { useEffect, useState } from 'react';
import { Alert, Button, Group, Loader, NumberInput, Paper, Radio, Select, Stack, Text, Title } from '@mantine/core';
import { onTimeAtLabels, onTimeAtValues, rateFormulaIds, rateFormulas, type OnTimeAt, type RateFormulaId, type TaskSettings } from '@shared/tasks/state';
import { currentDb, writeContext } from '../../state/app';
import { ErrorAlert } from '../../ui/FormActions';
import { useAction } from '../../ui/useAction';
import { useOrganisation } from '../registries/queries';
import { saveTaskSettings } from './data/commands';
import { useTaskSettings } from './data/queries';
import { DemoDataCard } from './DemoDataCard';
import { currentTaskActor, useTaskActor } from './context';
import { isAdministrator } from '@shared/roles';

/** Cài đặt → Theo dõi nhiệm vụ: how lateness is judged, the due-soon window, the headline rate; and demo data. */
export function TaskSettingsPage() {
  const stored = useTaskSettings();
  const org = useOrganisation();
  const actor = useTaskActor();
  const [draft, setDraft] = useState<TaskSettings | null>(null);
  const action = useAction();
  useEffect(() => {
    if (stored && !draft) setDraft(stored);
  }, [stored, draft]);
  if (!draft || org === undefined) return <Loader />;
  const editable = isAdministrator(actor.role) && org?.siteRole === 'coordinator';
  const save = () =>
    action.run(() => saveTaskSettings(currentDb(), writeContext(), currentTaskActor(), { ...draft, dueSoonWorkingDays: Number(draft.dueSoonWorkingDays), acceptanceWorkingDays: Number(draft.acceptanceWorkingDays) }), {
      success: 'Đã lưu cài đặt theo dõi nhiệm vụ.',
    });
  const formula = rateFormulas[draft.rateFormula];
  return (
    <Stack maw={820}>
      <Title order={3}>Tiêu chí đánh giá nhiệm vụ</Title>
      <Paper withBorder p="md">
        <Stack>
          <Radio.Group
            label="Đánh giá đúng hạn / quá hạn theo"
            description="Áp dụng cho bảng tổng quan, danh sách và báo cáo. Nhiệm vụ hoàn thành sau hạn ban đầu nhưng trước hạn đã được gia hạn là đúng hạn nếu chọn hạn sau khi gia hạn."
            value={draft.judgeAgainst}
            onChange={(v) => setDraft({ ...draft, judgeAgainst: v as TaskSettings['judgeAgainst'] })}
          >
            <Stack gap={6} mt={6}>
              <Radio value="extended" label="Hạn sau khi được gia hạn" disabled={!editable} />
              <Radio value="original" label="Hạn ban đầu (không tính gia hạn)" disabled={!editable} />
            </Stack>
          </Radio.Group>
          <Radio.Group
            label="Nhiệm vụ được xác nhận hoàn thành là đúng hạn hay quá hạn tính theo"
            description="Đơn vị chủ trì báo cáo hoàn thành; cơ quan giao xác nhận hoặc trả lại. Cách tính được in dưới mỗi báo cáo."
            value={draft.onTimeAt}
            onChange={(v) => setDraft({ ...draft, onTimeAt: v as OnTimeAt })}
          >
            <Stack gap={6} mt={6}>
              {onTimeAtValues.map((v) => (
                <Radio key={v} value={v} label={onTimeAtLabels[v]} disabled={!editable} />
              ))}
            </Stack>
          </Radio.Group>
          <WorkingDaysInput
            label="Thời hạn cơ quan giao xác nhận hoàn thành (ngày làm việc)"
            description="Quá thời hạn này chưa xác nhận hay trả lại thì chậm thuộc cơ quan giao, không tính là đơn vị chủ trì quá hạn."
            value={draft.acceptanceWorkingDays}
            onChange={(n) => setDraft({ ...draft, acceptanceWorkingDays: n })}
            min={1}
            disabled={!editable}
          />
          <WorkingDaysInput
            label="Cảnh báo “sắp đến hạn” khi còn không quá (ngày làm việc)"
            value={draft.dueSoonWorkingDays}
            onChange={(n) => setDraft({ ...draft, dueSoonWorkingDays: n })}
            min={0}
            disabled={!editable}
          />
          <Select
            label="Tỷ lệ chính in trên báo cáo và bảng xếp hạng"
            data={rateFormulaIds.map((id) => ({ value: id, label: rateFormulas[id].label }))}
            value={draft.rateFormula}
            onChange={(v) => v && setDraft({ ...draft, rateFormula: v as RateFormulaId })}
            allowDeselect={false}
            disabled={!editable}
          />
          <Text size="xs" c="dimmed">
            Công thức: {formula.formulaText}
          </Text>
          {!editable && (
            <Alert color="gray" variant="light" p="xs">
              Các tiêu chí này do quản trị viên của Văn phòng điều phối quy định; máy này chỉ xem.
            </Alert>
          )}
          <ErrorAlert error={action.error} />
          {editable && (
            <Group justify="flex-end">
              <Button onClick={() => void save()} loading={action.busy}>
                Lưu cài đặt
              </Button>
            </Group>
          )}
        </Stack>
      </Paper>
      <DemoDataCard />
    </Stack>
  );
}

/** A whole number of working days (up to 30), as the settings take it. */
function WorkingDaysInput(props: { label: string; description?: string; value: number; onChange(days: number): void; min: number; disabled: boolean }) {
  return (
    <NumberInput
      label={props.label}
      description={props.description}
      value={props.value}
      onChange={(v) => props.onChange(typeof v === 'number' ? v : Number(v))}
      min={props.min}
      max={30}
      allowDecimal={false}
      w={420}
      disabled={props.disabled}
    />
  );
}

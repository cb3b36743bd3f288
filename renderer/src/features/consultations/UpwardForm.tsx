import { useMemo, useState } from 'react';
import { Alert, Button, Group, Loader, NumberInput, Radio, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { formatDateVi, resolveDeadline } from '@shared/calendar';
import { isUnitValidOn } from '@shared/registries/units';
import { speaksFor, upwardAddresseeLabels, upwardAddressees, type UpwardAddressee } from '@shared/consultations';
import { navigate } from '../../shell/router';
import { currentDb, writeContext } from '../../state/app';
import { FormActions } from '../../ui/FormActions';
import { notifySuccess } from '../../ui/notify';
import { useAction } from '../../ui/useAction';
import { FormErrorSummary } from '../../ui/FormErrorSummary';
import { UPWARD_FIELD_ORDER, upwardFormErrors, type FormErrors } from '@shared/text/formErrors';
import { createUpwardRequest } from './data/commands';
import { TaskLinkSelect } from './TaskLinkSelect';
import { useRequestFormContext } from './useRequestForm';

/** Trình cấp trên: a matter the unit cannot decide itself, with why it exceeds its authority (docs/rules.md §2). */
export function UpwardForm({ taskId = null }: { taskId?: string | null }) {
  const { units, org, scope, settings, calendar, today } = useRequestFormContext();
  const [subject, setSubject] = useState('');
  const [content, setContent] = useState('');
  const [reason, setReason] = useState('');
  const [from, setFrom] = useState<string | null>(null);
  const [addressee, setAddressee] = useState<UpwardAddressee>('chair');
  const [days, setDays] = useState<number | string>('');
  const action = useAction();
  const [errors, setErrors] = useState<FormErrors>({});
  const [linked, setLinked] = useState<string | null>(taskId);
  const mine = useMemo(() => (scope && units ? units.filter((u) => isUnitValidOn(u, today) && speaksFor(scope.actor, scope.site, u.id) && u.id !== org?.authorityUnitId) : []), [scope, units, today, org]);
  if (!units || !org || !scope || !settings || !calendar) return <Loader />;
  const fromId = from ?? mine[0]?.id ?? null;
  const n = typeof days === 'number' ? days : settings.defaultUpwardDays;
  const dueOn = resolveDeadline({ kind: 'workingDays', days: n, from: today }, calendar);
  const authorityName = units.find((u) => u.id === org.authorityUnitId)?.name ?? org.authorityName;

  const save = async () => {
    const problems = upwardFormErrors({ subject, content, fromUnitId: fromId, toUnitId: org.authorityUnitId, addressee, beyondAuthorityReason: reason, days: n, requestedOn: today });
    setErrors(problems);
    action.setError(null);
    if (Object.keys(problems).length > 0 || !fromId) return;
    await action.run(async () => {
      const id = await createUpwardRequest(currentDb(), writeContext(), scope.actor, {
        subject,
        content,
        fromUnitId: fromId,
        toUnitId: org.authorityUnitId,
        addressee,
        beyondAuthorityReason: reason,
        attachments: [],
        requestedOn: today,
        deadline: { kind: 'workingDays', days: n, from: today },
        taskId: linked,
      });
      notifySuccess('Đã trình đề nghị.');
      navigate(`consultations/upward/${id}`);
    });
  };

  return (
    <Stack gap="sm" maw={860}>
      <Group justify="space-between">
        <Title order={3}>Trình cấp trên</Title>
        <Button variant="default" onClick={() => navigate('consultations')}>
          Quay lại danh sách
        </Button>
      </Group>
      <Alert color="blue" p="xs">
        Đơn vị chịu trách nhiệm quyết định những vấn đề thuộc thẩm quyền của mình; chỉ trình những vấn đề vượt thẩm quyền và nêu rõ căn cứ. Đề nghị bị trả lại vì thuộc thẩm quyền của đơn vị được tính vào kết quả theo dõi của đơn vị.
      </Alert>
      <FormErrorSummary errors={errors} order={UPWARD_FIELD_ORDER} action="Chưa trình được" />
      {mine.length > 1 ? (
        <Select label="Đơn vị đề nghị" data={mine.map((u) => ({ value: u.id, label: u.name }))} value={fromId} onChange={setFrom} allowDeselect={false} />
      ) : (
        <Text size="sm" c={errors.fromUnitId ? 'red.8' : undefined}>Đơn vị đề nghị: <b>{mine[0]?.name ?? 'Không có'}</b></Text>
      )}
      <Radio.Group label={`Trình ${authorityName}`} value={addressee} onChange={(v) => setAddressee(v as UpwardAddressee)}>
        <Group mt={4}>
          {upwardAddressees.map((a) => (
            <Radio key={a} value={a} label={upwardAddresseeLabels[a]} />
          ))}
        </Group>
      </Radio.Group>
      <TextInput label="Trích yếu" value={subject} onChange={(e) => setSubject(e.currentTarget.value)} required error={errors.subject} />
      <Textarea label="Nội dung đề nghị" autosize minRows={3} value={content} onChange={(e) => setContent(e.currentTarget.value)} required error={errors.content} />
      <Textarea label="Vì sao vượt thẩm quyền của đơn vị (căn cứ pháp lý)" autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} required error={errors.beyondAuthorityReason} />
      <TaskLinkSelect value={linked} onChange={setLinked} />
      <NumberInput label="Thời hạn trả lời (ngày làm việc)" min={1} max={60} value={days === '' ? settings.defaultUpwardDays : days} onChange={setDays} description={`Hạn trả lời: ${formatDateVi(dueOn)}`} error={errors.deadline} />
      <FormActions error={action.error} onCancel={() => navigate('consultations')} onSubmit={save} busy={action.busy} submitLabel="Trình" />
    </Stack>
  );
}

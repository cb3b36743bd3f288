import { useMemo, useState } from 'react';
import { Alert, Badge, Button, Checkbox, Group, Loader, NumberInput, Paper, ScrollArea, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { formatDateVi, resolveDeadline, weekdayNameVi, type DeadlineRule } from '@shared/calendar';
import { isUnitValidOn } from '@shared/registries/units';
import { parseUserDate } from '@shared/text/dates';
import { dossierKindLabels, dossierKinds, selectionWarnings, speaksFor, unitCoversField, type AttachmentRef, type DossierKind } from '@shared/consultations';
import { api } from '../../api';
import { navigate } from '../../shell/router';
import { currentDb, writeContext } from '../../state/app';
import { FormActions } from '../../ui/FormActions';
import { notifyError, notifySuccess } from '../../ui/notify';
import { useAction } from '../../ui/useAction';
import { FormErrorSummary } from '../../ui/FormErrorSummary';
import { CONSULTATION_FIELD_ORDER, consultationFormErrors, type FormErrors } from '@shared/text/formErrors';
import { createConsultation } from './data/commands';
import { TaskLinkSelect } from './TaskLinkSelect';
import { useRequestFormContext } from './useRequestForm';

function formatBytes(n: number): string {
  return n < 1024 * 1024 ? `${Math.max(1, Math.round(n / 1024))} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** Lấy ý kiến mới: the dossier, the units consulted (each picked deliberately), legal basis, deadline. */
export function ConsultationForm({ taskId = null }: { taskId?: string | null }) {
  const { units, org, scope, settings, calendar, today } = useRequestFormContext();
  const [subject, setSubject] = useState('');
  const [dossierKind, setDossierKind] = useState<DossierKind>('duThao');
  const [dossierTitle, setDossierTitle] = useState('');
  const [field, setField] = useState<string | null>(null);
  const [content, setContent] = useState('');
  const [requester, setRequester] = useState<string | null>(null);
  const [picked, setPicked] = useState<string[]>([]);
  const [legalBasis, setLegalBasis] = useState('');
  const [requestRef, setRequestRef] = useState('');
  const [mode, setMode] = useState<'workingDays' | 'fixed'>('workingDays');
  const [days, setDays] = useState<number | string>('');
  const [fixedText, setFixedText] = useState('');
  const [attachments, setAttachments] = useState<AttachmentRef[]>([]);
  const [errors, setErrors] = useState<FormErrors>({});
  const [linked, setLinked] = useState<string | null>(taskId);
  const action = useAction();

  const current = useMemo(() => (units ?? []).filter((u) => isUnitValidOn(u, today)), [units, today]);
  const mine = useMemo(() => (scope ? current.filter((u) => speaksFor(scope.actor, scope.site, u.id)) : []), [current, scope]);
  const requesterId = requester ?? mine.find((u) => u.kind === 'office')?.id ?? mine[0]?.id ?? null;
  const fields = useMemo(() => [...new Set(current.flatMap((u) => u.fields))].sort((a, b) => a.localeCompare(b, 'vi')), [current]);
  const candidates = useMemo(
    () =>
      current
        .filter((u) => u.id !== requesterId && u.id !== org?.authorityUnitId)
        // Units covering the dossier's field first, then the registry order.
        .sort((a, b) => Number(field ? !unitCoversField(a, field) : 0) - Number(field ? !unitCoversField(b, field) : 0) || a.order - b.order || a.name.localeCompare(b.name, 'vi')),
    [current, requesterId, org, field],
  );
  if (!units || !org || !scope || !settings || !calendar) return <Loader />;

  const dayCount = typeof days === 'number' ? days : settings.defaultReplyDays;
  const rule: DeadlineRule | null = mode === 'workingDays' ? { kind: 'workingDays', days: dayCount, from: today } : parseUserDate(fixedText) ? { kind: 'fixed', date: parseUserDate(fixedText)! } : null;
  let dueOn: string | null;
  try {
    dueOn = rule ? resolveDeadline(rule, calendar) : null;
  } catch {
    dueOn = null;
  }
  const warnings = selectionWarnings(current, picked, field, settings.maxConsultedUnits);

  const attach = async () => {
    try {
      const r = await api().call('files:attach', { title: 'Chọn tệp hồ sơ đính kèm' });
      if (r.file) setAttachments((a) => (a.some((x) => x.sha256 === r.file!.sha256) ? a : [...a, r.file!]));
    } catch (e) {
      notifyError(e, 'Không đính kèm được tệp');
    }
  };

  const save = async () => {
    const problems = consultationFormErrors({
      subject,
      dossierKind,
      dossierTitle,
      field,
      content,
      requesterUnitId: requesterId,
      consultedUnitIds: picked,
      legalBasis,
      requestRef,
      mode,
      days: dayCount,
      fixedText,
      requestedOn: today,
    });
    setErrors(problems);
    action.setError(null);
    if (Object.keys(problems).length > 0 || !requesterId || !rule) return;
    await action.run(async () => {
      const id = await createConsultation(currentDb(), writeContext(), scope.actor, {
        subject,
        dossierKind,
        dossierTitle,
        field,
        content,
        attachments,
        requesterUnitId: requesterId,
        consultedUnitIds: picked,
        legalBasis,
        requestRef,
        requestedOn: today,
        deadline: rule,
        taskId: linked,
      });
      notifySuccess('Đã tạo phiếu lấy ý kiến.');
      navigate(`consultations/${id}`);
    });
  };

  return (
    <Stack gap="sm" maw={1100}>
      <Group justify="space-between">
        <Title order={3}>Lấy ý kiến mới</Title>
        <Button variant="default" onClick={() => navigate('consultations')}>
          Quay lại danh sách
        </Button>
      </Group>
      <FormErrorSummary errors={errors} order={CONSULTATION_FIELD_ORDER} action="Chưa gửi được" />
      <SimpleGrid cols={2} spacing="md" verticalSpacing="xs">
        <Stack gap="xs">
          <TextInput label="Trích yếu" placeholder="Lấy ý kiến dự thảo Kế hoạch …" value={subject} onChange={(e) => setSubject(e.currentTarget.value)} required error={errors.subject} />
          <Group grow align="flex-start">
            <Select label="Loại hồ sơ" data={dossierKinds.map((k) => ({ value: k, label: dossierKindLabels[k] }))} value={dossierKind} onChange={(v) => v && setDossierKind(v as DossierKind)} allowDeselect={false} />
            <Select label="Lĩnh vực" placeholder="Chọn lĩnh vực" data={fields} value={field} onChange={setField} clearable searchable nothingFoundMessage="Chưa có lĩnh vực này trong danh mục đơn vị" />
          </Group>
          <TextInput label="Tên hồ sơ, đề án, dự án (như ghi trong văn bản)" placeholder="dự thảo Kế hoạch phát triển du lịch năm 2027" value={dossierTitle} onChange={(e) => setDossierTitle(e.currentTarget.value)} required error={errors.dossierTitle} />
          <Textarea label="Nội dung cần xin ý kiến" autosize minRows={2} maxRows={4} value={content} onChange={(e) => setContent(e.currentTarget.value)} error={errors.content} />
          <Group gap="xs">
            <Button size="xs" variant="default" onClick={attach}>
              Đính kèm hồ sơ
            </Button>
            {attachments.map((a) => (
              <Badge key={a.sha256} variant="light" tt="none" rightSection={<span role="button" aria-label={`Bỏ ${a.fileName}`} style={{ cursor: 'pointer' }} onClick={() => setAttachments((x) => x.filter((y) => y.sha256 !== a.sha256))}>×</span>}>
                {a.fileName} ({formatBytes(a.bytes)})
              </Badge>
            ))}
          </Group>
          <Select label="Đơn vị lấy ý kiến (chủ trì hồ sơ)" data={mine.map((u) => ({ value: u.id, label: u.name }))} value={requesterId} onChange={setRequester} allowDeselect={false} error={errors.requesterUnitId} />
          <Textarea label="Căn cứ pháp lý" placeholder="Quy chế làm việc của Ủy ban nhân dân xã …" autosize minRows={2} maxRows={3} value={legalBasis} onChange={(e) => setLegalBasis(e.currentTarget.value)} required error={errors.legalBasis} />
          <TaskLinkSelect value={linked} onChange={setLinked} />
          <TextInput label="Văn bản đề nghị góp ý (nếu có)" placeholder="Công văn số 15/UBND-VP ngày 23/4/2026" value={requestRef} onChange={(e) => setRequestRef(e.currentTarget.value)} error={errors.requestRef} />
          <Paper withBorder p="xs">
            <Stack gap={6}>
              <Group justify="space-between">
                <Text size="sm" fw={500}>
                  Hạn trả lời
                </Text>
                <SegmentedControl size="xs" value={mode} onChange={(v) => setMode(v as 'workingDays' | 'fixed')} data={[{ value: 'workingDays', label: 'Số ngày làm việc' }, { value: 'fixed', label: 'Đến ngày' }]} />
              </Group>
              {mode === 'workingDays' ? (
                <NumberInput label="Số ngày làm việc kể từ hôm nay" description={`Mặc định theo quy định của cơ quan: ${settings.defaultReplyDays} ngày làm việc`} min={1} max={60} value={days === '' ? settings.defaultReplyDays : days} onChange={setDays} error={errors.deadline} />
              ) : (
                <TextInput label="Ngày hết hạn (dd/mm/yyyy)" value={fixedText} onChange={(e) => setFixedText(e.currentTarget.value)} error={errors.deadline} />
              )}
              <Text size="sm" data-testid="consultation-due">
                {dueOn ? `Hạn trả lời: ${weekdayNameVi(dueOn)}, ${formatDateVi(dueOn)}` : 'Chưa xác định được hạn trả lời.'}
              </Text>
            </Stack>
          </Paper>
        </Stack>
        <Stack gap="xs">
          <Text size="sm" fw={500}>
            Đơn vị được lấy ý kiến ({picked.length} đã chọn)
          </Text>
          {errors.consultedUnitIds && (
            <Text size="sm" c="red.8">
              {errors.consultedUnitIds}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            Chỉ chọn đơn vị có liên quan đến chức năng, nhiệm vụ; đơn vị phụ trách lĩnh vực của hồ sơ được đưa lên đầu.
          </Text>
          <ScrollArea h={420} type="auto" offsetScrollbars>
            <Stack gap={4} role="group" aria-label="Đơn vị được lấy ý kiến">
              {candidates.map((u) => {
                const covers = field ? unitCoversField(u, field) : false;
                return (
                  <Checkbox
                    key={u.id}
                    checked={picked.includes(u.id)}
                    onChange={(e) => {
                      const on = e.currentTarget.checked;
                      setPicked((p) => (on ? [...p, u.id] : p.filter((x) => x !== u.id)));
                    }}
                    label={
                      <Group gap={6} wrap="nowrap">
                        <span>{u.name}</span>
                        {covers && (
                          <Badge size="xs" color="teal" variant="light" tt="none">
                            Phụ trách {field}
                          </Badge>
                        )}
                      </Group>
                    }
                    description={u.fields.length ? `Lĩnh vực: ${u.fields.join(', ')}` : 'Chưa khai báo lĩnh vực phụ trách'}
                  />
                );
              })}
            </Stack>
          </ScrollArea>
          {warnings.messages.map((m) => (
            <Alert key={m} color="yellow" p="xs" title="Lưu ý">
              {m}
            </Alert>
          ))}
        </Stack>
      </SimpleGrid>
      <FormActions error={action.error} onCancel={() => navigate('consultations')} onSubmit={save} busy={action.busy} submitLabel="Gửi lấy ý kiến" />
    </Stack>
  );
}

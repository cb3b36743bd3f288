import { useMemo, useState } from 'react';
import { Alert, Button, Group, Loader, MultiSelect, NumberInput, Paper, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { newId } from '@shared/data/ids';
import { resolveDeadline, workingDaysBetween, type CalendarConfig, type DeadlineRule } from '@shared/calendar';
import { formatUserDate, parseUserDate, userDateProblem } from '@shared/text/dates';
import { isUnitValidOn } from '@shared/registries/units';
import { authorityLevelLabels, authorityLevels, describeDirective, taskPriorities, taskPriorityLabels, type AuthorityLevel, type TaskDraft, type TaskPriority } from '@shared/tasks/model';
import { navigate } from '../../shell/router';
import { currentDb, writeContext } from '../../state/app';
import { formatDate } from '../../ui/format';
import { ErrorAlert } from '../../ui/FormActions';
import { notifySuccess } from '../../ui/notify';
import { useAction } from '../../ui/useAction';
import { useCalendarConfig } from '../calendar/config';
import { useOrganisation } from '../registries/queries';
import { addStep, createTasks } from './data/commands';
import { useDirectives } from './data/queries';
import { currentTaskActor, useRegistry, useToday, type Registry } from './context';

type DeadlineMode = 'fixed' | 'workingDays' | 'none';

interface StepDraft {
  key: string;
  title: string;
  responsibleOfficialId: string | null;
  dueOn: string;
}

interface TaskCard {
  key: string;
  title: string;
  content: string;
  leadUnitId: string | null;
  supportUnitIds: string[];
  responsibleOfficialId: string | null;
  mode: DeadlineMode;
  dueOn: string;
  days: number | string;
  priority: TaskPriority;
  authorityLevel: AuthorityLevel;
  legalBasis: string;
  expectedProduct: string;
  steps: StepDraft[];
}

const newCard = (): TaskCard => ({
  key: newId(),
  title: '',
  content: '',
  leadUnitId: null,
  supportUnitIds: [],
  responsibleOfficialId: null,
  mode: 'fixed',
  dueOn: '',
  days: 10,
  priority: 'normal',
  authorityLevel: 'unit',
  legalBasis: '',
  expectedProduct: '',
  steps: [],
});

/** Problems of the form by field key ("assignedOn", "<card>.title", "<card>.<step>.dueOn"…), each message naming its field. */
export type FormErrors = Record<string, string>;

/** Every problem of the task form at once (the commands re-check everything). */
export function taskFormErrors(
  common: { assignedOn: string; assignerUnitId: string | null },
  cards: readonly TaskCard[],
  calendar: CalendarConfig | undefined,
): FormErrors {
  const errors: FormErrors = {};
  const assignedOn = parseUserDate(common.assignedOn);
  if (!assignedOn) errors.assignedOn = userDateProblem('Ngày giao', common.assignedOn) ?? 'Ngày giao: không hợp lệ.';
  if (!common.assignerUnitId) errors.assignerUnitId = 'Cơ quan giao: chưa chọn.';
  for (const c of cards) {
    if (!c.title.trim()) errors[`${c.key}.title`] = 'Tên nhiệm vụ: chưa nhập.';
    else if (c.title.trim().length > 500) errors[`${c.key}.title`] = `Tên nhiệm vụ: tối đa 500 ký tự (đang có ${c.title.trim().length}).`;
    if (c.content.length > 20_000) errors[`${c.key}.content`] = 'Nội dung, yêu cầu: tối đa 20.000 ký tự.';
    if (c.expectedProduct.trim().length > 500) errors[`${c.key}.expectedProduct`] = 'Sản phẩm: tối đa 500 ký tự.';
    if (!c.leadUnitId) errors[`${c.key}.leadUnitId`] = 'Đơn vị chủ trì: chưa chọn.';
    if (c.mode === 'fixed' && c.dueOn.trim() && !parseUserDate(c.dueOn)) errors[`${c.key}.dueOn`] = userDateProblem('Hạn xử lý', c.dueOn)!;
    else if (assignedOn) {
      const d = cardDeadline(c, assignedOn, calendar);
      if (d.error) errors[`${c.key}.dueOn`] = d.error.startsWith('Số ngày') ? `Thời hạn: ${d.error.charAt(0).toLowerCase()}${d.error.slice(1)}` : `Hạn xử lý: ${d.error.replace(/^Hạn xử lý /, '').replace(/^Nhập hạn xử lý\./, 'chưa nhập.')}`;
    }
    for (const [j, st] of c.steps.entries()) {
      if (!st.title.trim()) errors[`${c.key}.${st.key}.title`] = `Bước ${j + 1}: chưa nhập tên bước (hoặc bỏ bước trống).`;
      if (st.dueOn.trim() && !parseUserDate(st.dueOn)) errors[`${c.key}.${st.key}.dueOn`] = userDateProblem(`Hạn của bước ${j + 1}`, st.dueOn)!;
    }
  }
  return errors;
}

/** The deadline rule of a card and its resolved date, or why it cannot be resolved. */
export function cardDeadline(card: Pick<TaskCard, 'mode' | 'dueOn' | 'days'>, assignedOn: string | null, calendar: CalendarConfig | undefined): { rule: DeadlineRule | null; dueOn: string | null; error: string | null } {
  if (card.mode === 'none') return { rule: null, dueOn: null, error: null };
  if (!assignedOn) return { rule: null, dueOn: null, error: 'Ngày giao không hợp lệ.' };
  if (card.mode === 'fixed') {
    const d = parseUserDate(card.dueOn);
    if (!d) return { rule: null, dueOn: null, error: card.dueOn.trim() ? 'Hạn xử lý không hợp lệ (dạng dd/mm/yyyy).' : 'Nhập hạn xử lý.' };
    if (d < assignedOn) return { rule: null, dueOn: null, error: 'Hạn xử lý không được trước ngày giao.' };
    const rule: DeadlineRule = { kind: 'fixed', date: d };
    return { rule, dueOn: resolveDeadline(rule, calendar), error: null };
  }
  const n = typeof card.days === 'number' ? card.days : Number(card.days);
  if (!Number.isInteger(n) || n < 1 || n > 3650) return { rule: null, dueOn: null, error: 'Số ngày làm việc phải là số nguyên từ 1 đến 3650.' };
  const rule: DeadlineRule = { kind: 'workingDays', days: n, from: assignedOn };
  return { rule, dueOn: resolveDeadline(rule, calendar), error: null };
}

/** Giao nhiệm vụ: one or many tasks, typically from one directive (#/tasks/new[/<directiveId>]). */
export function TaskFormPage({ directiveId }: { directiveId: string | null }) {
  const registry = useRegistry();
  const org = useOrganisation();
  const directives = useDirectives();
  const calendar = useCalendarConfig();
  const today = useToday();
  const [common, setCommon] = useState<{ directiveId: string | null; assignerUnitId: string | null; assignerOfficialId: string | null; planYear: number | string; assignedOn: string }>({
    directiveId,
    assignerUnitId: null,
    assignerOfficialId: null,
    planYear: Number(today.slice(0, 4)),
    assignedOn: formatUserDate(today),
  });
  const [cards, setCards] = useState<TaskCard[]>([newCard()]);
  const [errors, setErrors] = useState<FormErrors>({});
  const action = useAction();

  const assignerUnitId = common.assignerUnitId ?? org?.authorityUnitId ?? null;
  const assignedOn = parseUserDate(common.assignedOn);
  const day = assignedOn ?? today;
  const unitOptions = useMemo(() => (registry?.units ?? []).filter((u) => isUnitValidOn(u, day)).map((u) => ({ value: u.id, label: u.name })), [registry, day]);
  const directiveOptions = useMemo(() => (directives ?? []).map((d) => ({ value: d.id, label: describeDirective(d) })), [directives]);

  if (!registry || org === undefined || !directives) return <Loader />;

  const update = (key: string, patch: Partial<TaskCard>) => setCards((cs) => cs.map((c) => (c.key === key ? { ...c, ...patch } : c)));
  const leaders = registry.officialsOf(assignerUnitId, day);

  const submit = async () => {
    action.setError(null);
    const found = taskFormErrors({ assignedOn: common.assignedOn, assignerUnitId }, cards, calendar);
    setErrors(found);
    if (Object.keys(found).length > 0 || !assignedOn || !assignerUnitId) return;
    const planYear = common.planYear === '' ? null : Number(common.planYear);
    const drafts: TaskDraft[] = [];
    for (const c of cards) {
      const d = cardDeadline(c, assignedOn, calendar);
      if (!c.leadUnitId) return;
      drafts.push({
        title: c.title,
        content: c.content,
        directiveId: common.directiveId,
        assignerUnitId,
        assignerOfficialId: common.assignerOfficialId,
        leadUnitId: c.leadUnitId,
        supportUnitIds: c.supportUnitIds,
        responsibleOfficialId: c.responsibleOfficialId,
        deadline: d.rule,
        assignedOn,
        planYear,
        priority: c.priority,
        legalBasis: c.legalBasis,
        authorityLevel: c.authorityLevel,
        expectedProduct: c.expectedProduct.trim(),
      });
    }
    await action.run(async () => {
      const db = currentDb();
      const ctx = writeContext();
      const actor = currentTaskActor();
      const ids = await createTasks(db, ctx, actor, drafts);
      for (const [i, c] of cards.entries()) {
        for (const s of c.steps) await addStep(db, ctx, actor, { taskId: ids[i], title: s.title, responsibleOfficialId: s.responsibleOfficialId, dueOn: s.dueOn.trim() ? parseUserDate(s.dueOn) : null });
      }
      notifySuccess(ids.length > 1 ? `Đã giao ${ids.length} nhiệm vụ.` : 'Đã giao nhiệm vụ.');
      navigate(ids.length === 1 ? `tasks/${ids[0]}` : common.directiveId ? `directives/${common.directiveId}` : 'tasks');
    });
  };

  return (
    <Stack maw={1100}>
      <Group justify="space-between">
        <Title order={3}>Giao nhiệm vụ</Title>
        <Button variant="subtle" onClick={() => window.history.back()}>
          ← Quay lại
        </Button>
      </Group>
      {Object.keys(errors).length > 0 && (
        <Alert color="red" role="alert" title={`Chưa giao được: ${Object.keys(errors).length} mục cần sửa`}>
          <Stack gap={2}>
            {cards.length > 1
              ? Object.entries(errors).map(([k, m]) => {
                  const i = cards.findIndex((c) => k.startsWith(`${c.key}.`));
                  return <Text key={k} size="sm">{i >= 0 ? `Nhiệm vụ ${i + 1} – ${m}` : m}</Text>;
                })
              : Object.entries(errors).map(([k, m]) => (
                  <Text key={k} size="sm">
                    {m}
                  </Text>
                ))}
          </Stack>
        </Alert>
      )}
      <Paper withBorder p="md">
        <Stack gap="sm">
          <Select label="Văn bản chỉ đạo (nguồn giao)" data={directiveOptions} value={common.directiveId} onChange={(v) => setCommon({ ...common, directiveId: v })} searchable clearable placeholder="(không theo văn bản nào)" />
          <SimpleGrid cols={4} spacing="sm">
            <Select
              label="Cơ quan giao"
              data={unitOptions}
              value={assignerUnitId}
              onChange={(v) => setCommon({ ...common, assignerUnitId: v, assignerOfficialId: null })}
              searchable
              allowDeselect={false}
              error={errors.assignerUnitId}
            />
            <Select
              label="Lãnh đạo giao"
              data={leaders.map((l) => ({ value: l.official.id, label: `${l.official.fullName} – ${l.title}` }))}
              value={common.assignerOfficialId}
              onChange={(v) => setCommon({ ...common, assignerOfficialId: v })}
              searchable
              clearable
              placeholder={leaders.length ? 'Chọn lãnh đạo' : '(chưa có cán bộ giữ chức vụ)'}
            />
            <TextInput label="Ngày giao" value={common.assignedOn} onChange={(e) => setCommon({ ...common, assignedOn: e.currentTarget.value })} placeholder="dd/mm/yyyy" error={errors.assignedOn} />
            <NumberInput label="Năm kế hoạch" value={common.planYear} onChange={(v) => setCommon({ ...common, planYear: v })} min={1900} max={2100} allowDecimal={false} placeholder="(không thuộc kế hoạch)" />
          </SimpleGrid>
        </Stack>
      </Paper>

      {cards.map((c, i) => (
        <TaskCardForm
          key={c.key}
          index={i}
          count={cards.length}
          card={c}
          registry={registry}
          unitOptions={unitOptions}
          day={day}
          assignedOn={assignedOn}
          calendar={calendar}
          errors={errors}
          onChange={(patch) => update(c.key, patch)}
          onRemove={() => setCards((cs) => cs.filter((x) => x.key !== c.key))}
        />
      ))}
      <ErrorAlert error={action.error} />
      <Group justify="space-between">
        <Button variant="default" onClick={() => setCards((cs) => [...cs, newCard()])}>
          Thêm nhiệm vụ khác
        </Button>
        <Button onClick={submit} loading={action.busy}>
          {cards.length > 1 ? `Giao ${cards.length} nhiệm vụ` : 'Giao nhiệm vụ'}
        </Button>
      </Group>
    </Stack>
  );
}

function TaskCardForm(props: {
  index: number;
  count: number;
  card: TaskCard;
  registry: Registry;
  unitOptions: { value: string; label: string }[];
  day: string;
  assignedOn: string | null;
  calendar: CalendarConfig | undefined;
  errors: FormErrors;
  onChange(patch: Partial<TaskCard>): void;
  onRemove(): void;
}) {
  const { card: c, registry, onChange, day } = props;
  const err = (field: string) => props.errors[`${c.key}.${field}`];
  const responsible = registry.officialsOf(c.leadUnitId, day);
  const deadline = cardDeadline(c, props.assignedOn, props.calendar);
  const officialOptions = responsible.map((r) => ({ value: r.official.id, label: `${r.official.fullName} – ${r.title}` }));
  let resolved = '';
  if (deadline.dueOn && props.assignedOn) {
    const n = workingDaysBetween(props.assignedOn, deadline.dueOn, props.calendar);
    resolved = `hạn: ${formatDate(deadline.dueOn)} (${n} ngày làm việc)`;
    if (deadline.rule?.kind === 'fixed' && deadline.rule.date !== deadline.dueOn) resolved += ` — ngày ${formatDate(deadline.rule.date)} là ngày nghỉ, hạn chuyển sang ngày làm việc kế tiếp`;
  }
  return (
    <Paper withBorder p="md" role="group" aria-label={`Nhiệm vụ ${props.index + 1}`}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Text fw={700}>Nhiệm vụ {props.index + 1}</Text>
          {props.count > 1 && (
            <Button size="compact-sm" variant="subtle" color="red" onClick={props.onRemove}>
              Bỏ nhiệm vụ này
            </Button>
          )}
        </Group>
        <TextInput label="Tên nhiệm vụ" value={c.title} onChange={(e) => onChange({ title: e.currentTarget.value })} required error={err('title')} />
        <Textarea label="Nội dung, yêu cầu" value={c.content} onChange={(e) => onChange({ content: e.currentTarget.value })} autosize minRows={2} maxRows={6} error={err('content')} />
        <TextInput
          label="Sản phẩm (kết quả phải có)"
          description="Ví dụ: Báo cáo gửi UBND xã; Quyết định ban hành quy chế. Khi báo cáo hoàn thành, đơn vị ghi số, ngày văn bản sản phẩm hoặc đính kèm tệp."
          value={c.expectedProduct}
          onChange={(e) => onChange({ expectedProduct: e.currentTarget.value })}
          error={err('expectedProduct')}
        />
        <SimpleGrid cols={3} spacing="sm">
          <Select
            label="Đơn vị chủ trì"
            data={props.unitOptions}
            value={c.leadUnitId}
            onChange={(v) => onChange({ leadUnitId: v, supportUnitIds: c.supportUnitIds.filter((u) => u !== v), responsibleOfficialId: null })}
            searchable
            required
            error={err('leadUnitId')}
          />
          <MultiSelect label="Đơn vị phối hợp" data={props.unitOptions.filter((o) => o.value !== c.leadUnitId)} value={c.supportUnitIds} onChange={(v) => onChange({ supportUnitIds: v })} searchable clearable />
          <Select
            label="Người chịu trách nhiệm"
            data={officialOptions}
            value={c.responsibleOfficialId}
            onChange={(v) => onChange({ responsibleOfficialId: v })}
            searchable
            clearable
            placeholder={!c.leadUnitId ? 'Chọn đơn vị chủ trì trước' : officialOptions.length ? 'Chọn cán bộ của đơn vị chủ trì' : '(đơn vị chưa có cán bộ)'}
            disabled={!c.leadUnitId}
          />
        </SimpleGrid>
        <Group align="flex-end" gap="sm">
          <SegmentedControl
            aria-label="Cách giao thời hạn"
            value={c.mode}
            onChange={(v) => onChange({ mode: v as DeadlineMode })}
            data={[
              { value: 'fixed', label: 'Hạn cụ thể' },
              { value: 'workingDays', label: 'Số ngày làm việc' },
              { value: 'none', label: 'Không có hạn' },
            ]}
          />
          {c.mode === 'fixed' && <TextInput label="Hạn xử lý" value={c.dueOn} onChange={(e) => onChange({ dueOn: e.currentTarget.value })} placeholder="dd/mm/yyyy" w={150} error={err('dueOn') ? true : undefined} />}
          {c.mode === 'workingDays' && <NumberInput label="Số ngày làm việc kể từ ngày giao" value={c.days} onChange={(v) => onChange({ days: v })} min={1} max={3650} allowDecimal={false} w={230} />}
          <Text size="sm" c={deadline.error && (c.mode !== 'fixed' || c.dueOn.trim()) ? 'red' : 'blue.8'} fw={500} pb={8} data-testid="resolved-deadline">
            {c.mode === 'none' ? 'Nhiệm vụ không có thời hạn' : err('dueOn') || resolved || (c.mode === 'fixed' && !c.dueOn.trim() ? '' : deadline.error)}
          </Text>
        </Group>
        <SimpleGrid cols={3} spacing="sm">
          <Select label="Mức độ" data={taskPriorities.map((p) => ({ value: p, label: taskPriorityLabels[p] }))} value={c.priority} onChange={(v) => v && onChange({ priority: v as TaskPriority })} allowDeselect={false} />
          <Select label="Thẩm quyền quyết định" data={authorityLevels.map((l) => ({ value: l, label: authorityLevelLabels[l] }))} value={c.authorityLevel} onChange={(v) => v && onChange({ authorityLevel: v as AuthorityLevel })} allowDeselect={false} />
          <TextInput label="Căn cứ giao nhiệm vụ" value={c.legalBasis} onChange={(e) => onChange({ legalBasis: e.currentTarget.value })} />
        </SimpleGrid>
        <Stack gap={6}>
          <Text size="sm" fw={500}>
            Các bước thực hiện (tùy chọn)
          </Text>
          {c.steps.map((s, j) => (
            <Group key={s.key} gap="xs" align="flex-end" wrap="nowrap">
              <TextInput label={`Bước ${j + 1}`} value={s.title} onChange={(e) => onChange({ steps: c.steps.map((x) => (x.key === s.key ? { ...x, title: e.currentTarget.value } : x)) })} style={{ flex: 2 }} error={err(`${s.key}.title`)} />
              <Select
                label="Người thực hiện"
                data={officialOptions}
                value={s.responsibleOfficialId}
                onChange={(v) => onChange({ steps: c.steps.map((x) => (x.key === s.key ? { ...x, responsibleOfficialId: v } : x)) })}
                clearable
                searchable
                style={{ flex: 1 }}
              />
              <TextInput label="Hạn" placeholder="dd/mm/yyyy" value={s.dueOn} onChange={(e) => onChange({ steps: c.steps.map((x) => (x.key === s.key ? { ...x, dueOn: e.currentTarget.value } : x)) })} w={130} error={err(`${s.key}.dueOn`)} />
              <Button variant="subtle" color="red" onClick={() => onChange({ steps: c.steps.filter((x) => x.key !== s.key) })} aria-label={`Bỏ bước ${j + 1}`}>
                Bỏ
              </Button>
            </Group>
          ))}
          <Button variant="light" size="compact-sm" w="fit-content" onClick={() => onChange({ steps: [...c.steps, { key: newId(), title: '', responsibleOfficialId: null, dueOn: '' }] })}>
            Thêm bước
          </Button>
        </Stack>
      </Stack>
    </Paper>
  );
}

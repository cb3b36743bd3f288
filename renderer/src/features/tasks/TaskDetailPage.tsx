import { useMemo, useState } from 'react';
import { Alert, Badge, Button, Checkbox, Group, Loader, Paper, Progress, SimpleGrid, Stack, Table, Tabs, Text, TextInput, Timeline, Title, UnstyledButton } from '@mantine/core';
import { upwardStatusLabel, upwardStatusOf } from '@shared/consultations';
import { useLinkedToTask } from '../consultations/data/queries';
import { authorityLevelLabels, describeDecision, describeDirective, describeProduct, taskEventTypeLabels, taskPriorityLabels, type DecisionRecord, type TaskEvent } from '@shared/tasks/model';
import { assess, DEFAULT_TASK_SETTINGS, judgedDueOn, onTimeAtLabels, taskStatusLabels } from '@shared/tasks/state';
import { formatUserDate, parseUserDate } from '@shared/text/dates';
import type { AuditEntry } from '../../data/db';
import { navigate } from '../../shell/router';
import { currentDb, writeContext } from '../../state/app';
import { formatDate, formatDateTime } from '../../ui/format';
import { errorMessage, notifyError } from '../../ui/notify';
import { DeadlineBadge } from '../calendar/DeadlineBadge';
import { useCalendarConfig } from '../calendar/config';
import { addStep, updateStep } from './data/commands';
import { useEventAudit, useTaskDetail, useTaskSettings, type TaskDetail } from './data/queries';
import { AttachmentList } from './components/Attachments';
import { CategoryBadge } from './components/CategoryBadge';
import { ActionModal, type ActionKind } from './components/ActionModal';
import { describeChange } from './components/history';
import { Fact } from './DirectivesPage';
import { currentTaskActor, useCan, useRegistry, useSiteScope, useTaskActor, useToday, type Registry } from './context';
import { onBehalfLine, type OnBehalfRecord } from '@shared/acting';
import { canOfferTaskOnBehalf } from '@shared/tasks/authority';
import { useOnBehalfContext } from '../acting/queries';
import { ScrollTable } from '../../ui/TableParts';

/** One task (#/tasks/<id>): facts, steps, the actions this account may take, progress and history. */
export function TaskDetailPage({ taskId }: { taskId: string }) {
  const detail = useTaskDetail(taskId);
  const registry = useRegistry();
  const settings = useTaskSettings() ?? DEFAULT_TASK_SETTINGS;
  const calendar = useCalendarConfig();
  const today = useToday();
  const can = useCan(detail?.state);
  const actor = useTaskActor();
  const site = useSiteScope();
  const onBehalfCtx = useOnBehalfContext();
  const [action, setAction] = useState<ActionKind | null>(null);

  if (detail === undefined || !registry) return <Loader />;
  if (detail === null) return <Alert color="red">Không tìm thấy nhiệm vụ.</Alert>;
  const { task, state } = detail;
  const a = assess(state, today, settings, calendar);
  const judged = judgedDueOn(state, settings);
  const open = state.status === 'active' || state.status === 'paused';

  const leadActions: [ActionKind, string][] = [
    ['progress', 'Báo cáo tiến độ'],
    ['requestExtension', 'Xin gia hạn'],
    ['complete', 'Báo cáo hoàn thành'],
  ];
  const assignerActions: [ActionKind, string][] = [
    ['acceptCompletion', 'Xác nhận hoàn thành'],
    ['returnCompletion', 'Trả lại, yêu cầu bổ sung'],
    ['decideExtension', 'Quyết định gia hạn'],
    ['reassign', 'Điều chỉnh đơn vị chủ trì'],
    ['pause', 'Tạm dừng'],
    ['resume', 'Tiếp tục thực hiện'],
    ['cancel', 'Hủy nhiệm vụ'],
    ['reopen', 'Mở lại nhiệm vụ'],
  ];
  const actionOf: Record<ActionKind, Parameters<typeof can>[0]> = {
    progress: 'reportProgress',
    requestExtension: 'requestExtension',
    complete: 'complete',
    contribute: 'contribute',
    decideExtension: 'decideExtension',
    acceptCompletion: 'acceptCompletion',
    returnCompletion: 'returnCompletion',
    reassign: 'reassign',
    pause: 'pause',
    resume: 'resume',
    cancel: 'cancel',
    reopen: 'reopen',
  };
  // The coordinating office's clerk may record a paper report on behalf of a unit with no site of its own (nhập thay).
  const offeredOnBehalf = (k: ActionKind): boolean => {
    if (!site || !onBehalfCtx || (k !== 'progress' && k !== 'complete' && k !== 'contribute')) return false;
    const units = k === 'contribute' ? state.supportUnitIds : [state.leadUnitId];
    return units.some((u) => canOfferTaskOnBehalf(actor, site, actionOf[k], state, onBehalfCtx, { unitId: u }).allowed);
  };
  const offered = [...leadActions, ['contribute', 'Gửi ý kiến phối hợp'] as [ActionKind, string], ...assignerActions].filter(([k]) => can(actionOf[k]).allowed || offeredOnBehalf(k));
  // A support unit sees why the lead unit's actions are not offered to it.
  const supportNote = can('contribute').allowed && !can('complete').allowed ? can('complete') : null;

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Button variant="subtle" size="compact-sm" onClick={() => navigate('tasks')} w="fit-content">
            ← Danh sách nhiệm vụ
          </Button>
          <Title order={3}>{task.title}</Title>
          <Group gap="xs">
            <CategoryBadge category={a.category} status={state.status} size="md" />
            {open && judged && <DeadlineBadge dueOn={judged} asOf={today} soonWithin={settings.dueSoonWorkingDays} size="md" />}
            {state.status !== 'active' && state.status !== 'awaitingAcceptance' && (
              <Badge color="gray" size="md" tt="none">
                {taskStatusLabels[state.status]}
              </Badge>
            )}
            {state.pendingExtension && (
              <Badge color="yellow" size="md" tt="none">
                Đang xin gia hạn
              </Badge>
            )}
            {task.priority !== 'normal' && (
              <Badge color={task.priority === 'urgent' ? 'red' : 'orange'} size="md" tt="none">
                {taskPriorityLabels[task.priority]}
              </Badge>
            )}
          </Group>
        </Stack>
        <Stack gap={4} align="flex-end" miw={200}>
          <Text size="xs" c="dimmed">
            Tiến độ
          </Text>
          <Group gap="xs" wrap="nowrap">
            <Progress value={state.percent} w={140} aria-label="Tiến độ" />
            <Text fw={700}>{state.percent}%</Text>
          </Group>
        </Stack>
      </Group>

      {offered.length > 0 && (
        <Group gap="xs" aria-label="Thao tác">
          {offered.map(([k, label]) => (
            <Button
              key={k}
              size="sm"
              variant={k === 'complete' || k === 'decideExtension' || k === 'acceptCompletion' ? 'filled' : 'light'}
              color={k === 'cancel' ? 'red' : k === 'returnCompletion' ? 'orange' : undefined}
              onClick={() => setAction(k)}
            >
              {label}
            </Button>
          ))}
        </Group>
      )}
      {supportNote && !supportNote.allowed && (
        <Alert color="gray" variant="light" p="xs">
          <Text size="sm">Đơn vị của bạn là đơn vị phối hợp. {supportNote.reason}</Text>
        </Alert>
      )}
      {state.pendingCompletion && (
        <Alert color={a.acceptanceLate ? 'red' : 'blue'} variant="light" title="Chờ cơ quan giao xác nhận hoàn thành" p="sm">
          Ngày {formatDate(state.pendingCompletion.reportedOn)}, đơn vị chủ trì báo cáo hoàn thành (ngày hoàn thành {formatDate(state.pendingCompletion.completedOn)}).{' '}
          {a.acceptanceDueOn && (a.acceptanceLate ? `Cơ quan giao chậm xác nhận: hạn xác nhận là ${formatDate(a.acceptanceDueOn)}.` : `Hạn xác nhận: ${formatDate(a.acceptanceDueOn)} (${settings.acceptanceWorkingDays} ngày làm việc).`)}{' '}
          Đúng hạn được tính {onTimeAtLabels[settings.onTimeAt].toLowerCase()}.
        </Alert>
      )}
      {state.pendingExtension && (
        <Alert color="yellow" variant="light" title="Đề nghị gia hạn đang chờ quyết định" p="sm">
          Ngày {formatDate(state.pendingExtension.requestedOn)}, đơn vị chủ trì đề nghị gia hạn đến {formatDate(state.pendingExtension.proposedDueOn)}. Lý do: {state.pendingExtension.reason}
        </Alert>
      )}

      <Paper withBorder p="sm">
        <SimpleGrid cols={4} spacing="xs" verticalSpacing="xs">
          <Fact label="Đơn vị chủ trì" value={registry.unitName(state.leadUnitId)} />
          <Fact label="Người chịu trách nhiệm" value={state.responsibleOfficialId ? registry.officialName(state.responsibleOfficialId) : '—'} />
          <Fact label="Đơn vị phối hợp" value={state.supportUnitIds.length ? state.supportUnitIds.map((u) => registry.unitName(u)).join('; ') : '—'} />
          <Fact label="Cơ quan giao" value={`${registry.unitName(task.assignerUnitId)}${task.assignerOfficialId ? ` (${registry.officialName(task.assignerOfficialId)})` : ''}`} />
          <Fact label="Ngày giao" value={formatDate(task.assignedOn)} />
          <Fact label="Hạn ban đầu" value={state.originalDueOn ? formatDate(state.originalDueOn) : 'Không có hạn'} />
          <Fact
            label="Hạn hiện tại"
            value={state.effectiveDueOn ? `${formatDate(state.effectiveDueOn)}${state.deadlineHistory.length ? ` (gia hạn ${state.deadlineHistory.length} lần)` : ''}` : 'Không có hạn'}
          />
          <Fact label="Ngày hoàn thành" value={state.completedOn ? `${formatDate(state.completedOn)}${state.status === 'completed' && state.acceptedOn && state.acceptedOn !== state.completedOn ? ` (xác nhận ${formatDate(state.acceptedOn)})` : ''}` : '—'} />
          <Fact label="Sản phẩm yêu cầu" value={task.expectedProduct || '—'} />
          <Fact label="Sản phẩm đã có" value={deliveredProduct(detail) || '—'} />
          <Fact label="Năm kế hoạch" value={task.planYear ?? '—'} />
          <Fact label="Thẩm quyền" value={authorityLevelLabels[task.authorityLevel]} />
          <Fact label="Căn cứ" value={task.legalBasis || '—'} />
          <Fact
            label="Văn bản chỉ đạo"
            value={
              detail.directive ? (
                <Text size="sm" c="blue" style={{ cursor: 'pointer' }} lineClamp={2} onClick={() => navigate(`directives/${detail.directive!.id}`)}>
                  {describeDirective(detail.directive)}
                </Text>
              ) : (
                '—'
              )
            }
          />
        </SimpleGrid>
        {task.content && (
          <Text size="sm" mt="xs" style={{ whiteSpace: 'pre-wrap' }}>
            {task.content}
          </Text>
        )}
        {state.leadHistory.length > 0 && (
          <Text size="xs" c="dimmed" mt="xs">
            Đã điều chỉnh đơn vị chủ trì:{' '}
            {state.leadHistory.map((h) => `${formatDate(h.on)} từ ${registry.unitName(h.fromUnitId)} sang ${registry.unitName(h.toUnitId)} (${h.reason})`).join('; ')}
          </Text>
        )}
      </Paper>

      <Steps detail={detail} registry={registry} canManage={can('manageSteps').allowed} today={today} />

      <LinkedMatters taskId={task.id} registry={registry} today={today} />

      <Tabs defaultValue="progress" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="progress">Tiến độ ({detail.events.length})</Tabs.Tab>
          <Tabs.Tab value="history">Lịch sử</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="progress" pt="sm">
          <Events events={detail.events} registry={registry} />
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="sm">
          <History detail={detail} registry={registry} />
        </Tabs.Panel>
      </Tabs>

      <ActionModal kind={action} detail={detail} registry={registry} onClose={() => setAction(null)} />
    </Stack>
  );
}

/** The deciding leader and decision document of an event, or "". */
function decisionLine(e: DecisionRecord, r: Registry): string {
  return describeDecision(e, e.decidedByOfficialId ? r.officialName(e.decidedByOfficialId) : null);
}

/** The product named by the latest completion report that is not returned (accepted or pending). */
export function deliveredProduct(detail: Pick<TaskDetail, 'events' | 'state'>): string {
  if (detail.state.status !== 'completed' && detail.state.status !== 'awaitingAcceptance') return '';
  const last = [...detail.events].reverse().find((e) => e.type === 'completion');
  return last && last.type === 'completion' ? describeProduct(last) : '';
}

/** "\nVăn thư … nhập thay, theo …." for a report typed from the unit's paper document; "" otherwise. */
function onBehalfSuffix(e: { onBehalf?: OnBehalfRecord }): string {
  return e.onBehalf ? `\n${onBehalfLine(e.onBehalf)}.` : '';
}

export function eventText(e: TaskEvent, r: Registry): string {
  const withDecision = (text: string, d: DecisionRecord) => {
    const line = decisionLine(d, r);
    return line ? `${text}\n${line}.` : text;
  };
  switch (e.type) {
    case 'progress':
      return `Đạt ${e.percent}%. ${e.text}${onBehalfSuffix(e)}`;
    case 'contribution':
      return `${r.unitName(e.unitId)}: ${e.text}${onBehalfSuffix(e)}`;
    case 'extensionRequest':
      return `Đề nghị gia hạn đến ${formatDate(e.proposedDueOn)}. Lý do: ${e.reason}`;
    case 'extensionDecision':
      return withDecision(e.accepted ? `Đồng ý gia hạn đến ${formatDate(e.newDueOn)}.${e.note ? ` ${e.note}` : ''}` : `Không đồng ý gia hạn. ${e.note}`, e);
    case 'completion': {
      const product = describeProduct(e);
      return `Hoàn thành ngày ${formatDate(e.completedOn)}${e.reportNumber ? ` (báo cáo số ${e.reportNumber})` : ''}. ${e.resultText}${product ? `\nSản phẩm: ${product}.` : ''}${onBehalfSuffix(e)}`;
    }
    case 'completionAcceptance':
      return withDecision(`Cơ quan giao xác nhận hoàn thành.${e.note ? ` ${e.note}` : ''}`, e);
    case 'completionReturn':
      return withDecision(`Trả lại, yêu cầu bổ sung. Lý do: ${e.reason}`, e);
    case 'reassignment':
      return withDecision(`Giao cho ${r.unitName(e.newLeadUnitId)} chủ trì${e.newResponsibleOfficialId ? `, ${r.officialName(e.newResponsibleOfficialId)} chịu trách nhiệm` : ''}. Lý do: ${e.reason}`, e);
    case 'cancel':
      return withDecision(`Lý do: ${e.reason}`, e);
    case 'pause':
    case 'reopen':
      return `Lý do: ${e.reason}`;
    case 'resume':
      return e.reason ? `Ghi chú: ${e.reason}` : '';
    default:
      return '';
  }
}

function Events({ events, registry }: { events: TaskEvent[]; registry: Registry }) {
  if (events.length === 0) return <Text c="dimmed" size="sm">Chưa có báo cáo, ý kiến hay quyết định nào.</Text>;
  return (
    <Timeline bulletSize={14} lineWidth={2} active={events.length}>
      {[...events].reverse().map((e) => (
        <Timeline.Item key={e.id} title={<Text size="sm" fw={600}>{taskEventTypeLabels[e.type]}</Text>}>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {eventText(e, registry)}
          </Text>
          {'attachments' in e && e.attachments.length > 0 && <AttachmentList items={e.attachments} />}
          <Text size="xs" c="dimmed">
            {formatDate(e.on)} · {e.actorAccount}
            {e.actorOfficialId ? ` · ${registry.officialName(e.actorOfficialId)}` : ''}
          </Text>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}

/** Every change to the task, its steps and its events, from the hash-chained audit log. */
function History({ detail, registry }: { detail: TaskDetail; registry: Registry }) {
  const eventEntries = useEventAudit(detail.events);
  const entries: AuditEntry[] = useMemo(() => {
    // Entries of one transaction share their record's seq; each has its own id.
    const byId = new Map<string, AuditEntry>();
    for (const e of [...detail.history, ...(eventEntries ?? [])]) byId.set(e.id, e);
    return [...byId.values()].sort((a, b) => b.seq - a.seq || (a.id < b.id ? 1 : -1));
  }, [detail.history, eventEntries]);
  if (!eventEntries) return <Loader size="sm" />;
  return (
    <ScrollTable mah={420} columns={[{ label: 'Thời điểm', w: 130 }, { label: 'Người thực hiện', w: 190 }, { label: 'Thao tác', w: 190 }, 'Nội dung thay đổi (trước → sau)']} striped withTableBorder verticalSpacing={4} fz="sm" aria-label="Lịch sử thay đổi">
      {entries.map((e) => (
        <Table.Tr key={e.id}>
          <Table.Td>{formatDateTime(e.at)}</Table.Td>
          <Table.Td>{e.actor}</Table.Td>
          <Table.Td>{e.action}</Table.Td>
          <Table.Td>
            {describeChange(e, registry).map((line, i) => (
              <Text key={i} size="xs">
                {line}
              </Text>
            ))}
          </Table.Td>
        </Table.Tr>
      ))}
    </ScrollTable>
  );
}

function Steps({ detail, registry, canManage, today }: { detail: TaskDetail; registry: Registry; canManage: boolean; today: string }) {
  const [draft, setDraft] = useState<{ title: string; dueOn: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (detail.steps.length === 0 && !canManage) return null;
  const toggle = async (id: string, done: boolean) => {
    try {
      await updateStep(currentDb(), writeContext(), currentTaskActor(), id, { done });
    } catch (e) {
      notifyError(e);
    }
  };
  const add = async () => {
    if (!draft) return;
    const dueOn = draft.dueOn.trim() ? parseUserDate(draft.dueOn) : null;
    if (draft.dueOn.trim() && !dueOn) return setError('Hạn của bước không hợp lệ (dạng dd/mm/yyyy).');
    try {
      await addStep(currentDb(), writeContext(), currentTaskActor(), { taskId: detail.task.id, title: draft.title, responsibleOfficialId: null, dueOn });
      setDraft(null);
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <Paper withBorder p="sm">
      <Group justify="space-between" mb={4}>
        <Text fw={600} size="sm">
          Các bước thực hiện
        </Text>
        {canManage && !draft && (
          <Button size="compact-xs" variant="light" onClick={() => setDraft({ title: '', dueOn: formatUserDate(today) })}>
            Thêm bước
          </Button>
        )}
      </Group>
      <Stack gap={4}>
        {detail.steps.map((s) => (
          <Group key={s.id} gap="xs" wrap="nowrap">
            <Checkbox checked={s.done} disabled={!canManage} onChange={(e) => void toggle(s.id, e.currentTarget.checked)} aria-label={`Đã xong: ${s.title}`} />
            <Text size="sm" td={s.done ? 'line-through' : undefined} style={{ flex: 1 }}>
              {s.title}
            </Text>
            <Text size="xs" c="dimmed">
              {s.responsibleOfficialId ? registry.officialName(s.responsibleOfficialId) : ''}
              {s.dueOn ? ` · hạn ${formatDate(s.dueOn)}` : ''}
            </Text>
          </Group>
        ))}
        {detail.steps.length === 0 && !draft && (
          <Text size="xs" c="dimmed">
            Chưa chia bước.
          </Text>
        )}
        {draft && (
          <Group gap="xs" align="flex-end">
            <TextInput label="Tên bước" value={draft.title} onChange={(e) => setDraft({ ...draft, title: e.currentTarget.value })} style={{ flex: 1 }} />
            <TextInput label="Hạn" value={draft.dueOn} onChange={(e) => setDraft({ ...draft, dueOn: e.currentTarget.value })} w={130} />
            <Button onClick={add}>Lưu bước</Button>
            <Button variant="default" onClick={() => { setDraft(null); setError(null); }}>
              Hủy
            </Button>
          </Group>
        )}
        {error && (
          <Text c="red" size="sm" role="alert">
            {error}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

/** Consultations and requests upward linked to this task, and the way to start one from here. */
function LinkedMatters({ taskId, registry, today }: { taskId: string; registry: Registry; today: string }) {
  const linked = useLinkedToTask(taskId);
  const calendar = useCalendarConfig();
  if (!linked) return null;
  const none = linked.consultations.length === 0 && linked.upward.length === 0;
  return (
    <Paper withBorder p="sm" aria-label="Lấy ý kiến, trình cấp trên liên quan">
      <Group justify="space-between" mb={4}>
        <Text fw={600} size="sm">
          Lấy ý kiến, trình cấp trên liên quan
        </Text>
        <Group gap="xs">
          <Button size="compact-xs" variant="light" onClick={() => navigate(`consultations/new/${taskId}`)}>
            Lấy ý kiến
          </Button>
          <Button size="compact-xs" variant="light" onClick={() => navigate(`consultations/upward/new/${taskId}`)}>
            Trình cấp trên
          </Button>
        </Group>
      </Group>
      {none && (
        <Text size="xs" c="dimmed">
          Chưa có đợt lấy ý kiến hay đề nghị nào gắn với nhiệm vụ này.
        </Text>
      )}
      <Stack gap={2}>
        {linked.upward.map((r) => (
          <UnstyledButton key={r.id} onClick={() => navigate(`consultations/upward/${r.id}`)}>
            <Text size="sm">
              <Text span c="blue">
                Trình cấp trên: {r.subject}
              </Text>{' '}
              <Text span size="xs" c="dimmed">
                · {registry.unitName(r.fromUnitId)} · ngày {formatDate(r.requestedOn)} · {upwardStatusLabel(upwardStatusOf(r, linked.answers, today, calendar))}
              </Text>
            </Text>
          </UnstyledButton>
        ))}
        {linked.consultations.map((c) => (
          <UnstyledButton key={c.id} onClick={() => navigate(`consultations/${c.id}`)}>
            <Text size="sm">
              <Text span c="blue">
                Lấy ý kiến: {c.subject}
              </Text>{' '}
              <Text span size="xs" c="dimmed">
                · {registry.unitName(c.requesterUnitId)} · hạn trả lời {formatDate(c.dueOn)}
              </Text>
            </Text>
          </UnstyledButton>
        ))}
      </Stack>
    </Paper>
  );
}

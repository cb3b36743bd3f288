import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Group, Modal, NumberInput, Radio, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { describeProduct, type AttachmentRef } from '@shared/tasks/model';
import { formatUserDate, parseUserDate, userDateProblem } from '@shared/text/dates';
import { isUnitValidOn } from '@shared/registries/units';
import { currentDb, writeContext } from '../../../state/app';
import { formatDate } from '../../../ui/format';
import { AppError } from '@shared/errors';
import { FormActions } from '../../../ui/FormActions';
import { notifyError } from '../../../ui/notify';
import { useAction } from '../../../ui/useAction';
import {
  acceptCompletion,
  addContribution,
  cancelTask,
  completeTask,
  decideExtension,
  returnCompletion,
  pauseTask,
  reassignTask,
  reopenTask,
  reportProgress,
  requestExtension,
  resumeTask,
} from '../data/commands';
import type { TaskDetail } from '../data/queries';
import { currentTaskActor, useSiteScope, useTaskActor, useToday, type Registry } from '../context';
import { AttachmentList, attachFile } from './Attachments';
import { canOfferTaskOnBehalf, canPerform, type TaskAction } from '@shared/tasks/authority';
import { useOnBehalfContext } from '../../acting/queries';
import { onBehalfLine } from '@shared/acting';
import { EMPTY_ON_BEHALF, OnBehalfFields, onBehalfDocument, onBehalfProblems, type OnBehalfForm } from '../../acting/OnBehalfFields';

export type ActionKind = 'progress' | 'requestExtension' | 'complete' | 'contribute' | 'decideExtension' | 'acceptCompletion' | 'returnCompletion' | 'reassign' | 'pause' | 'resume' | 'cancel' | 'reopen';

/** Actions whose form records the deciding leader and, optionally, the decision document. */
const DECISIONS: readonly ActionKind[] = ['decideExtension', 'acceptCompletion', 'returnCompletion', 'reassign', 'cancel'];

const TITLES: Record<ActionKind, string> = {
  progress: 'Báo cáo tiến độ',
  requestExtension: 'Đề nghị gia hạn',
  complete: 'Báo cáo hoàn thành',
  contribute: 'Gửi ý kiến phối hợp',
  decideExtension: 'Quyết định gia hạn',
  acceptCompletion: 'Xác nhận hoàn thành',
  returnCompletion: 'Trả lại, yêu cầu bổ sung',
  reassign: 'Điều chỉnh đơn vị chủ trì',
  pause: 'Tạm dừng nhiệm vụ',
  resume: 'Tiếp tục thực hiện nhiệm vụ',
  cancel: 'Hủy nhiệm vụ',
  reopen: 'Mở lại nhiệm vụ',
};

const DONE: Record<ActionKind, string> = {
  progress: 'Đã ghi báo cáo tiến độ.',
  requestExtension: 'Đã gửi đề nghị gia hạn.',
  complete: 'Đã ghi báo cáo hoàn thành.',
  contribute: 'Đã gửi ý kiến phối hợp.',
  decideExtension: 'Đã ghi quyết định gia hạn.',
  acceptCompletion: 'Đã xác nhận hoàn thành nhiệm vụ.',
  returnCompletion: 'Đã trả lại báo cáo hoàn thành, yêu cầu bổ sung.',
  reassign: 'Đã điều chỉnh đơn vị chủ trì.',
  pause: 'Đã tạm dừng nhiệm vụ.',
  resume: 'Nhiệm vụ tiếp tục thực hiện.',
  cancel: 'Đã hủy nhiệm vụ.',
  reopen: 'Đã mở lại nhiệm vụ.',
};

interface Form {
  percent: number | string;
  text: string;
  reason: string;
  date: string;
  reportNumber: string;
  accepted: 'yes' | 'no';
  unitId: string | null;
  officialId: string | null;
  attachments: AttachmentRef[];
  product: string;
  productNumber: string;
  productDate: string;
  deciderId: string | null;
  decisionNumber: string;
  decisionDate: string;
  /** Recording on behalf of a unit with no site of its own (the coordinating office's clerk only). */
  onBehalf: OnBehalfForm;
}

/** The actions a clerk may record on behalf of a unit, by the rule's name. */
const ON_BEHALF_KINDS: Partial<Record<ActionKind, TaskAction>> = { progress: 'reportProgress', complete: 'complete', contribute: 'contribute' };

/** The form of one task action; the command re-checks authority and status when it runs. */
/** A date or unit the form's checks did not catch (they name the missing field first). */
const incomplete = () => new AppError('invalid-input', 'Dữ liệu chưa đầy đủ.');

export function ActionModal({ kind, detail, registry, onClose }: { kind: ActionKind | null; detail: TaskDetail; registry: Registry; onClose: () => void }) {
  const today = useToday();
  const actor = useTaskActor();
  const site = useSiteScope();
  const { state, task } = detail;
  const [form, setForm] = useState<Form | null>(null);
  const action = useAction();
  const setError = action.setError;

  // Support units this account speaks for (usually one: its own).
  const mySupportUnits = useMemo(
    () => state.supportUnitIds.filter((u) => actor.unitId === u || (site?.actsForUnitIds ?? []).includes(u)),
    [state.supportUnitIds, actor.unitId, site],
  );
  // "Nhập thay": offered only to the coordinating office's clerk, for units with no site of their own.
  const onBehalfCtx = useOnBehalfContext();
  const onBehalfAction = kind ? ON_BEHALF_KINDS[kind] : undefined;
  const onBehalfUnits = useMemo(() => {
    if (!onBehalfAction || !site || !onBehalfCtx) return [];
    const candidates = onBehalfAction === 'contribute' ? state.supportUnitIds : [state.leadUnitId];
    return candidates.filter((u) => canOfferTaskOnBehalf(actor, site, onBehalfAction, state, onBehalfCtx, { unitId: u }).allowed);
  }, [onBehalfAction, site, onBehalfCtx, state, actor]);
  const directAllowed = !!onBehalfAction && !!site && (onBehalfAction === 'contribute' ? mySupportUnits.length > 0 : canPerform(actor, site, onBehalfAction, state).allowed);

  useEffect(() => {
    if (!kind) return;
    setError(null);
    setForm({
      percent: state.percent,
      text: '',
      reason: '',
      date: kind === 'complete' ? formatUserDate(today) : kind === 'decideExtension' && state.pendingExtension ? formatUserDate(state.pendingExtension.proposedDueOn) : '',
      reportNumber: '',
      accepted: 'yes',
      unitId: kind === 'contribute' ? (mySupportUnits[0] ?? onBehalfUnits[0] ?? null) : null,
      officialId: null,
      attachments: [],
      product: task.expectedProduct ?? '',
      productNumber: '',
      productDate: '',
      deciderId: task.assignerOfficialId,
      decisionNumber: '',
      decisionDate: '',
      onBehalf: { ...EMPTY_ON_BEHALF, on: !directAllowed && onBehalfUnits.length > 0 },
    });
    // Reset only when a form opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [kind]);

  if (!kind || !form) return null;
  const set = (patch: Partial<Form>) => setForm({ ...form, ...patch });
  const date = () => {
    const d = parseUserDate(form.date);
    if (!d) throw incomplete();
    return d;
  };
  const optionalDate = (text: string) => (text.trim() ? parseUserDate(text) : null);

  /** Every problem of the form at once, each naming its field. */
  const problems = (): string[] => {
    const out: string[] = [];
    const dateLabel = kind === 'requestExtension' ? 'Đề nghị gia hạn đến ngày' : kind === 'complete' ? 'Ngày hoàn thành' : 'Thời hạn mới';
    if (kind === 'requestExtension' || kind === 'complete' || (kind === 'decideExtension' && form.accepted === 'yes')) {
      const p = userDateProblem(dateLabel, form.date);
      if (p) out.push(p);
    }
    if (kind === 'complete' && form.productDate.trim()) {
      const p = userDateProblem('Ngày văn bản sản phẩm', form.productDate);
      if (p) out.push(p);
    }
    if (kind && DECISIONS.includes(kind) && form.decisionDate.trim()) {
      const p = userDateProblem('Ngày văn bản quyết định', form.decisionDate);
      if (p) out.push(p);
    }
    if ((kind === 'progress' || kind === 'contribute' || kind === 'complete') && !form.text.trim()) out.push(kind === 'complete' ? 'Kết quả thực hiện: chưa nhập.' : 'Nội dung: chưa nhập.');
    if ((kind === 'requestExtension' || kind === 'pause' || kind === 'cancel' || kind === 'reopen' || kind === 'returnCompletion' || kind === 'reassign') && !form.reason.trim()) out.push('Lý do: chưa nhập.');
    if (kind === 'decideExtension' && form.accepted === 'no' && !form.reason.trim()) out.push('Lý do không đồng ý: chưa nhập.');
    if (kind === 'reassign' && !form.unitId) out.push('Đơn vị chủ trì mới: chưa chọn.');
    out.push(...onBehalfProblems(form.onBehalf));
    return out;
  };
  const decision = () => ({ decidedByOfficialId: form.deciderId, decisionNumber: form.decisionNumber, decisionDate: optionalDate(form.decisionDate) });

  const submit = async () => {
    const db = currentDb();
    const ctx = writeContext();
    const a = currentTaskActor();
    const id = task.id;
    const found = problems();
    if (found.length) return setError(found.join('\n'));
    await action.run(async () => {
      switch (kind) {
        case 'progress':
          await reportProgress(db, ctx, a, id, { percent: Number(form.percent), text: form.text, attachments: form.attachments, onBehalf: onBehalfDocument(form.onBehalf) });
          break;
        case 'contribute':
          if (!form.unitId) throw incomplete();
          await addContribution(db, ctx, a, id, { unitId: form.unitId, text: form.text, attachments: form.attachments, onBehalf: onBehalfDocument(form.onBehalf) });
          break;
        case 'requestExtension':
          await requestExtension(db, ctx, a, id, { reason: form.reason, proposedDueOn: date() });
          break;
        case 'complete':
          await completeTask(db, ctx, a, id, {
            resultText: form.text,
            reportNumber: form.reportNumber,
            completedOn: date(),
            attachments: form.attachments,
            product: form.product,
            productNumber: form.productNumber,
            productDate: optionalDate(form.productDate),
            onBehalf: onBehalfDocument(form.onBehalf),
          });
          break;
        case 'decideExtension':
          await decideExtension(db, ctx, a, id, form.accepted === 'yes' ? { accepted: true, newDueOn: date(), note: form.reason, ...decision() } : { accepted: false, note: form.reason, ...decision() });
          break;
        case 'acceptCompletion':
          await acceptCompletion(db, ctx, a, id, { note: form.reason, ...decision() });
          break;
        case 'returnCompletion':
          await returnCompletion(db, ctx, a, id, { reason: form.reason, ...decision() });
          break;
        case 'reassign':
          if (!form.unitId) throw incomplete();
          await reassignTask(db, ctx, a, id, { newLeadUnitId: form.unitId, newResponsibleOfficialId: form.officialId, reason: form.reason, ...decision() });
          break;
        case 'pause':
          await pauseTask(db, ctx, a, id, { reason: form.reason });
          break;
        case 'resume':
          await resumeTask(db, ctx, a, id, { reason: form.reason });
          break;
        case 'cancel':
          await cancelTask(db, ctx, a, id, { reason: form.reason, ...decision() });
          break;
        case 'reopen':
          await reopenTask(db, ctx, a, id, { reason: form.reason });
          break;
      }
    }, { success: DONE[kind], then: onClose });
  };

  const attach = async () => {
    try {
      const f = await attachFile('Chọn tệp đính kèm');
      if (f) set({ attachments: [...form.attachments, f] });
    } catch (e) {
      notifyError(e, 'Không đính kèm được tệp');
    }
  };

  const unitOptions = registry.units.filter((u) => isUnitValidOn(u, today) && u.id !== state.leadUnitId).map((u) => ({ value: u.id, label: u.name }));
  const officials = registry.officialsOf(form.unitId, today).map((o) => ({ value: o.official.id, label: `${o.official.fullName} – ${o.title}` }));
  // Leaders of the assigning authority first; any official may be named (a deputy acting for the Chair).
  const leaderIds = new Set(registry.officialsOf(state.assignerUnitId, today).map((o) => o.official.id));
  const deciders = [
    ...registry.officialsOf(state.assignerUnitId, today).map((o) => ({ value: o.official.id, label: `${o.official.fullName} – ${o.title}` })),
    ...registry.officials.filter((o) => o.active && !leaderIds.has(o.id)).map((o) => ({ value: o.id, label: o.fullName })),
  ];
  const pending = state.pendingCompletion ? detail.events.find((e) => e.id === state.pendingCompletion!.reportId) : undefined;
  const withFiles = kind === 'progress' || kind === 'complete' || kind === 'contribute';
  // Contribution: the units of the chosen way (the account's own, or those recorded on behalf).
  const contributionUnits = form.onBehalf.on ? onBehalfUnits : mySupportUnits;
  const setOnBehalf = (next: OnBehalfForm) => {
    set({ onBehalf: next, ...(kind === 'contribute' && next.on !== form.onBehalf.on ? { unitId: (next.on ? onBehalfUnits : mySupportUnits)[0] ?? null } : {}) });
    // The message was about the paper document the clerk is now correcting.
    setError(null);
  };

  return (
    <Modal opened onClose={onClose} title={TITLES[kind]} size="lg">
      <Stack>
        <Text size="sm" c="dimmed" lineClamp={2}>
          {task.title}
        </Text>
        {onBehalfUnits.length > 0 && (
          <OnBehalfFields
            value={form.onBehalf}
            onChange={setOnBehalf}
            unitName={registry.unitName(kind === 'contribute' ? (form.onBehalf.on ? form.unitId : onBehalfUnits[0]) : state.leadUnitId)}
            forced={!directAllowed}
          />
        )}
        {kind === 'progress' && (
          <>
            <NumberInput label="Tiến độ đạt được (%)" value={form.percent} onChange={(v) => set({ percent: v })} min={0} max={100} allowDecimal={false} w={200} />
            <Textarea label="Nội dung báo cáo" value={form.text} onChange={(e) => set({ text: e.currentTarget.value })} autosize minRows={3} required />
          </>
        )}
        {kind === 'contribute' && (
          <>
            {contributionUnits.length > 1 && (
              <Select label="Ý kiến của đơn vị" data={contributionUnits.map((u) => ({ value: u, label: registry.unitName(u) }))} value={form.unitId} onChange={(v) => set({ unitId: v })} allowDeselect={false} />
            )}
            <Textarea label="Nội dung phối hợp" value={form.text} onChange={(e) => set({ text: e.currentTarget.value })} autosize minRows={3} required />
          </>
        )}
        {kind === 'requestExtension' && (
          <>
            <Text size="sm">Hạn hiện tại: {state.effectiveDueOn ? formatDate(state.effectiveDueOn) : 'không có hạn'}</Text>
            <TextInput label="Đề nghị gia hạn đến ngày" value={form.date} onChange={(e) => set({ date: e.currentTarget.value })} placeholder="dd/mm/yyyy" w={220} />
            <Textarea label="Lý do xin gia hạn" value={form.reason} onChange={(e) => set({ reason: e.currentTarget.value })} autosize minRows={2} required />
          </>
        )}
        {kind === 'complete' && (
          <>
            <Textarea label="Kết quả thực hiện" value={form.text} onChange={(e) => set({ text: e.currentTarget.value })} autosize minRows={3} required />
            <Group grow>
              <TextInput label="Số văn bản báo cáo" value={form.reportNumber} onChange={(e) => set({ reportNumber: e.currentTarget.value })} placeholder="125/BC-PKT" />
              <TextInput label="Ngày hoàn thành" value={form.date} onChange={(e) => set({ date: e.currentTarget.value })} placeholder="dd/mm/yyyy" />
            </Group>
            <TextInput
              label="Sản phẩm đã có"
              description={task.expectedProduct ? `Sản phẩm yêu cầu: ${task.expectedProduct}` : 'Ví dụ: Quyết định ban hành quy chế, Báo cáo gửi UBND xã'}
              value={form.product}
              onChange={(e) => set({ product: e.currentTarget.value })}
            />
            <Group grow>
              <TextInput label="Số văn bản sản phẩm" value={form.productNumber} onChange={(e) => set({ productNumber: e.currentTarget.value })} placeholder="35/QĐ-UBND" />
              <TextInput label="Ngày văn bản sản phẩm" value={form.productDate} onChange={(e) => set({ productDate: e.currentTarget.value })} placeholder="dd/mm/yyyy" />
            </Group>
            <Text size="xs" c="dimmed">
              Ghi số và ngày văn bản sản phẩm, hoặc đính kèm tệp sản phẩm. Báo cáo hoàn thành chờ cơ quan giao nhiệm vụ xác nhận.
            </Text>
          </>
        )}
        {(kind === 'acceptCompletion' || kind === 'returnCompletion') && pending?.type === 'completion' && (
          <Alert color="blue" variant="light" p="xs">
            Đơn vị báo cáo hoàn thành ngày {formatDate(pending.completedOn)}
            {pending.reportNumber ? ` (báo cáo số ${pending.reportNumber})` : ''}. Sản phẩm: {describeProduct(pending) || '—'}. Kết quả: {pending.resultText}
            {pending.onBehalf ? ` (${onBehalfLine(pending.onBehalf)}.)` : ''}
          </Alert>
        )}
        {kind === 'acceptCompletion' && <Textarea label="Ghi chú" value={form.reason} onChange={(e) => set({ reason: e.currentTarget.value })} autosize minRows={2} />}
        {kind === 'returnCompletion' && (
          <Textarea label="Lý do trả lại, nội dung yêu cầu bổ sung" value={form.reason} onChange={(e) => set({ reason: e.currentTarget.value })} autosize minRows={2} required />
        )}
        {kind === 'decideExtension' && state.pendingExtension && (
          <>
            <Alert color="yellow" variant="light" p="xs">
              Đề nghị gia hạn từ {state.effectiveDueOn ? formatDate(state.effectiveDueOn) : '—'} đến {formatDate(state.pendingExtension.proposedDueOn)}. Lý do: {state.pendingExtension.reason}
            </Alert>
            <Radio.Group label="Quyết định" value={form.accepted} onChange={(v) => set({ accepted: v as 'yes' | 'no' })}>
              <Group mt={4}>
                <Radio value="yes" label="Đồng ý gia hạn" />
                <Radio value="no" label="Không đồng ý" />
              </Group>
            </Radio.Group>
            {form.accepted === 'yes' && <TextInput label="Thời hạn mới" value={form.date} onChange={(e) => set({ date: e.currentTarget.value })} placeholder="dd/mm/yyyy" w={220} />}
            <Textarea label={form.accepted === 'yes' ? 'Ghi chú' : 'Lý do không đồng ý'} value={form.reason} onChange={(e) => set({ reason: e.currentTarget.value })} autosize minRows={2} required={form.accepted === 'no'} />
          </>
        )}
        {kind === 'reassign' && (
          <>
            <Text size="sm">Đơn vị chủ trì hiện tại: {registry.unitName(state.leadUnitId)}</Text>
            <Select label="Đơn vị chủ trì mới" data={unitOptions} value={form.unitId} onChange={(v) => set({ unitId: v, officialId: null })} searchable />
            <Select label="Người chịu trách nhiệm mới" data={officials} value={form.officialId} onChange={(v) => set({ officialId: v })} searchable clearable disabled={!form.unitId} />
            <Textarea label="Lý do điều chỉnh" value={form.reason} onChange={(e) => set({ reason: e.currentTarget.value })} autosize minRows={2} required />
          </>
        )}
        {(kind === 'pause' || kind === 'cancel' || kind === 'reopen' || kind === 'resume') && (
          <Textarea label={kind === 'resume' ? 'Ghi chú' : 'Lý do'} value={form.reason} onChange={(e) => set({ reason: e.currentTarget.value })} autosize minRows={2} required={kind !== 'resume'} />
        )}
        {DECISIONS.includes(kind) && (
          <>
            <Select
              label="Lãnh đạo quyết định"
              description="Người có thẩm quyền đã quyết định (không phải người nhập)."
              data={deciders}
              value={form.deciderId}
              onChange={(v) => set({ deciderId: v })}
              searchable
              clearable
            />
            <Group grow>
              <TextInput label="Số văn bản quyết định (nếu có)" value={form.decisionNumber} onChange={(e) => set({ decisionNumber: e.currentTarget.value })} placeholder="12/QĐ-UBND" />
              <TextInput label="Ngày văn bản quyết định" value={form.decisionDate} onChange={(e) => set({ decisionDate: e.currentTarget.value })} placeholder="dd/mm/yyyy" />
            </Group>
          </>
        )}
        {withFiles && (
          <Group gap="sm">
            <Button variant="default" size="xs" onClick={attach}>
              Đính kèm tệp
            </Button>
            <AttachmentList items={form.attachments} onRemove={(i) => set({ attachments: form.attachments.filter((_, j) => j !== i) })} />
          </Group>
        )}
        <FormActions error={action.error} onCancel={onClose} onSubmit={submit} busy={action.busy} color={kind === 'cancel' ? 'red' : undefined} submitLabel="Ghi nhận" />
      </Stack>
    </Modal>
  );
}

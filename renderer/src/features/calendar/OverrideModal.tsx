import { useState } from 'react';
import { Alert, Button, Group, Modal, Radio, Stack, Text, Textarea } from '@mantine/core';
import { dayKind, formatDateVi, formatLunarVi, type CalendarConfig, type CalendarOverrideKind } from '@shared/calendar';
import { currentDb, writeContext } from '../../state/app';
import { useAction } from '../../ui/useAction';
import { currentActor } from '../registries/useActor';
import { baseIsWorking, OVERRIDE_KIND_LABELS, removeCalendarOverride, saveCalendarOverride } from './commands';

interface Props {
  date: string;
  config: CalendarConfig;
  onClose: () => void;
}

/** Add, change or remove the installation's override on one day. */
export function OverrideModal({ date, config, onClose }: Props) {
  const existing = config.overrides.find((o) => o.date === date);
  const baseWorking = baseIsWorking(config, date);
  const allowedKind: CalendarOverrideKind = baseWorking ? 'dayOff' : 'workday';
  // The parent keys this modal by date, so the form starts afresh for each day.
  const [kind, setKind] = useState<CalendarOverrideKind>(existing?.kind ?? allowedKind);
  const [note, setNote] = useState(existing?.note ?? '');
  const { busy, error, setError, run: runAction } = useAction();

  const withoutOverride: CalendarConfig = { overrides: config.overrides.filter((o) => o.date !== date) };
  const base = dayKind(date, withoutOverride);
  const baseText = base.working
    ? base.kind
      ? `Ngày làm việc (${base.labels.join('; ')})`
      : 'Ngày làm việc'
    : `Ngày nghỉ (${base.labels.join('; ')})`;

  const run = (fn: () => Promise<void>, done: string) => runAction(fn, { success: done, then: onClose });
  const save = () => run(() => saveCalendarOverride(currentDb(), writeContext(), currentActor(), { date, kind, note }), `Đã lưu điều chỉnh ngày ${formatDateVi(date)}.`);
  const remove = () => run(() => removeCalendarOverride(currentDb(), writeContext(), currentActor(), date), `Đã bỏ điều chỉnh ngày ${formatDateVi(date)}.`);

  return (
    <Modal opened onClose={onClose} title={`Điều chỉnh ngày ${base.weekday.toLowerCase()}, ${formatDateVi(date)}`} size="md">
      <Stack gap="sm">
        <Text size="sm">Âm lịch: {formatLunarVi(base.lunar)}</Text>
        <Text size="sm">
          Theo lịch chung: <b>{baseText}</b>
        </Text>
        <Radio.Group label="Loại điều chỉnh" value={kind} onChange={(v) => {
          setKind(v as CalendarOverrideKind);
          setError(null);
        }}>
          <Stack gap={6} mt={6}>
            <Radio value="dayOff" label={OVERRIDE_KIND_LABELS.dayOff} description={baseWorking ? 'Cơ quan nghỉ vào ngày làm việc này' : 'Ngày này đã là ngày nghỉ'} disabled={!baseWorking} />
            <Radio value="workday" label={OVERRIDE_KIND_LABELS.workday} description={baseWorking ? 'Ngày này đã là ngày làm việc' : 'Cơ quan đi làm vào ngày nghỉ này'} disabled={baseWorking} />
          </Stack>
        </Radio.Group>
        <Textarea label="Lý do" description="Ví dụ: lễ hội truyền thống của địa phương, bầu cử, làm bù theo quyết định của Chủ tịch" value={note} onChange={(e) => {
            setNote(e.currentTarget.value);
            setError(null);
          }} maxLength={200} autosize minRows={2} required data-autofocus />
        {error && <Alert color="red">{error}</Alert>}
        <Group justify="space-between">
          {existing ? (
            <Button variant="light" color="gray" onClick={remove} loading={busy}>
              Bỏ điều chỉnh
            </Button>
          ) : (
            <span />
          )}
          <Group gap="xs">
            <Button variant="default" onClick={onClose}>
              Đóng
            </Button>
            <Button onClick={save} loading={busy}>
              Lưu
            </Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}

/**
 * The explicit "Nhập thay" choice of the action dialogs (shared/acting.ts): shown only to the
 * coordinating office's clerk, for a unit with no site of its own, with the paper document the
 * unit's reply or report came on. The command checks the same rule again before writing.
 */
import { Checkbox, Group, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { onBehalfDocumentKindLabels, onBehalfDocumentKinds, onBehalfNote, describeSourceDocument, type OnBehalfDocument, type OnBehalfDocumentKind } from '@shared/acting';
import { parseUserDate, userDateProblem } from '@shared/text/dates';
import { useAppState } from '../../state/app';

export interface OnBehalfForm {
  /** Recording on behalf (always true when the account cannot record for the unit itself). */
  on: boolean;
  kind: OnBehalfDocumentKind;
  number: string;
  /** dd/mm/yyyy as typed. */
  date: string;
}

export const EMPTY_ON_BEHALF: OnBehalfForm = { on: false, kind: 'officialLetter', number: '', date: '' };

/** Every problem of the paper-document fields, each naming its field; [] when recording directly. */
export function onBehalfProblems(f: OnBehalfForm): string[] {
  if (!f.on) return [];
  const out: string[] = [];
  if (!f.number.trim()) out.push('Theo văn bản số: chưa nhập số, ký hiệu của văn bản giấy đã nhận.');
  const p = userDateProblem('Ngày của văn bản giấy', f.date);
  if (p) out.push(p);
  return out;
}

/** The document for the command, or undefined when recording directly (call after onBehalfProblems). */
export function onBehalfDocument(f: OnBehalfForm): OnBehalfDocument | undefined {
  if (!f.on) return undefined;
  const date = parseUserDate(f.date);
  return date ? { documentKind: f.kind, documentNumber: f.number, documentDate: date } : undefined;
}

export function OnBehalfFields(props: {
  value: OnBehalfForm;
  onChange(next: OnBehalfForm): void;
  /** The unit the record is for, by name. */
  unitName: string;
  /** True when the account cannot record for the unit itself: the choice is shown ticked and fixed (the caller starts with `on: true`). */
  forced: boolean;
}) {
  const { value: f, onChange, unitName, forced } = props;
  const displayName = useAppState((s) => s.session?.account.displayName ?? '');
  const set = (patch: Partial<OnBehalfForm>) => onChange({ ...f, ...patch });
  const date = f.date.trim() ? parseUserDate(f.date) : null;
  const preview = f.on && f.number.trim() && date ? onBehalfNote(displayName, describeSourceDocument({ documentKind: f.kind, documentNumber: f.number, documentDate: date })) : null;
  return (
    <Stack gap="xs">
      <Checkbox
        label="Nhập thay cho đơn vị (theo văn bản giấy)"
        description={forced ? `${unitName} không có máy Đôn Đốc riêng: văn thư nhập thay theo văn bản giấy đơn vị đã gửi.` : undefined}
        checked={f.on}
        disabled={forced}
        onChange={(e) => set({ on: e.currentTarget.checked })}
        // Fixed, not unavailable: keep it as readable as the rest of the form.
        styles={forced ? { label: { color: 'var(--mantine-color-text)', fontWeight: 600 }, description: { color: 'var(--mantine-color-dimmed)' } } : undefined}
      />
      {f.on && (
        <Paper withBorder p="xs" bg="orange.0" role="group" aria-label="Văn bản giấy nhập thay">
          <Stack gap={6}>
            <Text size="sm">
              Đơn vị: <b>{unitName}</b>
            </Text>
            <Group align="flex-start" wrap="nowrap" gap="sm">
              <Select
                label="Loại văn bản"
                data={onBehalfDocumentKinds.map((k) => ({ value: k, label: onBehalfDocumentKindLabels[k] }))}
                value={f.kind}
                onChange={(v) => v && set({ kind: v as OnBehalfDocumentKind })}
                allowDeselect={false}
                w={140}
              />
              <TextInput label="Theo văn bản số" placeholder="15/BC-VHXH" value={f.number} onChange={(e) => set({ number: e.currentTarget.value })} required style={{ flex: 1 }} />
              <TextInput label="Ngày văn bản" placeholder="dd/mm/yyyy" value={f.date} onChange={(e) => set({ date: e.currentTarget.value })} required w={150} />
            </Group>
            {preview && (
              <Text size="xs" c="dimmed">
                Sẽ ghi: {preview}
              </Text>
            )}
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}

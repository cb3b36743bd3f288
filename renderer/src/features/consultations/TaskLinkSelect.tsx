import { useMemo } from 'react';
import { Select } from '@mantine/core';
import { useTaskIndexRows } from '../tasks/data/queries';

/** "Nhiệm vụ liên quan": links a consultation or a request upward to a task; it then shows on the task. */
export function TaskLinkSelect({ value, onChange }: { value: string | null; onChange(taskId: string | null): void }) {
  const rows = useTaskIndexRows();
  const options = useMemo(
    () =>
      (rows ?? [])
        .filter((r) => r.open === 1 || r.id === value)
        .map((r) => ({ value: r.id, label: r.directiveRef ? `${r.title} (văn bản ${r.directiveRef})` : r.title }))
        .sort((a, b) => a.label.localeCompare(b.label, 'vi')),
    [rows, value],
  );
  return (
    <Select
      label="Nhiệm vụ liên quan (nếu có)"
      placeholder="(không gắn với nhiệm vụ nào)"
      data={options}
      value={value}
      onChange={onChange}
      searchable
      clearable
      limit={200}
      nothingFoundMessage="Không có nhiệm vụ đang thực hiện phù hợp"
    />
  );
}

import type { ReactNode } from 'react';
import { Button, Group, Table, Text, TextInput } from '@mantine/core';

/** A registry's tools for the administrator: the Excel template, import, export, and adding one record. */
export function RegistryToolbar(props: { onTemplate(): void; onImport(): void; onExport(): void; onAdd(): void; addLabel: string }) {
  return (
    <Group gap="xs">
      <Button variant="default" onClick={props.onTemplate}>
        Tải tệp mẫu
      </Button>
      <Button variant="default" onClick={props.onImport}>
        Nhập từ Excel
      </Button>
      <Button variant="default" onClick={props.onExport}>
        Xuất Excel
      </Button>
      <Button onClick={props.onAdd}>{props.addLabel}</Button>
    </Group>
  );
}

/** The registry's search box (accent-insensitive) and how many records it shows of how many. */
export function RegistrySearch(props: { query: string; onQuery(query: string): void; placeholder: string; label: string; shown: number; total: number; noun: string }) {
  return (
    <>
      <TextInput placeholder={props.placeholder} value={props.query} onChange={(e) => props.onQuery(e.currentTarget.value)} aria-label={props.label} />
      <Text size="sm" c="dimmed">
        {props.shown} / {props.total} {props.noun}
      </Text>
    </>
  );
}

/** The header of the EditCell column. */
export const EDIT_COLUMN = { label: '', w: 70 };

/** A row's "Sửa" cell; its accessible name says which record it edits. */
export function EditCell({ name, onEdit }: { name: string; onEdit(): void }) {
  return (
    <Table.Td>
      <Button size="compact-xs" variant="subtle" onClick={onEdit} aria-label={`Sửa ${name}`}>
        Sửa
      </Button>
    </Table.Td>
  );
}

/** The one row of a table with nothing to show, saying why. */
export function EmptyRow({ colSpan, children }: { colSpan: number; children: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Td colSpan={colSpan}>
        <Text c="dimmed" ta="center" py="md">
          {children}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}

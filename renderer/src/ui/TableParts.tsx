import type { ReactNode } from 'react';
import { ScrollArea, Table, Text, type TableProps } from '@mantine/core';

/** A column of TableHead: its label ('' for a column of row actions) and, if fixed, its width. */
export type HeadColumn = string | { label: string; w: number };

/** A plain table's header row. */
export function TableHead({ columns }: { columns: HeadColumn[] }) {
  return (
    <Table.Thead>
      <Table.Tr>
        {columns.map((c, i) => (typeof c === 'string' ? <Table.Th key={i}>{c}</Table.Th> : <Table.Th key={i} w={c.w}>{c.label}</Table.Th>))}
      </Table.Tr>
    </Table.Thead>
  );
}

/** A cell with a name and, under it, a smaller dimmed line (a role, an id). */
export function NameCell({ name, detail }: { name: ReactNode; detail: ReactNode }) {
  return (
    <Table.Td>
      {name}
      <Text size="xs" c="dimmed">
        {detail}
      </Text>
    </Table.Td>
  );
}

/**
 * A table that scrolls within `mah` (a dialog's list, a history), its header row staying on top
 * of the rows (`children`); other props go to the table.
 */
export function ScrollTable({ mah, columns, children, ...table }: { mah: number | string; columns: HeadColumn[]; children: ReactNode } & Omit<TableProps, 'children'>) {
  return (
    <ScrollArea.Autosize mah={mah}>
      <Table {...table}>
        <TableHead columns={columns} />
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </ScrollArea.Autosize>
  );
}

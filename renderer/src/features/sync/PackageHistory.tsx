import type { ReactNode } from 'react';
import { Paper, Table, Title } from '@mantine/core';
import { TableHead, type HeadColumn } from '../../ui/TableParts';

/** The packages this site exported or imported lately, newest first: one table row each (`children`). */
export function PackageHistory({ title, columns, children }: { title: string; columns: HeadColumn[]; children: ReactNode }) {
  return (
    <Paper withBorder p="md">
      <Title order={5} mb="xs">
        {title}
      </Title>
      <Table>
        <TableHead columns={columns} />
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </Paper>
  );
}

import { Table, Text } from '@mantine/core';
import { TableHead } from '../../../ui/TableParts';

/** A key fingerprint, large enough to read aloud over the phone. */
export function Fingerprint({ value, size = 'xl' }: { value: string; size?: 'md' | 'xl' }) {
  return (
    <Text ff="monospace" fw={700} size={size} style={{ letterSpacing: 2 }} aria-label="Dấu vân tay">
      {value}
    </Text>
  );
}

export interface SiteFingerprint {
  siteId: string;
  name: string;
  role: 'coordinator' | 'unit';
  fingerprint: string;
}

const roleLabel = (role: SiteFingerprint['role']) => (role === 'coordinator' ? 'Văn phòng điều phối' : 'Đơn vị');

/** The sites of a registry with their roles and fingerprints; `thisSiteId` is marked "(máy này)". */
export function SiteFingerprintTable({ sites, thisSiteId }: { sites: SiteFingerprint[]; thisSiteId?: string }) {
  return (
    <Table striped>
      <TableHead columns={['Máy', 'Vai trò', 'Dấu vân tay']} />
      <Table.Tbody>
        {sites.map((s) => (
          <Table.Tr key={s.siteId}>
            <Table.Td>
              {s.name}
              {s.siteId === thisSiteId ? ' (máy này)' : ''}
            </Table.Td>
            <Table.Td>{roleLabel(s.role)}</Table.Td>
            <Table.Td>
              <Fingerprint value={s.fingerprint} size="md" />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

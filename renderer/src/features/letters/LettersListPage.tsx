import { useMemo, useState } from 'react';
import { Button, Group, Loader, Stack, Tabs, Text, TextInput, Title } from '@mantine/core';
import { formatLetterNumber, letterKinds } from '@shared/letters/model';
import { makeSearchIndex } from '@shared/text/search';
import { navigate } from '../../shell/router';
import { formatDate } from '../../ui/format';
import { openLetterEditor } from './open';
import { useLetters, type LetterRow } from './queries';
import { statusBadge } from './status';
import { VirtualTable, type Column } from '../../ui/VirtualTable';

const columns: Column<LetterRow>[] = [
  { header: 'Loại', width: '110px', cell: (r) => letterKinds[r.letter.kind].label },
  {
    header: 'Số, ký hiệu',
    width: '150px',
    cell: (r) => (r.number !== null ? formatLetterNumber(r.number, r.letter.symbol).replace('Số: ', '') : <Text c="dimmed" size="sm">{`…/${r.letter.symbol}`}</Text>),
  },
  { header: 'Ngày', width: '100px', cell: (r) => formatDate(r.letter.date) },
  {
    header: 'Trích yếu',
    width: 'minmax(0, 3fr)',
    cell: (r) => (
      <Text size="sm" lineClamp={2} title={r.letter.subject || undefined}>
        {r.letter.subject || '(chưa có trích yếu)'}
      </Text>
    ),
  },
  {
    header: 'Kính gửi',
    width: 'minmax(0, 2fr)',
    cell: (r) => (
      <Text size="sm" lineClamp={2} title={r.letter.recipients.join('; ')}>
        {r.letter.recipients.join('; ')}
      </Text>
    ),
  },
  { header: 'Trạng thái', width: '130px', cell: (r) => statusBadge(r.status) },
];

export function LettersListPage() {
  const letters = useLetters();
  const [tab, setTab] = useState<'draft' | 'issued'>('draft');
  const [query, setQuery] = useState('');
  const search = useMemo(
    () => makeSearchIndex(letters ?? [], (r) => `${r.letter.subject} ${r.letter.symbol} ${r.number ?? ''} ${r.letter.recipients.join(' ')} ${r.letter.signature.name} ${letterKinds[r.letter.kind].label}`),
    [letters],
  );
  if (!letters) return <Loader />;
  const drafts = letters.filter((l) => l.status === 'draft').length;
  const shown = search(query).filter((l) => (tab === 'draft' ? l.status === 'draft' : l.status !== 'draft'));
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={3}>Dự thảo và văn bản đã phát hành</Title>
        <Button onClick={() => navigate('letters')}>Soạn văn bản mới</Button>
      </Group>
      <Group justify="space-between">
        <Tabs value={tab} onChange={(v) => setTab(v === 'issued' ? 'issued' : 'draft')}>
          <Tabs.List>
            <Tabs.Tab value="draft">Dự thảo ({drafts})</Tabs.Tab>
            <Tabs.Tab value="issued">Đã phát hành ({letters.length - drafts})</Tabs.Tab>
          </Tabs.List>
        </Tabs>
        <Group gap="sm">
          <TextInput aria-label="Tìm văn bản" placeholder="Tìm theo trích yếu, ký hiệu, nơi nhận…" w={320} value={query} onChange={(e) => setQuery(e.currentTarget.value)} />
          <Text size="sm" c="dimmed">
            {shown.length} văn bản
          </Text>
        </Group>
      </Group>
      <VirtualTable
        rows={shown}
        columns={columns}
        rowKey={(r) => r.id}
        rowHeight={52}
        height="calc(100dvh - 250px)"
        label={tab === 'draft' ? 'Danh sách dự thảo' : 'Danh sách văn bản đã phát hành'}
        empty={tab === 'draft' ? 'Chưa có dự thảo nào.' : 'Chưa phát hành văn bản nào.'}
        onRowClick={(r) => openLetterEditor(r.id)}
      />
    </Stack>
  );
}

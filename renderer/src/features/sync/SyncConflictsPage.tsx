import { useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { Badge, Box, Button, Group, Loader, Paper, SegmentedControl, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { currentDb, useAppState, writeContext } from '../../state/app';
import { formatDateTime } from '../../ui/format';
import { notifyError, notifySuccess } from '../../ui/notify';
import { useOrganisation } from '../registries/queries';
import { chooseOtherValue, dismissConflict, type ConflictSide as Side } from './data/conflicts';
import { entityLabels, fieldLabel, formatValue, hlcTime, versionSite } from './labels';
import { useConflictItems, useSiteNames } from './queries';
import { assignsWork } from '@shared/roles';

function SideView({ title, side, siteName, tone }: { title: string; side: Side; siteName: (id: string) => string; tone: 'green' | 'gray' }) {
  return (
    <Paper withBorder p="xs" bg={tone === 'green' ? 'green.0' : undefined}>
      <Text size="xs" c="dimmed">
        {title}
      </Text>
      <Text fw={600}>{formatValue(side.value)}</Text>
      <Text size="xs" c="dimmed">
        {side.actor ? `${side.actor}, ` : ''}
        {siteName(versionSite(side.version))}, lúc {formatDateTime(hlcTime(side.version))}
      </Text>
    </Paper>
  );
}

export function SyncConflictsPage() {
  const role = useAppState((s) => s.session?.account.role);
  const org = useOrganisation();
  const siteName = useSiteNames(org?.authorityName ?? 'Máy này');
  const [tab, setTab] = useState<'open' | 'closed'>('open');
  const items = useConflictItems(tab);
  const parent = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count: items?.length ?? 0, getScrollElement: () => parent.current, estimateSize: () => 150, overscan: 4 });
  if (!items || !org) return <Loader />;
  const canResolve = assignsWork(role);

  const choose = async (id: string) => {
    try {
      await chooseOtherValue(currentDb(), writeContext(), id);
      notifySuccess('Đã chọn giá trị còn lại; thay đổi sẽ được gửi đi trong gói sau.');
    } catch (e) {
      notifyError(e);
    }
  };
  const keep = async (id: string) => {
    try {
      await dismissConflict(currentDb(), writeContext(), id);
    } catch (e) {
      notifyError(e);
    }
  };

  return (
    <Stack maw={1100} h="calc(100vh - 110px)">
      <Group justify="space-between">
        <Title order={3}>Xung đột dữ liệu</Title>
        <SegmentedControl
          value={tab}
          onChange={(v) => setTab(v as 'open' | 'closed')}
          data={[
            { value: 'open', label: 'Chưa xử lý' },
            { value: 'closed', label: 'Đã xử lý' },
          ]}
        />
      </Group>
      <Text size="sm" c="dimmed">
        Một trường được sửa ở hai nơi mà nơi này chưa biết thay đổi của nơi kia. Mọi máy đều tự chọn cùng một giá trị (thay đổi sau cùng); giá trị còn lại được giữ ở đây để xem xét. Chọn giá trị còn lại tạo
        một thay đổi mới và gửi đi như mọi thay đổi khác.
      </Text>
      {items.length === 0 ? (
        <Text c="dimmed">{tab === 'open' ? 'Không có xung đột nào cần xem xét.' : 'Chưa có xung đột nào được xử lý.'}</Text>
      ) : (
        <Box ref={parent} style={{ flex: 1, overflow: 'auto' }} role="list" aria-label="Danh sách xung đột">
          <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
            {virtual.getVirtualItems().map((v) => {
              const it = items[v.index];
              const c = it.conflict;
              return (
                <div key={c.id} ref={virtual.measureElement} data-index={v.index} role="listitem" style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${v.start}px)`, paddingBottom: 8 }}>
                  <Paper withBorder p="sm">
                    <Group justify="space-between" mb={6}>
                      <Text size="sm">
                        <b>{entityLabels[c.entity]}</b> «{it.record}» — trường <b>{fieldLabel(c.field)}</b>
                      </Text>
                      {c.status === 'open' ? (
                        <Text size="xs" c="dimmed">
                          Phát hiện lúc {formatDateTime(c.detectedAt)}
                        </Text>
                      ) : (
                        <Badge tt="none" variant="light" color={c.status === 'resolved' ? 'blue' : 'gray'}>
                          {c.status === 'resolved' ? 'Đã chọn giá trị còn lại' : 'Giữ giá trị đang dùng'} — {c.resolvedBy}, {formatDateTime(c.resolvedAt)}
                        </Badge>
                      )}
                    </Group>
                    <SimpleGrid cols={2}>
                      <SideView title="Giá trị đang dùng" side={it.winner} siteName={siteName} tone="green" />
                      <SideView title="Giá trị còn lại" side={it.loser} siteName={siteName} tone="gray" />
                    </SimpleGrid>
                    {c.status === 'open' && canResolve && (
                      <Group justify="flex-end" mt={6}>
                        <Button size="xs" variant="default" onClick={() => keep(c.id)}>
                          Giữ giá trị đang dùng
                        </Button>
                        <Button size="xs" onClick={() => choose(c.id)}>
                          Chọn giá trị còn lại
                        </Button>
                      </Group>
                    )}
                  </Paper>
                </div>
              );
            })}
          </div>
        </Box>
      )}
    </Stack>
  );
}

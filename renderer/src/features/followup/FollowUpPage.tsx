import { useMemo, useState } from 'react';
import { Alert, Badge, Box, Button, Group, Loader, Paper, SegmentedControl, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { stepActionLabels, stepDoneLabels, type FollowUpEntry, type UnitGroup } from '@shared/followup';
import { formatDate } from '../../ui/format';
import { useAppState } from '../../state/app';
import { useOrganisation } from '../registries/queries';
import { useToday } from '../../ui/useToday';
import { usePendingLongest } from '../tasks/data/dashboards';
import { VirtualTable, type Column } from '../../ui/VirtualTable';
import { canFollowUp, useFollowUpCentre, type FollowUpCentre } from './data';
import { BatchModal, ChairReportModal, UnitLetterModal } from './modals';
import { installDailyNotice } from './startupNotice';

// The start-up notice lives with the feature; importing the route installs it once.
installDailyNotice();

type View = 'units' | 'pending';

export function FollowUpPage(_props: { subPath: string }) {
  const today = useToday();
  const centre = useFollowUpCentre(today);
  const org = useOrganisation();
  const role = useAppState((s) => s.session?.account.role ?? 'unitStaff');
  const unitId = useAppState((s) => s.session?.account.unitId ?? null);
  const [view, setView] = useState<View>('units');
  const [selected, setSelected] = useState<string | null>(null);
  const [letterFor, setLetterFor] = useState<string | null>(null);
  const [batchOpen, setBatchOpen] = useState(false);
  const [reportOpen, setReportOpen] = useState(false);

  if (!centre || !org) return <Loader />;
  const permission = canFollowUp({ role, unitId }, org);
  const totals = centre.groups.reduce(
    (acc, g) => ({ overdue: acc.overdue + g.overdue, acceptanceLate: acc.acceptanceLate + g.acceptanceLate, dueSoon: acc.dueSoon + g.dueSoon, units: acc.units + (g.remindersDue > 0 ? 1 : 0) }),
    { overdue: 0, acceptanceLate: 0, dueSoon: 0, units: 0 },
  );
  const group = centre.groups.find((g) => g.unitId === selected) ?? centre.groups[0] ?? null;

  return (
    <Stack gap="sm" h="calc(100dvh - 52px - 2 * var(--mantine-spacing-md))">
      <Group justify="space-between" wrap="nowrap">
        <Group gap="sm" align="baseline">
          <Title order={3}>Đôn đốc thực hiện nhiệm vụ</Title>
          <Text c="dimmed">tính đến ngày {formatDate(today)}</Text>
        </Group>
        <Group gap="xs">
          <Button variant="default" disabled={!permission.allowed || centre.reportsDue.length === 0} onClick={() => setReportOpen(true)} title={permission.allowed ? undefined : permission.reason}>
            Báo cáo Chủ tịch ({centre.reportsDue.length})
          </Button>
          <Button color="red.8" disabled={!permission.allowed || totals.overdue + totals.acceptanceLate === 0} onClick={() => setBatchOpen(true)} title={permission.allowed ? undefined : permission.reason}>
            Đôn đốc hàng loạt
          </Button>
        </Group>
      </Group>
      <SimpleGrid cols={4} spacing="sm">
        <Stat label="Nhiệm vụ quá hạn" value={totals.overdue} color="red.8" />
        <Stat label="Sắp đến hạn" value={totals.dueSoon} color="orange.8" />
        <Stat label="Đơn vị cần đôn đốc hôm nay" value={totals.units} color="blue.8" />
        <Stat label="Cần báo cáo Chủ tịch" value={centre.reportsDue.length} color="grape.8" />
      </SimpleGrid>
      {!permission.allowed && (
        <Alert color="gray" py={6}>
          {permission.reason}
        </Alert>
      )}
      <SegmentedControl
        w="fit-content"
        aria-label="Cách xem"
        value={view}
        onChange={(v) => setView(v as View)}
        data={[
          { value: 'units', label: 'Theo đơn vị chủ trì' },
          { value: 'pending', label: 'Tồn đọng lâu nhất' },
        ]}
      />
      {view === 'units' ? (
        centre.groups.length === 0 ? (
          <Paper withBorder p="md">
            <Text c="dimmed">Không có nhiệm vụ quá hạn hoặc sắp đến hạn.</Text>
          </Paper>
        ) : (
          <Box style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 4fr) minmax(0, 8fr)', gap: 12, flex: 1, minHeight: 0 }}>
            <UnitList centre={centre} selected={group?.unitId ?? null} onSelect={setSelected} />
            {group && <UnitTasks centre={centre} group={group} canAct={permission.allowed} onLetter={() => setLetterFor(group.unitId)} />}
          </Box>
        )
      ) : (
        <PendingLongest centre={centre} today={today} />
      )}
      {letterFor && <UnitLetterModal centre={centre} unitId={letterFor} onClose={() => setLetterFor(null)} />}
      {batchOpen && <BatchModal centre={centre} onClose={() => setBatchOpen(false)} />}
      {reportOpen && <ChairReportModal centre={centre} onClose={() => setReportOpen(false)} />}
    </Stack>
  );
}

function Stat({ label, value, color }: { label: string; value: number; color: string }) {
  return (
    <Paper withBorder p="xs" px="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="xl" c={value > 0 ? color : 'dimmed'} aria-label={label}>
        {value.toLocaleString('vi-VN')}
      </Text>
    </Paper>
  );
}

function UnitList({ centre, selected, onSelect }: { centre: FollowUpCentre; selected: string | null; onSelect(id: string): void }) {
  const columns: Column<UnitGroup>[] = [
    {
      header: 'Đơn vị',
      width: 'minmax(0, 1fr)',
      cell: (g) => (
        <Stack gap={0} miw={0}>
          <Text size="sm" truncate title={centre.unitName(g.unitId)}>
            {centre.unitName(g.unitId)}
          </Text>
          <Text size="xs" c={g.remindersDue > 0 ? 'blue.8' : g.reportsDue > 0 ? 'grape.8' : 'dimmed'}>
            {g.remindersDue > 0 ? `Cần đôn đốc ${g.remindersDue} nhiệm vụ` : g.reportsDue > 0 ? `Cần báo cáo Chủ tịch ${g.reportsDue} nhiệm vụ` : 'Đã đôn đốc, chờ bước tiếp theo'}
          </Text>
        </Stack>
      ),
    },
    { header: 'Quá hạn', width: '68px', cell: (g) => <Text size="sm" fw={g.overdue ? 700 : 400} c={g.overdue ? 'red.8' : 'dimmed'}>{g.overdue}</Text> },
    { header: 'Sắp hạn', width: '68px', cell: (g) => <Text size="sm" c={g.dueSoon ? 'orange.8' : 'dimmed'}>{g.dueSoon}</Text> },
    {
      header: 'Chậm xác nhận',
      width: '84px',
      cell: (g) => (
        <Text size="sm" fw={g.acceptanceLate ? 700 : 400} c={g.acceptanceLate ? 'grape.8' : 'dimmed'} title="Nhiệm vụ đơn vị chủ trì đã báo cáo hoàn thành, đơn vị này là cơ quan giao chưa xác nhận quá thời hạn">
          {g.acceptanceLate}
        </Text>
      ),
    },
  ];
  return (
    <Stack gap={4} mih={0}>
      <Text size="sm" c="dimmed">
        {centre.groups.length} đơn vị có nhiệm vụ quá hạn, sắp đến hạn hoặc chậm xác nhận hoàn thành
      </Text>
      <VirtualTable
        rows={centre.groups}
        columns={columns}
        rowKey={(g) => g.unitId}
        rowHeight={48}
        height="calc(100dvh - 400px)"
        label="Đơn vị cần đôn đốc"
        empty="Không có đơn vị nào."
        onRowClick={(g) => onSelect(g.unitId)}
        rowStyle={(g) => (g.unitId === selected ? { background: 'var(--mantine-color-blue-0)', fontWeight: 600 } : undefined)}
      />
    </Stack>
  );
}

function statusOf(e: FollowUpEntry): React.ReactNode {
  if (e.kind === 'overdue') return <Text size="sm" c="red.8">Quá hạn {e.overdueDays} ngày</Text>;
  if (e.kind === 'acceptanceLate')
    return (
      <Text size="sm" c="grape.8" lh={1.2} title={`Cơ quan giao chậm xác nhận hoàn thành ${e.overdueDays} ngày`}>
        Chậm xác nhận {e.overdueDays} ngày
      </Text>
    );
  return <Text size="sm" c="orange.8">{e.remainingWorkingDays === 0 ? 'Hạn cuối hôm nay' : `Còn ${e.remainingWorkingDays} ngày làm việc`}</Text>;
}

function ladderOf(e: FollowUpEntry): React.ReactNode {
  const last = e.escalation.last;
  return (
    <Stack gap={0}>
      <Text size="sm" fw={last ? 600 : 400} c={last ? undefined : 'dimmed'}>
        {last ? stepDoneLabels[e.escalation.reached ?? last.step] : 'Chưa đôn đốc'}
      </Text>
      {last && (
        <Text size="xs" c="dimmed">
          {last.number !== null ? `Số ${String(last.number).padStart(2, '0')}/${last.symbol}, ` : ''}
          {formatDate(last.date)}
        </Text>
      )}
    </Stack>
  );
}

function nextOf(e: FollowUpEntry): React.ReactNode {
  if (!e.next) return <Text size="xs" c="dimmed">{e.escalation.reportedToChair ? 'Chờ Chủ tịch chỉ đạo' : 'Chờ đến hạn'}</Text>;
  if (e.dueToday) return <Badge size="sm" variant="light" color={e.next.step === 'reportToChair' ? 'grape' : 'blue'}>{stepActionLabels[e.next.step]}</Badge>;
  return <Text size="xs" c="dimmed">{stepActionLabels[e.next.step]} từ {formatDate(e.next.dueOn)}</Text>;
}

function UnitTasks({ centre, group, canAct, onLetter }: { centre: FollowUpCentre; group: UnitGroup; canAct: boolean; onLetter(): void }) {
  const columns: Column<FollowUpEntry>[] = useMemo(
    () => [
      {
        header: 'Nhiệm vụ',
        width: 'minmax(0, 3fr)',
        cell: (e) => (
          <Text size="sm" lineClamp={2} title={e.title} component="a" href={`#/tasks/${e.taskId}`} c="inherit" style={{ textDecoration: 'none' }}>
            {e.title}
          </Text>
        ),
      },
      { header: 'Thời hạn', width: '88px', cell: (e) => <Text size="sm">{formatDate(e.dueOn)}</Text> },
      { header: 'Tình trạng', width: '124px', cell: statusOf },
      { header: 'Đôn đốc', width: '148px', cell: ladderOf },
      { header: 'Bước tiếp theo', width: '124px', cell: nextOf },
    ],
    [],
  );
  const dueNow = group.remindersDue;
  return (
    <Stack gap={4} mih={0}>
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Text fw={600} truncate title={centre.unitName(group.unitId)}>
          {centre.unitName(group.unitId)}: {group.overdue} quá hạn, {group.dueSoon} sắp đến hạn{group.acceptanceLate ? `, ${group.acceptanceLate} chậm xác nhận hoàn thành` : ''}
        </Text>
        <Button size="xs" onClick={onLetter} disabled={!canAct || dueNow === 0} title={dueNow === 0 ? 'Các nhiệm vụ vừa được đôn đốc hoặc chờ báo cáo Chủ tịch.' : undefined}>
          Lập công văn đôn đốc
        </Button>
      </Group>
      <VirtualTable
        rows={group.entries}
        columns={columns}
        rowKey={(e) => e.taskId}
        rowHeight={48}
        height="calc(100dvh - 410px)"
        label={`Nhiệm vụ của ${centre.unitName(group.unitId)}`}
        empty="Không có nhiệm vụ."
      />
    </Stack>
  );
}

function PendingLongest({ centre, today }: { centre: FollowUpCentre; today: string }) {
  const rows = usePendingLongest(today, 200);
  if (!rows) return <Loader />;
  const columns: Column<(typeof rows)[number]>[] = [
    {
      header: 'Nhiệm vụ',
      width: 'minmax(0, 3fr)',
      cell: (r) => (
        <Text size="sm" lineClamp={2} title={r.title} component="a" href={`#/tasks/${r.id}`} c="inherit" style={{ textDecoration: 'none' }}>
          {r.title}
        </Text>
      ),
    },
    { header: 'Đơn vị chủ trì', width: 'minmax(0, 1.6fr)', cell: (r) => <Text size="sm" truncate title={centre.unitName(r.leadUnitId)}>{centre.unitName(r.leadUnitId)}</Text> },
    { header: 'Ngày giao', width: '100px', cell: (r) => <Text size="sm">{formatDate(r.assignedOn)}</Text> },
    { header: 'Tồn đọng', width: '100px', cell: (r) => <Text size="sm" fw={600}>{r.ageDays.toLocaleString('vi-VN')} ngày</Text> },
    { header: 'Thời hạn', width: '100px', cell: (r) => <Text size="sm">{r.effectiveDueOn ? formatDate(r.effectiveDueOn) : 'Không có hạn'}</Text> },
    { header: 'Tình trạng', width: '160px', cell: (r) => <Text size="sm" c={r.category === 'openOverdue' ? 'red.8' : undefined}>{r.label}</Text> },
  ];
  return (
    <Stack gap={4} mih={0}>
      <Text size="sm" c="dimmed">
        Nhiệm vụ chưa hoàn thành giao lâu nhất (kể cả nhiệm vụ không có thời hạn), để xử lý dứt điểm công việc chậm trễ kéo dài.
      </Text>
      <VirtualTable rows={rows} columns={columns} rowKey={(r) => r.id} rowHeight={48} height="calc(100dvh - 400px)" label="Nhiệm vụ tồn đọng lâu nhất" empty="Không có nhiệm vụ đang thực hiện." />
    </Stack>
  );
}

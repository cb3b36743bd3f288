import { Alert, Button, Group, Loader, Paper, SimpleGrid, Stack, Table, Text, Title, UnstyledButton } from '@mantine/core';
import { formatRate, rateFormulas, taskCategoryLabels, type TaskCategory } from '@shared/tasks/state';
import { navigate } from '../../shell/router';
import { useAppState } from '../../state/app';
import { formatDate } from '../../ui/format';
import { DEFAULT_TASK_SETTINGS } from '@shared/tasks/state';
import { useTaskSettings } from '../tasks/data/queries';
import { type TaskListItem } from '../tasks/data/listSelection';
import { useDashboardCounts, useMyTasks, useOverdueByUnit, usePendingLongest } from '../tasks/data/dashboards';
import { CATEGORY_COLORS } from '../tasks/components/CategoryBadge';
import { TimingCell } from '../tasks/components/taskColumns';
import { DemoDataCard } from '../tasks/DemoDataCard';
import { PlanImportButton } from '../tasks/PlanImport';
import { useRegistry, useTaskActor, useToday, type Registry } from '../tasks/context';
import { useOrganisation } from '../registries/queries';
import { PairingNotice, useAwaitsRegistry } from '../sync/PairingNotice';
import { assignsWork } from '@shared/roles';

const CARD_ORDER: TaskCategory[] = ['openOverdue', 'openWithinDeadline', 'openNoDeadline', 'awaitingAcceptance', 'doneOnTime', 'doneLate', 'doneNoDeadline'];

function Stat({ label, value, color, onClick, hint }: { label: string; value: string; color: string; onClick?: () => void; hint?: string }) {
  const body = (
    <Paper withBorder p="sm" style={{ borderLeft: `4px solid var(--mantine-color-${color}-6)`, height: '100%' }}>
      <Text size="xs" c="dimmed" lineClamp={2}>
        {label}
      </Text>
      <Text fz={26} fw={700} c={`${color}.8`} lh={1.2}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed" lineClamp={2}>
          {hint}
        </Text>
      )}
    </Paper>
  );
  return onClick ? (
    <UnstyledButton onClick={onClick} aria-label={`${label}: ${value}`} style={{ height: '100%' }}>
      {body}
    </UnstyledButton>
  ) : (
    body
  );
}

/** Tổng quan: the landing page — today's counts, due soon, overdue by unit, pending longest, my tasks. */
export function DashboardPage() {
  const today = useToday();
  const registry = useRegistry();
  const settings = useTaskSettings() ?? DEFAULT_TASK_SETTINGS;
  const counts = useDashboardCounts(today);
  const byUnit = useOverdueByUnit(today);
  const pending = usePendingLongest(today, 8);
  const mine = useMyTasks(today);
  const actor = useTaskActor();
  const session = useAppState((s) => s.session);
  const org = useOrganisation();
  const awaiting = useAwaitsRegistry();
  if (!counts || !registry) return <Loader />;
  const canAssign = assignsWork(actor.role);
  const formula = rateFormulas[settings.rateFormula];

  if (counts.total === 0 && counts.cancelled === 0) {
    return (
      <Stack maw={760}>
        <Title order={3}>Tổng quan</Title>
        {awaiting && <PairingNotice />}
        <Paper withBorder p="lg">
          <Stack gap="sm">
            <Text fw={600}>Chưa có nhiệm vụ nào</Text>
            <Text size="sm" c="dimmed">
              {org?.siteRole === 'unit'
                ? `Nhiệm vụ Văn phòng điều phối giao cho đơn vị đến máy này qua gói đồng bộ (Đồng bộ → Nhập gói).${awaiting ? '' : ' Đơn vị cũng có thể vào sổ văn bản chỉ đạo và giao nhiệm vụ trong phạm vi của mình.'}`
                : 'Bắt đầu bằng việc vào sổ văn bản chỉ đạo rồi giao nhiệm vụ từ văn bản, hoặc nhập cả kế hoạch năm từ tệp Excel.'}
            </Text>
            {canAssign && !awaiting && (
              <Group>
                <Button onClick={() => navigate('directives')}>Vào sổ văn bản chỉ đạo</Button>
                <Button variant="default" onClick={() => navigate('tasks/new')}>
                  Giao nhiệm vụ
                </Button>
                <PlanImportButton />
              </Group>
            )}
          </Stack>
        </Paper>
        {org?.siteRole === 'coordinator' && <DemoDataCard compact />}
      </Stack>
    );
  }

  const list = (c: TaskCategory | null, extra = '') => navigate(`tasks/?${c ? `c=${c}` : ''}${extra}`);
  const topUnits = (byUnit ?? []).filter((u) => u.counts.openOverdue > 0).slice(0, 8);

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={3}>Tổng quan</Title>
        <Text size="sm" c="dimmed">
          Tính đến ngày {formatDate(today)} · {counts.total.toLocaleString('vi-VN')} nhiệm vụ · đánh giá theo {settings.judgeAgainst === 'original' ? 'hạn ban đầu' : 'hạn sau gia hạn'}
        </Text>
      </Group>
      <SimpleGrid cols={4} spacing="xs" aria-label="Số nhiệm vụ theo phân loại">
        {CARD_ORDER.map((c) => (
          <Stat key={c} label={taskCategoryLabels[c]} value={counts.counts[c].toLocaleString('vi-VN')} color={CATEGORY_COLORS[c]} onClick={() => list(c)} />
        ))}
        <Stat label="Sắp đến hạn" value={counts.dueSoon.toLocaleString('vi-VN')} color="yellow" onClick={() => list(null, 'soon=1')} hint={`Còn không quá ${settings.dueSoonWorkingDays} ngày làm việc`} />
        <Stat label={formula.label} value={formatRate(counts.rate)} color="grape" hint={`${counts.rate.numerator.toLocaleString('vi-VN')} / ${counts.rate.denominator.toLocaleString('vi-VN')} nhiệm vụ`} />
        {settings.rateFormula !== 'completedOnTime' && (
          <Stat
            label={rateFormulas.completedOnTime.label}
            value={formatRate(counts.onTimeShare)}
            color="grape"
            hint={`${counts.onTimeShare.numerator.toLocaleString('vi-VN')} / ${counts.onTimeShare.denominator.toLocaleString('vi-VN')} nhiệm vụ`}
          />
        )}
      </SimpleGrid>
      {counts.counts.awaitingAcceptance > 0 && (
        <Alert color={counts.acceptanceLate > 0 ? 'red' : 'violet'} variant="light" p="xs">
          Có {counts.counts.awaitingAcceptance} báo cáo hoàn thành chờ cơ quan giao xác nhận
          {counts.acceptanceLate > 0 ? `, trong đó ${counts.acceptanceLate} đã quá ${settings.acceptanceWorkingDays} ngày làm việc (chậm thuộc cơ quan giao)` : ''}.{' '}
          <UnstyledButton onClick={() => list('awaitingAcceptance')} c="blue" fz="sm">
            Xem các nhiệm vụ chờ xác nhận
          </UnstyledButton>
        </Alert>
      )}
      <SimpleGrid cols={2} spacing="sm">
        <Paper withBorder p="sm">
          <Text fw={600} mb={4}>
            Quá hạn theo đơn vị chủ trì
          </Text>
          {topUnits.length === 0 ? (
            <Text size="sm" c="dimmed">
              Không có nhiệm vụ quá hạn.
            </Text>
          ) : (
            <Table fz="sm" verticalSpacing={3} highlightOnHover aria-label="Quá hạn theo đơn vị">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Đơn vị</Table.Th>
                  <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>
                    Quá hạn
                  </Table.Th>
                  <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }} title="Quá hạn đến 30 ngày">
                    ≤30 ngày
                  </Table.Th>
                  <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>
                    31–90
                  </Table.Th>
                  <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>
                    &gt;90
                  </Table.Th>
                  <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }} title={`${formula.label} = ${formula.formulaText}`}>
                    Tỷ lệ (*)
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {topUnits.map((u) => (
                  <Table.Tr key={u.unitId} style={{ cursor: 'pointer' }} onClick={() => list('openOverdue', `&u=${u.unitId}`)}>
                    <Table.Td>
                      <Text size="sm" lineClamp={2} title={registry.unitName(u.unitId)}>
                        {registry.unitName(u.unitId)}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right" fw={700} c="red.8">
                      {u.counts.openOverdue}
                    </Table.Td>
                    <Table.Td ta="right">{u.overdueBuckets.upTo30}</Table.Td>
                    <Table.Td ta="right">{u.overdueBuckets.from31To90}</Table.Td>
                    <Table.Td ta="right">{u.overdueBuckets.over90}</Table.Td>
                    <Table.Td ta="right">{formatRate(u.rate)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {topUnits.length > 0 && (
            <Text size="xs" c="dimmed" mt={4}>
              (*) {formula.label} = {formula.formulaText}.
            </Text>
          )}
        </Paper>
        <Paper withBorder p="sm">
          <Text fw={600} mb={4}>
            Tồn đọng lâu nhất
          </Text>
          <ShortList items={pending ?? []} registry={registry} age empty="Không có nhiệm vụ đang thực hiện." />
        </Paper>
      </SimpleGrid>
      {(session?.account.unitId || session?.account.officialId) && (
        <Paper withBorder p="sm">
          <Group justify="space-between" mb={4}>
            <Text fw={600}>
              Việc của tôi
              {session.account.unitId ? ` — ${registry.unitName(session.account.unitId)}` : ''}
            </Text>
            {mine && mine.length > 8 && (
              <Button size="compact-sm" variant="subtle" onClick={() => navigate(session.account.officialId ? `tasks/?o=${session.account.officialId}` : `tasks/?u=${session.account.unitId}`)}>
                Xem tất cả ({mine.length})
              </Button>
            )}
          </Group>
          <ShortList items={(mine ?? []).slice(0, 8)} registry={registry} empty="Không có nhiệm vụ nào giao cho bạn hoặc đơn vị của bạn." />
        </Paper>
      )}
      {counts.pendingExtensions > 0 && canAssign && (
        <Alert color="yellow" variant="light" p="xs">
          Có {counts.pendingExtensions} đề nghị gia hạn đang chờ quyết định.{' '}
          <UnstyledButton onClick={() => navigate('tasks/?x=1')} c="blue" fz="sm">
            Xem các nhiệm vụ đang xin gia hạn
          </UnstyledButton>
        </Alert>
      )}
    </Stack>
  );
}

function ShortList({ items, registry, age, empty }: { items: (TaskListItem & { ageDays?: number })[]; registry: Registry; age?: boolean; empty: string }) {
  if (items.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {empty}
      </Text>
    );
  return (
    <Table fz="sm" verticalSpacing={3} highlightOnHover>
      <Table.Tbody>
        {items.map((t) => (
          <Table.Tr key={t.id} style={{ cursor: 'pointer' }} onClick={() => navigate(`tasks/${t.id}`)}>
            <Table.Td>
              <Text size="sm" lineClamp={1} title={t.title}>
                {t.title}
              </Text>
              <Text size="xs" c="dimmed">
                {registry.unitName(t.leadUnitId)} · giao {formatDate(t.assignedOn)}
                {age && t.ageDays !== undefined ? ` · ${t.ageDays.toLocaleString('vi-VN')} ngày` : ''}
              </Text>
            </Table.Td>
            <Table.Td w={170}>
              <TimingCell t={t} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

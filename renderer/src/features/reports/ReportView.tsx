import type { ReactNode } from 'react';
import { Box, Paper, ScrollArea, SimpleGrid, Stack, Table, Tabs, Text } from '@mantine/core';
import { BarChart, LineChart } from '@mantine/charts';
import '@mantine/charts/styles.css';
import { CATEGORY_ORDER, CATEGORY_SHORT, countOf, formatInt, numberedFormulas, monthLabel, rateHeaders, summarySentence, type ReportData, type ReportDecisionLine, type ReportFigures } from '@shared/reports';
import { formatRate, overdueBucketLabels, taskCategoryLabels, type OverdueBucket } from '@shared/tasks/state';
import { navigate } from '../../shell/router';
import { formatDate } from '../../ui/format';
import { CATEGORY_COLORS } from '../tasks/components/CategoryBadge';
import { VirtualTable } from '../../ui/VirtualTable';

const BUCKETS: OverdueBucket[] = ['upTo30', 'from31To90', 'over90'];

function FigureCells({ f, bold, withOnTimeShare }: { f: ReportFigures; bold?: boolean; withOnTimeShare: boolean }) {
  const fw = bold ? 700 : undefined;
  return (
    <>
      <Table.Td ta="right" fw={fw}>
        {formatInt(f.assigned)}
      </Table.Td>
      {CATEGORY_ORDER.map((k) => (
        <Table.Td key={k} ta="right" fw={fw} c={k === 'openOverdue' && countOf(f, k) > 0 ? 'red.8' : undefined}>
          {formatInt(countOf(f, k))}
        </Table.Td>
      ))}
      <Table.Td ta="right" fw={fw ?? 600} title={`${f.rate.numerator}/${f.rate.denominator}`}>
        {formatRate(f.rate)}
      </Table.Td>
      {withOnTimeShare && (
        <Table.Td ta="right" fw={fw} title={f.onTimeShare ? `${f.onTimeShare.numerator}/${f.onTimeShare.denominator}` : undefined}>
          {f.onTimeShare ? formatRate(f.onTimeShare) : '—'}
        </Table.Td>
      )}
      <Table.Td ta="right" fw={fw} title={`${f.overdueShare.numerator}/${f.overdueShare.denominator}`}>
        {formatRate(f.overdueShare)}
      </Table.Td>
    </>
  );
}

function DetailCells({ f, bold }: { f: ReportFigures; bold?: boolean }) {
  const fw = bold ? 700 : undefined;
  const cells = [...BUCKETS.map((b) => f.overdueBuckets[b]), f.extensionsGranted, f.followUpLetters, f.consultationsConsulted, f.consultationsNoReply, f.consultationsLate];
  return (
    <>
      {cells.map((n, i) => (
        <Table.Td key={i} ta="right" fw={fw}>
          {formatInt(n)}
        </Table.Td>
      ))}
    </>
  );
}

/** A figure column's heading; `title` spells out a short one on hover. */
interface FigureHeading {
  label: string;
  title?: string;
}

/**
 * A table of the report's figures: one row per lead unit (STT, name, then `cells`) and the totals,
 * under the figure columns' `headings` (right-aligned, like the figures).
 */
function UnitFiguresTable({ data, label, headings, cells }: { data: ReportData; label: string; headings: FigureHeading[]; cells: (f: ReportFigures, bold?: boolean) => ReactNode }) {
  return (
    <ScrollArea.Autosize mah={360}>
      <Table fz="sm" verticalSpacing={4} withTableBorder withColumnBorders striped stickyHeader aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={44}>STT</Table.Th>
            <Table.Th miw={170}>Đơn vị chủ trì</Table.Th>
            {headings.map((h) => (
              <Table.Th key={h.label} ta="right" title={h.title}>
                {h.label}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.units.map((u, i) => (
            <Table.Tr key={u.unitId}>
              <Table.Td>{i + 1}</Table.Td>
              <Table.Td>{u.unitName}</Table.Td>
              {cells(u)}
            </Table.Tr>
          ))}
          <Table.Tr>
            <Table.Td />
            <Table.Td fw={700}>Tổng cộng</Table.Td>
            {cells(data.totals, true)}
          </Table.Tr>
        </Table.Tbody>
      </Table>
    </ScrollArea.Autosize>
  );
}

export function CategoryTable({ data }: { data: ReportData }) {
  return (
    <UnitFiguresTable
      data={data}
      label="Kết quả theo đơn vị chủ trì"
      headings={[{ label: 'Tổng số' }, ...CATEGORY_ORDER.map((k) => ({ label: CATEGORY_SHORT[k], title: taskCategoryLabels[k] })), ...rateHeaders(data).map((label) => ({ label }))]}
      cells={(f, bold) => <FigureCells f={f} bold={bold} withOnTimeShare={!!data.onTimeShareFormula} />}
    />
  );
}

export function DetailTable({ data }: { data: ReportData }) {
  return (
    <UnitFiguresTable
      data={data}
      label="Quá hạn, gia hạn, đôn đốc và trả lời ý kiến"
      headings={[...BUCKETS.map((b) => `Quá hạn ${overdueBucketLabels[b].toLowerCase()}`), 'Số lần gia hạn', 'Công văn đôn đốc', 'Được lấy ý kiến', 'Không trả lời', 'Trả lời muộn'].map((label) => ({ label }))}
      cells={(f, bold) => <DetailCells f={f} bold={bold} />}
    />
  );
}

function shortName(name: string): string {
  return name.length > 24 ? `${name.slice(0, 23)}…` : name;
}

export function ReportCharts({ data }: { data: ReportData }) {
  // The 15 units with most tasks keep the bars readable at 1366 px; the table has them all.
  const top = [...data.units].sort((a, b) => b.assigned - a.assigned || (a.unitName < b.unitName ? -1 : 1)).slice(0, 15);
  const bars = top.map((u) => ({ unit: shortName(u.unitName), ...Object.fromEntries(CATEGORY_ORDER.map((k) => [k, countOf(u, k)])) }));
  const trend = data.trend.map((p) => ({ month: monthLabel(p.month).replace('Tháng ', 'T'), rate: p.rate.basisPoints === null ? null : p.rate.basisPoints / 100 }));
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="sm">
      <Paper withBorder p="sm" aria-label="Biểu đồ phân loại nhiệm vụ theo đơn vị">
        <Text fw={600} size="sm" mb={4}>
          Phân loại nhiệm vụ theo đơn vị{data.units.length > top.length ? ` (${top.length} đơn vị nhiều nhiệm vụ nhất)` : ''}
        </Text>
        <BarChart
          h={360}
          data={bars}
          dataKey="unit"
          type="stacked"
          orientation="vertical"
          yAxisProps={{ width: 200, interval: 0, tick: { fontSize: 11 } }}
          withLegend
          legendProps={{ verticalAlign: 'bottom', height: 44 }}
          series={CATEGORY_ORDER.map((k) => ({ name: k, label: taskCategoryLabels[k], color: `${CATEGORY_COLORS[k]}.6` }))}
        />
      </Paper>
      <Paper withBorder p="sm" aria-label="Biểu đồ tỷ lệ theo tháng">
        <Text fw={600} size="sm" mb={4}>
          {data.rateFormula.label} theo tháng đến hạn, năm {data.params.period.cutOff.slice(0, 4)} (%)
        </Text>
        <LineChart h={360} curveType="linear" data={trend} dataKey="month" yAxisProps={{ domain: [0, 100] }} connectNulls={false} series={[{ name: 'rate', label: 'Tỷ lệ (%)', color: 'grape.6' }]} valueFormatter={(v) => `${String(v).replace('.', ',')}%`} />
      </Paper>
    </SimpleGrid>
  );
}

export function OverdueList({ data }: { data: ReportData }) {
  return (
    <VirtualTable
      label="Nhiệm vụ quá hạn"
      height="min(46vh, 420px)"
      rowHeight={44}
      rows={data.overdueTasks}
      rowKey={(r) => r.taskId}
      onRowClick={(r) => navigate(`tasks/${r.taskId}`)}
      empty="Không có nhiệm vụ quá hạn tại ngày chốt số liệu."
      columns={[
        { header: 'Nhiệm vụ', width: 'minmax(240px, 4fr)', cell: (r) => <Text size="sm" lineClamp={2} title={r.title}>{r.title}</Text> },
        { header: 'Sản phẩm', width: 'minmax(140px, 2fr)', cell: (r) => <Text size="sm" lineClamp={2} title={r.expectedProduct || undefined} c={r.expectedProduct ? undefined : 'dimmed'}>{r.expectedProduct || '—'}</Text> },
        { header: 'Văn bản giao', width: '130px', cell: (r) => <Text size="sm">{r.directiveRef}</Text> },
        { header: 'Đơn vị chủ trì', width: 'minmax(160px, 2fr)', cell: (r) => <Text size="sm" lineClamp={2} title={r.leadUnitName}>{r.leadUnitName}</Text> },
        { header: 'Thời hạn', width: '100px', cell: (r) => formatDate(r.dueOn) },
        { header: 'Số ngày quá hạn', width: '120px', cell: (r) => <Text size="sm" fw={600} c="red.8">{formatInt(r.overdueDays)}</Text> },
      ]}
    />
  );
}

/** The leaders' decisions within the period, with the deciding leader and the decision document. */
export function DecisionList({ decisions }: { decisions: readonly ReportDecisionLine[] }) {
  return (
    <VirtualTable
      label="Quyết định trong kỳ"
      height="min(46vh, 420px)"
      rowHeight={52}
      rows={decisions}
      rowKey={(r) => `${r.taskId}-${r.kind}-${r.on}-${r.content}`}
      onRowClick={(r) => navigate(`tasks/${r.taskId}`)}
      empty="Trong kỳ không có quyết định gia hạn, điều chỉnh, hủy nhiệm vụ hay xác nhận hoàn thành."
      columns={[
        { header: 'Nhiệm vụ', width: 'minmax(200px, 3fr)', cell: (r) => <Text size="sm" lineClamp={2} title={`${r.title} — ${r.leadUnitName}`}>{r.title}</Text> },
        { header: 'Nội dung quyết định', width: 'minmax(200px, 3fr)', cell: (r) => <Text size="sm" lineClamp={2} title={r.content}>{r.content}</Text> },
        { header: 'Ngày', width: '96px', cell: (r) => formatDate(r.on) },
        {
          header: 'Lãnh đạo quyết định; văn bản',
          width: 'minmax(180px, 2fr)',
          cell: (r) => {
            const who = [r.decidedBy, r.document].filter(Boolean).join('; ');
            return <Text size="sm" lineClamp={2} title={who || undefined} c={who ? undefined : 'dimmed'}>{who || 'Chưa ghi nhận'}</Text>;
          },
        },
      ]}
    />
  );
}

/** Tables, charts and the overdue list of one report (computed now or read from a snapshot). */
export function ReportView({ data }: { data: ReportData }) {
  return (
    <Stack gap="xs">
      <Text size="sm">{summarySentence(data)}</Text>
      <Tabs defaultValue="units" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="units">Kết quả theo đơn vị</Tabs.Tab>
          <Tabs.Tab value="details">Quá hạn, gia hạn, đôn đốc, ý kiến</Tabs.Tab>
          <Tabs.Tab value="charts">Biểu đồ</Tabs.Tab>
          <Tabs.Tab value="overdue">Nhiệm vụ quá hạn ({formatInt(data.overdueTasks.length)})</Tabs.Tab>
          {data.decisions && <Tabs.Tab value="decisions">Quyết định trong kỳ ({formatInt(data.decisions.length)})</Tabs.Tab>}
        </Tabs.List>
        <Box pt="xs">
          <Tabs.Panel value="units">
            <CategoryTable data={data} />
            <Text size="xs" c="dimmed" mt={4}>
              HT: hoàn thành. {numberedFormulas(data)}
            </Text>
            {data.notes.map((n) => (
              <Text key={n} size="xs" c="dimmed">
                – {n}
              </Text>
            ))}
          </Tabs.Panel>
          <Tabs.Panel value="details">
            <DetailTable data={data} />
          </Tabs.Panel>
          <Tabs.Panel value="charts">
            <ReportCharts data={data} />
          </Tabs.Panel>
          <Tabs.Panel value="overdue">
            <OverdueList data={data} />
          </Tabs.Panel>
          {data.decisions && (
            <Tabs.Panel value="decisions">
              <DecisionList decisions={data.decisions} />
            </Tabs.Panel>
          )}
        </Box>
      </Tabs>
    </Stack>
  );
}

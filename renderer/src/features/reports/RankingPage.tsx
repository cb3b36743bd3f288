import { useEffect, useMemo, useState } from 'react';
import { Button, Group, List, Loader, Modal, NumberInput, Paper, ScrollArea, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { AppError } from '@shared/errors';
import { explainUnit, formatInt, formatPercentBp, proposeCandidates, rankingSheet, rankUnits, schemeText, type Candidate, type RankingScheme, type ReportData, type UnitRanking } from '@shared/reports';
import { DEFAULT_TASK_SETTINGS, taskCategoryLabels } from '@shared/tasks/state';
import { foldVietnamese } from '@shared/text/search';
import { api } from '../../api';
import { currentDb, useAppState, writeContext } from '../../state/app';
import { formatDate } from '../../ui/format';
import { notifyError, notifySuccess } from '../../ui/notify';
import { useAction } from '../../ui/useAction';
import { settledIndexRows, useTaskSettings } from '../tasks/data/queries';
import { useRegistry, useToday } from '../tasks/context';
import { useSignerOptions } from '../consultations/SignerSelect';
import { RecordModal, type RecordDraft } from '../accountability/RecordModal';
import { VirtualTable } from '../../ui/VirtualTable';
import { buildReport } from './data/build';
import { explanationLetter, issuerOf, rankingLetter } from './data/issue';
import { saveRankingScheme, useRankingScheme } from './data/snapshots';
import { ReportBuilder, type BuiltParams } from './ReportBuilder';
import { saveReportDocx } from './exports';
import { assignsWork } from '@shared/roles';

const LEVEL_COLORS = ['teal', 'blue', 'yellow', 'red', 'grape', 'orange', 'cyan', 'pink'];

/** Đánh giá, xếp loại: units ranked by the stored formula; each can see (and print) why. */
export function RankingPage() {
  const today = useToday();
  const registry = useRegistry();
  const settings = useTaskSettings() ?? DEFAULT_TASK_SETTINGS;
  const scheme = useRankingScheme();
  const signers = useSignerOptions(today);
  const { busy, run } = useAction({ failure: 'Không tính được số liệu' });
  const [data, setData] = useState<ReportData | null>(null);
  const [why, setWhy] = useState<UnitRanking | null>(null);
  const [editing, setEditing] = useState(false);
  const [recording, setRecording] = useState<RecordDraft | null>(null);
  const ranking = useMemo(() => (data && scheme ? rankUnits(data, scheme) : null), [data, scheme]);
  const candidates = useMemo(() => (data && ranking ? proposeCandidates(data, ranking) : null), [data, ranking]);
  if (!registry || !scheme) return <Loader />;

  const build = ({ params, scopeLabel }: BuiltParams) => run(async () => setData(await buildReport(currentDb(), params, scopeLabel, await settledIndexRows(currentDb()))));
  const printRanking = async () => {
    if (!data || !ranking) return;
    try {
      if (!signers?.length) throw new AppError('invalid-input', 'Chưa có người ký: khai báo trong Cài đặt → Thể thức văn bản.');
      const { issuer } = await issuerOf(currentDb(), signers[0].choice);
      const path = await saveReportDocx(rankingLetter(data, ranking, scheme, issuer, null), `Xep loai ${foldVietnamese(data.periodLabel)}`);
      if (path) notifySuccess(`Đã lưu ${path}`);
    } catch (e) {
      notifyError(e, 'Không lưu được văn bản');
    }
  };
  const exportRanking = async () => {
    if (!ranking) return;
    try {
      const r = await api().call('xlsx:save', { title: 'Lưu kết quả xếp loại (Excel)', defaultName: `Xep loai ${foldVietnamese(data!.periodLabel)}.xlsx`, sheets: rankingSheet(ranking, scheme) });
      if (!r.canceled) notifySuccess(`Đã lưu ${r.path}`);
    } catch (e) {
      notifyError(e, 'Không lưu được tệp Excel');
    }
  };
  const propose = (c: Candidate) =>
    setRecording({ kind: c.kind, unitId: c.unitId, reason: c.reason, periodFrom: data!.params.period.from, periodTo: data!.params.period.cutOff, taskIds: c.taskIds });

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={3}>Đánh giá, xếp loại đơn vị</Title>
        <Button variant="default" onClick={() => setEditing(true)}>
          Tiêu chí xếp loại
        </Button>
      </Group>
      <ReportBuilder today={today} settings={settings} registry={registry} busy={busy} actionLabel="Xếp loại" onBuild={build} onError={(m) => notifyError(new AppError('invalid-input', m), 'Chưa xếp loại được')} />
      {data && ranking && (
        <Paper withBorder p="sm">
          <Group justify="space-between" mb="xs">
            <Text fw={600}>
              Kết quả xếp loại {data.periodLabel} · {data.scopeLabel} · chốt số liệu ngày {formatDate(data.params.period.cutOff)}
            </Text>
            <Group gap="xs">
              <Button variant="default" onClick={() => void exportRanking()}>
                Xuất Excel
              </Button>
              <Button onClick={() => void printRanking()} disabled={!signers}>
                In kết quả xếp loại (.docx)
              </Button>
            </Group>
          </Group>
          <ScrollArea.Autosize mah={380}>
            <Table fz="sm" verticalSpacing={4} withTableBorder striped stickyHeader aria-label="Kết quả xếp loại">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={70}>Thứ hạng</Table.Th>
                  <Table.Th>Đơn vị</Table.Th>
                  {scheme.metrics.map((m) => (
                    <Table.Th key={m.id} ta="right">
                      {m.label}
                    </Table.Th>
                  ))}
                  <Table.Th>Xếp loại</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {ranking.map((r) => {
                  const li = scheme.levels.findIndex((l) => l.id === r.levelId);
                  return (
                    <Table.Tr key={r.unitId}>
                      <Table.Td>{r.position ?? '—'}</Table.Td>
                      <Table.Td>{r.unitName}</Table.Td>
                      {r.metrics.map((v) => (
                        <Table.Td key={v.id} ta="right" title={v.kind === 'rate' ? `${v.numerator}/${v.denominator}` : undefined}>
                          {v.kind === 'rate' ? formatPercentBp(v.basisPoints) : formatInt(v.count)}
                        </Table.Td>
                      ))}
                      <Table.Td>
                        <Text size="sm" fw={600} c={`${li >= 0 ? LEVEL_COLORS[li % LEVEL_COLORS.length] : 'gray'}.8`}>
                          {r.levelLabel}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Button size="compact-xs" variant="subtle" onClick={() => setWhy(r)} aria-label={`Vì sao ${r.unitName} được xếp loại này`}>
                          Vì sao?
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
          <Text size="xs" c="dimmed" mt={6} fw={600}>
            {scheme.name}
          </Text>
          {schemeText(scheme).map((l) => (
            <Text key={l} size="xs" c="dimmed">
              – {l}
            </Text>
          ))}
        </Paper>
      )}
      {candidates && (candidates.discipline.length > 0 || candidates.commendation.length > 0) && (
        <SimpleGrid cols={2} spacing="sm">
          <CandidateList title="Đề xuất xem xét kiểm điểm" items={candidates.discipline} onRecord={propose} />
          <CandidateList title="Đề xuất biểu dương, khen thưởng" items={candidates.commendation} onRecord={propose} />
        </SimpleGrid>
      )}
      {why && data && <WhyModal data={data} ranking={why} scheme={scheme} today={today} onClose={() => setWhy(null)} />}
      {editing && <SchemeModal scheme={scheme} onClose={() => setEditing(false)} />}
      {recording && <RecordModal draft={recording} registry={registry} today={today} onClose={() => setRecording(null)} />}
    </Stack>
  );
}

function CandidateList({ title, items, onRecord }: { title: string; items: Candidate[]; onRecord(c: Candidate): void }) {
  return (
    <Paper withBorder p="sm">
      <Text fw={600}>{title}</Text>
      <Text size="xs" c="dimmed" mb={4}>
        Phần mềm chỉ đề xuất theo số liệu; lãnh đạo xem xét, quyết định.
      </Text>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          Không có đơn vị nào.
        </Text>
      ) : (
        <Stack gap={6}>
          {items.map((c) => (
            <Group key={c.unitId} justify="space-between" wrap="nowrap" align="flex-start">
              <Stack gap={0}>
                <Text size="sm" fw={500}>
                  {c.unitName}
                </Text>
                <Text size="xs" c="dimmed">
                  {c.reason}
                </Text>
              </Stack>
              <Button size="compact-sm" variant="light" onClick={() => onRecord(c)} aria-label={`Ghi nhận ${c.unitName}`}>
                Ghi nhận…
              </Button>
            </Group>
          ))}
        </Stack>
      )}
    </Paper>
  );
}

function WhyModal({ data, ranking, scheme, today, onClose }: { data: ReportData; ranking: UnitRanking; scheme: RankingScheme; today: string; onClose(): void }) {
  const db = useAppState((s) => s.db);
  const signers = useSignerOptions(today);
  const tasks = useMemo(() => explainUnit(data, ranking.unitId, scheme), [data, ranking, scheme]);
  const [titles, setTitles] = useState<Map<string, string> | null>(null);
  useEffect(() => {
    if (!db) return;
    let alive = true;
    void db.taskIndex.bulkGet(tasks.map((t) => t.task.id)).then((rows) => {
      if (alive) setTitles(new Map(rows.filter((r) => r !== undefined).map((r) => [r!.id, r!.title])));
    });
    return () => {
      alive = false;
    };
  }, [db, tasks]);
  const print = async () => {
    try {
      if (!signers?.length) throw new AppError('invalid-input', 'Chưa có người ký: khai báo trong Cài đặt → Thể thức văn bản.');
      const { issuer } = await issuerOf(currentDb(), signers[0].choice);
      const path = await saveReportDocx(explanationLetter(data, ranking, scheme, titles ?? new Map(), issuer, null), `Can cu xep loai ${foldVietnamese(ranking.unitName)}`.slice(0, 150));
      if (path) notifySuccess(`Đã lưu ${path}`);
    } catch (e) {
      notifyError(e, 'Không lưu được văn bản');
    }
  };
  return (
    <Modal opened onClose={onClose} title={`Vì sao ${ranking.unitName} được xếp loại "${ranking.levelLabel}"`} size="xl">
      <Stack gap="sm">
        <List size="sm">
          {ranking.checks.map((c) => (
            <List.Item key={c.levelId}>
              <Text size="sm" fw={c.passed ? 700 : 400} c={c.passed ? 'teal.8' : undefined}>
                {c.label}: {c.conditions.length === 0 ? 'các trường hợp còn lại' : c.conditions.map((x) => `${x.text} — thực tế ${x.actual} (${x.passed ? 'đạt' : 'không đạt'})`).join('; ')}
              </Text>
            </List.Item>
          ))}
          {ranking.checks.length === 0 && <List.Item>Chưa đủ số nhiệm vụ đến hạn để xếp loại (tối thiểu {scheme.minBase}).</List.Item>}
        </List>
        <Text size="sm" fw={600}>
          {tasks.length} nhiệm vụ được tính
        </Text>
        <VirtualTable
          label="Nhiệm vụ được tính"
          height="40vh"
          rowHeight={48}
          rows={tasks}
          rowKey={(t) => t.task.id}
          empty="Đơn vị không có nhiệm vụ được tính trong kỳ."
          columns={[
            { header: 'Nhiệm vụ', width: 'minmax(220px, 3fr)', cell: (t) => <Text size="sm" lineClamp={2} title={titles?.get(t.task.id)}>{titles?.get(t.task.id) ?? '…'}</Text> },
            { header: 'Thời hạn', width: '96px', cell: (t) => formatDate(t.task.dueOn) },
            { header: 'Phân loại', width: '190px', cell: (t) => <Text size="sm">{taskCategoryLabels[t.task.category]}{t.task.lateDays ? ` (${t.task.lateDays} ngày)` : ''}</Text> },
            { header: 'Cách tính', width: 'minmax(220px, 3fr)', cell: (t) => <Text size="xs" lineClamp={2} title={t.roles.join('; ')}>{t.roles.join('; ')}</Text> },
          ]}
        />
        <Group justify="flex-end">
          <Button onClick={() => void print()} disabled={!signers || !titles}>
            In căn cứ xếp loại (.docx)
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function SchemeModal({ scheme, onClose }: { scheme: RankingScheme; onClose(): void }) {
  const [draft, setDraft] = useState<RankingScheme>(scheme);
  const { busy, run } = useAction({ failure: 'Không lưu được tiêu chí' });
  const isAdmin = useAppState((s) => assignsWork(s.session?.account.role));
  const metric = (id: string) => draft.metrics.find((m) => m.id === id)!;
  const save = () => run(() => saveRankingScheme(currentDb(), writeContext(), draft), { success: 'Đã lưu tiêu chí xếp loại.', then: onClose });
  return (
    <Modal opened onClose={onClose} title="Tiêu chí xếp loại" size="lg">
      <Stack gap="sm">
        {draft.levels.map((l, li) => (
          <Paper key={l.id} withBorder p="xs">
            <Text fw={600} size="sm">
              {l.label}
            </Text>
            {l.conditions.length === 0 && (
              <Text size="sm" c="dimmed">
                Các trường hợp còn lại
              </Text>
            )}
            <Group gap="sm">
              {l.conditions.map((c, ci) => (
                <NumberInput
                  key={ci}
                  label={`${metric(c.metric).label} ${c.op === 'gte' ? '≥' : c.op === 'gt' ? '>' : c.op === 'lte' ? '≤' : '<'}${metric(c.metric).kind === 'rate' ? ' (%)' : ''}`}
                  w={260}
                  min={0}
                  max={metric(c.metric).kind === 'rate' ? 100 : 1000}
                  decimalScale={2}
                  decimalSeparator=","
                  value={c.value}
                  disabled={!isAdmin}
                  onChange={(v) =>
                    setDraft({
                      ...draft,
                      levels: draft.levels.map((x, i) => (i !== li ? x : { ...x, conditions: x.conditions.map((y, j) => (j !== ci ? y : { ...y, value: Number(v) || 0 })) })),
                    })
                  }
                />
              ))}
            </Group>
          </Paper>
        ))}
        <NumberInput label="Số nhiệm vụ đến hạn tối thiểu để xếp loại" w={320} min={0} max={1000} value={draft.minBase} disabled={!isAdmin} onChange={(v) => setDraft({ ...draft, minBase: Math.max(0, Math.trunc(Number(v) || 0)) })} />
        {!isAdmin && (
          <Text size="sm" c="dimmed">
            Chỉ quản trị viên hoặc lãnh đạo sửa được tiêu chí.
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Đóng
          </Button>
          {isAdmin && (
            <Button onClick={() => void save()} loading={busy}>
              Lưu tiêu chí
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}

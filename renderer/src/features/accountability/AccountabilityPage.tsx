import { useMemo, useState } from 'react';
import { Anchor, Badge, Button, Group, Loader, Paper, Select, Stack, Text, Timeline, Title } from '@mantine/core';
import { accountabilityKindLabels, type AccountabilityKind } from '@shared/reports';
import { addDays } from '@shared/calendar';
import { navigate } from '../../shell/router';
import { formatDate } from '../../ui/format';
import { useRegistry, useToday, type Registry } from '../tasks/context';
import { AttachmentList } from '../tasks/components/Attachments';
import { VirtualTable } from '../../ui/VirtualTable';
import { useRecords, type StoredRecord } from './data';
import { RecordModal } from './RecordModal';

const KIND_COLORS: Record<AccountabilityKind, string> = { discipline: 'red', commendation: 'teal', reward: 'grape' };

function subjectName(r: StoredRecord, reg: Registry): string {
  return r.subject.kind === 'unit' ? reg.unitName(r.subject.unitId) : `${reg.officialName(r.subject.officialId)}${r.subject.unitId ? ` (${reg.unitName(r.subject.unitId)})` : ''}`;
}

/** Kiểm điểm, khen thưởng: every record (#/accountability) and one unit's record over time (#/accountability/unit/<id>). */
export function AccountabilityPage({ subPath }: { subPath: string }) {
  const [head, id] = subPath.split('/');
  const registry = useRegistry();
  const records = useRecords();
  const today = useToday();
  const [adding, setAdding] = useState(false);
  const [kind, setKind] = useState<string | null>(null);
  const rows = useMemo(() => (records ?? []).filter((r) => !kind || r.kind === kind), [records, kind]);
  if (!registry || !records) return <Loader />;
  if (head === 'unit' && id) return <UnitRecord unitId={id} records={records} registry={registry} />;

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={3}>Kiểm điểm, biểu dương, khen thưởng</Title>
        <Group>
          <Select aria-label="Lọc theo hình thức" placeholder="Mọi hình thức" clearable w={220} value={kind} onChange={setKind} data={Object.entries(accountabilityKindLabels).map(([value, label]) => ({ value, label }))} />
          <Button onClick={() => setAdding(true)}>Ghi nhận mới</Button>
        </Group>
      </Group>
      <Text size="sm" c="dimmed">
        Các đề xuất theo số liệu có ở màn hình Đánh giá, xếp loại; mỗi bản ghi do người có thẩm quyền quyết định. Bấm một dòng để xem quá trình của đơn vị.
      </Text>
      <VirtualTable
        label="Bản ghi kiểm điểm, khen thưởng"
        height="calc(100vh - 230px)"
        rowHeight={56}
        rows={rows}
        rowKey={(r) => r.id}
        onRowClick={(r) => r.subject.unitId && navigate(`accountability/unit/${r.subject.unitId}`)}
        empty="Chưa có bản ghi nào."
        columns={[
          { header: 'Ngày ghi nhận', width: '110px', cell: (r) => formatDate(r.recordedOn) },
          { header: 'Hình thức', width: '170px', cell: (r) => <Badge color={KIND_COLORS[r.kind]} variant="light" style={{ textTransform: 'none' }}>{accountabilityKindLabels[r.kind]}</Badge> },
          { header: 'Đối tượng', width: 'minmax(200px, 2fr)', cell: (r) => <Text size="sm" lineClamp={2} title={subjectName(r, registry)}>{subjectName(r, registry)}</Text> },
          { header: 'Lý do', width: 'minmax(260px, 4fr)', cell: (r) => <Text size="sm" lineClamp={2} title={r.reason}>{r.reason}</Text> },
          { header: 'Quyết định', width: '170px', cell: (r) => <Text size="sm">{r.decisionNumber ? `${r.decisionNumber}${r.decisionDate ? ` ngày ${formatDate(r.decisionDate)}` : ''}` : 'Chưa có quyết định'}</Text> },
        ]}
      />
      {adding && <RecordModal draft={{ kind: 'commendation', unitId: null, reason: '', periodFrom: addDays(today, -90), periodTo: today, taskIds: [] }} registry={registry} today={today} onClose={() => setAdding(false)} />}
    </Stack>
  );
}

function UnitRecord({ unitId, records, registry }: { unitId: string; records: StoredRecord[]; registry: Registry }) {
  const mine = records.filter((r) => r.subject.unitId === unitId).sort((a, b) => (a.recordedOn < b.recordedOn ? 1 : -1));
  const count = (k: AccountabilityKind) => mine.filter((r) => r.kind === k).length;
  return (
    <Stack gap="sm">
      <Anchor size="sm" onClick={() => navigate('accountability')}>
        ← Kiểm điểm, khen thưởng
      </Anchor>
      <Title order={3}>{registry.unitName(unitId)}</Title>
      <Group gap="xs">
        {(Object.keys(accountabilityKindLabels) as AccountabilityKind[]).map((k) => (
          <Badge key={k} color={KIND_COLORS[k]} variant="light" style={{ textTransform: 'none' }}>
            {accountabilityKindLabels[k]}: {count(k)}
          </Badge>
        ))}
      </Group>
      <Paper withBorder p="md">
        {mine.length === 0 ? (
          <Text size="sm" c="dimmed">
            Đơn vị chưa có bản ghi kiểm điểm, biểu dương hay khen thưởng.
          </Text>
        ) : (
          <Timeline bulletSize={14} lineWidth={2}>
            {mine.map((r) => (
              <Timeline.Item key={r.id} color={KIND_COLORS[r.kind]} title={`${formatDate(r.recordedOn)} — ${accountabilityKindLabels[r.kind]}${r.subject.kind === 'official' ? `: ${registry.officialName(r.subject.officialId)}` : ''}`}>
                <Text size="sm">{r.reason}</Text>
                <Text size="xs" c="dimmed">
                  Kỳ xem xét {formatDate(r.periodFrom)} – {formatDate(r.periodTo)}
                  {r.decisionNumber ? ` · Quyết định số ${r.decisionNumber}${r.decisionDate ? ` ngày ${formatDate(r.decisionDate)}` : ''}` : ' · Chưa có quyết định'}
                  {r.decidedBy ? ` · ${r.decidedBy}` : ''}
                  {r.taskIds.length ? ` · ${r.taskIds.length} nhiệm vụ liên quan` : ''}
                  {r.consultationIds.length ? ` · ${r.consultationIds.length} đợt lấy ý kiến` : ''}
                </Text>
                {r.taskIds.length > 0 && (
                  <Group gap={6} mt={2}>
                    {r.taskIds.slice(0, 8).map((t) => (
                      <Anchor key={t} size="xs" onClick={() => navigate(`tasks/${t}`)}>
                        Xem nhiệm vụ
                      </Anchor>
                    ))}
                  </Group>
                )}
                <AttachmentList items={r.attachments} />
              </Timeline.Item>
            ))}
          </Timeline>
        )}
      </Paper>
    </Stack>
  );
}

import { useEffect, useState } from 'react';
import { Alert, Anchor, Badge, Button, Checkbox, Group, List, Loader, Modal, Paper, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { AppError } from '@shared/errors';
import { compareReports, issueRefusal, type FigureChange, type ReportData, type ReportTexts } from '@shared/reports';
import { DEFAULT_TASK_SETTINGS } from '@shared/tasks/state';
import { navigate } from '../../shell/router';
import { currentDb, writeContext } from '../../state/app';
import { formatDate } from '../../ui/format';
import { FormActions } from '../../ui/FormActions';
import { notifyError, notifySuccess } from '../../ui/notify';
import { useAction } from '../../ui/useAction';
import { settledIndexRows, useTaskSettings } from '../tasks/data/queries';
import { useRegistry, useToday } from '../tasks/context';
import { SignerSelect, useSignerOptions, useSignerPick } from '../consultations/SignerSelect';
import { loadLetter } from '../letters/data/register';
import { buildReport } from './data/build';
import { issueReport, issuerOf, reportLetter } from './data/issue';
import { loadSnapshot, useSnapshots, type SnapshotSummary } from './data/snapshots';
import { ReportBuilder, type BuiltParams } from './ReportBuilder';
import { ReportView } from './ReportView';
import { fileBase, saveReportDocx, saveReportXlsx } from './exports';
import { TableHead } from '../../ui/TableParts';

/** Báo cáo: #/reports (build, export, issue; issued list) and #/reports/issued/<id> (a snapshot). */
export function ReportsPage({ subPath }: { subPath: string }) {
  const [head, id] = subPath.split('/');
  if (head === 'issued' && id) return <IssuedReport id={id} />;
  return <ReportBuilderPage />;
}

function ReportBuilderPage() {
  const today = useToday();
  const registry = useRegistry();
  const settings = useTaskSettings() ?? DEFAULT_TASK_SETTINGS;
  const building = useAction({ failure: 'Không lập được báo cáo' });
  const [data, setData] = useState<ReportData | null>(null);
  const [issueOpen, setIssueOpen] = useState(false);
  if (!registry) return <Loader />;

  const build = ({ params, scopeLabel }: BuiltParams) => building.run(async () => setData(await buildReport(currentDb(), params, scopeLabel, await settledIndexRows(currentDb()))));

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={3}>Báo cáo kết quả thực hiện nhiệm vụ</Title>
        <Text size="sm" c="dimmed">
          Số liệu tính tại ngày chốt, không theo ngày hôm nay
        </Text>
      </Group>
      <ReportBuilder today={today} settings={settings} registry={registry} busy={building.busy} actionLabel="Lập báo cáo" onBuild={build} onError={(m) => notifyError(new AppError('invalid-input', m), 'Chưa lập được báo cáo')} />
      {data && (
        <Paper withBorder p="sm">
          <Group justify="space-between" mb="xs">
            <Text fw={600}>
              Báo cáo {data.periodLabel} · {data.scopeLabel} · chốt số liệu ngày {formatDate(data.params.period.cutOff)}
            </Text>
            <Group gap="xs">
              <Button variant="default" onClick={() => void exportXlsx(data)}>
                Xuất Excel
              </Button>
              <DraftDocxButton data={data} today={today} />
              <Button onClick={() => setIssueOpen(true)}>Phát hành báo cáo</Button>
            </Group>
          </Group>
          <ReportView data={data} />
        </Paper>
      )}
      <IssuedList />
      {issueOpen && data && <IssueModal data={data} today={today} onClose={() => setIssueOpen(false)} />}
    </Stack>
  );
}

async function exportXlsx(data: ReportData): Promise<void> {
  try {
    const path = await saveReportXlsx(data);
    if (path) notifySuccess(`Đã lưu ${path}`);
  } catch (e) {
    notifyError(e, 'Không lưu được tệp Excel');
  }
}

function DraftDocxButton({ data, today }: { data: ReportData; today: string }) {
  const signers = useSignerOptions(today);
  const save = async () => {
    try {
      if (!signers?.length) throw new AppError('invalid-input', 'Chưa có người ký: khai báo trong Cài đặt → Thể thức văn bản.');
      const { issuer } = await issuerOf(currentDb(), signers[0].choice);
      const path = await saveReportDocx(reportLetter(data, issuer, {}, { number: null, date: null }), `${fileBase(data)} (du thao)`);
      if (path) notifySuccess(`Đã lưu dự thảo ${path}`);
    } catch (e) {
      notifyError(e, 'Không lưu được văn bản');
    }
  };
  return (
    <Button variant="default" onClick={() => void save()} disabled={!signers}>
      Xuất dự thảo (.docx)
    </Button>
  );
}

function IssueModal({ data, today, onClose }: { data: ReportData; today: string; onClose(): void }) {
  const signers = useSignerOptions(today);
  const pick = useSignerPick(signers);
  const [texts, setTexts] = useState<Record<'shortcomings' | 'nextSteps' | 'proposals', string>>({ shortcomings: '', nextSteps: '', proposals: '' });
  const [omitEmpty, setOmitEmpty] = useState(false);
  // The refusal (a section left empty) shows in place; a failure to issue is a notification.
  const action = useAction({ failure: 'Không phát hành được báo cáo' });
  if (!signers) return null;
  const signer = pick.choice;
  const lines = (s: string) => s.split(/\n+/).map((l) => l.trim()).filter(Boolean);
  const issue = async () => {
    if (!signer) return;
    const written: ReportTexts = { shortcomings: lines(texts.shortcomings), nextSteps: lines(texts.nextSteps), proposals: lines(texts.proposals), omitEmpty };
    const why = issueRefusal(written);
    if (why) return action.setError(why);
    await action.run(async () => {
      const r = await issueReport(currentDb(), writeContext(), { data, signer, texts: written, issuedOn: today });
      notifySuccess(`Đã phát hành báo cáo số ${String(r.number).padStart(2, '0')}/${r.letter.symbol} và lưu số liệu.`);
      const path = await saveReportDocx(r.letter, `Bao cao ${String(r.number).padStart(2, '0')} ${fileBase(data).slice(8)}`);
      if (path) notifySuccess(`Đã lưu ${path}`);
      onClose();
      navigate(`reports/issued/${r.snapshotId}`);
    });
  };
  return (
    <Modal opened onClose={onClose} title="Phát hành báo cáo" size="lg">
      <Stack gap="sm">
        <Text size="sm">
          Báo cáo {data.periodLabel} được cấp số trong sổ văn bản đi ngày {formatDate(today)}; số liệu đã tính (theo từng đơn vị, từng nhiệm vụ) được lưu kèm mã kiểm tra để in lại đúng như khi phát hành.
        </Text>
        <SignerSelect options={signers} pick={pick} />
        <Textarea label="II. Tồn tại, hạn chế và nguyên nhân" autosize minRows={2} maxRows={5} value={texts.shortcomings} onChange={(e) => setTexts({ ...texts, shortcomings: e.currentTarget.value })} />
        <Textarea label="III. Nhiệm vụ, giải pháp trong thời gian tới" autosize minRows={2} maxRows={5} value={texts.nextSteps} onChange={(e) => setTexts({ ...texts, nextSteps: e.currentTarget.value })} />
        <Textarea label="IV. Kiến nghị, đề xuất" autosize minRows={2} maxRows={5} value={texts.proposals} onChange={(e) => setTexts({ ...texts, proposals: e.currentTarget.value })} />
        <Checkbox
          label="Bỏ các mục để trống (báo cáo không in tiêu đề các mục đó)"
          description="Báo cáo đã cấp số không bao giờ in dòng chờ bổ sung nội dung: mỗi mục II–IV phải có nội dung hoặc được bỏ."
          checked={omitEmpty}
          onChange={(e) => setOmitEmpty(e.currentTarget.checked)}
        />
        <FormActions error={action.error} onCancel={onClose} onSubmit={issue} busy={action.busy} disabled={!signer} submitLabel="Cấp số, phát hành và lưu .docx" />
      </Stack>
    </Modal>
  );
}

function IssuedList() {
  const snapshots = useSnapshots();
  if (!snapshots || snapshots.length === 0) return null;
  return (
    <Paper withBorder p="sm">
      <Text fw={600} mb={4}>
        Báo cáo đã phát hành
      </Text>
      <Table fz="sm" verticalSpacing={4} highlightOnHover aria-label="Báo cáo đã phát hành">
        <TableHead columns={['Số', 'Ngày phát hành', 'Báo cáo', 'Chốt số liệu', 'Người phát hành']} />
        <Table.Tbody>
          {snapshots.slice(0, 50).map((s) => (
            <Table.Tr key={s.id} style={{ cursor: 'pointer' }} onClick={() => navigate(`reports/issued/${s.id}`)}>
              <Table.Td>{s.number === null ? '' : String(s.number).padStart(2, '0')}</Table.Td>
              <Table.Td>{formatDate(s.issuedOn)}</Table.Td>
              <Table.Td>
                <Anchor size="sm">{s.title}</Anchor>
              </Table.Td>
              <Table.Td>{formatDate(s.cutOff)}</Table.Td>
              <Table.Td>{s.issuedBy}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

function IssuedReport({ id }: { id: string }) {
  const [state, setState] = useState<{ meta: SnapshotSummary; data: ReportData } | null | undefined>(undefined);
  const [changes, setChanges] = useState<FigureChange[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    (async () => {
      try {
        const s = await loadSnapshot(currentDb(), id);
        if (!alive) return;
        setState(s);
        if (s) {
          const now = await buildReport(currentDb(), s.data.params, s.data.scopeLabel, await settledIndexRows(currentDb()));
          if (alive) setChanges(compareReports(s.data, now));
        }
      } catch (e) {
        if (alive) setError(e instanceof Error ? e.message : String(e));
      }
    })();
    return () => {
      alive = false;
    };
  }, [id]);
  if (error) return <Alert color="red">{error}</Alert>;
  if (state === undefined) return <Loader />;
  if (state === null) return <Alert color="yellow">Không tìm thấy báo cáo đã phát hành.</Alert>;
  const { meta, data } = state;
  const reprint = async () => {
    try {
      const stored = meta.letterId ? await loadLetter(currentDb(), meta.letterId) : null;
      if (!stored) throw new AppError('not-found', 'Không tìm thấy văn bản đã phát hành.');
      const path = await saveReportDocx(stored.letter, `Bao cao ${String(meta.number ?? '').padStart(2, '0')} ${fileBase(data).slice(8)}`);
      if (path) notifySuccess(`Đã lưu ${path}`);
    } catch (e) {
      notifyError(e, 'Không in lại được');
    }
  };
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Stack gap={0}>
          <Anchor size="sm" onClick={() => navigate('reports')}>
            ← Báo cáo
          </Anchor>
          <Title order={3}>
            {meta.number !== null ? `Số ${String(meta.number).padStart(2, '0')} — ` : ''}
            {meta.title}
          </Title>
          <Text size="sm" c="dimmed">
            Phát hành ngày {formatDate(meta.issuedOn)} · chốt số liệu ngày {formatDate(meta.cutOff)} · {data.scopeLabel} · mã kiểm tra {meta.hash.slice(0, 16)}
          </Text>
        </Stack>
        <Group gap="xs">
          <Button variant="default" onClick={() => void exportXlsx(data)}>
            Xuất Excel
          </Button>
          <Button onClick={() => void reprint()}>In lại (.docx)</Button>
        </Group>
      </Group>
      {changes === null ? (
        <Text size="sm" c="dimmed">
          Đang đối chiếu với số liệu hiện nay…
        </Text>
      ) : changes.length === 0 ? (
        <Badge color="teal" variant="light">
          Số liệu hiện nay khớp với báo cáo đã phát hành
        </Badge>
      ) : (
        <Alert color="orange" title="Số liệu đã thay đổi kể từ khi phát hành">
          <Text size="sm">Báo cáo in lại vẫn giữ đúng số liệu đã phát hành. Tính lại với cùng kỳ và ngày chốt thì khác ở:</Text>
          <List size="sm" mt={4}>
            {changes.slice(0, 12).map((c, i) => (
              <List.Item key={i}>
                {c.unitName} — {c.label}: {c.before} → {c.after}
              </List.Item>
            ))}
            {changes.length > 12 && <List.Item>và {changes.length - 12} thay đổi khác</List.Item>}
          </List>
        </Alert>
      )}
      <ReportView data={data} />
    </Stack>
  );
}

import { useMemo, useState } from 'react';
import { Badge, Button, Group, Loader, Stack, Tabs, Text, TextInput, Title } from '@mantine/core';
import { makeSearchIndex } from '@shared/text/search';
import { workingDayOnOrAfter } from '@shared/calendar';
import {
  canAnswerUpward,
  positionsOf,
  replyOf,
  replyableUnits,
  speaksFor,
  upwardStatusLabel,
  upwardStatusOf,
  type Consultation,
  type UpwardRequest,
} from '@shared/consultations';
import { navigate } from '../../shell/router';
import { formatDate } from '../../ui/format';
import { DeadlineBadge } from '../calendar/DeadlineBadge';
import { useCalendarConfig } from '../calendar/config';
import { useUnits } from '../registries/queries';
import { useIsAdmin } from '../registries/useActor';
import { VirtualTable, type Column } from '../../ui/VirtualTable';
import { ConsultationDetail } from './ConsultationDetail';
import { ConsultationForm } from './ConsultationForm';
import { SettingsModal } from './SettingsModal';
import { UpwardDetail } from './UpwardDetail';
import { UpwardForm } from './UpwardForm';
import { useConsultationData } from './data/queries';
import { useScope } from './useScope';
import { useToday } from '../../ui/useToday';

/** Nghiệp vụ → Lấy ý kiến: routes #/consultations, /new[/<taskId>], /<id>, /upward/new[/<taskId>], /upward/<id>. */
export function ConsultationsPage({ subPath }: { subPath: string }) {
  const [head, second, third] = subPath.split('/');
  if (head === 'new') return <ConsultationForm taskId={second || null} />;
  if (head === 'upward' && second === 'new') return <UpwardForm taskId={third || null} />;
  if (head === 'upward' && second) return <UpwardDetail id={second} />;
  if (head) return <ConsultationDetail id={head} />;
  return <ConsultationList />;
}

interface ConsultRow {
  c: Consultation;
  /** For "to answer": my unit that still owes a reply (null when answered). */
  owedBy: string | null;
  overdue: boolean;
  summary: string;
}

interface UpwardRow {
  r: UpwardRequest;
  role: 'mine' | 'toAnswer';
  status: string;
  overdue: boolean;
}

/** A list row's subject, and under it who asked and when. */
function SubjectCell({ subject, unit, on }: { subject: string; unit: string; on: string }) {
  return (
    <Stack gap={0} style={{ minWidth: 0 }}>
      <Text size="sm" fw={500} truncate title={subject}>
        {subject}
      </Text>
      <Text size="xs" c="dimmed" truncate title={unit}>
        {unit} · {formatDate(on)}
      </Text>
    </Stack>
  );
}

function ConsultationList() {
  const data = useConsultationData();
  const units = useUnits();
  const scope = useScope();
  const calendar = useCalendarConfig();
  const today = useToday();
  const isAdmin = useIsAdmin();
  const [query, setQuery] = useState('');
  const [tab, setTab] = useState<string | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const name = useMemo(() => {
    const m = new Map((units ?? []).map((u) => [u.id, u.name]));
    return (id: string) => m.get(id) ?? '';
  }, [units]);

  const lists = useMemo(() => {
    if (!data || !scope || !calendar) return null;
    const { actor, site } = scope;
    const summary = (c: Consultation) => {
      const ps = positionsOf(c, data.replies, today, calendar);
      const replied = ps.filter((p) => p.kind === 'replied').length;
      const deemed = ps.filter((p) => p.kind === 'deemedAgreed').length;
      const disagree = ps.filter((p) => p.kind === 'replied' && p.position === 'disagree').length;
      const parts = [`${replied}/${ps.length} đã trả lời`];
      if (deemed) parts.push(`${deemed} được xác định là đồng ý`);
      if (disagree) parts.push(`${disagree} không đồng ý`);
      return parts.join(' · ');
    };
    const row = (c: Consultation, owedBy: string | null): ConsultRow => ({ c, owedBy, overdue: today > workingDayOnOrAfter(c.dueOn, calendar), summary: summary(c) });
    const byDue = (a: ConsultRow, b: ConsultRow) => (a.c.dueOn < b.c.dueOn ? -1 : a.c.dueOn > b.c.dueOn ? 1 : 0);
    const toAnswer = data.consultations
      .flatMap((c) => {
        const mine = replyableUnits(actor, site, c);
        if (mine.length === 0) return [];
        const owed = mine.find((u) => !replyOf(c, u, data.replies));
        return [row(c, owed ?? null)];
      })
      // Owed and overdue first, then owed by deadline, then answered.
      .sort((a, b) => {
        const rank = (r: ConsultRow) => (r.owedBy ? (r.overdue ? 0 : 1) : 2);
        return rank(a) - rank(b) || byDue(a, b);
      });
    const requested = data.consultations.filter((c) => speaksFor(actor, site, c.requesterUnitId)).map((c) => row(c, null)).sort((a, b) => Number(!!a.c.readyOn) - Number(!!b.c.readyOn) || byDue(a, b));
    const all = data.consultations.map((c) => row(c, null)).sort(byDue);
    const upward: UpwardRow[] = data.upwardRequests
      .flatMap((r): UpwardRow[] => {
        const s = upwardStatusOf(r, data.upwardAnswers, today, calendar);
        const overdue = s.kind === 'pending' && s.overdue;
        if (canAnswerUpward(actor, site, r).allowed) return [{ r, role: 'toAnswer', status: upwardStatusLabel(s), overdue }];
        if (speaksFor(actor, site, r.fromUnitId)) return [{ r, role: 'mine', status: upwardStatusLabel(s), overdue }];
        return [];
      })
      .sort((a, b) => Number(b.overdue) - Number(a.overdue) || (a.r.dueOn < b.r.dueOn ? -1 : 1));
    return { toAnswer, requested, all, upward };
  }, [data, scope, calendar, today]);

  const search = useMemo(() => {
    if (!lists) return null;
    const text = (r: ConsultRow) => `${r.c.subject} ${r.c.dossierTitle} ${name(r.c.requesterUnitId)} ${r.c.field ?? ''}`;
    return {
      toAnswer: makeSearchIndex(lists.toAnswer, text),
      requested: makeSearchIndex(lists.requested, text),
      all: makeSearchIndex(lists.all, text),
      upward: makeSearchIndex(lists.upward, (r) => `${r.r.subject} ${name(r.r.fromUnitId)}`),
    };
  }, [lists, name]);

  if (!lists || !search || !units) return <Loader />;
  const owedCount = lists.toAnswer.filter((r) => r.owedBy).length;
  const active = tab ?? (owedCount > 0 ? 'toAnswer' : lists.requested.length > 0 ? 'requested' : scope?.site.siteRole === 'coordinator' ? 'all' : 'toAnswer');

  const consultColumns = (withOwed: boolean): Column<ConsultRow>[] => [
    {
      header: 'Hạn trả lời',
      width: '170px',
      cell: (r) =>
        withOwed && !r.owedBy ? (
          <Badge color="green" variant="light" tt="none">Đã trả lời</Badge>
        ) : r.overdue && !withOwed ? (
          <Text size="sm">Hết hạn {formatDate(workingDayOnOrAfter(r.c.dueOn, calendar))}</Text>
        ) : (
          <DeadlineBadge dueOn={r.c.dueOn} asOf={today} />
        ),
    },
    {
      header: 'Trích yếu',
      width: 'minmax(260px, 2.4fr)',
      cell: (r) => <SubjectCell subject={r.c.subject} unit={name(r.c.requesterUnitId)} on={r.c.requestedOn} />,
    },
    withOwed
      ? { header: 'Đơn vị trả lời', width: 'minmax(160px, 1.3fr)', cell: (r) => <Text size="sm" truncate title={r.owedBy ? name(r.owedBy) : undefined}>{r.owedBy ? name(r.owedBy) : 'Đã trả lời'}</Text> }
      : { header: 'Tình hình', width: 'minmax(240px, 2fr)', cell: (r) => <Text size="sm" truncate title={r.summary}>{r.summary}</Text> },
    {
      header: 'Trạng thái',
      width: '150px',
      cell: (r) =>
        r.c.readyOn ? (
          <Badge color="teal" tt="none">Sẵn sàng trình</Badge>
        ) : r.overdue ? (
          <Badge color="gray" tt="none">Hết hạn lấy ý kiến</Badge>
        ) : (
          <Badge color="blue" variant="light" tt="none">Đang lấy ý kiến</Badge>
        ),
    },
  ];
  const upwardColumns: Column<UpwardRow>[] = [
    { header: 'Hạn trả lời', width: '170px', cell: (r) => (r.status.startsWith('Chờ') || r.overdue ? <DeadlineBadge dueOn={r.r.dueOn} asOf={today} /> : <Text size="sm">{formatDate(r.r.dueOn)}</Text>) },
    {
      header: 'Trích yếu',
      width: 'minmax(260px, 3fr)',
      cell: (r) => <SubjectCell subject={r.r.subject} unit={name(r.r.fromUnitId)} on={r.r.requestedOn} />,
    },
    { header: 'Vai trò', width: '150px', cell: (r) => <Text size="sm">{r.role === 'toAnswer' ? 'Cần trả lời' : 'Đơn vị đề nghị'}</Text> },
    { header: 'Trạng thái', width: 'minmax(180px, 1.4fr)', cell: (r) => <Text size="sm" truncate title={r.status}>{r.status}</Text> },
  ];

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={3}>Lấy ý kiến và đề nghị lên cấp trên</Title>
        <Group gap="xs">
          {isAdmin && (
            <Button variant="default" onClick={() => setSettingsOpen(true)}>
              Quy định lấy ý kiến
            </Button>
          )}
          <Button variant="default" onClick={() => navigate('consultations/upward/new')}>
            Trình cấp trên
          </Button>
          <Button onClick={() => navigate('consultations/new')}>Lấy ý kiến mới</Button>
        </Group>
      </Group>
      <TextInput placeholder="Tìm theo trích yếu, hồ sơ, đơn vị, lĩnh vực (gõ không dấu cũng được)" aria-label="Tìm phiếu lấy ý kiến" value={query} onChange={(e) => setQuery(e.currentTarget.value)} />
      <Tabs value={active} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="toAnswer" rightSection={owedCount > 0 ? <Badge size="xs" color="red" circle>{owedCount}</Badge> : undefined}>
            Cần tôi trả lời
          </Tabs.Tab>
          <Tabs.Tab value="requested">Tôi lấy ý kiến ({lists.requested.length})</Tabs.Tab>
          {scope?.site.siteRole === 'coordinator' && <Tabs.Tab value="all">Tất cả ({lists.all.length})</Tabs.Tab>}
          <Tabs.Tab value="upward">Đề nghị lên cấp trên ({lists.upward.length})</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="toAnswer" pt="sm">
          <VirtualTable rows={search.toAnswer(query)} columns={consultColumns(true)} rowKey={(r) => r.c.id} rowHeight={52} height="calc(100vh - 300px)" label="Phiếu cần trả lời" empty="Không có phiếu lấy ý kiến nào gửi đơn vị của bạn." onRowClick={(r) => navigate(`consultations/${r.c.id}`)} />
        </Tabs.Panel>
        <Tabs.Panel value="requested" pt="sm">
          <VirtualTable rows={search.requested(query)} columns={consultColumns(false)} rowKey={(r) => r.c.id} rowHeight={52} height="calc(100vh - 300px)" label="Phiếu tôi lấy ý kiến" empty="Đơn vị của bạn chưa lấy ý kiến lần nào. Bấm “Lấy ý kiến mới” để bắt đầu." onRowClick={(r) => navigate(`consultations/${r.c.id}`)} />
        </Tabs.Panel>
        <Tabs.Panel value="all" pt="sm">
          <VirtualTable rows={search.all(query)} columns={consultColumns(false)} rowKey={(r) => r.c.id} rowHeight={52} height="calc(100vh - 300px)" label="Tất cả phiếu lấy ý kiến" empty="Chưa có phiếu lấy ý kiến nào." onRowClick={(r) => navigate(`consultations/${r.c.id}`)} />
        </Tabs.Panel>
        <Tabs.Panel value="upward" pt="sm">
          <VirtualTable rows={search.upward(query)} columns={upwardColumns} rowKey={(r) => r.r.id} rowHeight={52} height="calc(100vh - 300px)" label="Đề nghị lên cấp trên" empty="Chưa có đề nghị nào trình lên cấp trên." onRowClick={(r) => navigate(`consultations/upward/${r.r.id}`)} />
        </Tabs.Panel>
      </Tabs>
      <SettingsModal opened={settingsOpen} onClose={() => setSettingsOpen(false)} />
    </Stack>
  );
}

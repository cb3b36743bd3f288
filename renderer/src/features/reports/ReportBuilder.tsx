import { useMemo, useState } from 'react';
import { Button, Group, MultiSelect, NumberInput, Paper, Select, TextInput } from '@mantine/core';
import { lastEndedPeriod, periodKindLabels, periodOf, reportParamsSchema, reportScopeLabels, taskInclusionLabels, withCutOff, type PeriodKind, type ReportParams, type ReportScopeKind, type TaskInclusion } from '@shared/reports';
import { directiveReference } from '@shared/tasks/model';
import type { TaskSettings } from '@shared/tasks/state';
import { useDirectives } from '../tasks/data/queries';
import type { Registry } from '../tasks/context';
import { parseVnDate, toVnDate } from './dates';

const INDEX_OPTIONS: Partial<Record<PeriodKind, { label: string; data: { value: string; label: string }[] }>> = {
  month: { label: 'Tháng', data: Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1), label: `Tháng ${i + 1}` })) },
  quarter: { label: 'Quý', data: ['I', 'II', 'III', 'IV'].map((q, i) => ({ value: String(i + 1), label: `Quý ${q}` })) },
  half: { label: 'Nửa năm', data: [{ value: '1', label: '6 tháng đầu năm' }, { value: '2', label: '6 tháng cuối năm' }] },
};

export interface BuiltParams {
  params: ReportParams;
  scopeLabel: string;
}

/** Kỳ báo cáo, ngày chốt số liệu, phạm vi: everything a report or a ranking is computed from. */
export function ReportBuilder(props: { today: string; settings: TaskSettings; registry: Registry; busy: boolean; actionLabel: string; onBuild(p: BuiltParams): void; onError(message: string): void }) {
  const { today, registry } = props;
  const directives = useDirectives();
  const year = Number(today.slice(0, 4));
  // The quarter that just ended: on 01/04 the clerk reports on quý I, cut off on 31/03.
  const ended = lastEndedPeriod('quarter', today);
  const [kind, setKind] = useState<PeriodKind>('quarter');
  const [periodYear, setPeriodYear] = useState<number>(ended.year);
  const [index, setIndex] = useState<string>(String(ended.index));
  const [from, setFrom] = useState(toVnDate(`${year}-01-01`));
  const [to, setTo] = useState(toVnDate(today));
  const [cutOffText, setCutOffText] = useState<string | null>(null);
  const [scopeKind, setScopeKind] = useState<ReportScopeKind>('all');
  const [unitIds, setUnitIds] = useState<string[]>([]);
  const [planYear, setPlanYear] = useState<number>(year);
  const [directiveId, setDirectiveId] = useState<string | null>(null);
  const [officialId, setOfficialId] = useState<string | null>(null);
  const [inclusion, setInclusion] = useState<TaskInclusion>('withCarriedOver');

  const period = useMemo(() => {
    if (kind === 'range') {
      const f = parseVnDate(from);
      const t = parseVnDate(to);
      return f && t ? { kind, from: f, to: t } : null;
    }
    return periodOf(kind, periodYear, Number(index) || 1);
  }, [kind, periodYear, index, from, to]);
  const defaultCutOff = period ? withCutOff(period, today).cutOff : today;
  const cutOffShown = cutOffText ?? toVnDate(defaultCutOff);

  const build = () => {
    if (!period) return props.onError('Nhập ngày bắt đầu và kết thúc kỳ theo dạng dd/mm/yyyy.');
    const cutOff = parseVnDate(cutOffShown);
    if (!cutOff) return props.onError('Ngày chốt số liệu không hợp lệ (dd/mm/yyyy).');
    const scope =
      scopeKind === 'units'
        ? { kind: scopeKind, unitIds }
        : scopeKind === 'planYear'
          ? { kind: scopeKind, planYear }
          : scopeKind === 'directive'
            ? { kind: scopeKind, directiveId: directiveId ?? '' }
            : scopeKind === 'leader'
              ? { kind: scopeKind, officialId: officialId ?? '' }
              : { kind: 'all' as const };
    const parsed = reportParamsSchema.safeParse({ period: { ...period, cutOff }, scope, inclusion, judgeAgainst: props.settings.judgeAgainst, rateFormula: props.settings.rateFormula, onTimeAt: props.settings.onTimeAt, acceptanceWorkingDays: props.settings.acceptanceWorkingDays });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return props.onError(issue.path.includes('directiveId') ? 'Chọn văn bản chỉ đạo.' : issue.path.includes('officialId') ? 'Chọn lãnh đạo giao nhiệm vụ.' : issue.message);
    }
    const d = directives?.find((x) => x.id === directiveId);
    const scopeLabel =
      scopeKind === 'units'
        ? `Các đơn vị: ${unitIds.map((u) => registry.unitName(u)).join(', ')}`
        : scopeKind === 'planYear'
          ? `Nhiệm vụ thuộc kế hoạch năm ${planYear}`
          : scopeKind === 'directive'
            ? `Nhiệm vụ theo văn bản ${d ? `${directiveReference(d) || ''} ${d.subject}`.trim() : ''}`
            : scopeKind === 'leader'
              ? `Nhiệm vụ do đồng chí ${registry.officialName(officialId)} giao`
              : 'Tất cả đơn vị';
    props.onBuild({ params: parsed.data, scopeLabel });
  };

  const idx = INDEX_OPTIONS[kind];
  return (
    <Paper withBorder p="sm">
      <Group align="flex-end" gap="sm" wrap="wrap">
        <Select label="Kỳ báo cáo" w={170} allowDeselect={false} value={kind} onChange={(v) => { const k = (v as PeriodKind) ?? 'quarter'; setKind(k); if (k !== 'range') { const e = lastEndedPeriod(k, today); setPeriodYear(e.year); setIndex(String(e.index)); } setCutOffText(null); }} data={Object.entries(periodKindLabels).map(([value, label]) => ({ value, label }))} />
        {kind !== 'range' && <NumberInput label="Năm" w={90} min={2000} max={2100} value={periodYear} onChange={(v) => { setPeriodYear(Number(v) || year); setCutOffText(null); }} />}
        {idx && <Select label={idx.label} w={170} allowDeselect={false} value={index} onChange={(v) => { setIndex(v ?? '1'); setCutOffText(null); }} data={idx.data} />}
        {kind === 'range' && (
          <>
            <TextInput label="Từ ngày" w={120} value={from} onChange={(e) => { setFrom(e.currentTarget.value); setCutOffText(null); }} placeholder="dd/mm/yyyy" />
            <TextInput label="Đến ngày" w={120} value={to} onChange={(e) => { setTo(e.currentTarget.value); setCutOffText(null); }} placeholder="dd/mm/yyyy" />
          </>
        )}
        <TextInput label="Ngày chốt số liệu" w={140} value={cutOffShown} onChange={(e) => setCutOffText(e.currentTarget.value)} placeholder="dd/mm/yyyy" />
        <Select label="Phạm vi" w={230} allowDeselect={false} value={scopeKind} onChange={(v) => setScopeKind((v as ReportScopeKind) ?? 'all')} data={Object.entries(reportScopeLabels).map(([value, label]) => ({ value, label }))} />
        {scopeKind === 'units' && (
          <MultiSelect label="Đơn vị" w={320} searchable value={unitIds} onChange={setUnitIds} data={registry.units.map((u) => ({ value: u.id, label: u.name }))} maxDropdownHeight={260} />
        )}
        {scopeKind === 'planYear' && <NumberInput label="Năm kế hoạch" w={120} min={2000} max={2100} value={planYear} onChange={(v) => setPlanYear(Number(v) || year)} />}
        {scopeKind === 'directive' && (
          <Select label="Văn bản chỉ đạo" w={320} searchable value={directiveId} onChange={setDirectiveId} data={(directives ?? []).map((d) => ({ value: d.id, label: `${directiveReference(d) || 'Không số'} — ${d.subject}`.slice(0, 140) }))} />
        )}
        {scopeKind === 'leader' && (
          <Select label="Lãnh đạo giao nhiệm vụ" w={280} searchable value={officialId} onChange={setOfficialId} data={registry.officials.map((o) => ({ value: o.id, label: o.fullName }))} />
        )}
        <Select label="Tính nhiệm vụ" w={400} allowDeselect={false} value={inclusion} onChange={(v) => setInclusion((v as TaskInclusion) ?? 'withCarriedOver')} data={Object.entries(taskInclusionLabels).map(([value, label]) => ({ value, label }))} />
        <Button onClick={build} loading={props.busy}>
          {props.actionLabel}
        </Button>
      </Group>
    </Paper>
  );
}

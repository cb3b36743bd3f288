/**
 * A report as an official letter (báo cáo, through buildPeriodicReport) and as workbook sheets.
 * Both read the same ReportData, so the letter, the sheets and the screen print the same numbers.
 */
import type { Sheet } from '../xlsx/sheets';
import type { LetterBlockInput } from '../letters/model';
import type { ReportSection } from '../letters/templates/periodicReport';
import { overdueBucketLabels, taskCategories, taskCategoryLabels, type OverdueBucket, type TaskCategory } from '../tasks/state';
import type { ReportData, ReportFigures, TrendPoint } from './model';
import { reportDecisionKindLabels, type ReportDecisionLine } from './decisions';
import { explainUnit, formatPercentBp, listItems, schemeText, type RankingScheme, type UnitRanking } from './ranking';

/** 14068 → "14.068" (Vietnamese grouping, independent of the host's locale data). */
export function formatInt(n: number): string {
  const s = String(Math.abs(Math.trunc(n)));
  return (n < 0 ? '-' : '') + s.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

export function shortDate(d: string | null): string {
  if (!d) return '';
  const [y, m, day] = d.split('-');
  return `${day}/${m}/${y}`;
}

/** "tháng 3/2026" */
export function monthLabel(month: string): string {
  return `Tháng ${Number(month.slice(5, 7))}/${month.slice(0, 4)}`;
}

export const CATEGORY_ORDER: TaskCategory[] = [...taskCategories];
/** Short column headers (the two-level tree flattened); "HT" is explained in the notes. */
export const CATEGORY_SHORT: Record<TaskCategory, string> = {
  doneOnTime: 'HT đúng hạn',
  doneLate: 'HT quá hạn',
  doneNoDeadline: 'HT không có hạn',
  awaitingAcceptance: 'Chờ xác nhận HT',
  openWithinDeadline: 'Chưa HT, trong hạn',
  openOverdue: 'Chưa HT, quá hạn',
  openNoDeadline: 'Chưa HT, không có hạn',
};
const BUCKETS: OverdueBucket[] = ['upTo30', 'from31To90', 'over90'];

function rateText(r: ReportFigures['rate'] | undefined): string {
  return r ? formatPercentBp(r.basisPoints) : '—';
}

/** A count of a category; reports issued before a category existed have none. */
export function countOf(f: Pick<ReportFigures, 'counts'>, k: TaskCategory): number {
  return f.counts[k] ?? 0;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

function rateClause(label: string, r: ReportFigures['rate']): string {
  return `${label}: ${rateText(r)} (${formatInt(r.numerator)}/${formatInt(r.denominator)})`;
}

export function summarySentence(data: ReportData): string {
  const t = data.totals;
  const c = t.counts;
  const waiting = countOf(t, 'awaitingAcceptance');
  const done = c.doneOnTime + c.doneLate + c.doneNoDeadline;
  const open = c.openWithinDeadline + c.openOverdue + c.openNoDeadline + waiting;
  const rates = [rateClause(data.rateFormula.label, t.rate)];
  if (data.onTimeShareFormula && t.onTimeShare && data.onTimeShareFormula.id !== data.rateFormula.id) rates.push(rateClause(lowerFirst(data.onTimeShareFormula.label), t.onTimeShare));
  rates.push(rateClause(lowerFirst(data.overdueFormula.label), t.overdueShare));
  return (
    `Tính đến ngày ${shortDate(data.params.period.cutOff)}, tổng số nhiệm vụ được tính trong kỳ là ${formatInt(t.assigned)} nhiệm vụ` +
    (t.carriedOver ? ` (trong đó ${formatInt(t.carriedOver)} nhiệm vụ kỳ trước chuyển sang)` : '') +
    `; đã hoàn thành ${formatInt(done)} nhiệm vụ (đúng hạn ${formatInt(c.doneOnTime)}, quá hạn ${formatInt(c.doneLate)}, không có thời hạn ${formatInt(c.doneNoDeadline)}); ` +
    `chưa hoàn thành ${formatInt(open)} nhiệm vụ (${waiting ? `chờ cơ quan giao xác nhận hoàn thành ${formatInt(waiting)}${t.acceptanceLate ? `, trong đó ${formatInt(t.acceptanceLate)} quá hạn xác nhận` : ''}, ` : ''}trong hạn ${formatInt(c.openWithinDeadline)}, quá hạn ${formatInt(c.openOverdue)}, không có thời hạn ${formatInt(c.openNoDeadline)}). ` +
    `${rates.join('; ')}.`
  );
}

/** The formulas of the rate columns, numbered as the table headers number them: (1) headline, (2) on-time share of completions when printed, then the overdue share. */
export function formulaLines(data: Pick<ReportData, 'rateFormula' | 'overdueFormula' | 'onTimeShareFormula'>): string[] {
  const lines = [`${data.rateFormula.label} = ${data.rateFormula.text}.`];
  if (data.onTimeShareFormula) lines.push(`${data.onTimeShareFormula.label} = ${data.onTimeShareFormula.text}.`);
  lines.push(`${data.overdueFormula.label} = ${data.overdueFormula.text}.`);
  return lines;
}

/** "(1) … (2) … (3) …" for a note under the table. */
export function numberedFormulas(data: Pick<ReportData, 'rateFormula' | 'overdueFormula' | 'onTimeShareFormula'>): string {
  return formulaLines(data)
    .map((l, i) => `(${i + 1}) ${l}`)
    .join(' ');
}

/** Headers of the rate columns, numbered as numberedFormulas numbers the formulas. */
export function rateHeaders(data: Pick<ReportData, 'onTimeShareFormula'>): string[] {
  return data.onTimeShareFormula ? ['Tỷ lệ HT (1)', 'Tỷ lệ HT đúng hạn (2)', 'Tỷ lệ quá hạn (3)'] : ['Tỷ lệ (1)', 'Tỷ lệ quá hạn (2)'];
}

/** A rate in a letter table cell: "85,71" (the header says "%"), "—" without a base. */
function rateCell(r: ReportFigures['rate'] | undefined): string {
  return rateText(r).replace('%', '');
}

/**
 * The category columns a letter's table prints: every category, but "Chờ xác nhận HT" only when
 * a task waits for acceptance (an A4 page has room for few columns; the summary sentence and
 * the workbook always give it).
 */
export function letterCategories(data: Pick<ReportData, 'totals'>): TaskCategory[] {
  return CATEGORY_ORDER.filter((k) => k !== 'awaitingAcceptance' || countOf(data.totals, k) > 0);
}

function categoryRow(f: ReportFigures, categories: readonly TaskCategory[], withOnTimeShare: boolean): string[] {
  return [formatInt(f.assigned), ...categories.map((k) => formatInt(countOf(f, k))), rateCell(f.rate), ...(withOnTimeShare ? [rateCell(f.onTimeShare)] : []), rateCell(f.overdueShare)];
}
function detailRow(f: ReportFigures): string[] {
  return [...BUCKETS.map((b) => formatInt(f.overdueBuckets[b])), formatInt(f.extensionsGranted), formatInt(f.followUpLetters), formatInt(f.consultationsNoReply), formatInt(f.consultationsLate)];
}

/** Table blocks are limited to 20,000 rows; longer overdue lists are cut with a note. */
export const MAX_LETTER_ROWS = 20_000;

export function categoryTable(data: ReportData): LetterBlockInput {
  return {
    type: 'table',
    fontSize: 10,
    columns: [
      { header: 'STT', weight: 0.85, align: 'center' },
      { header: 'Đơn vị chủ trì', weight: 2.6 },
      { header: 'Tổng số', weight: 1, align: 'right' },
      ...letterCategories(data).map((k) => ({ header: CATEGORY_SHORT[k], weight: 1.2, align: 'right' as const })),
      ...rateHeaders(data).map((header) => ({ header: header.replace(' (', ' (%) ('), weight: 1.4, align: 'right' as const })),
    ],
    rows: data.units.map((u, i) => [String(i + 1), u.unitName, ...categoryRow(u, letterCategories(data), !!data.onTimeShareFormula)]),
    totals: ['', 'Tổng cộng', ...categoryRow(data.totals, letterCategories(data), !!data.onTimeShareFormula)],
  };
}

export function detailTable(data: ReportData): LetterBlockInput {
  return {
    type: 'table',
    fontSize: 10,
    columns: [
      { header: 'STT', weight: 0.85, align: 'center' },
      { header: 'Đơn vị chủ trì', weight: 3.2 },
      ...BUCKETS.map((b) => ({ header: `Quá hạn ${overdueBucketLabels[b].toLowerCase()}`, weight: 1.1, align: 'right' as const })),
      { header: 'Số lần gia hạn', weight: 1, align: 'right' },
      { header: 'Công văn đôn đốc', weight: 1, align: 'right' },
      { header: 'Không trả lời ý kiến', weight: 1.1, align: 'right' },
      { header: 'Trả lời ý kiến muộn', weight: 1.1, align: 'right' },
    ],
    rows: data.units.map((u, i) => [String(i + 1), u.unitName, ...detailRow(u)]),
    totals: ['', 'Tổng cộng', ...detailRow(data.totals)],
  };
}

export function overdueTable(data: ReportData): LetterBlockInput[] {
  // The product column ("5 rõ") is printed when a listed task states one.
  const withProduct = data.overdueTasks.some((t) => t.expectedProduct);
  const rows = data.overdueTasks
    .slice(0, MAX_LETTER_ROWS)
    .map((t, i) => [String(i + 1), t.title, ...(withProduct ? [t.expectedProduct ?? ''] : []), t.directiveRef, t.leadUnitName, shortDate(t.dueOn), formatInt(t.overdueDays)]);
  if (rows.length === 0) return [{ type: 'paragraph', text: 'Không có nhiệm vụ quá hạn chưa hoàn thành tại ngày chốt số liệu.' }];
  const blocks: LetterBlockInput[] = [
    {
      type: 'table',
      fontSize: 10,
      columns: [
        { header: 'STT', weight: 0.85, align: 'center' },
        { header: 'Nhiệm vụ', weight: withProduct ? 3.4 : 4.6 },
        ...(withProduct ? [{ header: 'Sản phẩm', weight: 2.2 }] : []),
        { header: 'Văn bản giao', weight: 1.6 },
        { header: 'Đơn vị chủ trì', weight: 2.2 },
        { header: 'Thời hạn', weight: 1.7, align: 'center' as const },
        { header: 'Số ngày quá hạn', weight: 1.1, align: 'right' as const },
      ],
      rows,
      totals: null,
    },
  ];
  if (data.overdueTasks.length > MAX_LETTER_ROWS)
    blocks.push({ type: 'paragraph', italic: true, text: `Danh mục in ${formatInt(MAX_LETTER_ROWS)} nhiệm vụ quá hạn lâu nhất trong tổng số ${formatInt(data.overdueTasks.length)}; danh mục đầy đủ ở tệp Excel kèm theo.` });
  return blocks;
}

/**
 * The leaders' decisions in the period (extensions, changes of lead unit, cancellations,
 * acceptances and returns), each with the deciding leader and the decision document.
 */
export function decisionsTable(decisions: readonly ReportDecisionLine[]): LetterBlockInput[] {
  if (decisions.length === 0) return [{ type: 'paragraph', text: 'Trong kỳ không có quyết định gia hạn, điều chỉnh đơn vị chủ trì, hủy nhiệm vụ, xác nhận hoặc trả lại báo cáo hoàn thành.' }];
  const rows = decisions.slice(0, MAX_LETTER_ROWS).map((d, i) => [
    String(i + 1),
    d.title,
    d.leadUnitName,
    d.content,
    shortDate(d.on),
    [d.decidedBy, d.document].filter(Boolean).join('; ') || 'Chưa ghi nhận',
  ]);
  return [
    {
      type: 'table',
      fontSize: 10,
      columns: [
        { header: 'STT', weight: 0.85, align: 'center' },
        { header: 'Nhiệm vụ', weight: 3.2 },
        { header: 'Đơn vị chủ trì', weight: 2.2 },
        { header: 'Nội dung quyết định', weight: 3.2 },
        { header: 'Ngày', weight: 1.5, align: 'center' },
        { header: 'Lãnh đạo quyết định; văn bản', weight: 2.8 },
      ],
      rows,
      totals: null,
    },
  ];
}

function trendRow(p: TrendPoint): string[] {
  const c = p.counts;
  return [monthLabel(p.month), formatInt(c.doneOnTime), formatInt(c.doneLate), formatInt(c.openOverdue), formatInt(c.openWithinDeadline), rateText(p.rate)];
}

export function trendTable(data: ReportData): LetterBlockInput {
  return {
    type: 'table',
    fontSize: 10,
    columns: [
      { header: 'Tháng đến hạn', weight: 1.6 },
      { header: 'HT đúng hạn', weight: 1, align: 'right' },
      { header: 'HT quá hạn', weight: 1, align: 'right' },
      { header: 'Chưa HT, quá hạn', weight: 1, align: 'right' },
      { header: 'Chưa HT, trong hạn', weight: 1, align: 'right' },
      { header: 'Tỷ lệ (1)', weight: 1.2, align: 'right' },
    ],
    rows: data.trend.map(trendRow),
    totals: null,
  };
}

function notesBlocks(data: ReportData): LetterBlockInput[] {
  return [
    { type: 'paragraph', italic: true, text: `Ghi chú: HT là hoàn thành. ${numberedFormulas(data)}` },
    { type: 'bullets', items: data.notes },
  ];
}

export interface ReportTexts {
  /** Sections II–IV, written by the compiling office; empty ones print the template's placeholder in a draft. */
  shortcomings?: string[];
  nextSteps?: string[];
  proposals?: string[];
  /** Leave empty sections II–IV out of the letter (the clerk's choice when issuing with nothing to say there). */
  omitEmpty?: boolean;
}

const WRITTEN_SECTIONS: readonly { key: 'shortcomings' | 'nextSteps' | 'proposals'; title: string }[] = [
  { key: 'shortcomings', title: 'Tồn tại, hạn chế và nguyên nhân' },
  { key: 'nextSteps', title: 'Nhiệm vụ, giải pháp trong thời gian tới' },
  { key: 'proposals', title: 'Kiến nghị, đề xuất' },
];

function written(lines: string[] | undefined): string[] {
  return (lines ?? []).filter((l) => l.trim());
}

/** Sections II–IV left empty ("II. Tồn tại, hạn chế và nguyên nhân"…): a report with any is not issued unless they are omitted. */
export function emptyWrittenSections(texts: ReportTexts): string[] {
  return WRITTEN_SECTIONS.map((s, i) => ({ ...s, label: `${['II', 'III', 'IV'][i]}. ${s.title}` }))
    .filter((s) => written(texts[s.key]).length === 0)
    .map((s) => s.label);
}

/** Why a báo cáo cannot be issued with these texts, or null: no placeholder may reach a numbered letter. */
export function issueRefusal(texts: ReportTexts): string | null {
  if (texts.omitEmpty) return null;
  const empty = emptyWrittenSections(texts);
  if (empty.length === 0) return null;
  return `Chưa phát hành được: ${empty.join('; ')} còn trống. Nhập nội dung các mục này, hoặc chọn "Bỏ các mục để trống" để báo cáo không in các mục đó.`;
}

/** Sections for buildPeriodicReport: I with the numbered tables, then II–IV as written. */
export function reportSections(data: ReportData, texts: ReportTexts = {}): ReportSection[] {
  const para = (lines: string[] | undefined): LetterBlockInput[] => (lines ?? []).filter((l) => l.trim()).map((text) => ({ type: 'paragraph', text }));
  return [
    {
      title: 'Kết quả thực hiện nhiệm vụ',
      blocks: [{ type: 'paragraph', text: summarySentence(data) }],
      subsections: [
        { title: 'Kết quả theo đơn vị chủ trì', blocks: [categoryTable(data), ...notesBlocks(data)] },
        { title: 'Nhiệm vụ quá hạn theo thời gian quá hạn; gia hạn, đôn đốc và trả lời ý kiến', blocks: [detailTable(data)] },
        { title: `Tỷ lệ theo tháng đến hạn năm ${data.params.period.cutOff.slice(0, 4)}`, blocks: [{ type: 'paragraph', text: 'Nhiệm vụ có thời hạn rơi vào từng tháng, phân loại tại ngày chốt số liệu.' }, trendTable(data)] },
        { title: 'Danh mục nhiệm vụ quá hạn chưa hoàn thành', blocks: overdueTable(data) },
        ...(data.decisions ? [{ title: 'Gia hạn, điều chỉnh, hủy nhiệm vụ và xác nhận hoàn thành trong kỳ', blocks: decisionsTable(data.decisions) }] : []),
      ],
    },
    ...WRITTEN_SECTIONS.filter((w) => !texts.omitEmpty || written(texts[w.key]).length > 0).map((w) => ({ title: w.title, blocks: para(texts[w.key]) })),
  ];
}

/** Sections of the ranking report: the formula, the table of levels, then each level's units. */
export function rankingSections(data: ReportData, ranking: readonly UnitRanking[], scheme: RankingScheme): ReportSection[] {
  const rateMetrics = scheme.metrics.filter((m) => m.kind === 'rate');
  const countMetrics = scheme.metrics.filter((m) => m.kind === 'count');
  return [
    {
      title: 'Tiêu chí đánh giá, xếp loại',
      blocks: [{ type: 'paragraph', text: `Căn cứ số liệu ${data.periodLabel} tính đến ngày ${shortDate(data.params.period.cutOff)}, áp dụng ${scheme.name.charAt(0).toLowerCase()}${scheme.name.slice(1)}:` }, { type: 'bullets', items: schemeText(scheme) }],
    },
    {
      title: 'Kết quả xếp loại',
      blocks: [
        {
          type: 'table',
          fontSize: 10,
          columns: [
            { header: 'Thứ hạng', weight: 0.8, align: 'center' },
            { header: 'Đơn vị', weight: 3 },
            ...rateMetrics.map((m) => ({ header: m.label, weight: 1.4, align: 'right' as const })),
            ...countMetrics.map((m) => ({ header: m.label, weight: 1.1, align: 'right' as const })),
            { header: 'Xếp loại', weight: 2.2 },
          ],
          rows: ranking.map((r) => [
            r.position === null ? '—' : String(r.position),
            r.unitName,
            ...rateMetrics.map((m) => {
              const v = r.metrics.find((x) => x.id === m.id)!;
              return `${formatPercentBp(v.basisPoints)} (${formatInt(v.numerator)}/${formatInt(v.denominator)})`;
            }),
            ...countMetrics.map((m) => formatInt(r.metrics.find((x) => x.id === m.id)!.count)),
            r.levelLabel,
          ]),
          totals: null,
        },
      ],
    },
  ];
}

/** Sections of "why this unit is ranked here": the checks level by level, then every task that counted. */
export function explanationSections(data: ReportData, r: UnitRanking, scheme: RankingScheme, titles: ReadonlyMap<string, string>): ReportSection[] {
  const tasks = explainUnit(data, r.unitId, scheme);
  const checkLines = r.checks.length
    ? listItems(r.checks.map((c) => `${c.label}: ${c.conditions.length ? c.conditions.map((x) => `${x.text} (thực tế ${x.actual}: ${x.passed ? 'đạt' : 'không đạt'})`).join(', ') : 'các trường hợp còn lại'}${c.passed ? ', nên xếp loại này' : ''}`))
    : [`Đơn vị có dưới ${scheme.minBase} nhiệm vụ đến hạn: ${r.levelLabel.toLowerCase()}.`];
  return [
    {
      title: 'Kết quả xếp loại',
      blocks: [{ type: 'paragraph', text: `${r.unitName}: ${r.levelLabel}${r.position !== null ? `, xếp thứ ${r.position}/${data.units.length}` : ''}.` }, { type: 'bullets', items: checkLines }],
    },
    {
      title: 'Các nhiệm vụ được tính',
      blocks: tasks.length
        ? [
            {
              type: 'table',
              fontSize: 10,
              columns: [
                { header: 'STT', weight: 0.85, align: 'center' },
                { header: 'Nhiệm vụ', weight: 4 },
                { header: 'Thời hạn', weight: 1.7, align: 'center' },
                { header: 'Phân loại', weight: 2 },
                { header: 'Cách tính', weight: 3 },
              ],
              rows: tasks.slice(0, MAX_LETTER_ROWS).map((t, i) => [
                String(i + 1),
                titles.get(t.task.id) ?? t.task.id,
                shortDate(t.task.dueOn),
                `${taskCategoryLabels[t.task.category]}${t.task.lateDays ? ` (${t.task.lateDays} ngày)` : ''}`,
                t.roles.join('; '),
              ]),
              totals: null,
            },
          ]
        : [{ type: 'paragraph', text: 'Đơn vị không có nhiệm vụ được tính trong kỳ.' }],
    },
  ];
}

// ─── Workbook ──────────────────────────────────────────────────────────────────────────

function pct(bp: number | null): number | null {
  return bp === null ? null : bp / 100;
}

function figureCells(f: ReportFigures): (number | null)[] {
  return [
    f.assigned,
    f.carriedOver,
    ...CATEGORY_ORDER.map((k) => countOf(f, k)),
    pct(f.rate.basisPoints),
    f.rate.numerator,
    f.rate.denominator,
    f.onTimeShare ? pct(f.onTimeShare.basisPoints) : null,
    pct(f.overdueShare.basisPoints),
    ...BUCKETS.map((b) => f.overdueBuckets[b]),
    f.extensionsGranted,
    f.followUpLetters,
    f.consultationsConsulted,
    f.consultationsNoReply,
    f.consultationsLate,
  ];
}

export function reportSheets(data: ReportData): Sheet[] {
  const unitColumns = [
    { header: 'STT', width: 6 },
    { header: 'Đơn vị chủ trì', width: 40 },
    { header: 'Tổng số nhiệm vụ', width: 12 },
    { header: 'Kỳ trước chuyển sang', width: 12 },
    ...CATEGORY_ORDER.map((k) => ({ header: taskCategoryLabels[k], width: 14 })),
    { header: `${data.rateFormula.label} (%)`, width: 18 },
    { header: 'Tử số', width: 9 },
    { header: 'Mẫu số', width: 9 },
    { header: `${(data.onTimeShareFormula ?? { label: 'Tỷ lệ hoàn thành đúng hạn trên số nhiệm vụ đã hoàn thành' }).label} (%)`, width: 18 },
    { header: `${data.overdueFormula.label} (%)`, width: 18 },
    ...BUCKETS.map((b) => ({ header: `Quá hạn ${overdueBucketLabels[b].toLowerCase()}`, width: 12 })),
    { header: 'Số lần gia hạn', width: 10 },
    { header: 'Công văn đôn đốc', width: 10 },
    { header: 'Số lượt được lấy ý kiến', width: 12 },
    { header: 'Không trả lời ý kiến', width: 12 },
    { header: 'Trả lời ý kiến muộn', width: 12 },
  ];
  return [
    {
      name: 'Tổng hợp theo đơn vị',
      columns: unitColumns,
      rows: [...data.units.map((u, i) => [i + 1, u.unitName, ...figureCells(u)]), [null, 'Tổng cộng', ...figureCells(data.totals)]],
    },
    {
      name: 'Nhiệm vụ quá hạn',
      columns: [
        { header: 'STT', width: 6 },
        { header: 'Nhiệm vụ', width: 60 },
        { header: 'Văn bản giao', width: 18 },
        { header: 'Đơn vị chủ trì', width: 32 },
        { header: 'Thời hạn', width: 12, format: 'date' as const },
        { header: 'Số ngày quá hạn', width: 10 },
        { header: 'Nhóm quá hạn', width: 18 },
        { header: 'Sản phẩm', width: 36 },
      ],
      rows: data.overdueTasks.map((t, i) => [i + 1, t.title, t.directiveRef, t.leadUnitName, shortDate(t.dueOn), t.overdueDays, overdueBucketLabels[t.bucket], t.expectedProduct ?? '']),
    },
    {
      name: 'Theo tháng đến hạn',
      columns: [{ header: 'Tháng', width: 12 }, ...CATEGORY_ORDER.map((k) => ({ header: taskCategoryLabels[k], width: 14 })), { header: `${data.rateFormula.label} (%)`, width: 18 }],
      rows: data.trend.map((p) => [monthLabel(p.month), ...CATEGORY_ORDER.map((k) => p.counts[k] ?? 0), pct(p.rate.basisPoints)]),
    },
    {
      name: 'Ghi chú',
      columns: [{ header: 'Nội dung', width: 100 }],
      rows: [[`Báo cáo ${data.periodLabel}; phạm vi: ${data.scopeLabel}.`], ...formulaLines(data).map((l) => [l]), ...data.notes.map((n) => [n])],
    },
    ...(data.decisions
      ? [
          {
            name: 'Quyết định trong kỳ',
            columns: [
              { header: 'STT', width: 6 },
              { header: 'Nhiệm vụ', width: 50 },
              { header: 'Đơn vị chủ trì', width: 30 },
              { header: 'Quyết định', width: 24 },
              { header: 'Nội dung', width: 50 },
              { header: 'Ngày', width: 12, format: 'date' as const },
              { header: 'Lãnh đạo quyết định', width: 36 },
              { header: 'Văn bản quyết định', width: 30 },
            ],
            rows: data.decisions.map((d, i) => [i + 1, d.title, d.leadUnitName, reportDecisionKindLabels[d.kind], d.content, shortDate(d.on), d.decidedBy, d.document]),
          },
        ]
      : []),
  ];
}

export function rankingSheet(ranking: readonly UnitRanking[], scheme: RankingScheme): Sheet[] {
  return [
    {
      name: 'Xếp loại',
      columns: [
        { header: 'Thứ hạng', width: 9 },
        { header: 'Đơn vị', width: 40 },
        ...scheme.metrics.map((m) => ({ header: m.kind === 'rate' ? `${m.label} (%)` : m.label, width: 16 })),
        { header: 'Điểm', width: 10 },
        { header: 'Xếp loại', width: 30 },
      ],
      rows: ranking.map((r) => [r.position, r.unitName, ...r.metrics.map((v) => (v.kind === 'rate' ? pct(v.basisPoints) : v.count)), r.scoreHundredths / 100, r.levelLabel]),
    },
    { name: 'Tiêu chí', columns: [{ header: 'Tiêu chí', width: 100 }], rows: schemeText(scheme).map((l) => [l]) },
  ];
}

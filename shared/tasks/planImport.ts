/**
 * Annual plan (kế hoạch năm) import from .xlsx: the downloadable template's columns and the
 * row-by-row validation into task drafts. Each row is one task; every bad row is reported with
 * its Excel row number and reason, and the caller creates nothing until the file is clean.
 * The fields every row shares (assigning unit and leader, plan year, source directive, date
 * of assignment) are chosen on screen, not repeated in the file. Columns are found by header
 * name (shared/xlsx/table.ts); rows with only STT filled in are blank.
 */
import type { ImportWorkbook } from '../xlsx/sheets';
import { foldVietnamese } from '../text/search';
import { formatUserDate, readUserDate } from '../text/dates';
import { isPostCurrent, type Official, type Post } from '../registries/officials';
import { isUnitValidOn, type Unit } from '../registries/units';
import { readTable, templateColumns, type ColumnSpec, type RowError } from '../xlsx/table';
import { authorityLevelLabels, authorityLevels, taskDraftSchema, taskPriorities, taskPriorityLabels, type AuthorityLevel, type TaskDraft, type TaskPriority } from './model';

export const PLAN_SPECS = [
  { key: 'stt', header: 'STT', width: 6, counter: true, aliases: ['TT', 'Số TT', 'Số thứ tự'] },
  { key: 'title', header: 'Tên nhiệm vụ (*)', width: 50, required: true },
  { key: 'content', header: 'Nội dung, yêu cầu', width: 40 },
  { key: 'lead', header: 'Đơn vị chủ trì (tên viết tắt) (*)', width: 22, required: true },
  { key: 'support', header: 'Đơn vị phối hợp (tên viết tắt, cách nhau bằng dấu ;)', width: 30 },
  { key: 'responsible', header: 'Người chịu trách nhiệm (họ và tên)', width: 26 },
  { key: 'due', header: 'Hạn hoàn thành (dd/mm/yyyy)', width: 18, kind: 'date', format: 'text' },
  { key: 'days', header: 'Hoặc số ngày làm việc kể từ ngày giao', width: 18, kind: 'number' },
  { key: 'priority', header: 'Mức độ (Bình thường / Quan trọng / Khẩn)', width: 18 },
  { key: 'legalBasis', header: 'Căn cứ giao nhiệm vụ', width: 30 },
  { key: 'authority', header: 'Thẩm quyền quyết định', width: 24 },
] as const satisfies readonly ColumnSpec<string>[];

export const PLAN_COLUMNS = templateColumns(PLAN_SPECS);

/** What the screen supplies for every row. */
export interface PlanImportContext {
  units: readonly Unit[];
  officials: readonly Official[];
  posts: readonly Post[];
  assignerUnitId: string;
  assignerOfficialId: string | null;
  directiveId: string | null;
  planYear: number;
  /** Date of assignment (today); working-day deadlines count from it. */
  assignedOn: string;
  /** Used when the row leaves "Thẩm quyền" empty. */
  defaultAuthorityLevel: AuthorityLevel;
}

export interface ParsedPlan {
  drafts: TaskDraft[];
  errors: RowError[];
  warnings: RowError[];
}

function pick<K extends string>(text: string, keys: readonly K[], labels: Record<K, string>): K | null {
  const f = foldVietnamese(text);
  for (const k of keys) if (foldVietnamese(labels[k]) === f || foldVietnamese(k) === f) return k;
  const partial = keys.filter((k) => foldVietnamese(labels[k]).includes(f));
  return partial.length === 1 ? partial[0] : null;
}

/** Template's sample rows, naming real units of this installation when there are some. */
export function planTemplateRows(leadShort: string, supportShort: string, year: number): (string | number | null)[][] {
  return [
    [1, 'Rà soát, cập nhật danh mục thủ tục hành chính thuộc thẩm quyền giải quyết', 'Công bố đầy đủ trên Cổng dịch vụ công', leadShort, supportShort, '', `30/06/${year}`, '', taskPriorityLabels.high, '', authorityLevelLabels.commune],
    [2, 'Báo cáo kết quả thực hiện nhiệm vụ 6 tháng đầu năm', '', leadShort, '', '', '', 10, taskPriorityLabels.normal, '', ''],
  ];
}

export function parsePlanRows(wb: ImportWorkbook, ctx: PlanImportContext): ParsedPlan {
  const table = readTable(wb, PLAN_SPECS, 'kế hoạch năm');
  if (!table.ok) return { drafts: [], errors: table.errors, warnings: table.warnings };
  const errors: RowError[] = [];
  const liveUnits = ctx.units.filter((u) => isUnitValidOn(u, ctx.assignedOn));
  const unitByKey = new Map<string, Unit>();
  for (const u of liveUnits) {
    unitByKey.set(foldVietnamese(u.shortName), u);
    if (!unitByKey.has(foldVietnamese(u.name))) unitByKey.set(foldVietnamese(u.name), u);
  }
  const officialById = new Map(ctx.officials.map((o) => [o.id, o]));
  const drafts: TaskDraft[] = [];
  for (const r of table.rows) {
    const rowNo = r.row;
    const [title, content, leadText, supportText, responsibleText, dueText, daysText, priorityText, legalBasis, levelText] = (
      ['title', 'content', 'lead', 'support', 'responsible', 'due', 'days', 'priority', 'legalBasis', 'authority'] as const
    ).map((k) => r.get(k));
    const reasons: string[] = [];
    if (!title.trim()) reasons.push('Thiếu tên nhiệm vụ.');
    const lead = unitByKey.get(foldVietnamese(leadText));
    if (!leadText.trim()) reasons.push('Thiếu đơn vị chủ trì.');
    else if (!lead) reasons.push(`Không tìm thấy đơn vị chủ trì "${leadText.trim()}" trong danh mục (đang hiệu lực).`);
    if (leadText.includes(';')) reasons.push('Mỗi nhiệm vụ chỉ có một đơn vị chủ trì.');
    const supportIds: string[] = [];
    for (const s of supportText.split(/[;,]/).map((x) => x.trim()).filter(Boolean)) {
      const u = unitByKey.get(foldVietnamese(s));
      if (!u) reasons.push(`Không tìm thấy đơn vị phối hợp "${s}".`);
      else if (lead && u.id === lead.id) reasons.push(`Đơn vị "${s}" vừa chủ trì vừa phối hợp.`);
      else if (!supportIds.includes(u.id)) supportIds.push(u.id);
    }
    let responsibleOfficialId: string | null = null;
    const who = foldVietnamese(responsibleText);
    if (who && lead) {
      const holders = new Set(ctx.posts.filter((p) => p.unitId === lead.id && isPostCurrent(p, ctx.assignedOn)).map((p) => p.officialId));
      const hits = [...holders].map((id) => officialById.get(id)).filter((o): o is Official => !!o && foldVietnamese(o.fullName) === who);
      if (hits.length === 0) reasons.push(`"${responsibleText.trim()}" không giữ chức vụ nào tại ${lead.shortName} vào ngày giao.`);
      else if (hits.length > 1) reasons.push(`Có ${hits.length} người tên "${responsibleText.trim()}" tại ${lead.shortName}; hãy giao trên màn hình.`);
      else responsibleOfficialId = hits[0].id;
    }
    let deadline: TaskDraft['deadline'] = null;
    if (dueText.trim() && daysText.trim()) reasons.push('Chỉ ghi hạn hoàn thành HOẶC số ngày làm việc, không ghi cả hai.');
    else if (dueText.trim()) {
      const d = readUserDate(dueText);
      if (!d.ok) reasons.push(`Hạn hoàn thành: ${d.reason}`);
      else if (d.iso < ctx.assignedOn) reasons.push(`Hạn hoàn thành ${formatUserDate(d.iso)} trước ngày giao ${formatUserDate(ctx.assignedOn)}.`);
      else deadline = { kind: 'fixed', date: d.iso };
    } else if (daysText.trim()) {
      const n = Number(daysText.trim());
      if (!Number.isInteger(n) || n < 1 || n > 3650) reasons.push(`Số ngày làm việc "${daysText.trim()}" phải là số nguyên từ 1 đến 3650.`);
      else deadline = { kind: 'workingDays', days: n, from: ctx.assignedOn };
    }
    let priority: TaskPriority = 'normal';
    if (priorityText.trim()) {
      const p = pick(priorityText, taskPriorities, taskPriorityLabels);
      if (!p) reasons.push(`Mức độ "${priorityText.trim()}" không hợp lệ (Bình thường, Quan trọng hoặc Khẩn).`);
      else priority = p;
    }
    let authorityLevel = ctx.defaultAuthorityLevel;
    if (levelText.trim()) {
      const l = pick(levelText, authorityLevels, authorityLevelLabels);
      if (!l) reasons.push(`Thẩm quyền "${levelText.trim()}" không hợp lệ (ví dụ: ${authorityLevelLabels.commune}).`);
      else authorityLevel = l;
    }
    if (reasons.length) {
      errors.push({ row: rowNo, reason: reasons.join(' ') });
      continue;
    }
    const parsed = taskDraftSchema.safeParse({
      title,
      content,
      directiveId: ctx.directiveId,
      assignerUnitId: ctx.assignerUnitId,
      assignerOfficialId: ctx.assignerOfficialId,
      leadUnitId: lead!.id,
      supportUnitIds: supportIds,
      responsibleOfficialId,
      deadline,
      assignedOn: ctx.assignedOn,
      planYear: ctx.planYear,
      priority,
      legalBasis,
      authorityLevel,
    });
    if (!parsed.success) {
      errors.push({ row: rowNo, reason: parsed.error.issues.map((x) => x.message).join('; ') });
      continue;
    }
    drafts.push(parsed.data);
  }
  if (errors.length === 0 && drafts.length === 0) errors.push({ row: table.headerRow + 1, reason: 'Tệp không có dòng nhiệm vụ nào.' });
  return { drafts: errors.length ? [] : drafts, errors, warnings: table.warnings };
}

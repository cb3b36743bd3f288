/**
 * Annual plan (kế hoạch năm) import from .xlsx: the downloadable template's columns and the
 * row-by-row validation into task drafts. Each row is one task; every bad row is reported with
 * its Excel row number and reason, and the caller creates nothing until the file is clean.
 * The fields every row shares (assigning unit and leader, plan year, source directive, date
 * of assignment) are chosen on screen, not repeated in the file.
 */
import { foldVietnamese } from '../text/search';
import { parseDate, formatDateVi } from '../calendar';
import { isPostCurrent, type Official, type Post } from '../registries/officials';
import { isUnitValidOn, type Unit } from '../registries/units';
import type { RowError } from '../registries/xlsxImport';
import { authorityLevelLabels, authorityLevels, taskDraftSchema, taskPriorities, taskPriorityLabels, type AuthorityLevel, type TaskDraft, type TaskPriority } from './model';

export const PLAN_COLUMNS = [
  { header: 'STT', width: 6 },
  { header: 'Tên nhiệm vụ (*)', width: 50 },
  { header: 'Nội dung, yêu cầu', width: 40 },
  { header: 'Đơn vị chủ trì (tên viết tắt) (*)', width: 22 },
  { header: 'Đơn vị phối hợp (tên viết tắt, cách nhau bằng dấu ;)', width: 30 },
  { header: 'Người chịu trách nhiệm (họ và tên)', width: 26 },
  { header: 'Hạn hoàn thành (dd/mm/yyyy)', width: 18 },
  { header: 'Hoặc số ngày làm việc kể từ ngày giao', width: 18 },
  { header: 'Mức độ (Bình thường / Quan trọng / Khẩn)', width: 18 },
  { header: 'Căn cứ giao nhiệm vụ', width: 30 },
  { header: 'Thẩm quyền quyết định', width: 24 },
];

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
}

function isBlank(row: readonly string[] | undefined): boolean {
  return !row || row.every((c) => !c || !c.trim());
}

function userDate(text: string): string | null {
  try {
    const iso = parseDate(text.trim());
    const year = Number(iso.slice(0, 4));
    return year >= 1900 && year <= 2100 ? iso : null;
  } catch {
    return null;
  }
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

export function parsePlanRows(rows: readonly (readonly string[])[], ctx: PlanImportContext): ParsedPlan {
  const errors: RowError[] = [];
  const head = rows[0];
  if (!head || foldVietnamese(head[1] ?? '') !== foldVietnamese(PLAN_COLUMNS[1].header) || foldVietnamese(head[3] ?? '') !== foldVietnamese(PLAN_COLUMNS[3].header)) {
    return { drafts: [], errors: [{ row: 1, reason: 'Dòng tiêu đề không đúng mẫu. Hãy tải tệp mẫu kế hoạch và nhập dữ liệu vào đó.' }] };
  }
  const liveUnits = ctx.units.filter((u) => isUnitValidOn(u, ctx.assignedOn));
  const unitByKey = new Map<string, Unit>();
  for (const u of liveUnits) {
    unitByKey.set(foldVietnamese(u.shortName), u);
    if (!unitByKey.has(foldVietnamese(u.name))) unitByKey.set(foldVietnamese(u.name), u);
  }
  const officialById = new Map(ctx.officials.map((o) => [o.id, o]));
  const drafts: TaskDraft[] = [];
  for (let i = 1; i < rows.length; i++) {
    const r = rows[i];
    const rowNo = i + 1;
    if (isBlank(r)) continue;
    const [, title = '', content = '', leadText = '', supportText = '', responsibleText = '', dueText = '', daysText = '', priorityText = '', legalBasis = '', levelText = ''] = r;
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
      const d = userDate(dueText);
      if (!d) reasons.push(`Hạn hoàn thành "${dueText.trim()}" không hợp lệ (dạng dd/mm/yyyy).`);
      else if (d < ctx.assignedOn) reasons.push(`Hạn hoàn thành ${formatDateVi(d)} trước ngày giao ${formatDateVi(ctx.assignedOn)}.`);
      else deadline = { kind: 'fixed', date: d };
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
  if (errors.length === 0 && drafts.length === 0) errors.push({ row: 2, reason: 'Tệp không có dòng nhiệm vụ nào.' });
  return { drafts, errors };
}

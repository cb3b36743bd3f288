/**
 * The leaders' decisions on tasks within a report's period — extensions granted, lead units
 * changed, tasks cancelled, completions accepted or returned — each with the leader who decided
 * and the decision document, as the báo cáo lists them (docs/rules.md §3: individualise
 * responsibility). Pure: the caller gives the events and resolves names.
 */
import { describeProduct, type DecisionRecord, type TaskEvent } from '../tasks/model';
import { compareEvents } from '../tasks/state';
import { formatShortDate as shortDate } from '../letters/model';

export type ReportDecisionKind = 'extension' | 'reassignment' | 'cancellation' | 'acceptance' | 'return';

export const reportDecisionKindLabels: Record<ReportDecisionKind, string> = {
  extension: 'Gia hạn',
  reassignment: 'Điều chỉnh đơn vị chủ trì',
  cancellation: 'Hủy nhiệm vụ',
  acceptance: 'Xác nhận hoàn thành',
  return: 'Trả lại, yêu cầu bổ sung',
};

/** One decision as the report prints it (plain JSON: it is stored in snapshots). */
export interface ReportDecisionLine {
  taskId: string;
  title: string;
  leadUnitId: string;
  leadUnitName: string;
  kind: ReportDecisionKind;
  /** The day the decision was recorded, YYYY-MM-DD. */
  on: string;
  /** What was decided, starting with the kind: "Gia hạn đến 27/02/2026", "Xác nhận hoàn thành …; sản phẩm: …". */
  content: string;
  /** "Nguyễn Văn A, Chủ tịch UBND xã", or "" when none is on record. */
  decidedBy: string;
  /** "Số 12/QĐ-UBND ngày 20/02/2026", or "". */
  document: string;
}

export interface DecisionTask {
  id: string;
  title: string;
  /** Lead unit as of the cut-off. */
  leadUnitId: string;
  leadUnitName: string;
}

function documentOf(d: DecisionRecord): string {
  if (d.decisionNumber) return `Số ${d.decisionNumber}${d.decisionDate ? ` ngày ${shortDate(d.decisionDate)}` : ''}`;
  return d.decisionDate ? `Ngày ${shortDate(d.decisionDate)}` : '';
}

/**
 * Decisions recorded from `from` to `cutOff` (inclusive) on the given tasks, in date order then
 * event order. A refused extension is not listed (the deadline did not change).
 */
export function decisionLines(
  tasks: readonly DecisionTask[],
  events: readonly TaskEvent[],
  period: { from: string; cutOff: string },
  leader: (officialId: string, on: string) => string | null,
  unitName: (unitId: string) => string,
): ReportDecisionLine[] {
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const completions = new Map<string, TaskEvent>();
  for (const e of events) if (e.type === 'completion') completions.set(e.id, e);
  const out: { line: ReportDecisionLine; e: TaskEvent }[] = [];
  for (const e of [...events].sort(compareEvents)) {
    const task = byId.get(e.taskId);
    if (!task || e.on < period.from || e.on > period.cutOff) continue;
    let kind: ReportDecisionKind;
    let content: string;
    switch (e.type) {
      case 'extensionDecision':
        if (!e.accepted || !e.newDueOn) continue;
        kind = 'extension';
        content = `Gia hạn đến ${shortDate(e.newDueOn)}`;
        break;
      case 'reassignment':
        kind = 'reassignment';
        content = `Điều chỉnh đơn vị chủ trì: giao ${unitName(e.newLeadUnitId)} chủ trì. Lý do: ${e.reason}`;
        break;
      case 'cancel':
        kind = 'cancellation';
        content = `Hủy nhiệm vụ. Lý do: ${e.reason}`;
        break;
      case 'completionAcceptance': {
        kind = 'acceptance';
        const report = completions.get(e.reportId);
        const product = report && report.type === 'completion' ? describeProduct(report) : '';
        content = `Xác nhận hoàn thành${report && report.type === 'completion' ? ` (ngày hoàn thành ${shortDate(report.completedOn)})` : ''}${product ? `; sản phẩm: ${product}` : ''}`;
        break;
      }
      case 'completionReturn':
        kind = 'return';
        content = `Trả lại, yêu cầu bổ sung. Lý do: ${e.reason}`;
        break;
      default:
        continue;
    }
    const decidedBy = e.decidedByOfficialId ? (leader(e.decidedByOfficialId, e.on) ?? '') : '';
    out.push({ e, line: { taskId: task.id, title: task.title, leadUnitId: task.leadUnitId, leadUnitName: task.leadUnitName, kind, on: e.on, content, decidedBy, document: documentOf(e) } });
  }
  return out.sort((a, b) => (a.line.on < b.line.on ? -1 : a.line.on > b.line.on ? 1 : compareEvents(a.e, b.e))).map((x) => x.line);
}

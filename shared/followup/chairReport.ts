/**
 * The third rung: a báo cáo from the coordinating office to the Chair listing the tasks still
 * overdue after two công văn đôn đốc, with the reminders already sent, so the Chair can direct
 * the heads concerned (docs/rules.md §3: individualise responsibility, review delays).
 */
import { AppError } from '../errors';
import { formatShortDate, type Letter, type LetterBlockInput } from '../letters/model';
import { assembleLetter, type IssueInfo, type LetterIssuer } from '../letters/templates/common';
import type { FollowUpEntry } from './centre';

export interface ChairReportInput extends IssueInfo {
  /** The coordinating office as issuer (its own name, symbol and head's signature). */
  issuer: LetterIssuer;
  /** Addressee, e.g. "Chủ tịch Ủy ban nhân dân xã Hòa An". */
  chairName: string;
  /** Name of the authority that assigned the tasks, e.g. "Ủy ban nhân dân xã Hòa An". */
  authorityName: string;
  asOf: string;
  tasks: readonly (FollowUpEntry & { unitName: string })[];
}

export const CHAIR_REPORT_COLUMNS = ['STT', 'Nhiệm vụ', 'Đơn vị chủ trì', 'Thời hạn', 'Số ngày quá hạn', 'Đã đôn đốc'] as const;

function remindersOf(e: FollowUpEntry) {
  return e.escalation.history.filter((h) => h.step !== 'reportToChair');
}

function remindersText(e: FollowUpEntry): string {
  const letters = remindersOf(e);
  if (letters.length === 0) return 'Chưa đôn đốc';
  return letters.map((h) => `${h.number === null ? 'Công văn' : `Số ${String(h.number).padStart(2, '0')}/${h.symbol}`} ngày ${formatShortDate(h.date)}`).join('; ');
}

/** "Công văn số 12/UBND-VP ngày 20/04/2026 và Công văn số 17/UBND-VP ngày 28/04/2026", cited once in the opening paragraph. */
function remindersCitation(e: FollowUpEntry): string {
  const cited = remindersOf(e).map((h) => `Công văn${h.number === null ? '' : ` số ${String(h.number).padStart(2, '0')}/${h.symbol}`} ngày ${formatShortDate(h.date)}`);
  return cited.length > 1 ? `${cited.slice(0, -1).join(', ')} và ${cited.at(-1)}` : cited[0];
}

export function buildChairReport(input: ChairReportInput): Letter {
  if (input.tasks.length === 0) throw new AppError('invalid-input', 'Không có nhiệm vụ nào cần báo cáo Chủ tịch.');
  const tasks = [...input.tasks].sort((a, b) => b.overdueDays - a.overdueDays || a.unitName.localeCompare(b.unitName, 'vi'));
  const units = new Set(tasks.map((t) => t.leadUnitId)).size;
  // Every task named in the same công văn đôn đốc: cited once, in full, in the opening paragraph
  // instead of in every row (as the follow-up letter cites its earlier reminder, docs/letter-format.md).
  const reminders = tasks.map(remindersText);
  const shared = remindersOf(tasks[0]).length > 0 && reminders.every((r) => r === reminders[0]);
  const columns = [
    { header: CHAIR_REPORT_COLUMNS[0], weight: 0.9, align: 'center' as const },
    { header: CHAIR_REPORT_COLUMNS[1], weight: 4, align: 'left' as const },
    { header: CHAIR_REPORT_COLUMNS[2], weight: 2.2, align: 'left' as const },
    { header: CHAIR_REPORT_COLUMNS[3], weight: 1.85, align: 'center' as const },
    { header: CHAIR_REPORT_COLUMNS[4], weight: 1.3, align: 'center' as const },
  ];
  const blocks: LetterBlockInput[] = [
    {
      type: 'paragraph',
      text:
        `Thực hiện nhiệm vụ theo dõi, đôn đốc việc thực hiện các nhiệm vụ do ${input.authorityName} giao, ${input.issuer.authorityName} đã ban hành ${shared ? `${remindersCitation(tasks[0])} đôn đốc các đơn vị` : 'văn bản đôn đốc các đơn vị'}. ` +
        `Tuy nhiên, tính đến ngày ${formatShortDate(input.asOf)}, còn ${tasks.length} nhiệm vụ của ${units} đơn vị đã được đôn đốc nhưng vẫn quá hạn, chưa hoàn thành, cụ thể như sau:`,
    },
    {
      type: 'table',
      columns: shared ? columns : [...columns, { header: CHAIR_REPORT_COLUMNS[5], weight: 2.6, align: 'left' as const }],
      rows: tasks.map((t, i) => {
        const row = [String(i + 1), t.title, t.unitName, formatShortDate(t.dueOn), String(t.overdueDays)];
        return shared ? row : [...row, reminders[i]];
      }),
      totals: null,
    },
    {
      type: 'paragraph',
      text: `${input.issuer.authorityName} kính báo cáo ${input.chairName} xem xét, chỉ đạo thủ trưởng các đơn vị nêu trên khẩn trương hoàn thành nhiệm vụ; đồng thời xem xét trách nhiệm của tập thể, cá nhân có liên quan theo quy định./.`,
    },
  ];
  return assembleLetter('report', input.issuer, input, {
    subject: 'Tình hình thực hiện các nhiệm vụ quá hạn đã được đôn đốc',
    recipients: [input.chairName],
    blocks,
    distribution: ['Như trên'],
    urgency: null,
  });
}

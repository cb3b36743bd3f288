/**
 * Công văn đôn đốc: the letter the coordinating office drafts for a unit that has overdue or
 * due-soon tasks (docs/rules.md §4: "theo dõi, đôn đốc việc thực hiện các nhiệm vụ được UBND giao").
 * Tone follows the seed: personal responsibility of the head, before the authority and the law.
 */
import { AppError } from '../../errors';
import { formatShortDate, type Letter, type LetterBlockInput } from '../model';
import { assembleLetter, type IssueInfo, type LetterIssuer } from './common';

/**
 * overdue / dueSoon: the addressed unit leads the task. acceptanceLate: the lead unit reported the
 * task done and the addressed unit, its assigner, has not accepted or returned the report within
 * the set working days — the assigner is the one late (docs/rules.md §4).
 */
export type FollowUpTaskStatus = 'overdue' | 'dueSoon' | 'acceptanceLate';

export interface FollowUpTaskRow {
  /** Nhiệm vụ. */
  title: string;
  /** Văn bản giao, e.g. "Kế hoạch số 12/KH-UBND ngày 10/01/2026". */
  sourceRef: string;
  /** Thời hạn, YYYY-MM-DD (for acceptanceLate: the last day to accept or return the report). */
  dueOn: string;
  status: FollowUpTaskStatus;
  /** Days past the deadline (caller's calendar rule); ignored for due-soon rows. */
  daysOverdue?: number;
  /** Days left before the deadline, shown for due-soon rows. */
  daysLeft?: number;
  /** Short progress note added to the Tình trạng column, e.g. "Đã xây dựng dự thảo". */
  progressNote?: string;
  /** The deadline's decision, added to the Tình trạng column: "Đã gia hạn đến 27/02/2026 theo quyết định của …". */
  decisionNote?: string;
  /** acceptanceLate: the lead unit that reported the task done, and the day it reported. */
  leadUnitName?: string;
  reportedOn?: string;
  /** The earlier công văn đôn đốc that named this task; cited once in the opening paragraph, not in the row. */
  earlierReminder?: EarlierReminder;
}

export interface EarlierReminder {
  number: number | null;
  symbol: string;
  /** YYYY-MM-DD. */
  date: string;
}

/** "Công văn số 04/UBND-VP ngày 10/03/2026", in full as the body cites a document. */
function reminderCitation(r: EarlierReminder): string {
  return `${r.number === null ? 'Công văn' : `Công văn số ${String(r.number).padStart(2, '0')}/${r.symbol}`} ngày ${formatShortDate(r.date)}`;
}

export interface FollowUpUnit {
  /** Caller's id, echoed back by the batch. */
  id?: string;
  /** Recipient as addressed, e.g. "Phòng Kinh tế" or "Ủy ban nhân dân xã Hòa An". */
  name: string;
  /** How the head is named in the responsibility clause, e.g. "Trưởng phòng Kinh tế"; defaults to "Thủ trưởng <name>". */
  headTitle?: string;
}

export interface FollowUpLetterInput extends IssueInfo {
  issuer: LetterIssuer;
  unit: FollowUpUnit;
  tasks: FollowUpTaskRow[];
  /** "Tính đến ngày": the date the figures were taken, YYYY-MM-DD. */
  asOf: string;
  /** Deadline for the unit's written report, YYYY-MM-DD, or null for none. */
  reportBy?: string | null;
  /** 1 for the first reminder; 2+ adds an escalation sentence. */
  reminderCount?: number;
  urgency?: 'urgent' | 'veryUrgent' | 'flash' | null;
}

export const FOLLOW_UP_COLUMNS = ['STT', 'Nhiệm vụ', 'Văn bản giao', 'Thời hạn', 'Số ngày quá hạn', 'Tình trạng'] as const;

function statusText(t: FollowUpTaskRow): string {
  const base =
    t.status === 'overdue'
      ? 'Quá hạn, chưa hoàn thành'
      : t.status === 'acceptanceLate'
        ? `${t.leadUnitName ?? 'Đơn vị chủ trì'} đã báo cáo hoàn thành${t.reportedOn ? ` ngày ${formatShortDate(t.reportedOn)}` : ''}; chưa được xác nhận, quá thời hạn xác nhận`
        : `Sắp đến hạn${t.daysLeft !== undefined ? ` (còn ${t.daysLeft} ngày)` : ''}`;
  return [base, t.decisionNote, t.progressNote].filter(Boolean).join('. ');
}

const STATUS_ORDER: Record<FollowUpTaskStatus, number> = { overdue: 0, acceptanceLate: 1, dueSoon: 2 };
const isLate = (t: FollowUpTaskRow) => t.status !== 'dueSoon';

/** Overdue rows first, most overdue on top; then reports waiting past the acceptance deadline; then due-soon rows by deadline. */
export function sortFollowUpTasks(tasks: readonly FollowUpTaskRow[]): FollowUpTaskRow[] {
  return [...tasks].sort((a, b) => {
    if (a.status !== b.status) return STATUS_ORDER[a.status] - STATUS_ORDER[b.status];
    if (isLate(a)) return (b.daysOverdue ?? 0) - (a.daysOverdue ?? 0) || a.dueOn.localeCompare(b.dueOn);
    return a.dueOn.localeCompare(b.dueOn);
  });
}

export function buildFollowUpLetter(input: FollowUpLetterInput): Letter {
  const { issuer, unit } = input;
  if (input.tasks.length === 0) throw new AppError('invalid-input', 'Đơn vị không có nhiệm vụ quá hạn hoặc sắp đến hạn để đôn đốc.');
  const tasks = sortFollowUpTasks(input.tasks);
  const overdue = tasks.filter((t) => t.status === 'overdue').length;
  const acceptanceLate = tasks.filter((t) => t.status === 'acceptanceLate').length;
  const dueSoon = tasks.length - overdue - acceptanceLate;
  const head = unit.headTitle ?? `Thủ trưởng ${unit.name}`;
  const via = issuer.coordinatorName ? ` (qua ${issuer.coordinatorName})` : '';

  const counts: string[] = [];
  if (overdue) counts.push(`${overdue} nhiệm vụ đã quá thời hạn nhưng chưa hoàn thành`);
  if (acceptanceLate) counts.push(`${acceptanceLate} nhiệm vụ đơn vị chủ trì đã báo cáo hoàn thành nhưng chưa được xác nhận hoàn thành hoặc trả lại, đã quá thời hạn xác nhận`);
  if (dueSoon) counts.push(`${dueSoon} nhiệm vụ sắp đến hạn`);

  // Earlier reminders are cited once, in full, in the opening paragraph (not in every row).
  const earlier = new Map<string, EarlierReminder>();
  for (const t of tasks) if (t.earlierReminder) earlier.set(reminderCitation(t.earlierReminder), t.earlierReminder);
  const cited = [...earlier.values()].sort((a, b) => a.date.localeCompare(b.date)).map(reminderCitation);
  const opening = cited.length
    ? `${issuer.authorityName} đã có ${cited.join('; ')} về việc đôn đốc ${unit.name} thực hiện các nhiệm vụ được giao. ` +
      `Tuy nhiên, qua tổng hợp, tính đến ngày ${formatShortDate(input.asOf)}, ${unit.name} còn ${counts.join(' và ')}, cụ thể như sau:`
    : `Thực hiện nhiệm vụ theo dõi, đôn đốc việc thực hiện các nhiệm vụ do ${issuer.authorityName} giao; ` +
      `qua tổng hợp, tính đến ngày ${formatShortDate(input.asOf)}, ${unit.name} còn ${counts.join(' và ')}, cụ thể như sau:`;
  // The Tình trạng column is wider when a row carries a decision (an extension and who decided it) or a late acceptance.
  const wideStatus = tasks.some((t) => t.decisionNote || t.status === 'acceptanceLate');
  const blocks: LetterBlockInput[] = [
    { type: 'paragraph', text: opening },
    {
      type: 'table',
      columns: [
        { header: FOLLOW_UP_COLUMNS[0], weight: 0.9, align: 'center' },
        { header: FOLLOW_UP_COLUMNS[1], weight: wideStatus ? 3.6 : 4, align: 'left' },
        { header: FOLLOW_UP_COLUMNS[2], weight: wideStatus ? 2.2 : 2.5, align: 'left' },
        { header: FOLLOW_UP_COLUMNS[3], weight: 1.85, align: 'center' },
        { header: FOLLOW_UP_COLUMNS[4], weight: 1.3, align: 'center' },
        { header: FOLLOW_UP_COLUMNS[5], weight: wideStatus ? 3.2 : 2.2, align: 'left' },
      ],
      rows: tasks.map((t, i) => [
        String(i + 1),
        t.title,
        t.sourceRef,
        formatShortDate(t.dueOn),
        isLate(t) && t.daysOverdue !== undefined ? String(t.daysOverdue) : '',
        statusText(t),
      ]),
      totals: null,
    },
  ];

  if ((input.reminderCount ?? 1) >= 2) {
    blocks.push({
      type: 'paragraph',
      text: `Đây là lần thứ ${input.reminderCount} ${issuer.authorityName} đôn đốc việc thực hiện các nhiệm vụ nêu trên. Việc chậm trễ kéo dài ảnh hưởng đến kết quả thực hiện nhiệm vụ chung và kỷ luật, kỷ cương hành chính.`,
    });
  }

  blocks.push({
    type: 'paragraph',
    text: `Để bảo đảm kỷ luật, kỷ cương hành chính và tiến độ thực hiện nhiệm vụ được giao, ${issuer.authorityName} yêu cầu ${head}:`,
  });
  const asks: string[] = [];
  if (overdue)
    asks.push(
      'Khẩn trương tập trung chỉ đạo, tổ chức thực hiện, hoàn thành ngay các nhiệm vụ đã quá hạn; trường hợp chưa thể hoàn thành, báo cáo rõ nguyên nhân, trách nhiệm của tập thể, cá nhân liên quan và đề xuất thời hạn hoàn thành cụ thể.',
    );
  if (acceptanceLate)
    asks.push(
      'Khẩn trương xem xét, xác nhận hoàn thành hoặc trả lại, yêu cầu bổ sung (nêu rõ lý do) đối với các nhiệm vụ đơn vị chủ trì đã báo cáo hoàn thành; việc chậm xác nhận thuộc trách nhiệm của cơ quan giao nhiệm vụ.',
    );
  if (dueSoon) asks.push('Chủ động triển khai, bảo đảm hoàn thành các nhiệm vụ sắp đến hạn đúng thời hạn và chất lượng theo yêu cầu.');
  asks.push(
    input.reportBy
      ? `Báo cáo kết quả thực hiện bằng văn bản về ${issuer.authorityName}${via} trước ngày ${formatShortDate(input.reportBy)}.`
      : `Báo cáo kết quả thực hiện bằng văn bản về ${issuer.authorityName}${via} ngay khi hoàn thành.`,
  );
  blocks.push({ type: 'bullets', items: asks });
  blocks.push({
    type: 'paragraph',
    text: `${head} chịu trách nhiệm cá nhân, trực tiếp và toàn diện trước ${issuer.authorityName}, ${issuer.chairName} và trước pháp luật nếu để chậm trễ trong việc thực hiện các nhiệm vụ nêu trên./.`,
  });

  return assembleLetter('officialLetter', issuer, input, {
    subject: overdue ? 'đôn đốc thực hiện các nhiệm vụ quá hạn' : acceptanceLate ? 'đôn đốc xác nhận hoàn thành nhiệm vụ' : 'đôn đốc thực hiện các nhiệm vụ sắp đến hạn',
    recipients: [unit.name],
    blocks,
    distribution: ['Như trên', ...(issuer.extraDistribution ?? [])],
    urgency: input.urgency ?? null,
  });
}

export interface FollowUpBatchUnit {
  unit: FollowUpUnit;
  tasks: FollowUpTaskRow[];
}

export interface FollowUpBatchInput {
  issuer: LetterIssuer;
  asOf: string;
  reportBy?: string | null;
  date?: string | null;
  units: FollowUpBatchUnit[];
  /**
   * Outgoing numbers, one per letter in the order of `unitsNeedingFollowUp(units)`; omit to leave
   * every number blank. Reserve `unitsNeedingFollowUp(units).length` numbers from the register.
   */
  numbers?: (number | null)[];
}

export interface FollowUpBatchLetter {
  unitId: string | undefined;
  unitName: string;
  letter: Letter;
}

/** Units that get a letter in a batch: those with at least one overdue task or late acceptance, in input order. */
export function unitsNeedingFollowUp(units: readonly FollowUpBatchUnit[]): FollowUpBatchUnit[] {
  return units.filter((u) => u.tasks.some(isLate));
}

/** One công văn đôn đốc per unit with overdue tasks; its due-soon tasks ride along in the same table. */
export function buildFollowUpBatch(input: FollowUpBatchInput): FollowUpBatchLetter[] {
  const targets = unitsNeedingFollowUp(input.units);
  if (input.numbers && input.numbers.length !== targets.length) {
    throw new AppError(
      'invalid-input',
      `Số lượng số văn bản (${input.numbers.length}) không khớp số công văn cần phát hành (${targets.length}).`,
    );
  }
  return targets.map((u, i) => ({
    unitId: u.unit.id,
    unitName: u.unit.name,
    letter: buildFollowUpLetter({
      issuer: input.issuer,
      unit: u.unit,
      tasks: u.tasks,
      asOf: input.asOf,
      reportBy: input.reportBy ?? null,
      date: input.date ?? null,
      number: input.numbers ? input.numbers[i] : null,
    }),
  }));
}

/**
 * The follow-up centre's reads and commands. Each rung of the ladder is an issued letter that
 * names its tasks in `related.taskIds` with `related.purpose` = followUp1 | followUp2 |
 * reportToChair, so the letters, the register and the ladder can never disagree and nothing
 * new is synced.
 *
 * Issuer: công văn đôn đốc go out in the authority's name and register (Cài đặt → Thể thức văn
 * bản, drafted by the coordinating office); the report to the Chair is the coordinating
 * office's own báo cáo, numbered in the office's register and signed by its head.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { AppError } from '@shared/errors';
import type { CalendarConfig } from '@shared/calendar';
import { formatShortDate, upperVi, type Letter } from '@shared/letters/model';
import { buildFollowUpLetter, type LetterIssuer } from '@shared/letters/templates';
import { directiveKindLabels, type Directive } from '@shared/tasks/model';
import { acceptanceDueOf, type TaskSettings } from '@shared/tasks/state';
import { overdueDays } from '@shared/calendar';
import { isPostCurrent, leaderLabeller, type Official, type Post } from '@shared/registries/officials';
import type { Organisation } from '@shared/registries/organisation';
import type { Unit } from '@shared/registries/units';
import type { Actor } from '@shared/authority';
import { canFollowUp } from '@shared/followup/authority';
import {
  buildChairReport,
  escalations,
  extensionNote,
  followUpEntries,
  groupByUnit,
  addressedUnitOf,
  isFollowUpStep,
  letterEntries,
  purposeForReminder,
  reminderCountFor,
  toLetterRow,
  unitsForBatch,
  type FollowUpEntry,
  type FollowUpItem,
  type FollowUpRecord,
  type UnitGroup,
} from '@shared/followup';
import type { DondocDb } from '../../data/db';
import { visible, type WriteContext } from '../../data/repository';
import { useAppState } from '../../state/app';
import { loadCalendarConfig } from '../calendar/config';
import { issueLetters, saveDraft, type StoredLetter } from '../letters/data/register';
import { issuerFor, loadIssuerContext, type IssuerContext, type SignerChoice } from '../consultations/data/letters';
import { loadDirectives, listTasks, loadTaskSettings, useTaskIndexRows } from '../tasks/data/queries';
import { loadOfficials, loadOrganisation, loadPosts, loadUnits } from '../registries/queries';
import { eventsOf } from '../../data/taskLogs';
import { rowToEvent, type TaskIndexRow } from '../tasks/data/taskIndex';

// ─── Reads ─────────────────────────────────────────────────────────────────────────────

/** Every issued (not cancelled) follow-up letter, as the ladder reads them. */
export async function loadFollowUpRecords(db: DondocDb): Promise<FollowUpRecord[]> {
  const rows = visible<Omit<StoredLetter, 'id'>>(await db.letters.where('status').equals('issued').toArray());
  const out: FollowUpRecord[] = [];
  for (const r of rows) {
    const purpose = r.related?.purpose;
    if (!isFollowUpStep(purpose) || !r.letter.date) continue;
    out.push({ letterId: r.id, purpose, date: r.letter.date, number: r.number, symbol: r.letter.symbol, taskIds: r.related.taskIds ?? [] });
  }
  return out;
}

function sourceRefOf(d: Directive | undefined): string {
  if (!d) return '';
  const ref = d.number && d.symbol ? `${d.number}/${d.symbol}` : d.number || d.symbol;
  return `${directiveKindLabels[d.kind]}${ref ? ` số ${ref}` : ''} ngày ${formatShortDate(d.issuedOn)}`;
}

/**
 * Open tasks overdue or due soon as of asOf (judged by the task settings and the calendar), and
 * completion reports the assigner has left unanswered past the set working days (addressed to
 * the assigner). An extended task carries its latest extension and the leader who decided it.
 */
export async function loadFollowUpItems(db: DondocDb, asOf: string, settings: TaskSettings, calendar?: CalendarConfig, indexRows?: readonly TaskIndexRow[]): Promise<FollowUpItem[]> {
  const [list, directives, officials, posts] = await Promise.all([
    listTasks(db, { statuses: ['active', 'paused', 'awaitingAcceptance'], categories: ['openOverdue', 'openWithinDeadline', 'awaitingAcceptance'] }, { key: 'dueOn', direction: 'asc' }, asOf, settings, calendar, undefined, indexRows),
    loadDirectives(db),
    loadOfficials(db),
    loadPosts(db),
  ]);
  const byId = new Map(directives.map((d) => [d.id, d]));
  const out: FollowUpItem[] = [];
  for (const t of list) {
    const sourceRef = sourceRefOf(t.directiveId ? byId.get(t.directiveId) : undefined) || (t.directiveRef ? `Văn bản số ${t.directiveRef}` : '');
    const base = { taskId: t.id, title: t.title, leadUnitId: t.leadUnitId, sourceRef, percent: t.percent, assignedOn: t.assignedOn, expectedProduct: t.expectedProduct ?? '' };
    if (t.category === 'awaitingAcceptance') {
      if (!t.acceptanceLate || !t.reportedOn) continue;
      const dueOn = t.acceptanceDueOn ?? acceptanceDueOf(t.reportedOn, settings, calendar);
      out.push({ ...base, kind: 'acceptanceLate', addressedUnitId: t.assignerUnitId, dueOn, overdueDays: overdueDays(dueOn, asOf, calendar), remainingWorkingDays: null, reportedOn: t.reportedOn, deliveredProduct: t.deliveredProduct ?? '' });
      continue;
    }
    const kind = t.category === 'openOverdue' ? 'overdue' : t.dueSoon ? 'dueSoon' : null;
    if (!kind || !t.effectiveDueOn) continue;
    out.push({ ...base, kind, dueOn: t.effectiveDueOn, overdueDays: t.overdueDays, remainingWorkingDays: t.remainingWorkingDays });
  }
  // The extension behind a deadline, with the leader who decided it, for the letter's Tình trạng column.
  const extended = list.filter((t) => t.originalDueOn !== t.effectiveDueOn).map((t) => t.id);
  if (extended.length > 0) {
    const events = await eventsOf(db, extended);
    const leader = leaderLabeller(officials, posts);
    for (const it of out) {
      const rows = events.get(it.taskId);
      if (it.kind === 'acceptanceLate' || !rows) continue;
      const note = extensionNote(rows.filter((r) => r._deleted !== 1).map(rowToEvent), leader);
      if (note) it.decisionNote = note;
    }
  }
  return out;
}

export interface FollowUpCentre {
  asOf: string;
  groups: UnitGroup[];
  units: Map<string, Unit>;
  unitName(id: string): string;
  /** Entries whose next step is the report to the Chair, due now. */
  reportsDue: FollowUpEntry[];
}

function nameOf(units: ReadonlyMap<string, Unit>): (id: string) => string {
  return (id) => units.get(id)?.name ?? '(đơn vị không còn trong danh mục)';
}

export async function loadFollowUpCentre(db: DondocDb, asOf: string, indexRows?: readonly TaskIndexRow[]): Promise<FollowUpCentre> {
  const [settings, calendar, records, unitList, org] = await Promise.all([loadTaskSettings(db), loadCalendarConfig(db), loadFollowUpRecords(db), loadUnits(db), loadOrganisation(db)]);
  // Tasks led by the authority or the office itself are this site's own work, not another unit's to be urged by letter;
  // so are completion reports waiting for the authority's (or the office's) own acceptance.
  const own = new Set(org ? [org.authorityUnitId, ...org.actsForUnitIds] : []);
  const items = (await loadFollowUpItems(db, asOf, settings, calendar, indexRows)).filter((it) => !own.has(addressedUnitOf(it)));
  const units = new Map(unitList.map((u) => [u.id, u]));
  const unitName = nameOf(units);
  const groups = groupByUnit(followUpEntries(items, escalations(records), asOf, undefined, calendar), unitName);
  const reportsDue = groups.flatMap((g) => g.entries.filter((e) => e.dueToday && e.next?.step === 'reportToChair'));
  return { asOf, groups, units, unitName, reportsDue };
}

export function useFollowUpCentre(asOf: string): FollowUpCentre | undefined {
  const db = useAppState((s) => s.db);
  // The task index comes from its mirror, a dependency: a task change reruns the query.
  const rows = useTaskIndexRows();
  return useLiveQuery(() => (db && rows ? loadFollowUpCentre(db, asOf, rows) : undefined), [db, asOf, rows]);
}

// ─── Who may follow up ─────────────────────────────────────────────────────────────────

export { canFollowUp };

async function requireFollowUp(db: DondocDb, actor: Actor & { unitId: string | null }): Promise<Organisation> {
  const org = await loadOrganisation(db);
  if (!org) throw new AppError('invalid-input', 'Chưa thiết lập thông tin cơ quan.');
  const d = canFollowUp(actor, org);
  if (!d.allowed) throw new AppError('not-authorised', d.reason);
  return org;
}

// ─── One unit ──────────────────────────────────────────────────────────────────────────

export interface DraftedLetter {
  letter: Letter;
  taskIds: string[];
  purpose: FollowUpRecord['purpose'];
  unitId: string | null;
  officeKey: string;
}

/** The công văn đôn đốc for one unit as of asOf (number blank); throws when nothing is due. */
export function draftUnitLetter(centre: FollowUpCentre, unitId: string, issuer: LetterIssuer, officeKey: string): DraftedLetter {
  const group = centre.groups.find((g) => g.unitId === unitId);
  const entries = group ? letterEntries(group) : [];
  if (entries.length === 0) throw new AppError('invalid-input', 'Đơn vị không có nhiệm vụ cần đôn đốc hôm nay (hoặc vừa được đôn đốc, đang chờ đến hạn bước tiếp theo).');
  const reminderCount = reminderCountFor(entries.map((e) => ({ kind: e.kind, escalation: e.escalation })));
  const letter = buildFollowUpLetter({ issuer, unit: { id: unitId, name: centre.unitName(unitId) }, tasks: entries.map((e) => toLetterRow(e, centre.unitName)), asOf: centre.asOf, reminderCount });
  return { letter, taskIds: entries.map((e) => e.taskId), purpose: purposeForReminder(reminderCount), unitId, officeKey };
}

export async function saveFollowUpDraft(db: DondocDb, ctx: WriteContext, d: DraftedLetter): Promise<string> {
  return saveDraft(db, ctx, { letter: d.letter, officeKey: d.officeKey, related: { taskIds: d.taskIds, unitId: d.unitId, purpose: d.purpose } });
}

export async function followUpIssuer(db: DondocDb, actor: Actor & { unitId: string | null }, signer: SignerChoice): Promise<{ issuer: LetterIssuer; officeKey: string }> {
  await requireFollowUp(db, actor);
  return issuerFor(await loadIssuerContext(db), undefined, signer);
}

export interface IssuedLetter {
  letterId: string;
  number: number;
  letter: Letter;
  unitId: string | null;
  unitName: string;
  taskCount: number;
}

/** Drafts and issues one unit's công văn (the draft is kept if issuing fails, for the editor). */
export async function issueUnitLetter(db: DondocDb, ctx: WriteContext, actor: Actor & { unitId: string | null }, signer: SignerChoice, unitId: string, asOf: string): Promise<IssuedLetter> {
  const { issuer, officeKey } = await followUpIssuer(db, actor, signer);
  const centre = await loadFollowUpCentre(db, asOf);
  const d = draftUnitLetter(centre, unitId, issuer, officeKey);
  const letterId = await saveFollowUpDraft(db, ctx, d);
  const [r] = await issueLetters(db, ctx, [letterId], asOf);
  return { letterId, number: r.number, letter: r.letter, unitId, unitName: centre.unitName(unitId), taskCount: d.taskIds.length };
}

// ─── Batch ─────────────────────────────────────────────────────────────────────────────

/** Units the batch would write to, with their task counts (for the confirmation). */
export function batchPreview(centre: FollowUpCentre): { unitId: string; unitName: string; overdue: number; acceptanceLate: number; tasks: number }[] {
  return unitsForBatch(centre.groups).map((g) => {
    const entries = letterEntries(g);
    return { unitId: g.unitId, unitName: centre.unitName(g.unitId), overdue: entries.filter((e) => e.kind === 'overdue').length, acceptanceLate: entries.filter((e) => e.kind === 'acceptanceLate').length, tasks: entries.length };
  });
}

/**
 * One công văn per unit with an overdue task due for a reminder: drafts first, then every
 * number in ONE transaction so the batch takes consecutive numbers or none.
 */
export async function issueBatch(db: DondocDb, ctx: WriteContext, actor: Actor & { unitId: string | null }, signer: SignerChoice, asOf: string): Promise<IssuedLetter[]> {
  const { issuer, officeKey } = await followUpIssuer(db, actor, signer);
  const centre = await loadFollowUpCentre(db, asOf);
  const groups = unitsForBatch(centre.groups);
  if (groups.length === 0) throw new AppError('invalid-input', 'Không có đơn vị nào có nhiệm vụ quá hạn cần đôn đốc hôm nay.');
  // Per unit through buildFollowUpLetter rather than buildFollowUpBatch: each letter carries its own "lần thứ N".
  const drafts = groups.map((g) => draftUnitLetter(centre, g.unitId, issuer, officeKey));
  const ids: string[] = [];
  for (const d of drafts) ids.push(await saveFollowUpDraft(db, ctx, d));
  const issued = await issueLetters(db, ctx, ids, asOf);
  return issued.map((r, i) => ({ letterId: r.letterId, number: r.number, letter: r.letter, unitId: drafts[i].unitId, unitName: centre.unitName(drafts[i].unitId ?? ''), taskCount: drafts[i].taskIds.length }));
}

// ─── Report to the Chair ───────────────────────────────────────────────────────────────

/** Heads (then other officials) with a current post in the coordinating office, for the signature. */
export function officeSigners(org: Organisation, posts: readonly Post[], officials: readonly Official[], asOf: string): { postId: string; name: string; title: string; isHead: boolean }[] {
  const officeId = org.actsForUnitIds.find((u) => u !== org.authorityUnitId);
  if (!officeId) return [];
  const byId = new Map(officials.map((o) => [o.id, o]));
  return posts
    .filter((p) => p.unitId === officeId && isPostCurrent(p, asOf) && byId.get(p.officialId)?.active !== false && byId.has(p.officialId))
    .sort((a, b) => Number(b.isHead) - Number(a.isHead))
    .map((p) => ({ postId: p.id, name: byId.get(p.officialId)!.fullName, title: p.title, isHead: p.isHead }));
}

export function officeIssuer(ctx: IssuerContext, office: Pick<Unit, 'name'>, officeSymbol: string, signer: { name: string; title: string; isHead: boolean }): LetterIssuer {
  const { letterhead } = ctx;
  return {
    parentAgency: letterhead.issuingAgency,
    issuingAgency: upperVi(office.name),
    authorityName: office.name,
    chairName: letterhead.chairName,
    coordinatorName: '',
    agencyAbbr: officeSymbol,
    draftingUnitAbbr: '',
    place: letterhead.place,
    signature: signer.isHead ? { authority: null, title: signer.title, name: signer.name } : { authority: 'KT', authorityLine: 'Chánh Văn phòng', title: signer.title, name: signer.name },
    drafterInitials: letterhead.drafterInitials,
    copies: letterhead.copies,
  };
}

/** The báo cáo listing every task due for the third rung; numbered in the office's own register. */
export async function issueChairReport(db: DondocDb, ctx: WriteContext, actor: Actor & { unitId: string | null }, signerPostId: string, asOf: string): Promise<IssuedLetter> {
  const org = await requireFollowUp(db, actor);
  const officeId = org.actsForUnitIds.find((u) => u !== org.authorityUnitId);
  const [issuerCtx, units, posts, officials, centre] = await Promise.all([loadIssuerContext(db), loadUnits(db), loadPosts(db), loadOfficials(db), loadFollowUpCentre(db, asOf)]);
  const office = units.find((u) => u.id === officeId);
  if (!officeId || !office) throw new AppError('invalid-input', 'Máy này không gắn với văn phòng theo dõi, đôn đốc nào (Cài đặt → Thông tin cơ quan).');
  const signer = officeSigners(org, posts, officials, asOf).find((s) => s.postId === signerPostId);
  if (!signer) throw new AppError('invalid-input', 'Người ký không còn giữ chức vụ tại văn phòng.');
  if (centre.reportsDue.length === 0) throw new AppError('invalid-input', 'Không có nhiệm vụ nào cần báo cáo Chủ tịch hôm nay.');
  const symbol = (office.symbol || office.shortName || issuerCtx.letterhead.defaultOfficeSymbol).toLocaleUpperCase('vi-VN').replace(/[^\p{L}\p{N}]/gu, '') || 'VP';
  const letter = buildChairReport({
    issuer: officeIssuer(issuerCtx, office, symbol, signer),
    chairName: issuerCtx.letterhead.chairName,
    authorityName: org.authorityName,
    asOf,
    // A late acceptance is the assigner's: the row names the lead unit and says whose the wait is.
    tasks: centre.reportsDue.map((e) => ({
      ...e,
      title: e.kind === 'acceptanceLate' ? `${e.title} (đã báo cáo hoàn thành, ${centre.unitName(addressedUnitOf(e))} chưa xác nhận)` : e.title,
      unitName: centre.unitName(e.leadUnitId),
    })),
  });
  const taskIds = centre.reportsDue.map((e) => e.taskId);
  const letterId = await saveDraft(db, ctx, { letter, officeKey: officeId, related: { taskIds, unitId: null, purpose: 'reportToChair' } });
  const [r] = await issueLetters(db, ctx, [letterId], asOf);
  return { letterId, number: r.number, letter: r.letter, unitId: null, unitName: issuerCtx.letterhead.chairName, taskCount: taskIds.length };
}

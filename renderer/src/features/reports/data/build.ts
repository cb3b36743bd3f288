/**
 * Gathers what a report counts and computes it. Tasks come from the local taskIndex; only tasks
 * whose index row may differ from their state at the cut-off (an event after the cut-off) or
 * that had an extension (whose dates the index does not keep) are refolded from their events,
 * so a report over 50,000 tasks loads a few thousand events, not all of them.
 */
import { accountabilityByUnit } from '@shared/consultations';
import { followUpSteps } from '@shared/followup/escalation';
import { foldTask } from '@shared/tasks/state';
import type { TaskEvent } from '@shared/tasks/model';
import { buildUnitTree, flattenUnitTree } from '@shared/registries/units';
import { computeReport, decisionLines, MISSING_UNIT_NAME, reportTaskOf, type ConsultationFact, type FollowUpLetterFact, type ReportData, type ReportDecisionLine, type ReportParams, type ReportTask } from '@shared/reports';
import { leaderLabeller } from '@shared/registries/officials';
import { loadByKeys } from '../../../data/bulkRead';
import { eventsOf } from '../../../data/taskLogs';
import type { DondocDb, EntityRow } from '../../../data/db';
import { visible } from '../../../data/repository';
import { loadCalendarConfig } from '../../calendar/config';
import { loadConsultationData } from '../../consultations/data/queries';
import { loadOfficials, loadPosts, loadUnits } from '../../registries/queries';
import { settledIndexRows } from '../../tasks/data/queries';
import { rowToEvent, rowToTask, type TaskIndexRow } from '../../tasks/data/taskIndex';

/**
 * `related.purpose` of follow-up letters (công văn đôn đốc, first and second reminder) addressed to
 * `related.unitId`, as the follow-up centre records them; the report to the Chair is not one.
 */
export const FOLLOW_UP_PURPOSES: readonly string[] = followUpSteps.filter((s) => s !== 'reportToChair');

function indexRowTask(r: TaskIndexRow): ReportTask {
  return {
    id: r.id,
    title: r.title,
    leadUnitId: r.leadUnitId,
    assignerOfficialId: r.assignerOfficialId,
    directiveId: r.directiveId,
    directiveRef: r.directiveRef,
    planYear: r.planYear,
    assignedOn: r.assignedOn,
    status: r.status,
    completedOn: r.completedOn,
    acceptedOn: r.acceptedOn ?? (r.status === 'completed' ? r.completedOn : null),
    reportedOn: r.reportedOn ?? null,
    originalDueOn: r.originalDueOn,
    effectiveDueOn: r.effectiveDueOn,
    extensionDates: [],
    expectedProduct: r.expectedProduct ?? '',
  };
}

function inReportScope(r: TaskIndexRow, params: ReportParams): boolean {
  const s = params.scope;
  if (r.assignedOn > params.period.cutOff) return false;
  if (s.kind === 'planYear') return r.planYear === s.planYear;
  if (s.kind === 'directive') return r.directiveId === s.directiveId;
  if (s.kind === 'leader') return r.assignerOfficialId === s.officialId;
  return true;
}

/**
 * Index rows that can be in scope: definition fields (plan year, directive, assigner) never
 * change with events. From the screens' in-memory mirror (`mirrored` when the caller holds it).
 */
async function candidateRows(db: DondocDb, params: ReportParams, mirrored?: readonly TaskIndexRow[]): Promise<TaskIndexRow[]> {
  return (mirrored ?? (await settledIndexRows(db))).filter((r) => inReportScope(r, params));
}

/**
 * Whether the index row (the current state) may differ from the task's report facts for the
 * period: a status, deadline or lead change after the cut-off, or an extension (whose dates the
 * index does not keep) decided inside or after the period. Progress reports after the cut-off
 * change none of the facts, and carried-over tasks have many of them.
 */
export function needsRefold(r: Pick<TaskIndexRow, 'lastEventOn' | 'lastStateEventOn' | 'originalDueOn' | 'effectiveDueOn'>, period: Pick<ReportParams['period'], 'from' | 'cutOff'>): boolean {
  const lastChange = r.lastStateEventOn ?? r.lastEventOn;
  return lastChange > period.cutOff || (r.originalDueOn !== r.effectiveDueOn && lastChange >= period.from);
}

/** Whether a task's decisions within the period may be on the report: a change of status, deadline or lead on or after its first day. */
const mayHaveDecisions = (r: TaskIndexRow, params: ReportParams) => (r.lastStateEventOn ?? r.lastEventOn) >= params.period.from;

type EventsByTask = ReadonlyMap<string, readonly EntityRow[]>;

/** Events of these tasks as stored, read in id order a thousand at a time (each thousand one narrow key range where they cluster). */
async function eventsByTask(db: DondocDb, taskIds: Iterable<string>): Promise<Map<string, EntityRow[]>> {
  const ids = [...new Set(taskIds)].sort();
  const parts: string[][] = [];
  for (let i = 0; i < ids.length; i += 1000) parts.push(ids.slice(i, i + 1000));
  const out = new Map<string, EntityRow[]>();
  for (const part of await Promise.all(parts.map((p) => eventsOf(db, p)))) for (const [id, list] of part) out.set(id, list);
  return out;
}

/** Every candidate task's facts as of the cut-off. `events`: the refolded tasks' events when the caller read them already. */
export async function loadReportTasks(db: DondocDb, params: ReportParams, mirrored?: readonly TaskIndexRow[], events?: EventsByTask): Promise<ReportTask[]> {
  const { cutOff } = params.period;
  const rows = await candidateRows(db, params, mirrored);
  // In id order, so each thousand is one narrow key range (bulkRead.ts reads a range in one request).
  const refold = rows.filter((r) => needsRefold(r, params.period)).map((r) => r.id).sort();
  const indexById = new Map(rows.map((r) => [r.id, r]));
  const refolded = new Map<string, ReportTask>();
  for (let i = 0; i < refold.length; i += 1000) {
    const ids = refold.slice(i, i + 1000);
    const [taskRows, eventRows] = await Promise.all([loadByKeys(db.tasks, ids), events ?? eventsOf(db, ids)]);
    taskRows.forEach((tr: EntityRow) => {
      if (tr._deleted === 1) return;
      const task = rowToTask(tr);
      const index = indexById.get(task.id);
      const events: TaskEvent[] = (eventRows.get(task.id) ?? []).filter((e) => e._deleted !== 1).map(rowToEvent);
      refolded.set(task.id, reportTaskOf(task, foldTask(task, events, cutOff, tr._v), index?.directiveRef ?? ''));
    });
  }
  return rows.map((r) => refolded.get(r.id) ?? indexRowTask(r));
}

export async function loadFollowUps(db: DondocDb): Promise<{ facts: FollowUpLetterFact[]; recorded: boolean }> {
  const rows = visible<{ status: string; letter: { date: string | null }; related?: { unitId: string | null; purpose: string } }>(await db.letters.toArray());
  let recorded = false;
  const facts: FollowUpLetterFact[] = [];
  for (const r of rows) {
    if (!r.related || !FOLLOW_UP_PURPOSES.includes(r.related.purpose)) continue;
    recorded = true;
    if (r.status === 'issued' && r.related.unitId && r.letter?.date) facts.push({ unitId: r.related.unitId, issuedOn: r.letter.date });
  }
  return { facts, recorded };
}

/**
 * The leaders' decisions within the period on the tasks the report may count: only tasks with a
 * change of status, deadline or lead on or after the period's first day are read.
 */
export async function loadDecisionLines(db: DondocDb, params: ReportParams, tasks: readonly ReportTask[], unitName: (id: string) => string, mirrored?: readonly TaskIndexRow[], events?: EventsByTask): Promise<ReportDecisionLine[]> {
  const { from, cutOff } = params.period;
  const rows = await candidateRows(db, params, mirrored);
  const ids = rows.filter((r) => mayHaveDecisions(r, params)).map((r) => r.id);
  if (ids.length === 0) return [];
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const [eventRows, officials, posts] = await Promise.all([events ?? eventsOf(db, ids), loadOfficials(db), loadPosts(db)]);
  const decided: TaskEvent[] = [];
  for (const id of ids) for (const e of eventRows.get(id) ?? []) if (e._deleted !== 1) decided.push(rowToEvent(e));
  const decisionTasks = ids.flatMap((id) => {
    const t = byId.get(id);
    return t ? [{ id, title: t.title, leadUnitId: t.leadUnitId, leadUnitName: unitName(t.leadUnitId) }] : [];
  });
  return decisionLines(decisionTasks, decided, { from, cutOff }, leaderLabeller(officials, posts), unitName);
}

/** `mirrored`: the task index rows already in memory (settledIndexRows), so 50,000 rows are not read again. */
export async function buildReport(db: DondocDb, params: ReportParams, scopeLabel: string, mirrored?: readonly TaskIndexRow[]): Promise<ReportData> {
  const rows = await candidateRows(db, params, mirrored);
  // The refolds and the decision lines read the events of overlapping tasks: read them once.
  const events = eventsByTask(db, rows.filter((r) => needsRefold(r, params.period) || mayHaveDecisions(r, params)).map((r) => r.id));
  const [tasks, unitsRaw, calendar, followUps, consultationData] = await Promise.all([
    events.then((ev) => loadReportTasks(db, params, rows, ev)),
    loadUnits(db),
    loadCalendarConfig(db),
    loadFollowUps(db),
    loadConsultationData(db),
  ]);
  // Two units with one name (every commune has a "Văn phòng HĐND và UBND") get their parent's name.
  const byId = new Map(unitsRaw.map((u) => [u.id, u]));
  const seen = new Map<string, number>();
  for (const u of unitsRaw) seen.set(u.name, (seen.get(u.name) ?? 0) + 1);
  const units = flattenUnitTree(buildUnitTree(unitsRaw)).map(({ unit }) => {
    const parent = unit.parentId ? byId.get(unit.parentId) : undefined;
    return { id: unit.id, name: (seen.get(unit.name) ?? 0) > 1 && parent ? `${unit.name} (${parent.name})` : unit.name };
  });
  const consultations: ConsultationFact[] = accountabilityByUnit(consultationData, { from: params.period.from, to: params.period.to }, { asOf: params.period.cutOff, calendar }).map((f) => ({
    unitId: f.unitId,
    consulted: f.consulted,
    noReply: f.noReply,
    late: f.late,
  }));
  const nameById = new Map(units.map((u) => [u.id, u.name]));
  const decisions = await loadDecisionLines(db, params, tasks, (id) => nameById.get(id) ?? MISSING_UNIT_NAME, rows, await events);
  return computeReport({ params, tasks, units, scopeLabel, followUps: followUps.facts, followUpsRecorded: followUps.recorded, consultations, calendar, decisions });
}

/**
 * The demo tasks and their histories: each task is assigned under a directive, may be reassigned,
 * extended, paused or cancelled, is finished on time with its lead unit's reliability or late by a
 * skewed delay, goes through the assigner's acceptance when recent, and gathers contributions from
 * its support units and sometimes steps. Progress reports are spread afterwards (progress.ts).
 */
import { addDays, addWorkingDays, daysBetween, resolveDeadline, workingDayOnOrAfter, type DeadlineRule } from '../calendar';
import type { Directive, Task, TaskStep } from '../tasks/model';
import type { Rng } from './prng';
import { eventBase, minDate, type DemoContext, type DemoEvent } from './context';
import type { DemoDirectives } from './directives';
import type { Authority, DemoOrganisation } from './organisation';
import { EXPECTED_PRODUCTS, EXTENSION_REASONS, STEP_TITLES, TASK_VERBS } from './vocabulary';

/** Not done by today: work that stalls for good. */
const NEVER = '9999-12-31';

export interface TaskPlan {
  task: Task;
  /** Ranked so that events of one day keep their causal order. */
  events: { e: DemoEvent; rank: number }[];
  /** Span in which progress can be reported: [assignedOn, end]. */
  end: string;
  openAtEnd: boolean;
}

/** One task being written: its plan and who acts on it. */
interface Story {
  plan: TaskPlan;
  auth: Authority;
  /** The assigning leader. */
  leaderId: string;
  /** The lead unit after any reassignment, and its head. */
  lead: string;
  leadHead: string | null;
  /** The first day a completion may bear: assignment, or a pending extension's decision. */
  decidedOn: string;
}

/** How many recent completions were returned once / still wait for acceptance, over all tasks. */
interface AcceptanceTally {
  returned: number;
  waiting: number;
}

function ymd(y: number, m: number, d: number): string {
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function chooseDeadline(rng: Rng, assignedOn: string): DeadlineRule | null {
  const deadlineKind = rng.weighted([['workingDays', 40], ['fixed', 45], ['none', 15]] as const);
  if (deadlineKind === 'workingDays') return { kind: 'workingDays', days: rng.pick([5, 7, 10, 15, 20, 30, 45, 60]), from: assignedOn };
  if (deadlineKind === 'none') return null;
  const year = Number(assignedOn.slice(0, 4));
  const target = Number(assignedOn.slice(5, 7)) + rng.pick([1, 2, 3, 6]);
  const ty = year + Math.floor((target - 1) / 12);
  const tm = ((target - 1) % 12) + 1;
  return { kind: 'fixed', date: ymd(ty, tm, rng.pick([10, 15, 20, 25, 28])) };
}

function newTask(ctx: DemoContext, org: DemoOrganisation, dirs: DemoDirectives): { task: Task; auth: Authority; leaderId: string } {
  const { rng, rng5, opts } = ctx;
  const directive: Directive = dirs.directives[rng.int(0, dirs.directives.length - 1)];
  const auth = dirs.authorityOf.get(directive.id)!;
  const topic = dirs.topicOf.get(directive.id)!;
  const assignedOn = minDate(workingDayOnOrAfter(addDays(directive.issuedOn, rng.weighted([[0, 5], [1, 2], [3, 1]]))), opts.today);
  const lead = rng.pick(auth.assignees);
  const support = rng.sample(
    auth.assignees.filter((u) => u !== lead),
    rng.weighted([[0, 4], [1, 3], [2, 2], [3, 1]]),
  );
  const year = Number(assignedOn.slice(0, 4));
  const deadline = chooseDeadline(rng, assignedOn);
  const leaderId = rng.pick(auth.leaders);
  const responsibleOfficialId = org.headOf.get(lead) ?? null;
  const task: Task = {
    id: ctx.id(),
    title: `${rng.pick(TASK_VERBS)} ${topic}${auth.level === 'province' && rng.chance(0.3) ? ' trên địa bàn tỉnh' : ''}`,
    content: `Thực hiện ${directive.kind === 'notice' ? 'Thông báo' : 'văn bản'} số ${directive.number}/${directive.symbol}: chủ trì, phối hợp với các đơn vị liên quan triển khai, báo cáo kết quả về ${auth.name}.`,
    directiveId: directive.id,
    assignerUnitId: auth.unitId,
    assignerOfficialId: leaderId,
    leadUnitId: lead,
    supportUnitIds: support,
    responsibleOfficialId,
    deadline,
    dueOn: deadline ? resolveDeadline(deadline) : null,
    assignedOn,
    planYear: rng.chance(0.5) ? year : null,
    priority: rng.weighted([['normal', 80], ['high', 15], ['urgent', 5]] as const),
    legalBasis: rng.chance(0.3) ? 'Công điện số 280/CĐ-TTg ngày 19/4/2023 của Thủ tướng Chính phủ' : '',
    authorityLevel: auth.level,
    // "5 rõ": about a third of the tasks name the product they must deliver.
    expectedProduct: rng5.chance(0.35) ? rng5.pick(EXPECTED_PRODUCTS) : '',
  };
  return { task, auth, leaderId };
}

function push(story: Story, e: DemoEvent, rank = 1): void {
  story.plan.events.push({ e, rank });
}

/** Reassignment early on, by the assigner (never by the lead unit). */
function maybeReassign(ctx: DemoContext, org: DemoOrganisation, story: Story): void {
  const { rng, opts } = ctx;
  const { task } = story.plan;
  if (!rng.chance(0.01)) return;
  const to = rng.pick(story.auth.assignees.filter((u) => u !== task.leadUnitId));
  const on = minDate(workingDayOnOrAfter(addDays(task.assignedOn, rng.int(1, 5))), opts.today);
  push(story, { ...eventBase(rng, task.id, on, story.leaderId), type: 'reassignment', newLeadUnitId: to, newResponsibleOfficialId: org.headOf.get(to) ?? null, reason: 'Nội dung thuộc chức năng, nhiệm vụ của đơn vị được giao lại.' }, 0);
  story.lead = to;
}

/** When would it be done? On time with the unit's reliability, else late by a skewed delay (after an extension request, sometimes). */
function finishDate(ctx: DemoContext, story: Story, reliability: number): string {
  const { rng, opts } = ctx;
  const { id: taskId, assignedOn, dueOn } = story.plan.task;
  if (!dueOn) return rng.chance(0.75) ? workingDayOnOrAfter(addDays(assignedOn, rng.int(10, 150))) : NEVER;
  const span = Math.max(1, daysBetween(assignedOn, dueOn));
  if (rng.chance(reliability)) return workingDayOnOrAfter(addDays(assignedOn, rng.int(Math.ceil(span * 0.4), span)));
  let effectiveDue = dueOn;
  // Late: sometimes the unit asks for more time first.
  if (rng.chance(0.35)) {
    const reqOn = workingDayOnOrAfter(addDays(dueOn, -rng.int(1, 4)));
    const proposed = addWorkingDays(dueOn, rng.pick([10, 15, 20, 30]));
    if (reqOn <= opts.today && reqOn >= assignedOn) {
      const req = { ...eventBase(rng, taskId, reqOn, story.leadHead), type: 'extensionRequest' as const, reason: rng.pick(EXTENSION_REASONS), proposedDueOn: proposed };
      push(story, req, 2);
      const decOn = workingDayOnOrAfter(addDays(reqOn, rng.int(1, 8)));
      if (decOn <= opts.today) {
        const accepted = rng.chance(0.8);
        push(story, { ...eventBase(rng, taskId, decOn, story.leaderId), type: 'extensionDecision', requestId: req.id, accepted, newDueOn: accepted ? proposed : null, note: accepted ? '' : 'Đề nghị khẩn trương hoàn thành theo thời hạn đã giao.' }, 3);
        if (accepted) effectiveDue = proposed;
        story.decidedOn = decOn;
      }
    }
  }
  const late = effectiveDue !== dueOn && rng.chance(0.75) ? -rng.int(0, 5) : rng.weighted([[rng.int(1, 10), 5], [rng.int(11, 45), 3], [rng.int(46, 200), 1]]);
  // Some late work stalls for good: the long-pending items follow-up must clear.
  return rng.chance(0.15) ? NEVER : workingDayOnOrAfter(addDays(effectiveDue, late));
}

/** Pauses and cancellations by the assigner; returns the cancellation day and the (maybe stalled) finish. */
function maybePauseOrCancel(ctx: DemoContext, story: Story, doneOn: string): { cancelledOn: string | null; doneOn: string } {
  const { rng, opts } = ctx;
  const { id: taskId, assignedOn } = story.plan.task;
  if (rng.chance(0.015)) {
    const on = workingDayOnOrAfter(addDays(assignedOn, rng.int(3, 40)));
    if (on <= opts.today && on < doneOn) {
      push(story, { ...eventBase(rng, taskId, on, story.leaderId), type: 'cancel', reason: 'Nhiệm vụ không còn phù hợp do thay đổi tổ chức bộ máy.' }, 5);
      return { cancelledOn: on, doneOn };
    }
  } else if (rng.chance(0.01)) {
    const on = workingDayOnOrAfter(addDays(assignedOn, rng.int(2, 20)));
    if (on <= opts.today && on < doneOn) {
      push(story, { ...eventBase(rng, taskId, on, story.leaderId), type: 'pause', reason: 'Tạm dừng để chờ hướng dẫn của cơ quan cấp trên.' }, 4);
      const resumeOn = workingDayOnOrAfter(addDays(on, rng.int(5, 30)));
      if (resumeOn <= opts.today && resumeOn < doneOn) push(story, { ...eventBase(rng, taskId, resumeOn, story.leaderId), type: 'resume', reason: 'Đã có hướng dẫn.' }, 4);
      else return { cancelledOn: null, doneOn: NEVER };
    }
  }
  return { cancelledOn: null, doneOn };
}

/**
 * The completion report. Recent completions go through the assigner's acceptance: the first one
 * was returned once and waits again, the next two still wait, the rest wait or were accepted by the leader.
 */
function complete(ctx: DemoContext, story: Story, doneOn: string, tally: AcceptanceTally): void {
  const { rng, rng5, opts } = ctx;
  const { task } = story.plan;
  const reportNumber = `${rng.int(1, 300)}/BC-${rng.pick(['UBND', 'VP', 'KT', 'VHXH', 'STC', 'SNV'])}`;
  const resultText = `Đã hoàn thành; báo cáo kết quả gửi ${story.auth.name}.`;
  const product = { product: task.expectedProduct || 'Báo cáo kết quả thực hiện', productNumber: reportNumber, productDate: doneOn };
  const recent = daysBetween(doneOn, opts.today) <= 20;
  const returnedFirst = workingDayOnOrAfter(addDays(doneOn, -8));
  const flow = !recent ? 'direct' : tally.returned === 0 && returnedFirst > story.decidedOn ? 'returned' : tally.waiting < 2 ? 'waiting' : rng5.chance(0.4) ? 'waiting' : 'accepted';
  if (flow === 'direct') {
    push(story, { ...eventBase(rng, task.id, doneOn, story.leadHead), type: 'completion', resultText, reportNumber, completedOn: doneOn, attachments: [] }, 9);
    return;
  }
  if (flow === 'returned') {
    tally.returned += 1;
    const first = { ...eventBase(rng5, task.id, returnedFirst, story.leadHead), type: 'completion' as const, resultText, reportNumber: '', completedOn: returnedFirst, attachments: [], product: product.product, productNumber: '', productDate: null, awaitsAcceptance: true };
    push(story, first, 7);
    const returnedOn = workingDayOnOrAfter(addDays(returnedFirst, 2));
    push(story, { ...eventBase(rng5, task.id, returnedOn, story.leaderId), type: 'completionReturn', reportId: first.id, reason: 'Báo cáo chưa kèm số liệu chi tiết theo từng thôn; đề nghị bổ sung.', decidedByOfficialId: story.leaderId, decisionNumber: '', decisionDate: null }, 8);
  }
  const report = { ...eventBase(rng, task.id, doneOn, story.leadHead), type: 'completion' as const, resultText, reportNumber, completedOn: doneOn, attachments: [], ...product, awaitsAcceptance: true };
  push(story, report, 9);
  const acceptOn = workingDayOnOrAfter(addDays(doneOn, 2));
  if (flow === 'accepted' && acceptOn <= opts.today) push(story, { ...eventBase(rng5, task.id, acceptOn, story.leaderId), type: 'completionAcceptance', reportId: report.id, note: '', decidedByOfficialId: story.leaderId, decisionNumber: '', decisionDate: null }, 10);
  else tally.waiting += 1;
}

/** Support units send their contributions. */
function contributions(ctx: DemoContext, org: DemoOrganisation, story: Story): void {
  const { rng, opts } = ctx;
  const { task, end } = story.plan;
  for (const s of task.supportUnitIds) {
    if (!rng.chance(0.35)) continue;
    const on = ctx.randomWorkday(task.assignedOn, end);
    if (on <= opts.today) push(story, { ...eventBase(rng, task.id, on, org.headOf.get(s) ?? null), type: 'contribution', unitId: s, text: 'Cung cấp thông tin, số liệu theo đề nghị của đơn vị chủ trì.', attachments: [] }, 1);
  }
}

/** A fifth of the tasks are broken into two to four steps, due in even shares of the span. */
function maybeSteps(ctx: DemoContext, org: DemoOrganisation, story: Story): TaskStep[] {
  const { rng, opts } = ctx;
  const { task, openAtEnd } = story.plan;
  const { assignedOn, dueOn } = task;
  if (!rng.chance(0.2)) return [];
  const n = rng.int(2, 4);
  const steps: TaskStep[] = [];
  for (let k = 0; k < n; k++) {
    const stepDue = dueOn ? minDate(workingDayOnOrAfter(addDays(assignedOn, Math.round(((k + 1) / n) * Math.max(1, daysBetween(assignedOn, dueOn))))), dueOn) : null;
    steps.push({ id: ctx.id(), taskId: task.id, title: STEP_TITLES[k], responsibleOfficialId: rng.pick([story.leadHead, ...(org.staffOf.get(story.lead) ?? [])].filter((x): x is string => x !== null)) ?? null, dueOn: stepDue, done: !openAtEnd || (stepDue !== null && stepDue < opts.today && rng.chance(0.7)), order: k });
  }
  return steps;
}

export function generateTaskHistories(ctx: DemoContext, org: DemoOrganisation, dirs: DemoDirectives): { plans: TaskPlan[]; steps: TaskStep[] } {
  const plans: TaskPlan[] = [];
  const steps: TaskStep[] = [];
  const tally: AcceptanceTally = { returned: 0, waiting: 0 };
  for (let i = 0; i < ctx.opts.tasks; i++) {
    const { task, auth, leaderId } = newTask(ctx, org, dirs);
    const plan: TaskPlan = { task, events: [], end: ctx.opts.today, openAtEnd: true };
    const story: Story = { plan, auth, leaderId, lead: task.leadUnitId, leadHead: null, decidedOn: task.assignedOn };
    maybeReassign(ctx, org, story);
    story.leadHead = org.headOf.get(story.lead) ?? null;

    let doneOn = finishDate(ctx, story, org.reliability.get(story.lead) ?? 0.8);
    // Nothing is completed before it was assigned or before a pending extension was decided.
    if (doneOn < story.decidedOn) doneOn = story.decidedOn;
    const stopped = maybePauseOrCancel(ctx, story, doneOn);
    doneOn = stopped.doneOn;

    if (!stopped.cancelledOn && doneOn <= ctx.opts.today) {
      complete(ctx, story, doneOn, tally);
      plan.end = doneOn;
      plan.openAtEnd = false;
    } else if (stopped.cancelledOn) {
      plan.end = stopped.cancelledOn;
      plan.openAtEnd = false;
    }
    contributions(ctx, org, story);
    steps.push(...maybeSteps(ctx, org, story));
    plans.push(plan);
  }
  return { plans, steps };
}

/**
 * Who may do what to a task (ARCHITECTURE.md, "Authority"; docs/rules.md §1). Checked by local commands
 * (canPerform, with the logged-in account's role) and by sync import (authorizeTaskOp, from
 * the sending site's scope alone, since an op carries no role).
 *
 * - Defining a task, reassigning it, deciding extensions, pausing, resuming, cancelling and
 *   reopening belong to the assigning authority's site (a coordinator site, or a site acting
 *   for the assigning unit), and to its administrators and leaders.
 * - Accepting a completion report, or returning it for more work, belongs to the assigning
 *   authority too.
 * - Progress, extension requests and completion reports belong to the lead unit's site.
 * - Support units only add contributions.
 * - The lead unit can never hand its task to another unit ("không chuyển công việc thuộc
 *   thẩm quyền của cơ quan, đơn vị mình sang cơ quan, đơn vị khác").
 */
import type { Actor, SiteScope } from '../authority';
import { canOfferOnBehalf, canRecordOnBehalf, speaksFor, type OnBehalfContext, type OnBehalfInput } from '../acting';
import type { Op } from '../data/ops';
import { TASK_SETTINGS_ID, type TaskStatus } from './state';
import { taskFieldLabels } from './model';
import { ALLOWED, refuse, type Decision } from '../decision';

export type TaskAction =
  | 'create'
  | 'update'
  | 'reassign'
  | 'decideExtension'
  | 'acceptCompletion'
  | 'returnCompletion'
  | 'pause'
  | 'resume'
  | 'cancel'
  | 'reopen'
  | 'reportProgress'
  | 'requestExtension'
  | 'complete'
  | 'contribute'
  | 'manageSteps';

export type TaskDecision = Decision;

/** The facts about a task that authority depends on (a TaskState qualifies). */
export interface TaskAuthorityView {
  assignerUnitId: string;
  leadUnitId: string;
  supportUnitIds: readonly string[];
  status: TaskStatus;
  pendingExtension: { requestId: string } | null;
  /** A completion report waiting for acceptance; optional (views from earlier code have none). */
  pendingCompletion?: { reportId: string } | null;
  /** Earlier lead units (after reassignments); optional. */
  leadHistory?: readonly { fromUnitId: string }[];
}

export const ASSIGNER_ACTIONS: readonly TaskAction[] = ['create', 'update', 'reassign', 'decideExtension', 'acceptCompletion', 'returnCompletion', 'pause', 'resume', 'cancel', 'reopen'];
export const LEAD_ACTIONS: readonly TaskAction[] = ['reportProgress', 'requestExtension', 'complete'];

const REASON = {
  leadCannotReassign:
    'Đơn vị chủ trì không được chuyển công việc thuộc trách nhiệm của mình sang đơn vị khác. Chỉ cơ quan giao nhiệm vụ mới được điều chỉnh đơn vị chủ trì.',
  notAssignerSite: 'Chỉ cơ quan giao nhiệm vụ (Văn phòng điều phối hoặc máy làm việc cho cơ quan giao) mới được thực hiện thao tác này.',
  assignerRole: 'Chỉ lãnh đạo hoặc quản trị viên/văn thư của cơ quan giao nhiệm vụ mới được thực hiện thao tác này.',
  supportOnlyContributes: 'Đơn vị phối hợp chỉ được gửi ý kiến phối hợp; báo cáo tiến độ, xin gia hạn và báo cáo hoàn thành do đơn vị chủ trì thực hiện.',
  notLead: 'Chỉ đơn vị chủ trì nhiệm vụ mới được báo cáo tiến độ, xin gia hạn hoặc báo cáo hoàn thành.',
  notSupport: 'Chỉ các đơn vị phối hợp của nhiệm vụ mới được gửi ý kiến phối hợp.',
  completionNeedsAcceptance: 'Báo cáo hoàn thành của đơn vị chủ trì phải chờ cơ quan giao nhiệm vụ xác nhận; máy gửi không được tự ghi nhiệm vụ là đã hoàn thành.',
  notInvolved: 'Máy này không làm việc cho đơn vị chủ trì hoặc cơ quan giao nhiệm vụ nên không cập nhật được các bước thực hiện.',
} as const;

function actsFor(site: SiteScope, unitId: string): boolean {
  return site.actsForUnitIds.includes(unitId);
}

function isAssignerSite(site: SiteScope, task: Pick<TaskAuthorityView, 'assignerUnitId'>): boolean {
  return site.siteRole === 'coordinator' || actsFor(site, task.assignerUnitId);
}

function statusCheck(action: TaskAction, task: TaskAuthorityView): TaskDecision {
  const s = task.status;
  const closed = s === 'completed' ? 'Nhiệm vụ đã hoàn thành.' : s === 'cancelled' ? 'Nhiệm vụ đã bị hủy.' : '';
  switch (action) {
    case 'reportProgress':
    case 'complete':
    case 'requestExtension':
    case 'contribute':
      if (closed) return refuse(`${closed} Muốn cập nhật tiếp, cơ quan giao nhiệm vụ cần mở lại nhiệm vụ.`);
      if (s === 'awaitingAcceptance' && action !== 'contribute') return refuse('Nhiệm vụ đang chờ cơ quan giao xác nhận hoàn thành; nếu bị trả lại, đơn vị chủ trì cập nhật tiếp.');
      if (s === 'paused' && action !== 'contribute') return refuse('Nhiệm vụ đang tạm dừng; chờ cơ quan giao nhiệm vụ cho tiếp tục.');
      if (action === 'requestExtension' && task.pendingExtension) return refuse('Đã có một đề nghị gia hạn đang chờ quyết định.');
      return ALLOWED;
    case 'decideExtension':
      if (!task.pendingExtension) return refuse('Không có đề nghị gia hạn nào đang chờ quyết định.');
      return closed ? refuse(closed) : ALLOWED;
    case 'acceptCompletion':
    case 'returnCompletion':
      return s === 'awaitingAcceptance' && task.pendingCompletion ? ALLOWED : refuse('Không có báo cáo hoàn thành nào đang chờ xác nhận.');
    case 'reassign':
    case 'cancel':
      return closed ? refuse(closed) : ALLOWED;
    case 'pause':
      return s === 'active' ? ALLOWED : refuse(closed || (s === 'awaitingAcceptance' ? 'Nhiệm vụ đang chờ xác nhận hoàn thành.' : 'Nhiệm vụ đang tạm dừng.'));
    case 'resume':
      return s === 'paused' ? ALLOWED : refuse('Nhiệm vụ không ở trạng thái tạm dừng.');
    case 'reopen':
      return s === 'completed' || s === 'cancelled' ? ALLOWED : refuse('Chỉ mở lại được nhiệm vụ đã hoàn thành hoặc đã hủy.');
    case 'create':
    case 'update':
    case 'manageSteps':
      return ALLOWED;
    default: {
      const never: never = action;
      return refuse(`Thao tác không hợp lệ: ${String(never)}`);
    }
  }
}

/**
 * May this account, at this site, do this to the task? `options.unitId` names the support unit
 * a contribution is for (defaults to the actor's unit or the first support unit the site acts for).
 */
export function canPerform(actor: Actor, site: SiteScope, action: TaskAction, task: TaskAuthorityView, options: { unitId?: string } = {}): TaskDecision {
  if ((ASSIGNER_ACTIONS as readonly TaskAction[]).includes(action)) {
    const assigner = isAssignerSite(site, task);
    // Whoever speaks for the lead unit never hands the task on, even from the coordinator's machine.
    if (action === 'reassign' && (actor.unitId === task.leadUnitId || (!assigner && actsFor(site, task.leadUnitId)))) return refuse(REASON.leadCannotReassign);
    if (!assigner) return refuse(REASON.notAssignerSite);
    if (actor.role !== 'admin' && actor.role !== 'leader') return refuse(REASON.assignerRole);
    return statusCheck(action, task);
  }
  if ((LEAD_ACTIONS as readonly TaskAction[]).includes(action)) {
    if (!speaksFor(actor, site, task.leadUnitId)) {
      if (task.supportUnitIds.some((u) => speaksFor(actor, site, u))) return refuse(REASON.supportOnlyContributes);
      return refuse(REASON.notLead);
    }
    return statusCheck(action, task);
  }
  if (action === 'contribute') {
    const unitId = options.unitId ?? task.supportUnitIds.find((u) => speaksFor(actor, site, u));
    if (!unitId || !task.supportUnitIds.includes(unitId) || !speaksFor(actor, site, unitId)) return refuse(REASON.notSupport);
    return statusCheck(action, task);
  }
  if (action === 'manageSteps') {
    if (speaksFor(actor, site, task.leadUnitId)) return ALLOWED;
    if (isAssignerSite(site, task) && (actor.role === 'admin' || actor.role === 'leader')) return ALLOWED;
    return refuse(REASON.notInvolved);
  }
  return refuse('Thao tác không hợp lệ.');
}

/** What the coordinating office's clerk may record on behalf of a unit with no site of its own. */
export const ON_BEHALF_TASK_ACTIONS: readonly TaskAction[] = ['reportProgress', 'complete', 'contribute'];

/** The unit an on-behalf record is for: the lead unit for its reports, the named support unit for a contribution. */
export function onBehalfUnitOf(action: TaskAction, task: Pick<TaskAuthorityView, 'leadUnitId' | 'supportUnitIds'>, options: { unitId?: string } = {}): string | null {
  if (action === 'contribute') return options.unitId && task.supportUnitIds.includes(options.unitId) ? options.unitId : null;
  if ((LEAD_ACTIONS as readonly TaskAction[]).includes(action)) return task.leadUnitId;
  return null;
}

function onBehalfDecision(actor: Actor, site: SiteScope, action: TaskAction, task: TaskAuthorityView, input: OnBehalfInput | null, ctx: OnBehalfContext, options: { unitId?: string }): TaskDecision {
  if (!ON_BEHALF_TASK_ACTIONS.includes(action)) return refuse('Chỉ báo cáo tiến độ, báo cáo hoàn thành và ý kiến phối hợp mới được nhập thay theo văn bản giấy.');
  const unitId = onBehalfUnitOf(action, task, options);
  if (!unitId) return refuse(REASON.notSupport);
  const d = input ? canRecordOnBehalf(actor, site, unitId, input, ctx) : canOfferOnBehalf(actor, site, unitId, ctx);
  if (!d.allowed) return d;
  return statusCheck(action, task);
}

/**
 * May this account record, on behalf of the unit the action is for, a report that unit sent on
 * paper (shared/acting.ts)? The same status rules as when the unit records it itself.
 */
export function canPerformOnBehalf(
  actor: Actor,
  site: SiteScope,
  action: TaskAction,
  task: TaskAuthorityView,
  input: OnBehalfInput,
  ctx: OnBehalfContext,
  options: { unitId?: string } = {},
): TaskDecision {
  return onBehalfDecision(actor, site, action, task, input, ctx, options);
}

/** Is "Nhập thay" offered for this action (before the paper document is named)? The screens ask this. */
export function canOfferTaskOnBehalf(actor: Actor, site: SiteScope, action: TaskAction, task: TaskAuthorityView, ctx: OnBehalfContext, options: { unitId?: string } = {}): TaskDecision {
  return onBehalfDecision(actor, site, action, task, null, ctx, options);
}

// ─── Ops from other sites (sync import) ────────────────────────────────────────────────

export const TASK_ENTITIES = ['directives', 'tasks', 'taskSteps', 'taskEvents'] as const;

export interface TaskOpContext {
  /** The sending site's role and units, from the site registry. */
  sender: SiteScope;
  /** The task the op concerns, as this replica holds it (folded), or null when unknown here. */
  task: TaskAuthorityView | null;
  /** For a taskSteps op on an existing step: the step's task id (values may not repeat it). */
  stepTaskId?: string | null;
  /**
   * Does the unit have an installation of its own (registry)? Needed to accept a report the
   * coordinating office recorded on behalf of a unit; without it such reports are judged like any other.
   */
  unitHasOwnSite?: (unitId: string) => boolean;
}

/** A lead or support event the coordinating office recorded on behalf of a unit with no site of its own. */
function isOnBehalfOfSiteless(sender: SiteScope, v: Op['values'], unitIds: readonly string[], unitHasOwnSite: ((unitId: string) => boolean) | undefined): boolean {
  if (sender.siteRole !== 'coordinator' || !unitHasOwnSite) return false;
  const ob = v.onBehalf;
  if (ob === null || typeof ob !== 'object' || Array.isArray(ob)) return false;
  return unitIds.some((u) => !unitHasOwnSite(u));
}

const EVENT_ROLE: Record<string, 'assigner' | 'lead' | 'support'> = {
  progress: 'lead',
  extensionRequest: 'lead',
  completion: 'lead',
  contribution: 'support',
  extensionDecision: 'assigner',
  completionAcceptance: 'assigner',
  completionReturn: 'assigner',
  reassignment: 'assigner',
  pause: 'assigner',
  resume: 'assigner',
  cancel: 'assigner',
  reopen: 'assigner',
};

/**
 * Is an op received from another site allowed? Decides from the op's entity, kind and values
 * and the sender's scope. Only task-domain ops (TASK_ENTITIES and the task settings row)
 * are judged here; anything else is refused as "not a task op" so a caller cannot mistake
 * silence for permission.
 */
export function authorizeTaskOp(op: Pick<Op, 'entity' | 'kind' | 'rowId' | 'values'>, context: TaskOpContext): TaskDecision {
  const { sender, task } = context;
  const v = op.values;
  switch (op.entity) {
    case 'settings':
      if (op.rowId !== TASK_SETTINGS_ID) break;
      return sender.siteRole === 'coordinator' ? ALLOWED : refuse('Chỉ Văn phòng điều phối được thay đổi cách tính tỷ lệ và thời hạn nhiệm vụ.');
    case 'directives':
      // Any site registers the documents it assigns work from; they carry no authority by themselves.
      return op.kind === 'set' ? ALLOWED : refuse('Văn bản chỉ đạo phải được ghi bằng thao tác cập nhật.');
    case 'tasks': {
      if (op.kind !== 'set') return refuse('Nhiệm vụ phải được ghi bằng thao tác cập nhật.');
      if (task === null) {
        const assigner = typeof v.assignerUnitId === 'string' ? v.assignerUnitId : null;
        if (!assigner) return refuse('Nhiệm vụ mới thiếu cơ quan giao.');
        return isAssignerSite(sender, { assignerUnitId: assigner }) ? ALLOWED : refuse(REASON.notAssignerSite);
      }
      if (!isAssignerSite(sender, task)) {
        return refuse(`${REASON.notAssignerSite} (thay đổi ${Object.keys(v).map((k) => (taskFieldLabels[k] ?? k).toLowerCase()).join(', ')} bị từ chối)`);
      }
      if (typeof v.assignerUnitId === 'string' && v.assignerUnitId !== task.assignerUnitId && !isAssignerSite(sender, { assignerUnitId: v.assignerUnitId })) {
        return refuse('Không được chuyển nhiệm vụ sang một cơ quan giao mà máy gửi không làm việc cho.');
      }
      return ALLOWED;
    }
    case 'taskEvents': {
      if (op.kind !== 'insert') return refuse('Diễn biến nhiệm vụ chỉ được thêm mới, không được sửa.');
      if (task === null) return refuse('Không tìm thấy nhiệm vụ của diễn biến này.');
      const role = typeof v.type === 'string' ? EVENT_ROLE[v.type] : undefined;
      if (!role) return refuse('Loại diễn biến nhiệm vụ không hợp lệ.');
      if (role === 'assigner') return isAssignerSite(sender, task) ? ALLOWED : refuse(v.type === 'reassignment' && actsFor(sender, task.leadUnitId) ? REASON.leadCannotReassign : REASON.notAssignerSite);
      if (role === 'lead') {
        // A report written before the sender heard of a reassignment is still its own report.
        const leads = [task.leadUnitId, ...(task.leadHistory ?? []).map((h) => h.fromUnitId)];
        if (leads.some((u) => actsFor(sender, u)) || isOnBehalfOfSiteless(sender, v, [task.leadUnitId], context.unitHasOwnSite)) {
          // A completion that skips the assigner's acceptance would close the task by the lead unit's word alone.
          if (v.type === 'completion' && v.awaitsAcceptance !== true && !isAssignerSite(sender, task)) return refuse(REASON.completionNeedsAcceptance);
          return ALLOWED;
        }
        return refuse(task.supportUnitIds.some((u) => actsFor(sender, u)) ? REASON.supportOnlyContributes : REASON.notLead);
      }
      const unitId = typeof v.unitId === 'string' ? v.unitId : '';
      if (!task.supportUnitIds.includes(unitId)) return refuse(REASON.notSupport);
      return actsFor(sender, unitId) || isOnBehalfOfSiteless(sender, v, [unitId], context.unitHasOwnSite) ? ALLOWED : refuse(REASON.notSupport);
    }
    case 'taskSteps': {
      if (task === null) return refuse('Không tìm thấy nhiệm vụ của bước thực hiện này.');
      if (context.stepTaskId && typeof v.taskId === 'string' && v.taskId !== context.stepTaskId) return refuse('Không được chuyển bước thực hiện sang nhiệm vụ khác.');
      return actsFor(sender, task.leadUnitId) || isAssignerSite(sender, task) ? ALLOWED : refuse(REASON.notInvolved);
    }
    default:
      break;
  }
  return refuse('Thao tác không thuộc phân hệ nhiệm vụ.');
}

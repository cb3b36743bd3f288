/**
 * Authority of an op received from another site (ARCHITECTURE.md, "Authority"). An op carries no
 * account, only its author site, so it is judged against that site's scope from the site
 * registry (its role and the units it acts for). Pure: the caller supplies the rows it holds.
 *
 * Three outcomes:
 * - accept;
 * - reject, with a Vietnamese reason (không có thẩm quyền / không hợp lệ / từ máy không xác định);
 * - pending: the op names a record this replica does not hold yet (an event before its task
 *   arrived through a lost package). It is kept and judged again after later imports, so the
 *   order packages arrive in never decides what is accepted.
 */
import { isHlc, parseHlc } from '../data/hlc';
import { opSchema, type EntityName, type Op, type Row } from '../data/ops';
import type { SiteScope } from '../authority';
import { authorizeTaskOp, type TaskAuthorityView } from '../tasks/authority';
import { foldTask, TASK_SETTINGS_ID } from '../tasks/state';
import { taskEventSchema, type Task, type TaskEvent } from '../tasks/model';
import { authorizeConsultationOp } from '../consultations/authority';
import { CONSULTATION_SETTINGS_ID } from '../consultations/model';
import type { SiteRole } from './registry';

/** A site as the registry describes it. */
export interface SyncSite {
  siteId: string;
  role: SiteRole;
  units: readonly string[];
}

export type RejectCode = 'unauthorised' | 'invalid' | 'unknownSite' | 'localOnly' | 'unproven';

export type Verdict = { status: 'accept' } | { status: 'reject'; code: RejectCode; reason: string } | { status: 'pending'; reason: string };

export const rejectCodeLabels: Record<RejectCode, string> = {
  unauthorised: 'Không có thẩm quyền',
  invalid: 'Không hợp lệ',
  unknownSite: 'Từ máy không xác định',
  localOnly: 'Cấu hình riêng của máy gửi',
  unproven: 'Không chứng minh được tác giả',
};

/** Settings rows that describe one installation (its organisation, its letterhead): never synced. */
export const LOCAL_SETTINGS_IDS: ReadonlySet<string> = new Set(['organisation', 'letterhead']);

export function isLocalOnlyOp(op: Pick<Op, 'entity' | 'rowId'>): boolean {
  return op.entity === 'settings' && LOCAL_SETTINGS_IDS.has(op.rowId);
}

/** What the judge may read: this replica's rows (including what the current import already applied). */
export interface AuthorityLookup {
  row(entity: EntityName, rowId: string): Row | undefined;
  /** taskEvents rows of one task. */
  taskEvents(taskId: string): readonly Row[];
  /** posts rows of one official. */
  posts(officialId: string): readonly Row[];
  /** False when this app version has no table for the entity yet (the op waits for an update). */
  hasEntity(entity: EntityName): boolean;
}

const ACCEPT: Verdict = { status: 'accept' };
const unauthorised = (reason: string): Verdict => ({ status: 'reject', code: 'unauthorised', reason });
const invalid = (reason: string): Verdict => ({ status: 'reject', code: 'invalid', reason });
const pending = (reason: string): Verdict => ({ status: 'pending', reason });

const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

/** Strips bookkeeping fields. */
function plain(row: Row): Record<string, unknown> {
  const { _v, _deleted, ...rest } = row;
  void _v;
  void _deleted;
  return rest;
}

/** The task as this replica holds it, folded with its events; null when the task row is not here. */
export function taskViewOf(lookup: AuthorityLookup, taskId: string): TaskAuthorityView | null {
  const row = lookup.row('tasks', taskId);
  if (!row || typeof row.assignerUnitId !== 'string' || typeof row.leadUnitId !== 'string') return null;
  const task = { supportUnitIds: [], dueOn: null, ...plain(row), id: taskId } as unknown as Task;
  if (!Array.isArray(task.supportUnitIds)) task.supportUnitIds = [];
  const events = lookup
    .taskEvents(taskId)
    .filter((r) => r._deleted !== 1)
    .map((r) => ({ ...(plain(r) as unknown as TaskEvent), order: r._v.type ?? r._v.taskId ?? '' }));
  return foldTask(task, events, undefined, row._v);
}

/** Structural checks every op must pass wherever it came from: its shape (opSchema), then checkOp. */
export function validateOp(raw: unknown): { ok: true; op: Op } | { ok: false; reason: string } {
  const parsed = opSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `Thao tác sai cấu trúc (${issue.path.join('.') || 'gốc'}: ${issue.message}).` };
  }
  return checkOp(parsed.data);
}

/**
 * What opSchema cannot say about an op already in its shape: a readable clock naming the author
 * site, and a task event's values. An op is parsed once, where it enters (a package file in
 * main); this runs wherever ops are judged.
 */
export function checkOp(op: Op): { ok: true; op: Op } | { ok: false; reason: string } {
  if (!isHlc(op.hlc)) return { ok: false, reason: 'Dấu thời gian (HLC) của thao tác không hợp lệ.' };
  // The clock's node is the author site: a mismatch would let one site's write win ties as another's.
  if (parseHlc(op.hlc).node !== op.site) return { ok: false, reason: 'Dấu thời gian của thao tác không khớp với máy tạo ra nó.' };
  if (op.entity === 'taskEvents' && op.kind === 'insert') {
    const event = taskEventSchema.safeParse(op.values);
    if (!event.success) return { ok: false, reason: `Diễn biến nhiệm vụ không hợp lệ: ${event.error.issues[0].message}` };
  }
  return { ok: true, op };
}

/** The units the registry's unit sites act for (not the coordinator's): they have an installation of their own. */
export function unitSiteUnits(sites: Iterable<SyncSite>): Set<string> {
  const out = new Set<string>();
  for (const s of sites) if (s.role !== 'coordinator') for (const u of s.units) out.add(u);
  return out;
}

/** Is the unit, or a unit above it that this replica holds, acted for by a unit site? */
function ownSiteJudge(siteUnits: ReadonlySet<string>, lookup: AuthorityLookup): (unitId: string) => boolean {
  return (unitId) => {
    let id: string | null = unitId;
    for (let depth = 0; id && depth < 32; depth += 1) {
      if (siteUnits.has(id)) return true;
      const row = lookup.row('units', id);
      id = row ? str(row.parentId) : null;
    }
    return false;
  };
}

/**
 * May `origin` (the op's author site, looked up in the registry) have written this op?
 * `origin` undefined means the author is not in the registry. `siteUnits` (unitSiteUnits of the
 * registry) lets a report the coordinating office recorded on behalf of a unit with no site of
 * its own through; without it such a report is judged as the coordinator's own.
 */
export function authorizeSyncOp(op: Op, origin: SyncSite | undefined, lookup: AuthorityLookup, siteUnits?: ReadonlySet<string>): Verdict {
  if (!origin) return { status: 'reject', code: 'unknownSite', reason: `Thao tác do máy "${op.site}" tạo, máy này không có trong danh bạ đơn vị.` };
  if (isLocalOnlyOp(op)) return { status: 'reject', code: 'localOnly', reason: 'Cấu hình riêng của máy gửi (thông tin cơ quan, mẫu tiêu đề văn bản) không được đồng bộ sang máy khác.' };
  if (!lookup.hasEntity(op.entity)) return pending('Phiên bản ứng dụng trên máy này chưa có phân hệ cho loại dữ liệu này; thao tác được giữ lại và áp dụng sau khi cập nhật.');
  const scope: SiteScope = { siteRole: origin.role, actsForUnitIds: origin.units };
  const coordinator = origin.role === 'coordinator';
  const actsFor = (unitId: unknown) => typeof unitId === 'string' && origin.units.includes(unitId);
  const current = lookup.row(op.entity, op.rowId);
  const v = op.values;
  // The task rules append the op's raw field keys to some reasons; the report names fields itself.
  const decide = (d: { allowed: true } | { allowed: false; reason: string }): Verdict => (d.allowed ? ACCEPT : unauthorised(d.reason.replace(/ \(thay đổi [^)]*bị từ chối\)$/, '')));

  switch (op.entity) {
    case 'settings':
      if (op.rowId === TASK_SETTINGS_ID) return decide(authorizeTaskOp(op, { sender: scope, task: null }));
      if (op.rowId === CONSULTATION_SETTINGS_ID) return decide(authorizeConsultationOp(op, { sender: scope, consultation: null, upward: null }));
      return coordinator ? ACCEPT : unauthorised('Chỉ Văn phòng điều phối được thay đổi cài đặt dùng chung.');
    case 'units':
      return coordinator ? ACCEPT : unauthorised('Danh mục đơn vị do Văn phòng điều phối quản lý.');
    case 'calendarOverrides':
      return coordinator ? ACCEPT : unauthorised('Lịch làm việc (ngày nghỉ, ngày làm bù) do Văn phòng điều phối quản lý.');
    case 'officials': {
      if (coordinator) return ACCEPT;
      const posts = lookup.posts(op.rowId).filter((p) => p._deleted !== 1);
      if (posts.length === 0) return pending('Chưa biết cán bộ này thuộc đơn vị nào (chưa nhận chức vụ của cán bộ).');
      return posts.some((p) => actsFor(p.unitId)) ? ACCEPT : unauthorised('Máy gửi không quản lý cán bộ của đơn vị này; cán bộ của đơn vị do chính đơn vị hoặc Văn phòng điều phối cập nhật.');
    }
    case 'posts': {
      if (coordinator) return ACCEPT;
      const before = current ? str(current.unitId) : null;
      const after = str(v.unitId);
      if (!before && !after) return pending('Chưa nhận chức vụ gốc nên chưa biết thuộc đơn vị nào.');
      const ok = (!before || actsFor(before)) && (!after || actsFor(after));
      return ok ? ACCEPT : unauthorised('Máy gửi không quản lý cán bộ của đơn vị này; cán bộ của đơn vị do chính đơn vị hoặc Văn phòng điều phối cập nhật.');
    }
    case 'directives':
      return decide(authorizeTaskOp(op, { sender: scope, task: null }));
    case 'tasks': {
      const task = taskViewOf(lookup, op.rowId);
      if (!task && typeof v.assignerUnitId !== 'string') return pending('Chưa nhận nhiệm vụ gốc (có thể do một gói trước chưa đến).');
      return decide(authorizeTaskOp(op, { sender: scope, task }));
    }
    case 'taskEvents': {
      const taskId = str(v.taskId) ?? (current ? str(current.taskId) : null);
      if (!taskId) return invalid('Diễn biến nhiệm vụ không ghi nhiệm vụ nào.');
      const task = taskViewOf(lookup, taskId);
      if (!task) return pending('Chưa nhận nhiệm vụ của diễn biến này (có thể do một gói trước chưa đến).');
      return decide(authorizeTaskOp(op, { sender: scope, task, unitHasOwnSite: siteUnits ? ownSiteJudge(siteUnits, lookup) : undefined }));
    }
    case 'taskSteps': {
      const stepTaskId = current ? str(current.taskId) : null;
      const taskId = stepTaskId ?? str(v.taskId);
      if (!taskId) return pending('Chưa nhận bước thực hiện gốc.');
      const task = taskViewOf(lookup, taskId);
      if (!task) return pending('Chưa nhận nhiệm vụ của bước thực hiện này.');
      return decide(authorizeTaskOp(op, { sender: scope, task, stepTaskId }));
    }
    case 'consultations': {
      const consultation = current && typeof current.requesterUnitId === 'string' ? { requesterUnitId: current.requesterUnitId, consultedUnitIds: stringArray(current.consultedUnitIds) } : null;
      if (!consultation && typeof v.requesterUnitId !== 'string') return pending('Chưa nhận phiếu lấy ý kiến gốc.');
      return decide(authorizeConsultationOp(op, { sender: scope, consultation, upward: null }));
    }
    case 'consultationReplies': {
      const consultationId = str(v.consultationId) ?? (current ? str(current.consultationId) : null);
      if (!consultationId) return invalid('Ý kiến trả lời không ghi phiếu lấy ý kiến nào.');
      const row = lookup.row('consultations', consultationId);
      if (!row || typeof row.requesterUnitId !== 'string') return pending('Chưa nhận phiếu lấy ý kiến của ý kiến trả lời này.');
      return decide(
        authorizeConsultationOp(op, {
          sender: scope,
          consultation: { requesterUnitId: row.requesterUnitId, consultedUnitIds: stringArray(row.consultedUnitIds) },
          upward: null,
          unitHasOwnSite: siteUnits ? ownSiteJudge(siteUnits, lookup) : undefined,
        }),
      );
    }
    case 'reconciliations': {
      const consultationId = str(v.consultationId) ?? (current ? str(current.consultationId) : null);
      if (!consultationId) return invalid('Kết quả thống nhất không ghi phiếu lấy ý kiến nào.');
      const row = lookup.row('consultations', consultationId);
      if (!row || typeof row.requesterUnitId !== 'string') return pending('Chưa nhận phiếu lấy ý kiến của kết quả thống nhất này.');
      return decide(authorizeConsultationOp(op, { sender: scope, consultation: { requesterUnitId: row.requesterUnitId, consultedUnitIds: stringArray(row.consultedUnitIds) }, upward: null }));
    }
    case 'upwardRequests': {
      const upward = current && typeof current.fromUnitId === 'string' && typeof current.toUnitId === 'string' ? { fromUnitId: current.fromUnitId, toUnitId: current.toUnitId } : null;
      if (!upward && typeof v.fromUnitId !== 'string') return pending('Chưa nhận đề nghị gốc.');
      return decide(authorizeConsultationOp(op, { sender: scope, consultation: null, upward }));
    }
    case 'upwardAnswers': {
      const requestId = str(v.requestId) ?? (current ? str(current.requestId) : null);
      if (!requestId) return invalid('Ý kiến trả lời không ghi đề nghị nào.');
      const row = lookup.row('upwardRequests', requestId);
      if (!row || typeof row.fromUnitId !== 'string' || typeof row.toUnitId !== 'string') return pending('Chưa nhận đề nghị được trả lời.');
      return decide(authorizeConsultationOp(op, { sender: scope, consultation: null, upward: { fromUnitId: row.fromUnitId, toUnitId: row.toUnitId } }));
    }
    case 'letters':
    case 'registerEntries': {
      const officeKey = (current ? str(current.officeKey) : null) ?? str(v.officeKey);
      if (!officeKey) return pending('Chưa nhận văn bản gốc nên chưa biết cơ quan ban hành.');
      if (current && typeof v.officeKey === 'string' && v.officeKey !== officeKey) return invalid('Không được chuyển văn bản sang sổ của cơ quan khác.');
      return actsFor(officeKey) ? ACCEPT : unauthorised('Văn bản và sổ văn bản đi của một cơ quan chỉ do máy của cơ quan đó ghi.');
    }
    case 'reports':
    case 'accountability': {
      if (coordinator) return ACCEPT;
      const unitId = (current ? str(current.unitId) : null) ?? str(v.unitId);
      return unitId && actsFor(unitId) ? ACCEPT : unauthorised('Chỉ đơn vị của báo cáo hoặc Văn phòng điều phối được ghi báo cáo này.');
    }
    default: {
      const never: never = op.entity;
      return invalid(`Loại dữ liệu không hợp lệ: ${String(never)}`);
    }
  }
}

function stringArray(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

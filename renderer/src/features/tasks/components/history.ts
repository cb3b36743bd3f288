/**
 * Audit entries of a task in words: "Hạn xử lý: 15/05/2026 → 29/05/2026". Field names and
 * values (unit and official ids, dates, deadline rules) are shown the way the screens show them.
 */
import type { AuditEntry } from '../../../data/db';
import { authorityLevelLabels, taskEventTypeLabels, taskFieldLabels, taskPriorityLabels, type AuthorityLevel, type TaskEventType, type TaskPriority } from '@shared/tasks/model';
import { formatDate } from '../../../ui/format';
import type { Registry } from '../context';
import { onBehalfRecordSchema, onBehalfLine } from '@shared/acting';

const FIELD_LABELS = taskFieldLabels;
/** Bookkeeping fields of events that the reader does not need repeated. */
const HIDDEN = new Set(['taskId', 'actorOfficialId', 'actorAccount', 'requestId', 'reportId']);

function show(key: string, value: unknown, r: Registry): string {
  if (value === null || value === undefined || value === '') return '(trống)';
  if (typeof value === 'boolean') return value ? 'Có' : 'Không';
  if (key === '_deleted') return value === 1 ? 'Có' : 'Không';
  if (typeof value === 'string') {
    if (key.endsWith('UnitId')) return r.unitName(value);
    if (key.endsWith('OfficialId')) return r.officialName(value);
    if (key === 'priority') return taskPriorityLabels[value as TaskPriority] ?? value;
    if (key === 'authorityLevel') return authorityLevelLabels[value as AuthorityLevel] ?? value;
    if (key === 'type') return taskEventTypeLabels[value as TaskEventType] ?? value;
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
    return value.length > 160 ? `${value.slice(0, 160)}…` : value;
  }
  if (Array.isArray(value)) {
    if (key === 'supportUnitIds') return value.length ? value.map((u) => r.unitName(String(u))).join('; ') : '(không có)';
    if (key === 'attachments') return value.length ? value.map((a) => (a && typeof a === 'object' && 'fileName' in a ? String(a.fileName) : '?')).join(', ') : '(không có)';
    return value.join(', ');
  }
  if (key === 'onBehalf') {
    const record = onBehalfRecordSchema.safeParse(value);
    if (record.success) return onBehalfLine(record.data);
  }
  if (key === 'deadline' && typeof value === 'object') {
    const d = value as { kind: string; date?: string; days?: number; from?: string };
    if (d.kind === 'fixed' && d.date) return `hạn ${formatDate(d.date)}`;
    if (d.kind === 'workingDays') return `${d.days} ngày làm việc từ ${formatDate(d.from ?? '')}`;
    if (d.kind === 'calendarDays') return `${d.days} ngày từ ${formatDate(d.from ?? '')}`;
  }
  return String(value);
}

/** One line per changed field: "Label: before → after" (or "Label: value" for new records). */
export function describeChange(e: Pick<AuditEntry, 'before' | 'after' | 'summary'>, r: Registry): string[] {
  const after = e.after ?? {};
  if ('count' in after && 'firstRowId' in after) return [e.summary];
  const lines: string[] = [];
  for (const [key, value] of Object.entries(after)) {
    if (HIDDEN.has(key)) continue;
    const label = FIELD_LABELS[key] ?? key;
    const before = e.before && key in e.before ? e.before[key] : undefined;
    if (e.before && before !== undefined) {
      if (JSON.stringify(before) === JSON.stringify(value)) continue;
      lines.push(`${label}: ${show(key, before, r)} → ${show(key, value, r)}`);
    } else lines.push(`${label}: ${show(key, value, r)}`);
  }
  return lines.length ? lines : [e.summary];
}

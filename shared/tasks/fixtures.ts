/** Builders for tests and benchmarks: a task and its events with sensible defaults. */
import type { Task, TaskEvent, TaskEventRecord } from './model';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type EventSpec = DistributiveOmit<TaskEventRecord, 'taskId' | 'actorOfficialId' | 'actorAccount'> & { id?: string; actorOfficialId?: string | null };

export function makeTask(overrides: Partial<Task> = {}): Task {
  const dueOn = overrides.dueOn === undefined ? '2025-03-14' : overrides.dueOn;
  return {
    id: 'task-1',
    title: 'Xây dựng kế hoạch chuyển đổi số năm 2025',
    content: '',
    directiveId: null,
    assignerUnitId: 'ubnd',
    assignerOfficialId: 'chair',
    leadUnitId: 'phong-kt',
    supportUnitIds: ['phong-vhxh'],
    responsibleOfficialId: 'official-kt',
    deadline: dueOn === null ? null : { kind: 'fixed', date: dueOn },
    dueOn,
    assignedOn: '2025-03-03',
    planYear: 2025,
    priority: 'normal',
    legalBasis: '',
    authorityLevel: 'commune',
    ...overrides,
  };
}

/** Events in the given order get increasing versions, as if written one after another. */
export function makeEvents(taskId: string, specs: EventSpec[]): TaskEvent[] {
  return specs.map((spec, i) => {
    const { id, actorOfficialId, ...rest } = spec;
    return {
      ...rest,
      id: id ?? `${taskId}-e${i + 1}`,
      taskId,
      actorOfficialId: actorOfficialId ?? null,
      actorAccount: 'vanthu (Văn thư)',
      order: `${String(1_000 + i).padStart(15, '0')}-0000-site|site`,
    } as TaskEvent;
  });
}

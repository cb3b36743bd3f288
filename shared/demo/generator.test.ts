import { describe, expect, it } from 'vitest';
import { unitInputSchema } from '../registries/units';
import { officialInputSchema, postInputSchema } from '../registries/officials';
import { directiveInputSchema, taskEventSchema, taskRecordSchema, taskStepInputSchema, type Task, type TaskEvent } from '../tasks/model';
import { categorize, computeRate, countCategories, DEFAULT_TASK_SETTINGS, foldTask } from '../tasks/state';
import { createRng } from './prng';
import { demoSizeFrom, generateDemoData, type DemoData } from './generator';

const options = { seed: 20250701, today: '2026-11-27', tasks: 1_500, progressReports: 6_000 };

function eventsByTask(data: DemoData): Map<string, TaskEvent[]> {
  const out = new Map<string, TaskEvent[]>();
  data.events.forEach((e, i) => {
    const list = out.get(e.taskId) ?? [];
    list.push({ ...e, order: String(i).padStart(10, '0') });
    out.set(e.taskId, list);
  });
  return out;
}

describe('demo generator', () => {
  const data = generateDemoData(options);

  it('is deterministic: same seed, same data; another seed, other data', () => {
    expect(JSON.stringify(generateDemoData(options))).toBe(JSON.stringify(data));
    const other = generateDemoData({ ...options, seed: 7 });
    expect(other.tasks[0].id).not.toBe(data.tasks[0].id);
    const a = createRng(1);
    const b = createRng(1);
    expect(Array.from({ length: 5 }, () => a.uuid())).toEqual(Array.from({ length: 5 }, () => b.uuid()));
  });

  it('produces rows that pass the domain schemas and refer to existing rows', () => {
    const unitIds = new Set(data.units.map((u) => u.id));
    for (const { id, ...u } of data.units) expect(unitInputSchema.safeParse(u).success, id).toBe(true);
    for (const { id, ...o } of data.officials) expect(officialInputSchema.safeParse(o).success, id).toBe(true);
    for (const p of data.posts) {
      expect(postInputSchema.safeParse(p).success).toBe(true);
      expect(unitIds.has(p.unitId)).toBe(true);
    }
    for (const { id, ...d } of data.directives) expect(directiveInputSchema.safeParse(d).success, id).toBe(true);
    const directiveIds = new Set(data.directives.map((d) => d.id));
    for (const { id, ...t } of data.tasks) {
      const r = taskRecordSchema.safeParse(t);
      expect(r.success, `${id}: ${r.error?.message}`).toBe(true);
      expect(unitIds.has(t.leadUnitId) && unitIds.has(t.assignerUnitId) && t.supportUnitIds.every((u) => unitIds.has(u))).toBe(true);
      expect(directiveIds.has(t.directiveId!)).toBe(true);
    }
    for (const { id, ...e } of data.events) {
      const r = taskEventSchema.safeParse(e);
      expect(r.success, `${id}: ${r.error?.message}`).toBe(true);
      expect(e.on <= options.today).toBe(true);
    }
    for (const { id, ...s } of data.steps) expect(taskStepInputSchema.safeParse(s).success, id).toBe(true);
    const allIds = [...data.units, ...data.officials, ...data.posts, ...data.directives, ...data.tasks, ...data.events, ...data.steps].map((r) => r.id);
    expect(new Set(allIds).size).toBe(allIds.length);
  });

  it('builds the two-tier organisation with commune offices and officials holding two posts', () => {
    expect(data.units.find((u) => u.id === data.rootUnitId)?.name).toBe('Ủy ban nhân dân tỉnh Cao Bằng');
    const communes = data.units.filter((u) => u.kind === 'commune');
    expect(communes).toHaveLength(20);
    const firstCommuneChildren = data.units.filter((u) => u.parentId === communes[3].id).map((u) => u.name);
    expect(firstCommuneChildren).toEqual(expect.arrayContaining(['Văn phòng HĐND và UBND', 'Phòng Kinh tế', 'Phòng Văn hóa - Xã hội', 'Trung tâm Phục vụ hành chính công']));
    expect(data.units.some((u) => u.kind === 'village')).toBe(true);
    expect(data.units.some((u) => u.kind === 'publicService')).toBe(true);
    const postsPer = new Map<string, number>();
    for (const p of data.posts) postsPer.set(p.officialId, (postsPer.get(p.officialId) ?? 0) + 1);
    expect([...postsPer.values()].filter((n) => n >= 2).length).toBeGreaterThanOrEqual(20);
    expect(new Set(data.units.map((u) => u.shortName)).size).toBe(data.units.length);
  });

  it('has realistic counts: exact reports, mostly on time, some late, overdue, extended and unscheduled', () => {
    expect(data.tasks).toHaveLength(options.tasks);
    expect(data.events.filter((e) => e.type === 'progress')).toHaveLength(6_000);
    const byTask = eventsByTask(data);
    const cats = data.tasks.map((t: Task) => categorize(t, byTask.get(t.id) ?? [], options.today, DEFAULT_TASK_SETTINGS));
    const counts = countCategories(cats);
    const total = data.tasks.length;
    expect(counts.doneOnTime / total).toBeGreaterThan(0.45);
    expect(counts.doneLate / total).toBeGreaterThan(0.05);
    expect(counts.openOverdue / total).toBeGreaterThan(0.01);
    expect(counts.openOverdue / total).toBeLessThan(0.2);
    expect(counts.openWithinDeadline).toBeGreaterThan(0);
    expect(counts.doneNoDeadline + counts.openNoDeadline).toBeGreaterThan(total * 0.08);
    const rate = computeRate(counts, 'dueCompletion');
    expect(rate.value!).toBeGreaterThan(0.7);
    expect(rate.value!).toBeLessThan(0.99);
    const states = data.tasks.map((t) => foldTask(t, byTask.get(t.id) ?? []));
    expect(states.filter((s) => s.deadlineHistory.length > 0).length).toBeGreaterThan(10);
    expect(states.filter((s) => s.status === 'cancelled').length).toBeGreaterThan(5);
    expect(states.filter((s) => s.leadHistory.length > 0).length).toBeGreaterThan(3);
    // Every assignment year has tasks; nothing is assigned after today.
    const years = new Set(data.tasks.map((t) => t.assignedOn.slice(0, 4)));
    expect([...years].sort()).toEqual(['2023', '2024', '2025', '2026']);
    expect(data.tasks.every((t) => t.assignedOn <= options.today)).toBe(true);
    // Progress never goes past completion and completions happen after assignment.
    for (const s of states) if (s.completedOn) expect(s.completedOn >= data.tasks.find((t) => t.id === s.taskId)!.assignedOn).toBe(true);
  });

  it('recent completions go through acceptance: some wait, one was returned and waits again, some accepted by a leader; a third of tasks name their product', () => {
    const byTask = eventsByTask(data);
    const states = data.tasks.map((t) => foldTask(t, byTask.get(t.id) ?? []));
    const waiting = states.filter((s) => s.status === 'awaitingAcceptance');
    expect(waiting.length).toBeGreaterThanOrEqual(2);
    expect(waiting.every((s) => s.deliveredProduct !== '')).toBe(true);
    const returns = data.events.filter((e) => e.type === 'completionReturn');
    expect(returns.length).toBeGreaterThanOrEqual(1);
    expect(states.find((s) => s.taskId === returns[0].taskId)?.status).toBe('awaitingAcceptance');
    const accepted = data.events.filter((e) => e.type === 'completionAcceptance');
    expect(accepted.length).toBeGreaterThan(0);
    expect(accepted.every((e) => e.type === 'completionAcceptance' && e.decidedByOfficialId)).toBe(true);
    const withProduct = data.tasks.filter((t) => t.expectedProduct).length / data.tasks.length;
    expect(withProduct).toBeGreaterThan(0.25);
    expect(withProduct).toBeLessThan(0.45);
  });

  it('reads sizes by name or count', () => {
    expect(demoSizeFrom('large')).toMatchObject({ tasks: 50_000, progressReports: 200_000 });
    expect(demoSizeFrom(undefined)).toMatchObject({ tasks: 5_000, progressReports: 20_000 });
    expect(demoSizeFrom('1200')).toMatchObject({ tasks: 1_200, progressReports: 4_800 });
    expect(() => demoSizeFrom('abc')).toThrow();
  });
});

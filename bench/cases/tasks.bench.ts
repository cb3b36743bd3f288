import type { BenchCase } from '../types';
import { generateDemoData, DEMO_SIZES } from '../../shared/demo/generator';
import { assess, categorize, computeRate, countCategories, DEFAULT_TASK_SETTINGS, foldTask, type TaskCategory } from '../../shared/tasks/state';
import type { Task, TaskEvent } from '../../shared/tasks/model';

const TODAY = '2026-11-27';
let tasks: Task[] = [];
let byTask = new Map<string, TaskEvent[]>();

function prepare(): void {
  if (tasks.length) return;
  const data = generateDemoData({ seed: 20250701, today: TODAY, ...DEMO_SIZES.large });
  tasks = data.tasks;
  byTask = new Map();
  data.events.forEach((e, i) => {
    const list = byTask.get(e.taskId) ?? [];
    list.push({ ...e, order: String(i).padStart(10, '0') });
    byTask.set(e.taskId, list);
  });
}

const cases: BenchCase[] = [
  {
    name: 'tasks.categorizeAsOf',
    size: '50,000 demo tasks with ~270,000 events, folded and categorised as of a past quarter end',
    setup: prepare,
    run: () => {
      const cats: (TaskCategory | null)[] = [];
      for (const t of tasks) cats.push(categorize(t, byTask.get(t.id) ?? [], '2026-06-30', DEFAULT_TASK_SETTINGS));
      computeRate(countCategories(cats), 'dueCompletion');
    },
  },
  {
    name: 'tasks.assessCurrent',
    size: '50,000 folded task states assessed as of today (labels, due soon, overdue buckets)',
    setup: prepare,
    run: () => {
      for (const t of tasks) assess(foldTask(t, byTask.get(t.id) ?? []), TODAY, DEFAULT_TASK_SETTINGS);
    },
  },
  {
    name: 'demo.generateSmall',
    size: '5,000 tasks, 20,000 progress reports',
    run: () => {
      generateDemoData({ seed: 1, today: TODAY, ...DEMO_SIZES.small });
    },
  },
];

export default cases;

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { makeTask } from './fixtures';
import { categorize, DEFAULT_TASK_SETTINGS, foldTask } from './state';
import type { TaskEvent } from './model';

const dates = fc.integer({ min: 0, max: 80 }).map((d) => {
  const dt = new Date(Date.UTC(2025, 2, 3 + d));
  return dt.toISOString().slice(0, 10);
});

const eventArb = fc.oneof(
  fc.record({ type: fc.constant('progress' as const), on: dates, percent: fc.integer({ min: 0, max: 100 }), text: fc.constant('Tiến độ'), attachments: fc.constant([]) }),
  fc.record({ type: fc.constant('contribution' as const), on: dates, unitId: fc.constant('phong-vhxh'), text: fc.constant('Ý kiến'), attachments: fc.constant([]) }),
  fc.record({ type: fc.constant('extensionRequest' as const), on: dates, reason: fc.constant('Lý do'), proposedDueOn: dates }),
  fc.record({ type: fc.constant('extensionDecision' as const), on: dates, requestId: fc.constantFrom('e0', 'e1', 'e2', 'e3'), accepted: fc.boolean(), newDueOn: fc.option(dates, { nil: null }), note: fc.constant('') }),
  fc.record({ type: fc.constant('completion' as const), on: dates, completedOn: dates, resultText: fc.constant('Xong'), reportNumber: fc.constant(''), attachments: fc.constant([]), awaitsAcceptance: fc.boolean() }),
  fc.record({ type: fc.constant('completionAcceptance' as const), on: dates, reportId: fc.constantFrom('e0', 'e1', 'e2', 'e3', 'e4', 'e5'), note: fc.constant('') }),
  fc.record({ type: fc.constant('completionReturn' as const), on: dates, reportId: fc.constantFrom('e0', 'e1', 'e2', 'e3', 'e4', 'e5'), reason: fc.constant('Bổ sung') }),
  fc.record({ type: fc.constant('reassignment' as const), on: dates, newLeadUnitId: fc.constantFrom('phong-kt', 'phong-vhxh', 'ttphvhc'), newResponsibleOfficialId: fc.option(fc.constantFrom('a', 'b'), { nil: null }), reason: fc.constant('Lý do') }),
  fc.record({ type: fc.constantFrom('pause' as const, 'cancel' as const, 'reopen' as const), on: dates, reason: fc.constant('Lý do') }),
  fc.record({ type: fc.constant('resume' as const), on: dates, reason: fc.constant('') }),
);

describe('folding is independent of arrival order', () => {
  it('gives the same state and category for any permutation of the events', () => {
    const task = makeTask();
    fc.assert(
      fc.property(
        fc.array(eventArb, { maxLength: 25 }).chain((specs) => {
          const events: TaskEvent[] = specs.map((s, i) => ({
            ...s,
            id: `e${i}`,
            taskId: task.id,
            actorOfficialId: null,
            actorAccount: 'x',
            // Versions from several sites, possibly equal millis: the id breaks ties.
            order: `${String(1000 + (i % 7) * 3 + Math.floor(i / 7)).padStart(15, '0')}-0000-s${i % 3}|s${i % 3}`,
          })) as TaskEvent[];
          return fc.tuple(fc.constant(events), fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }), dates);
        }),
        ([events, shuffled, asOf]) => {
          expect(foldTask(task, shuffled)).toEqual(foldTask(task, events));
          expect(foldTask(task, shuffled, asOf)).toEqual(foldTask(task, events, asOf));
          expect(categorize(task, shuffled, asOf, DEFAULT_TASK_SETTINGS)).toBe(categorize(task, events, asOf, DEFAULT_TASK_SETTINGS));
          expect(categorize(task, shuffled, asOf, { ...DEFAULT_TASK_SETTINGS, onTimeAt: 'acceptance' })).toBe(categorize(task, events, asOf, { ...DEFAULT_TASK_SETTINGS, onTimeAt: 'acceptance' }));
        },
      ),
      { numRuns: 300 },
    );
  });
});

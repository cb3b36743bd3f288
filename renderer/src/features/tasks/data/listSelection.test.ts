/**
 * The screens' assessment cache: what it hands out is always assess() of the row as of the date
 * asked, whichever of its two doors (the dashboard's assessment, the list's item) is used first.
 */
import { describe, expect, it } from 'vitest';
import { assess, DEFAULT_TASK_SETTINGS } from '@shared/tasks/state';
import { TaskItemCache } from './listSelection';
import { NO_DUE_KEY, type TaskIndexRow } from './taskIndex';
import { olderIndexRow } from '../../../../../tests/unit/olderDb';

const row: TaskIndexRow = { ...olderIndexRow('t1', 'u-a', 20), originalDueOn: '2026-03-10', effectiveDueOn: '2026-03-10', dueKey: '2026-03-10' };

describe('TaskItemCache', () => {
  it('assesses a row as of each date asked, through either door, and reuses within a date', () => {
    const cache = new TaskItemCache();
    const s = DEFAULT_TASK_SETTINGS;
    const before = cache.assessment(row, '2026-03-05', s);
    expect(before).toEqual(assess(row, '2026-03-05', s));
    expect(before.category).toBe('openWithinDeadline');
    expect(cache.item(row, '2026-03-05', s)).toEqual({ ...row, ...before });
    expect(cache.assessment(row, '2026-03-05', s)).toBe(before);
    // A later date: the item is not the one kept for the earlier date.
    const after = cache.item(row, '2026-03-20', s);
    expect(after.category).toBe('openOverdue');
    expect(after).toEqual({ ...row, ...assess(row, '2026-03-20', s) });
    expect(cache.assessment(row, '2026-03-20', s)).toEqual(assess(row, '2026-03-20', s));
    // Other settings count as another assessment too.
    const strict = { ...s, dueSoonWorkingDays: 10 };
    const undated: TaskIndexRow = { ...row, id: 't2', effectiveDueOn: null, originalDueOn: null, dueKey: NO_DUE_KEY };
    expect(cache.assessment(undated, '2026-03-05', strict)).toEqual(assess(undated, '2026-03-05', strict));
    expect(cache.item(row, '2026-03-05', strict).dueSoon).toBe(assess(row, '2026-03-05', strict).dueSoon);
  });
});

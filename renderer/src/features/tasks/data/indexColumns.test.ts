/**
 * The column form of a snapshot chunk gives back exactly the rows it was made from (an absent
 * optional field reads as undefined, as it did), and a damaged chunk is refused whole.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkOf, decodeColumns, encodeColumns, indexRowSchema, type ColumnChunk } from './indexColumns';
import type { TaskIndexRow } from './taskIndex';

const few = <T>(...values: T[]) => fc.constantFrom(...values);
const day = few('2026-01-05', '2026-03-02', '2026-06-30', '9999-12-31');
const nullableDay = fc.option(day, { nil: null });
const unit = few('u-a', 'u-b', 'u-c', 'u-d');

const indexRow: fc.Arbitrary<TaskIndexRow> = fc
  .record(
    {
      id: fc.uuid(),
      title: fc.string(),
      directiveId: fc.option(few('d-1', 'd-2'), { nil: null }),
      directiveRef: few('', '1041/UBND-NC'),
      assignerUnitId: unit,
      assignerOfficialId: fc.option(few('o-1', 'o-2'), { nil: null }),
      leadUnitId: unit,
      supportUnitIds: fc.uniqueArray(unit, { maxLength: 3 }),
      unitIds: fc.uniqueArray(unit, { minLength: 1, maxLength: 4 }),
      responsibleOfficialId: fc.option(fc.string(), { nil: null }),
      planYear: fc.option(few(2025, 2026), { nil: null }),
      priority: few('normal', 'urgent'),
      status: few('active', 'paused', 'completed', 'awaitingAcceptance'),
      open: few<0 | 1>(0, 1),
      originalDueOn: nullableDay,
      effectiveDueOn: nullableDay,
      dueKey: day,
      completedOn: nullableDay,
      acceptedOn: nullableDay,
      reportedOn: nullableDay,
      percent: fc.integer({ min: 0, max: 100 }),
      expectedProduct: fc.string(),
      deliveredProduct: few('', 'Báo cáo'),
      pendingExtension: few<0 | 1>(0, 1),
      assignedOn: day,
      lastEventOn: day,
      lastStateEventOn: day,
      eventCount: fc.nat(40),
      search: fc.string(),
    },
    // Rows indexed by earlier versions lack these.
    { requiredKeys: ['id', 'title', 'directiveId', 'directiveRef', 'assignerUnitId', 'assignerOfficialId', 'leadUnitId', 'supportUnitIds', 'unitIds', 'responsibleOfficialId', 'planYear', 'priority', 'status', 'open', 'originalDueOn', 'effectiveDueOn', 'dueKey', 'completedOn', 'percent', 'pendingExtension', 'assignedOn', 'lastEventOn', 'eventCount', 'search'] },
  )
  .map((r) => r as TaskIndexRow);

/** The chunk as IndexedDB gives it back (a structured clone), so typed arrays stay typed arrays. */
const stored = (c: ColumnChunk): unknown => structuredClone(c);

describe('task index snapshot columns', () => {
  it('decodes exactly the rows it encoded, whatever they hold', () => {
    fc.assert(
      fc.property(fc.array(indexRow, { maxLength: 60 }), (rows) => {
        expect(decodeColumns(stored(encodeColumns('chunk-0000', rows)))).toEqual(rows);
      }),
    );
  });

  it('keeps repeating values once, with positions in a typed array, and the rest as they are', () => {
    const rows = fc.sample(indexRow, { numRuns: 200, seed: 7 });
    const chunk = encodeColumns('chunk-0000', rows);
    const status = chunk.cols.status;
    expect(status && 'd' in status ? status.d.length : -1).toBeLessThanOrEqual(4);
    expect(status && 'p' in status ? status.p : null).toBeInstanceOf(Uint16Array);
    expect(chunk.cols.id && 'v' in chunk.cols.id ? chunk.cols.id.v : null).toEqual(rows.map((r) => r.id));
  });

  it('gives rows that share a dictionary array no way to change each other', () => {
    const base = fc.sample(indexRow, { numRuns: 10, seed: 3 })[0];
    const rows = Array.from({ length: 10 }, (_, i) => ({ ...base, id: `t${i}`, supportUnitIds: ['u-a', 'u-b'] }));
    const [first, second] = decodeColumns(stored(encodeColumns('c', rows)))!;
    expect(() => (first.supportUnitIds as string[]).push('u-x')).toThrow();
    expect(second.supportUnitIds).toEqual(['u-a', 'u-b']);
  });

  it('refuses a damaged chunk whole', () => {
    const rows = fc.sample(indexRow, { numRuns: 40, seed: 11 });
    const good = () => structuredClone(encodeColumns('c', rows)) as ColumnChunk;
    const damaged: [string, (c: ColumnChunk) => unknown][] = [
      ['rows of the old form', () => ({ id: 'c', rows })],
      ['a position past its dictionary', (c) => void ((c.cols.status as { p: Uint16Array }).p[3] = 60)],
      ['a dictionary value of the wrong type', (c) => void ((c.cols.status as { d: unknown[] }).d[0] = 5)],
      ['a plain value of the wrong type', (c) => void ((c.cols.id as { v: unknown[] }).v[2] = null)],
      ['a column shorter than the chunk', (c) => void (c.cols.id as { v: unknown[] }).v.pop()],
      ['a wrong row count', (c) => void (c.n += 1)],
      ['a required column missing', (c) => void delete c.cols.leadUnitId],
      ['an unknown column', (c) => void ((c.cols as Record<string, unknown>).extra = { v: rows.map(() => 1) })],
      ['positions that are not a typed array', (c) => void ((c.cols.status as { p: unknown }).p = [0, 1])],
    ];
    expect(decodeColumns(good())).toEqual(rows);
    for (const [what, damage] of damaged) {
      const c = good();
      const replaced = damage(c);
      expect(decodeColumns(replaced ?? c), what).toBeNull();
    }
  });

  it('reads a chunk whose rows all lack an optional field as rows without its value', () => {
    const rows = fc.sample(indexRow, { numRuns: 5, seed: 5 }).map(({ acceptedOn: _a, ...r }) => r as TaskIndexRow);
    const chunk = structuredClone(encodeColumns('c', rows));
    delete chunk.cols.acceptedOn;
    const back = decodeColumns(chunk)!;
    expect(back).toEqual(rows);
    expect(back.every((r) => r.acceptedOn === undefined)).toBe(true);
  });

  it('checks each field exactly as its zod schema does', () => {
    const shape = indexRowSchema.shape;
    const fieldValue = fc.oneof(fc.anything(), indexRow.chain((r) => fc.constantFrom(...Object.values(r))), fc.constantFrom(0, 1, 2, -0, NaN, Infinity, null, undefined, [], [1], ['u-a', null]));
    fc.assert(
      fc.property(fc.constantFrom(...(Object.keys(shape) as (keyof typeof shape)[])), fieldValue, (field, value) => {
        expect(checkOf(shape[field])(value)).toBe(shape[field].safeParse(value).success);
      }),
      { numRuns: 2000 },
    );
  });
});

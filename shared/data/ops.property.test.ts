import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatHlc } from './hlc';
import { applyOp, applyOps, canonicalState, detectConflicts, type Op, type State } from './ops';

const RUNS = { numRuns: 250 };
const sites = ['site-a', 'site-b', 'site-c'];

const opArb: fc.Arbitrary<Op> = fc
  .record({
    site: fc.constantFrom(...sites),
    millis: fc.integer({ min: 1, max: 50 }),
    counter: fc.integer({ min: 0, max: 3 }),
    entity: fc.constantFrom('tasks' as const, 'units' as const),
    rowId: fc.constantFrom('r1', 'r2', 'r3'),
    kind: fc.constantFrom('set' as const, 'set' as const, 'insert' as const),
    values: fc.dictionary(fc.constantFrom('title', 'dueOn', 'leadUnitId', '_deleted'), fc.oneof(fc.string({ maxLength: 5 }), fc.integer({ min: 0, max: 1 }), fc.constant(null)), { minKeys: 1 }),
  })
  .map((r) => ({
    id: `${r.site}-${r.millis}-${r.counter}`,
    site: r.site,
    hlc: formatHlc({ millis: r.millis, counter: r.counter, node: r.site }),
    entity: r.entity,
    rowId: r.rowId,
    kind: r.kind,
    values: r.values,
    actor: 'test',
  }));

/** Ops with unique (hlc, site): a real site never stamps two writes with one timestamp. */
const opsArb = fc.uniqueArray(opArb, { selector: (o) => o.id, maxLength: 40 });
// An insert row is immutable: give each (entity,row) at most one insert, made first.
function realistic(ops: Op[]): Op[] {
  const inserted = new Set<string>();
  return ops.filter((o) => {
    if (o.kind !== 'insert') return true;
    const key = `${o.entity}/${o.rowId}`;
    if (inserted.has(key)) return false;
    inserted.add(key);
    return true;
  }).map((o) => (o.kind === 'insert' ? { ...o, entity: 'units' as const, rowId: `ins-${o.id}` } : o));
}

function fold(ops: Op[]): string {
  return canonicalState(applyOps(new Map() as State, ops));
}

describe('op merge', () => {
  it('applying ops in any order, with duplicates, gives identical state', () => {
    fc.assert(
      fc.property(opsArb.map(realistic), fc.integer(), fc.array(fc.nat(), { maxLength: 20 }), (ops, seed, dupIdx) => {
        const reference = fold(ops);
        const shuffled = fc.sample(fc.shuffledSubarray(ops, { minLength: ops.length, maxLength: ops.length }), { numRuns: 1, seed })[0];
        const withDups = [...shuffled];
        for (const i of dupIdx) if (ops.length) withDups.splice(i % (withDups.length + 1), 0, ops[i % ops.length]);
        expect(fold(withDups)).toBe(reference);
      }),
      RUNS,
    );
  });

  it('is idempotent: apply(x); apply(x) equals apply(x)', () => {
    fc.assert(
      fc.property(opArb, (op) => {
        const once = applyOp(undefined, op);
        expect(applyOp(once, op)).toBe(once);
      }),
      RUNS,
    );
  });

  it('keeps, per field, the value with the greater (hlc, site)', () => {
    const a: Op = { id: '1', site: 'site-a', hlc: formatHlc({ millis: 5, counter: 0, node: 'site-a' }), entity: 'tasks', rowId: 'r', kind: 'set', values: { title: 'A', dueOn: '2026-01-05' }, actor: 'x' };
    const b: Op = { id: '2', site: 'site-b', hlc: formatHlc({ millis: 6, counter: 0, node: 'site-b' }), entity: 'tasks', rowId: 'r', kind: 'set', values: { title: 'B' }, actor: 'y' };
    const ab = applyOp(applyOp(undefined, a), b);
    const ba = applyOp(applyOp(undefined, b), a);
    expect(ab.title).toBe('B');
    expect(ab.dueOn).toBe('2026-01-05');
    expect(canonicalState(new Map([['k', ab]]))).toBe(canonicalState(new Map([['k', ba]])));
  });

  it('reports a concurrent edit of one field as a conflict, but not a later edit that saw the first', () => {
    const a: Op = { id: '1', site: 'site-a', hlc: formatHlc({ millis: 5, counter: 0, node: 'site-a' }), entity: 'tasks', rowId: 'r', kind: 'set', values: { title: 'A' }, actor: 'x' };
    const row = applyOp(undefined, a);
    const concurrent: Op = { id: '2', site: 'site-b', hlc: formatHlc({ millis: 6, counter: 0, node: 'site-b' }), entity: 'tasks', rowId: 'r', kind: 'set', values: { title: 'B' }, actor: 'y', prev: {} };
    const later: Op = { ...concurrent, id: '3', prev: { title: row._v.title } };
    const conflicts = detectConflicts(row, concurrent);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0].winner.value).toBe('B');
    expect(conflicts[0].loser.value).toBe('A');
    expect(detectConflicts(row, later)).toEqual([]);
  });

  it('marks a tombstone and a later restore by version, not by arrival', () => {
    const del: Op = { id: '1', site: 'site-a', hlc: formatHlc({ millis: 5, counter: 0, node: 'site-a' }), entity: 'units', rowId: 'u', kind: 'set', values: { _deleted: 1 }, actor: 'x' };
    const restore: Op = { id: '2', site: 'site-b', hlc: formatHlc({ millis: 7, counter: 0, node: 'site-b' }), entity: 'units', rowId: 'u', kind: 'set', values: { _deleted: 0 }, actor: 'y' };
    expect(applyOp(applyOp(undefined, restore), del)._deleted).toBe(0);
    expect(applyOp(applyOp(undefined, del), restore)._deleted).toBe(0);
  });
});

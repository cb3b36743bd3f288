import { describe, expect, it } from 'vitest';
import { clip, linkRatios, median, renderTable, summarise, targetCell, type CaseResult } from './stats';
import { hotFrames, type CpuProfile } from './profile';

function result(over: Partial<CaseResult>): CaseResult {
  return { name: 'x', env: 'chromium', sizeLabel: 'office', size: 'n rows', rows: null, unit: 'ms', samples: [1], median: 1, min: 1, max: 1, targetMs: null, ratioTo: null, ratio: null, ...over };
}

describe('bench stats', () => {
  it('median of odd and even counts, min and max', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(summarise([7, 2, 9, 4, 5])).toEqual({ median: 5, min: 2, max: 9 });
    expect(() => median([])).toThrow();
  });

  it('links ours/raw ratios within the same size only', () => {
    const rs = linkRatios([
      result({ name: 'raw', median: 100 }),
      result({ name: 'ours', median: 250, ratioTo: 'raw' }),
      result({ name: 'raw', sizeLabel: 'tiny', median: 10 }),
      result({ name: 'ours', sizeLabel: 'tiny', median: 30, ratioTo: 'raw' }),
      result({ name: 'orphan', median: 5, ratioTo: 'missing' }),
    ]);
    expect(rs[1].ratio).toBe(2.5);
    expect(rs[3].ratio).toBe(3);
    expect(rs[4].ratio).toBeNull();
  });

  it('compares per row when the two cases work on different row counts', () => {
    const rs = linkRatios([result({ name: 'raw', median: 1000, rows: 25_000 }), result({ name: 'ours', median: 800, rows: 5_000, ratioTo: 'raw' })]);
    expect(rs[1].ratio).toBeCloseTo(4, 9);
    expect(renderTable(rs)).toContain('4.00× raw per row');
  });

  it('marks targets met and missed, and cases without one', () => {
    expect(targetCell(result({ median: 250, targetMs: 300 }))).toBe('ok (< 300 ms)');
    expect(targetCell(result({ median: 600, targetMs: 300 }))).toBe('MISSED (target 300 ms, 2.0×)');
    expect(targetCell(result({ median: 600 }))).toBe('no target');
  });

  it('renders aligned rows with ratio and target columns', () => {
    const table = renderTable(linkRatios([result({ name: 'floor.raw.put', median: 120 }), result({ name: 'floor.ours', median: 360, ratioTo: 'floor.raw.put', targetMs: 300 })]));
    const lines = table.split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toContain('3.00× floor.raw.put');
    expect(lines[3]).toContain('MISSED (target 300 ms, 1.2×)');
    expect(lines[0].indexOf('median')).toBe(lines[2].indexOf('120 ms'));
    expect(clip('abcdef', 4)).toBe('abc…');
  });

  it('charges profile samples to the frame they land in', () => {
    const profile: CpuProfile = {
      startTime: 0,
      endTime: 400,
      nodes: [
        { id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: -1 }, children: [2, 3] },
        { id: 2, callFrame: { functionName: 'hash', url: 'file:///x/node_modules/@noble/hashes/sha2.js', lineNumber: 9 } },
        { id: 3, callFrame: { functionName: 'put', url: 'http://127.0.0.1/assets/index.js', lineNumber: 99 } },
      ],
      samples: [2, 2, 3, 2],
      timeDeltas: [100, 100, 100, 100],
    };
    const hot = hotFrames(profile);
    expect(hot.totalMs).toBeCloseTo(0.4);
    expect(hot.frames[0]).toMatchObject({ frame: 'hash (@noble/hashes/sha2.js:10)', share: 0.75 });
    expect(hot.frames[1].frame).toBe('put (assets/index.js:100)');
  });
});

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateDemoData, type DemoOptions } from './generator';

/**
 * The generator's output for a given seed is a contract: demo databases, benchmarks and tests
 * depend on it staying the same byte for byte. These hashes were taken from the generator as it
 * was before it was split by what it generates; any change to them changes every demo database.
 */
const cases: [string, DemoOptions, string][] = [
  ['seed 20250701, 1 500 tasks', { seed: 20250701, today: '2026-11-27', tasks: 1_500, progressReports: 6_000 }, '903c908f5c1bacdeb6371791b5405096e07c20ce050d754cacd54aa2dbd003a1'],
  ['seed 7, 400 tasks, 5 communes, 2 years', { seed: 7, today: '2025-12-31', tasks: 400, progressReports: 1_600, communes: 5, years: 2 }, '731bde370554bf20e7ad8ff83f1732d8eb03c4853212f7bf3dce15773193832b'],
];

describe('demo generator output', () => {
  it.each(cases)('is byte-identical for %s', (_name, options, hash) => {
    const json = JSON.stringify(generateDemoData(options));
    expect(createHash('sha256').update(json).digest('hex')).toBe(hash);
  });
});

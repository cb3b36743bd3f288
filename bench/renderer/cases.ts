/**
 * The one registry of renderer cases. Cases come from modules exporting
 * `rendererCases: RendererBenchCase[]`:
 *   bench/renderer/cases/*.ts (the floors, the demo loader, and one module per feature's
 *   screens and queries), and bench/renderer/cold/coldStart.ts (the cold tabs', kept apart so a
 *   cold tab loads only them). Product code under renderer/src never imports bench code (lint).
 * EXPECTED lists what the suite must measure, with its target. An expected case no module
 * provides yet is reported as unavailable with what it waits for — never timed, never printed
 * in the table. When a module provides it, its target comes from here unless the case sets one.
 */
import type { RendererBenchCase } from './types';
import { coldCases } from './cold/coldStart';

interface CaseModule {
  rendererCases?: RendererBenchCase[];
}

const local = import.meta.glob<CaseModule>('./cases/*.ts', { eager: true });

export interface ExpectedCase {
  name: string;
  targetMs?: number;
  /** What has to exist before it can run. */
  waitsFor: string;
}

const DEMO = 'demo data (bench/renderer/demo.ts)';

export const EXPECTED: readonly ExpectedCase[] = [
  { name: 'app.coldStartToDashboard', targetMs: 1_000, waitsFor: 'the dashboard screen, and a driver-side case that boots the built app (tests/e2e/fixtures.ts style) on a demo database' },
  { name: 'tasks.list.firstRender', targetMs: 300, waitsFor: `the task list screen's bench module (bench/renderer/cases/tasks-screens.ts) and ${DEMO}` },
  { name: 'tasks.list.filterChange', targetMs: 100, waitsFor: `bench/renderer/cases/tasks-screens.ts and ${DEMO}` },
  { name: 'tasks.list.textSearch', waitsFor: `bench/renderer/cases/tasks-screens.ts and ${DEMO}` },
  { name: 'tasks.list.scroll1000.frame', waitsFor: `bench/renderer/cases/tasks-screens.ts (frame times while scrolling 1,000 rows) and ${DEMO}` },
  { name: 'dashboard.counts', targetMs: 200, waitsFor: `bench/renderer/cases/tasks-screens.ts and ${DEMO}` },
  { name: 'reports.yearly.compute', targetMs: 500, waitsFor: `bench/renderer/cases/reports.ts and ${DEMO}` },
  { name: 'sync.export100k', targetMs: 2_000, waitsFor: 'bench/renderer/cases/sync.ts (reading 100,000 ops out of Dexie + packing)' },
  { name: 'sync.import', targetMs: 10_000, waitsFor: 'bench/renderer/cases/sync.ts (verifying + applying 100,000 ops into Dexie)' },
];

function collect(): RendererBenchCase[] {
  const byPath = ([a]: [string, CaseModule], [b]: [string, CaseModule]) => a.localeCompare(b);
  const modules: [string, CaseModule][] = [...Object.entries(local).sort(byPath), ['./cold/coldStart.ts', { rendererCases: coldCases }]];
  const cases: RendererBenchCase[] = [];
  const seen = new Set<string>();
  for (const [path, mod] of modules) {
    for (const c of mod.rendererCases ?? []) {
      if (seen.has(c.name)) throw new Error(`renderer bench case ${c.name} is registered twice (again in ${path})`);
      seen.add(c.name);
      const expected = EXPECTED.find((e) => e.name === c.name);
      cases.push(c.targetMs === undefined && expected?.targetMs !== undefined ? { ...c, targetMs: expected.targetMs } : c);
    }
  }
  // Stable: heavy cases keep their order among themselves, after all the others.
  return [...cases.filter((c) => !c.heavy), ...cases.filter((c) => c.heavy)];
}

export const rendererCases: readonly RendererBenchCase[] = collect();

/** Expected cases nobody provides yet. */
export function missingExpected(): ExpectedCase[] {
  return EXPECTED.filter((e) => !rendererCases.some((c) => c.name === e.name));
}

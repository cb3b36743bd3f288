/**
 * The harness's own test: runs `npm run bench` at the tiny size with one run so it cannot rot.
 * Node cases are limited to the cheap ones (every case file is still imported, so a broken
 * export fails here); one renderer case runs when Chromium is installed.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath } from './harness/chromium';
import type { ResultsFile } from './harness/stats';

const ROOT = resolve(import.meta.dirname, '..');
const run = promisify(execFile);

describe('npm run bench (tiny)', () => {
  let dir: string;
  let stdout: string;
  let results: ResultsFile;
  const hasChromium = chromiumPath() !== null;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dondoc-bench-'));
    const out = join(dir, 'results.json');
    const only = ['calendar.holidaysOf', 'letters.followUpHtml200', 'floor.raw.put', 'floor.packed.getSet', 'floor.ours.withWrites.set', 'app.coldStartToDashboard', 'tasks.list.firstRender'];
    const res = await run(process.execPath, [join(ROOT, 'scripts/bench.mjs'), '--tiny', '--runs', '2', '--warmup', '0', '--only', only.join(','), '--out', out], {
      cwd: ROOT,
      // Its own page build, so a test run never swaps the page under a running `npm run bench`.
      env: { ...process.env, DONDOC_BENCH_OUT: 'out/bench-renderer-test' },
      maxBuffer: 16 * 1024 * 1024,
    });
    stdout = res.stdout;
    results = JSON.parse(await readFile(out, 'utf8')) as ResultsFile;
    // Its length follows machine load (84 s at load average ~20 on two cores, far less idle).
  }, 300_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('runs the selected Node cases from every case file without failures', () => {
    expect(results.failures).toEqual([]);
    const node = results.results.filter((r) => r.env === 'node').map((r) => r.name);
    expect(node.sort()).toEqual(['calendar.holidaysOf', 'letters.followUpHtml200']);
    for (const r of results.results) {
      expect(r.samples).toHaveLength(2);
      expect(r.min).toBeLessThanOrEqual(r.median);
      expect(r.median).toBeLessThanOrEqual(r.max);
      expect(r.min).toBeGreaterThan(0);
    }
  });

  it('records the machine', () => {
    expect(results.machine.cpuCount).toBeGreaterThan(0);
    expect(results.machine.cpuModel).not.toBe('');
    expect(results.machine.memoryBytes).toBeGreaterThan(0);
    expect(results.machine.node).toBe(process.version);
    expect(results.options).toMatchObject({ sizes: ['tiny'], runs: 2, warmup: 0 });
  });

  it('prints the table with every result', () => {
    // The ours/packed column appears when a printed case names a packed floor.
    expect(stdout).toMatch(/^case\s+env\s+size\s+median\s+min\s+max\s+n\s+ours\/raw\s+(ours\/packed\s+)?target$/m);
    for (const r of results.results) expect(stdout).toContain(r.name);
  });

  it.runIf(hasChromium)('runs renderer cases in Chromium with the ours/raw ratio, and keeps unbuilt cases out of the table', () => {
    expect(results.machine.chromium).toMatch(/\d+\.\d+/);
    const raw = results.results.find((r) => r.name === 'floor.raw.put');
    const ours = results.results.find((r) => r.name === 'floor.ours.withWrites.set');
    expect(raw).toMatchObject({ env: 'chromium', sizeLabel: 'tiny', unit: 'ms', ratio: null });
    expect(ours).toMatchObject({ env: 'chromium', sizeLabel: 'tiny', ratioTo: 'floor.raw.put' });
    expect(ours!.ratio).toBeCloseTo(ours!.median / raw!.median, 6);
    const packed = results.results.find((r) => r.name === 'floor.packed.getSet');
    expect(ours).toMatchObject({ packedTo: 'floor.packed.getSet' });
    expect(ours!.packedRatio).toBeCloseTo(ours!.median / packed!.median, 6);
    // The screens mount on the demo database, and the cold start runs in its own tab.
    for (const name of ['app.coldStartToDashboard', 'tasks.list.firstRender']) {
      const r = results.results.find((x) => x.name === name);
      expect(r, name).toMatchObject({ env: 'chromium', sizeLabel: 'tiny', unit: 'ms' });
      expect(r!.samples).toHaveLength(2);
      expect(r!.min).toBeGreaterThan(0);
    }
  });
});

/**
 * `npm run bench` (scripts/bench.mjs starts this under tsx): every Node case file in its own
 * process, then the renderer cases in Chromium, then the table and bench/results.json.
 * Benchmarks never fail the build: case failures are printed and recorded, the exit code is 0.
 *
 * Options:
 *   --size office,province-years   renderer data sizes (also: tiny)
 *   --runs 5 --warmup 1            timed runs after warm-up runs
 *   --only a,b                     cases whose name contains any of these
 *   --skip-node --skip-renderer
 *   --out bench/results.json
 *   --profile [dir]                CPU-profile the timed runs (default dir out/bench-profiles)
 *   --budget-minutes 9             start no case after this (0: no limit); the rest is listed
 *   --sync-ops 100000              ops in the sync import cases (default 10,000)
 */
import { spawn, execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem, platform, release } from 'node:os';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { SIZES, type SizeLabel } from '../renderer/types';
import { chromiumPath, runChromium } from './chromium';
import { decodeLine, type RunnerMessage } from './protocol';
import { linkRatios, renderTable, type BenchFailure, type CaseResult, type Machine, type ResultsFile, type Unavailable } from './stats';

const ROOT = resolve(import.meta.dirname, '../..');

export interface Options {
  sizes: SizeLabel[];
  runs: number;
  warmup: number;
  only: string[] | null;
  skipNode: boolean;
  skipRenderer: boolean;
  out: string;
  profileDir: string | null;
  budgetMinutes: number;
  /** --sync-ops N: ops in the sync import cases (default 10,000; the figure is 100,000). */
  syncOps: number | null;
}

export function parseArgs(argv: readonly string[]): Options {
  const o: Options = {
    sizes: ['office', 'province-years'],
    runs: 5,
    warmup: 1,
    only: null,
    skipNode: false,
    skipRenderer: false,
    out: resolve(ROOT, 'bench/results.json'),
    profileDir: null,
    // `npm run bench` must end inside 10 minutes on two cores; the longest case run is ~1 min.
    budgetMinutes: 8.5,
    syncOps: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--size' || a === '--sizes') {
      const sizes = value().split(',');
      for (const s of sizes) if (!(s in SIZES)) throw new Error(`unknown size ${s} (known: ${Object.keys(SIZES).join(', ')})`);
      o.sizes = sizes as SizeLabel[];
    } else if (a === '--tiny') o.sizes = ['tiny'];
    else if (a === '--runs') o.runs = Number(value());
    else if (a === '--warmup') o.warmup = Number(value());
    else if (a === '--only') o.only = value().split(',').filter(Boolean);
    else if (a === '--skip-node') o.skipNode = true;
    else if (a === '--skip-renderer') o.skipRenderer = true;
    else if (a === '--budget-minutes') o.budgetMinutes = Number(value());
    else if (a === '--out') o.out = resolve(value());
    else if (a === '--sync-ops') o.syncOps = Number(value());
    else if (a === '--profile') o.profileDir = resolve(argv[i + 1] && !argv[i + 1].startsWith('--') ? value() : join(ROOT, 'out/bench-profiles'));
    else throw new Error(`unknown option ${a}`);
  }
  if (!Number.isInteger(o.runs) || o.runs < 1) throw new Error('--runs must be a positive integer');
  if (!Number.isFinite(o.budgetMinutes) || o.budgetMinutes < 0) throw new Error('--budget-minutes must be a number ≥ 0');
  if (!Number.isInteger(o.warmup) || o.warmup < 0) throw new Error('--warmup must be a non-negative integer');
  if (o.syncOps !== null && (!Number.isInteger(o.syncOps) || o.syncOps < 1)) throw new Error('--sync-ops must be a positive integer');
  return o;
}

const started = Date.now();
function log(line: string): void {
  const s = Math.round((Date.now() - started) / 1000);
  process.stdout.write(`[${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}] ${line}\n`);
}

function runNodeFile(file: string, o: Options, deadline: number | null, onMessage: (m: RunnerMessage) => void): Promise<void> {
  return new Promise((resolveRun) => {
    const args = ['--expose-gc', '--import', 'tsx', join(ROOT, 'bench/harness/node-child.ts'), file, String(o.runs), String(o.warmup), o.only ? o.only.join(',') : '-', deadline === null ? '-' : String(deadline)];
    if (o.profileDir) args.push(o.profileDir);
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.node.json'), DONDOC_BENCH_SIZES: o.sizes.join(',') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    createInterface({ input: child.stdout }).on('line', (line) => {
      const m = decodeLine(line);
      if (m) onMessage(m);
      else log(line);
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => {
      if (code !== 0) onMessage({ kind: 'failure', item: { name: file, env: 'node', error: `exited with ${code}: ${stderr.slice(-2000)}` } });
      resolveRun();
    });
  });
}

function machine(chromium: string | null, loadStart: number): Machine {
  const cpu = cpus();
  return { cpuCount: cpu.length, loadAverage: { start: loadStart, end: loadavg()[0] }, cpuModel: cpu[0]?.model ?? 'unknown', memoryBytes: totalmem(), platform: `${platform()} ${release()}`, node: process.version, chromium };
}

function chromiumVersionFromBinary(path: string | null): string | null {
  if (!path) return null;
  try {
    return execFileSync(path, ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

export async function main(argv: readonly string[]): Promise<ResultsFile> {
  const o = parseArgs(argv);
  const startedAt = new Date().toISOString();
  const results: CaseResult[] = [];
  const unavailable: Unavailable[] = [];
  const failures: BenchFailure[] = [];
  const overBudget: ResultsFile['overBudget'] = [];
  const deadline = o.budgetMinutes > 0 ? started + o.budgetMinutes * 60_000 : null;
  const loadStart = loadavg()[0];
  const onMessage = (m: RunnerMessage) => {
    if (m.kind === 'result') {
      results.push(m.result);
      const r = m.result;
      log(`done ${r.env} ${r.sizeLabel ?? ''} ${r.name}: median ${r.median.toFixed(1)} ${r.unit}`.replace(/\s+/g, ' '));
    } else if (m.kind === 'overBudget') {
      overBudget.push(m.item);
      log(`not started (time budget): ${m.item.env} ${m.item.sizeLabel ?? ''} ${m.item.name}`.replace(/\s+/g, ' '));
    } else if (m.kind === 'unavailable') {
      if (!unavailable.some((u) => u.name === m.item.name && u.env === m.item.env)) unavailable.push(m.item);
    } else {
      failures.push(m.item);
      log(`FAILED ${m.item.env} ${m.item.name}: ${m.item.error.split('\n')[0]}`);
    }
  };
  const m0 = machine(null, loadStart);
  log(`machine: ${m0.cpuCount} × ${m0.cpuModel}, ${(m0.memoryBytes / 2 ** 30).toFixed(1)} GiB, Node ${m0.node}, load average ${loadStart.toFixed(1)}`);
  if (loadStart > m0.cpuCount) log(`WARNING: load average ${loadStart.toFixed(1)} on ${m0.cpuCount} CPUs: other work is running, figures will be inflated`);
  log(`sizes: ${o.sizes.join(', ')}; ${o.runs} runs after ${o.warmup} warm-up`);

  if (!o.skipNode) {
    const dir = join(ROOT, 'bench/cases');
    const files = (await readdir(dir)).filter((f) => f.endsWith('.bench.ts')).sort();
    for (const f of files) {
      log(`node: ${f}`);
      await runNodeFile(join(dir, f), o, deadline, onMessage);
    }
  }

  const chromiumExe = chromiumPath();
  let chromiumVersion: string | null = null;
  if (!o.skipRenderer) {
    if (!chromiumExe) {
      log('chromium: not found (set DONDOC_CHROMIUM); renderer cases skipped');
    } else {
      try {
        chromiumVersion = await runChromium(chromiumExe, {
          sizes: o.sizes,
          runs: o.runs,
          warmup: o.warmup,
          only: o.only,
          profileDir: o.profileDir,
          deadline,
          syncOps: o.syncOps,
          // Separate folders let two runs (two developers in one tree) build side by side.
          outDir: resolve(ROOT, process.env.DONDOC_BENCH_OUT ?? 'out/bench-renderer'),
          log,
          report: onMessage,
        });
      } catch (e) {
        onMessage({ kind: 'failure', item: { name: 'chromium driver', env: 'chromium', error: e instanceof Error ? (e.stack ?? e.message) : String(e) } });
      }
    }
  }
  if (!chromiumVersion) chromiumVersion = chromiumVersionFromBinary(chromiumExe);

  const file: ResultsFile = {
    startedAt,
    finishedAt: new Date().toISOString(),
    machine: machine(chromiumVersion, loadStart),
    options: { sizes: o.sizes, runs: o.runs, warmup: o.warmup, only: o.only ? o.only.join(',') : null, budgetMinutes: o.budgetMinutes || null },
    results: linkRatios(results),
    overBudget,
    unavailable,
    failures,
  };
  await mkdir(dirname(o.out), { recursive: true });
  await writeFile(o.out, `${JSON.stringify(file, null, 2)}\n`);

  const mc = file.machine;
  process.stdout.write(
    `\nMachine: ${mc.cpuCount} × ${mc.cpuModel}, ${(mc.memoryBytes / 2 ** 30).toFixed(1)} GiB RAM, ${mc.platform}, Node ${mc.node}, ${mc.chromium ?? 'no Chromium'}, load average ${mc.loadAverage.start.toFixed(1)} → ${mc.loadAverage.end.toFixed(1)}\n\n`,
  );
  process.stdout.write(`${renderTable(file.results)}\n`);
  if (unavailable.length) {
    process.stdout.write(`\nNot measured yet (${unavailable.length}; not in the table):\n`);
    for (const u of unavailable) process.stdout.write(`  - ${u.name}: ${u.reason}\n`);
  }
  if (overBudget.length) {
    process.stdout.write(`\nNot started, time budget of ${o.budgetMinutes} min used up (${overBudget.length}; --budget-minutes 0 runs everything):\n`);
    for (const b of overBudget) process.stdout.write(`  - ${b.env} ${b.sizeLabel ?? ''} ${b.name}\n`.replace(/ {2,}/g, ' '));
  }
  if (failures.length) {
    process.stdout.write(`\nFAILED (${failures.length}):\n`);
    for (const f of failures) process.stdout.write(`  - ${f.env} ${f.name}: ${f.error.split('\n').slice(0, 3).join(' | ')}\n`);
  }
  process.stdout.write(`\nWrote ${o.out} in ${Math.round((Date.now() - started) / 1000)} s\n`);
  return file;
}

main(process.argv.slice(2)).catch((e: unknown) => {
  process.stderr.write(`bench harness crashed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});

/**
 * Runs the renderer cases in real Chromium: builds the bench page (bench/renderer) with Vite,
 * serves it on 127.0.0.1 like the e2e harness (IndexedDB needs a real origin), and drives
 * globalThis.__bench through Playwright; heap figures and profiles come from CDP.
 */
import { chromium, type BrowserContext, type CDPSession, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import react from '@vitejs/plugin-react';
import { startStaticServer } from '../../tests/e2e/harness/server';
import { COLD_PARAM, type BenchPageApi, type SizeLabel } from '../renderer/types';
import type { RunnerMessage } from './protocol';
import { formatHotFrames, hotFrames, type CpuProfile } from './profile';
import { summarise } from './stats';

const ROOT = resolve(import.meta.dirname, '../..');

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function chromiumPath(): string | null {
  const path = process.env.DONDOC_CHROMIUM ?? '/usr/bin/chromium';
  return existsSync(path) ? path : null;
}

export interface ChromiumOptions {
  sizes: SizeLabel[];
  runs: number;
  warmup: number;
  only: string[] | null;
  profileDir: string | null;
  /** Epoch ms after which no case is started. */
  deadline: number | null;
  outDir: string;
  /** Ops in the sync import cases (page query syncOps); null: the cases' default. */
  syncOps: number | null;
  log: (line: string) => void;
  report: (message: RunnerMessage) => void;
}

export async function buildBenchPage(outDir: string): Promise<void> {
  await build({
    configFile: false,
    root: resolve(ROOT, 'bench/renderer'),
    base: './',
    logLevel: 'warn',
    resolve: { alias: { '@shared': resolve(ROOT, 'shared') } },
    plugins: [react()],
    build: {
      outDir,
      emptyOutDir: true,
      // Compressed and without whitespace, as the app ships, so a cold tab parses what the app parses; names kept so profiles name our functions.
      minify: false,
      rolldownOptions: { output: { minify: { compress: true, mangle: false, codegen: { removeWhitespace: true } } } },
      chunkSizeWarningLimit: 8000,
      reportCompressedSize: false,
    },
  });
}

type PageCall = { [K in keyof BenchPageApi]: { method: K; args: Parameters<BenchPageApi[K]> } }[keyof BenchPageApi];

function call<K extends keyof BenchPageApi>(page: Page, method: K, ...args: Parameters<BenchPageApi[K]>): Promise<Awaited<ReturnType<BenchPageApi[K]>>> {
  const payload = { method, args } as PageCall;
  return page.evaluate(async ({ method: m, args: a }) => {
    const bench = (globalThis as unknown as { __bench: Record<string, (...x: unknown[]) => Promise<unknown>> }).__bench;
    return bench[m](...a);
  }, payload) as Promise<Awaited<ReturnType<BenchPageApi[K]>>>;
}

const UNAVAILABLE = /UNAVAILABLE: (.*)$/m;

async function heapMB(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize / (1024 * 1024);
}

async function profiledCall<T>(cdp: CDPSession, opts: ChromiumOptions, label: string, body: () => Promise<T>): Promise<T> {
  if (!opts.profileDir) return body();
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
  await cdp.send('Profiler.start');
  try {
    return await body();
  } finally {
    const { profile } = await cdp.send('Profiler.stop');
    await mkdir(opts.profileDir, { recursive: true });
    await writeFile(join(opts.profileDir, `chromium-${label}.cpuprofile`), JSON.stringify(profile));
    opts.log(formatHotFrames(label, hotFrames(profile as unknown as CpuProfile)));
  }
}

/**
 * Opens the bench page in a new tab for one cold-start run and returns the figure it reports;
 * with `profileLabel` (and --profile) the tab's CPU profile covers the whole run, from
 * navigation (bundle parse included) to the figure.
 */
async function coldTab(context: BrowserContext, url: string, opts: ChromiumOptions, profileLabel?: string): Promise<number> {
  const tab = await context.newPage();
  tab.on('console', (m) => opts.log(m.text()));
  try {
    const cdp = profileLabel ? await context.newCDPSession(tab) : null;
    const run = async () => {
      await tab.goto(url);
      const handle = await tab.waitForFunction(() => {
        const g = globalThis as { __coldResult?: number; __coldError?: string };
        return g.__coldError !== undefined ? { error: g.__coldError } : g.__coldResult !== undefined ? { ms: g.__coldResult } : null;
      }, undefined, { timeout: 120_000 });
      const out = (await handle.jsonValue()) as { ms?: number; error?: string };
      if (out.error !== undefined) throw new Error(out.error);
      return out.ms!;
    };
    return cdp && profileLabel ? await profiledCall(cdp, opts, profileLabel, run) : await run();
  } finally {
    await tab.close();
  }
}

/** Runs every selected renderer case at every size; returns the Chromium version. */
export async function runChromium(executablePath: string, opts: ChromiumOptions): Promise<string> {
  opts.log('chromium: building the bench page');
  await buildBenchPage(opts.outDir);
  const server = await startStaticServer(opts.outDir);
  let version = '';
  try {
    for (const size of opts.sizes) {
      // A fresh on-disk profile per size, as the app has (an incognito context would keep
      // IndexedDB in memory and measure something the app never does).
      const profile = await mkdtemp(join(tmpdir(), 'dondoc-bench-profile-'));
      const context = await chromium.launchPersistentContext(profile, { executablePath, args: CHROMIUM_ARGS, viewport: { width: 1366, height: 768 } });
      version = context.browser()?.version() ?? version;
      opts.log(`chromium ${version}: size ${size}, profile ${profile}`);
      const page = context.pages()[0] ?? (await context.newPage());
      page.on('console', (m) => opts.log(m.text()));
      page.on('pageerror', (e) => opts.log(`  [pageerror] ${e.message}`));
      const query = new URLSearchParams();
      if (opts.syncOps) query.set('syncOps', String(opts.syncOps));
      if (opts.only) query.set('only', opts.only.join(','));
      await page.goto(`${server.origin}/index.html?${query}`);
      await page.waitForFunction(() => '__bench' in globalThis);
      const cdp = await context.newCDPSession(page);
      const cases = await call(page, 'list', size);
      for (const c of cases) {
        if (opts.only && !opts.only.some((o) => c.name.includes(o))) continue;
        if (c.unavailable) {
          opts.report({ kind: 'unavailable', item: { name: c.name, env: 'chromium', reason: c.unavailable } });
          continue;
        }
        if (opts.deadline !== null && Date.now() > opts.deadline) {
          opts.report({ kind: 'overBudget', item: { name: c.name, env: 'chromium', sizeLabel: size } });
          continue;
        }
        const base = { name: c.name, env: 'chromium' as const, sizeLabel: size, size: c.size, rows: c.rows, targetMs: c.targetMs, ratioTo: c.ratioTo, ratio: null, packedTo: c.packedTo, packedRatio: null };
        const runs = Math.min(opts.runs, c.maxRuns ?? opts.runs);
        try {
          opts.log(`  chromium  ${size}  ${c.name}: setup`);
          await call(page, 'setup', c.name, size);
          let samples: number[];
          if (c.measure === 'heap') {
            samples = [];
            for (let i = 0; i < opts.warmup + runs; i++) {
              await call(page, 'load', c.name, size);
              const mb = await heapMB(cdp);
              await call(page, 'unload', c.name, size);
              if (i >= opts.warmup) samples.push(mb);
              opts.log(`  chromium  ${size}  ${c.name}: ${i < opts.warmup ? 'warm-up' : `run ${i - opts.warmup + 1}/${runs}`} ${mb.toFixed(1)} MB`);
            }
          } else if (c.measure === 'navigation') {
            samples = [];
            for (let i = 0; i < opts.warmup + runs; i++) {
              // The last run is the profiled one (a profile per run would only repeat it).
              const last = i === opts.warmup + runs - 1;
              const ms = await coldTab(context, `${server.origin}/index.html?${COLD_PARAM}=${encodeURIComponent(c.name)}&size=${size}`, opts, last ? `${size}-${c.name}` : undefined);
              if (i >= opts.warmup) samples.push(ms);
              opts.log(`  chromium  ${size}  ${c.name}: ${i < opts.warmup ? 'warm-up' : `run ${i - opts.warmup + 1}/${runs}`} ${ms.toFixed(1)} ms`);
            }
          } else {
            samples = await profiledCall(cdp, opts, `${size}-${c.name}`, () => call(page, 'time', c.name, size, runs, opts.warmup));
          }
          await call(page, 'teardown', c.name, size);
          opts.report({ kind: 'result', result: { ...base, unit: c.measure === 'heap' ? 'MB' : 'ms', samples, ...summarise(samples) } });
        } catch (e) {
          const text = e instanceof Error ? e.message : String(e);
          const unavailable = UNAVAILABLE.exec(text);
          if (unavailable) opts.report({ kind: 'unavailable', item: { name: c.name, env: 'chromium', reason: unavailable[1] } });
          else opts.report({ kind: 'failure', item: { name: `${c.name} (${size})`, env: 'chromium', error: text } });
        }
      }
      await context.close();
      await rm(profile, { recursive: true, force: true });
    }
    return version;
  } finally {
    await server.close();
  }
}

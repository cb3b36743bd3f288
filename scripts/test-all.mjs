#!/usr/bin/env node
/**
 * `npm test`: type checks, lint, unit tests (vitest) and end-to-end tests (Playwright on
 * Debian Chromium), then one totals line: `tests: N passed, N failed`.
 * Exits non-zero if anything failed.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
mkdirSync(resolve(root, 'test-results'), { recursive: true });

function run(label, cmd, args, env = {}) {
  console.log(`\n=== ${label} ===`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status === 0;
}

/** Walks Playwright's JSON report for skipped tests and the reason each gives. */
function skippedTests(report) {
  const out = [];
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        if (t.status !== 'skipped') continue;
        const note = (t.annotations ?? []).find((a) => a.type === 'skip');
        out.push({ title: spec.title, reason: note?.description ?? 'no reason given' });
      }
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of report.suites ?? []) walk(suite);
  return out;
}

let passed = 0;
let failed = 0;
let ok = true;

ok = run('typecheck', 'npm', ['run', 'typecheck']) && ok;
ok = run('lint', 'npm', ['run', 'lint']) && ok;

const vitestJson = resolve(root, 'test-results/vitest.json');
const unitOk = run('unit tests (vitest)', npx, ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${vitestJson}`]);
ok = unitOk && ok;
if (existsSync(vitestJson)) {
  const r = JSON.parse(readFileSync(vitestJson, 'utf8'));
  passed += r.numPassedTests ?? 0;
  failed += (r.numFailedTests ?? 0) + (unitOk || r.numFailedTests ? 0 : 1);
} else {
  failed += 1;
}

const pwJson = resolve(root, 'test-results/playwright.json');
const e2eOk = run('end-to-end tests (Playwright + Chromium)', npx, ['playwright', 'test']);
ok = e2eOk && ok;
if (existsSync(pwJson)) {
  const r = JSON.parse(readFileSync(pwJson, 'utf8'));
  const s = r.stats ?? {};
  passed += (s.expected ?? 0) + (s.flaky ?? 0);
  failed += s.unexpected ?? 0;
  for (const t of skippedTests(r)) console.log(`skipped: ${t.title} — ${t.reason}`);
  if (!e2eOk && !s.unexpected) failed += 1;
} else {
  failed += 1;
}

console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(ok && failed === 0 ? 0 : 1);

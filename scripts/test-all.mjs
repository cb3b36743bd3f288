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
  const skipped = s.skipped ?? 0;
  if (skipped) console.log(`(Playwright: ${skipped} skipped — see the reasons above)`);
  if (!e2eOk && !s.unexpected) failed += 1;
} else {
  failed += 1;
}

console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(ok && failed === 0 ? 0 : 1);

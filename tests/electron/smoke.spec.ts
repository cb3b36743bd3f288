/**
 * Electron smoke test (testing.md, layer 3): runs the real app where the Electron binary is
 * installed. On build machines without it (ELECTRON_SKIP_BINARY_DOWNLOAD) it reports skipped.
 */
import { _electron as electron, expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
function electronBinary(): string | null {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}
const binary = electronBinary();

test.skip(!binary, 'Electron binary not installed on this machine (ELECTRON_SKIP_BINARY_DOWNLOAD=1); the renderer is covered by the Chromium e2e suite');

test('the packaged app starts hardened on app://dondoc with a Vietnamese first-run screen', async () => {
  execFileSync(process.execPath, [resolve(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: root, stdio: 'inherit' });
  const dataDir = await mkdtemp(join(tmpdir(), 'dondoc-electron-'));
  const app = await electron.launch({ executablePath: binary!, args: [root], env: { ...process.env, DONDOC_DATA_DIR: dataDir } });
  const page = await app.firstWindow();
  await expect(page.getByRole('heading', { name: 'Thiết lập Đôn Đốc' })).toBeVisible();
  expect(new URL(page.url()).origin).toBe('app://dondoc');
  const surface = await page.evaluate(() => ({
    apiKeys: Object.keys((window as unknown as { api: object }).api),
    hasRequire: typeof (window as unknown as { require?: unknown }).require,
    hasProcess: typeof (window as unknown as { process?: unknown }).process,
  }));
  expect(surface).toEqual({ apiKeys: ['invoke'], hasRequire: 'undefined', hasProcess: 'undefined' });
  await page.evaluate(() => {
    window.location.href = 'https://example.com/';
  });
  await page.waitForTimeout(500);
  expect(new URL(page.url()).origin).toBe('app://dondoc');
  const opened = await page.evaluate(() => window.open('https://example.com/') === null);
  expect(opened).toBe(true);
  expect(app.windows()).toHaveLength(1);
  await app.close();
});

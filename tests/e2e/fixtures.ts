/**
 * Browser-mode fixtures (ARCHITECTURE.md, "Testing": end to end): the built renderer in Debian's Chromium, with
 * window.api wired to the real main-process handler table. Only Electron's transport is swapped.
 */
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createHandlers } from '../../electron/main/handlers';
import { dispatch } from '../../electron/main/ipc/dispatch';
import type { Dialogs, MainDeps } from '../../electron/main/deps';
import { startStaticServer } from './harness/server';
import { createOpenedFileInbox } from '../../electron/main/openedFile';

const ROOT = resolve(import.meta.dirname, '../..');
const RENDERER_OUT = resolve(ROOT, process.env.DONDOC_RENDERER_OUT ?? 'out/renderer');

/** Paths "the user picks" in the next dialogs, in order; an empty queue means the user cancels. */
export class ScriptedDialogs implements Dialogs {
  readonly savePaths: string[] = [];
  readonly openPaths: string[] = [];
  readonly folders: string[] = [];
  async pickSavePath() {
    return this.savePaths.shift() ?? null;
  }
  async pickOpenPath() {
    return this.openPaths.shift() ?? null;
  }
  async pickFolder() {
    return this.folders.shift() ?? null;
  }
}

export interface Site {
  page: Page;
  context: BrowserContext;
  dataDir: string;
  dialogs: ScriptedDialogs;
  /** A double-click on a file while the app runs: the same second-instance handoff main performs. */
  openFile(path: string): Promise<void>;
  /** Opens the app at the given hash path and waits for it to boot. */
  open(path?: string): Promise<void>;
  shot(name: string): Promise<void>;
}

async function makeSite(context: BrowserContext, origin: string, dataDir: string, now?: () => Date): Promise<Site> {
  const dialogs = new ScriptedDialogs();
  const deps: MainDeps = {
    dataDir,
    dialogs,
    appVersion: '0.1.0-test',
    isElectron: false,
    now: now ?? (() => new Date()),
    shell: { openPath: async () => undefined },
    secretBox: {
      available: () => false,
      encrypt: (b) => b,
      decrypt: (b) => b,
    },
  };
  const openedFiles = createOpenedFileInbox();
  const table = await createHandlers(deps, { openedFiles });
  const page = await context.newPage();
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.exposeBinding('__dondocInvoke', ({ frame }, channel: unknown, request: unknown) =>
    dispatch(table, (url) => url.startsWith(`${origin}/`), channel, request, {
      senderUrl: frame.url(),
      isTopFrame: frame === page.mainFrame(),
    }),
  );
  await page.addInitScript({ path: `${RENDERER_OUT}-shim/preload-shim.js` });
  page.on('pageerror', (e) => console.error('[pageerror]', e.message));
  return {
    page,
    context,
    dataDir,
    dialogs,
    async openFile(path) {
      await openedFiles.offerArgv(['Đôn Đốc.exe', path], dataDir, true);
    },
    async open(path = '') {
      await page.goto(`${origin}/index.html#/${path}`);
    },
    async shot(name: string) {
      await page.screenshot({ path: join(ROOT, 'tests/e2e/screenshots', `${name}.png`) });
    },
  };
}

export const test = base.extend<{ site: Site; tmp: string; newSite: (opts?: { now?: () => Date }) => Promise<Site> }, { server: { origin: string } }>({
  server: [
    async ({}, use) => {
      const s = await startStaticServer(RENDERER_OUT);
      await use({ origin: s.origin });
      await s.close();
    },
    { scope: 'worker' },
  ],
  tmp: async ({}, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'dondoc-e2e-'));
    await use(dir);
    await rm(dir, { recursive: true, force: true });
  },
  newSite: async ({ browser, server, tmp }, use) => {
    const contexts: BrowserContext[] = [];
    let n = 0;
    await use(async (opts) => {
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
      contexts.push(context);
      n += 1;
      return makeSite(context, server.origin, join(tmp, `site-${n}`), opts?.now);
    });
    for (const c of contexts) await c.close();
  },
  site: async ({ newSite }, use) => {
    await use(await newSite());
  },
});

export { expect };

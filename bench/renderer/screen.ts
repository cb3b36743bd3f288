/**
 * What the screen cases share (bench/renderer/cases/tasks-screens.ts and the cold tabs'
 * bench/renderer/cold/coldStart.ts): a signed-in admin, mounting a screen at the app's window
 * size, waiting for what a screen shows, and raw reads of the demo database.
 */
import '@mantine/core/styles.css';
import '../../renderer/src/ui/global.css';
import { createElement, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { MantineProvider } from '@mantine/core';
import { theme } from '../../renderer/src/ui/theme';
import { useAppState } from '../../renderer/src/state/app';
import type { DondocDb } from '../../renderer/src/data/db';
import type { SizeSpec } from './types';

export const SITE = 'site-bench';

export function signIn(db: DondocDb): void {
  useAppState.setState({
    db,
    siteId: SITE,
    session: {
      account: { id: 'acc-admin', username: 'admin', displayName: 'Quản trị', role: 'admin', unitId: null, officialId: null, active: true, createdAt: '2026-01-01T00:00:00Z' },
      startedAt: new Date().toISOString(),
      locked: false,
    },
  });
}

export interface Mounted {
  host: HTMLDivElement;
  root: Root;
}

export function mount(node: ReactNode): Mounted {
  const host = document.createElement('div');
  host.style.cssText = 'width:1366px;height:768px;overflow:hidden;padding:16px;box-sizing:border-box';
  document.body.appendChild(host);
  const root = createRoot(host);
  root.render(createElement(MantineProvider, { theme, defaultColorScheme: 'light' }, node));
  return { host, root };
}

export function unmount(m: Mounted | null): void {
  if (!m) return;
  m.root.unmount();
  m.host.remove();
}

export const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame((t) => resolve(t)));
/** After the frame that shows it has been painted. */
export const painted = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

/** Resolves on the first DOM change after which `ready` holds (checked on every mutation), then after paint. */
export function until(host: HTMLElement, ready: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = () => {
      observer.disconnect();
      clearTimeout(timer);
      void painted().then(resolve);
    };
    const observer = new MutationObserver(() => {
      if (ready()) done();
    });
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`timed out waiting for ${what}`));
    }, timeoutMs);
    observer.observe(host, { childList: true, subtree: true, characterData: true, attributes: true });
    if (ready()) done();
  });
}

/** Dashboard screen ready: the six category cards show their numbers. */
export const dashboardShown = (host: HTMLElement) => host.querySelectorAll('button[aria-label*=": "]').length >= 6;

export const demoLabel = (s: SizeSpec) => `demo data: ${s.tasks.toLocaleString('en')} tasks, ${s.progressReports.toLocaleString('en')} progress reports`;
/** The sizes the screen cases run at. */
export const SCREEN_SIZES = ['tiny', 'office', 'province-years'] as const;

export function openRaw(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** One raw getAll() on a store; resolves with how many records it read. */
export function rawGetAll(db: IDBDatabase, store: string): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const req = db.transaction(store, 'readonly').objectStore(store).getAll();
    req.onsuccess = () => resolve(req.result as unknown[]);
    req.onerror = () => reject(req.error);
  });
}

/** Rows held by the packed snapshot records (head + column chunks) read raw. */
export function packedRows(records: unknown[]): number {
  return records.reduce<number>((n, r) => n + ((r as { cols?: unknown; n?: number }).cols ? ((r as { n: number }).n ?? 0) : 0), 0);
}

import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_SCHEME_PRIVILEGES,
  CONTENT_SECURITY_POLICY,
  debugSwitchIn,
  decidePermission,
  decideStartup,
  devToolsAllowed,
  isAppUrl,
  isNavigationAllowed,
  isSafeExternalUrl,
  resolveAppRequest,
} from './security-policy';
import { buildMenuTemplate } from './menu';

const root = resolve(import.meta.dirname, '../..');
const mainSource = readFileSync(join(root, 'electron/main/index.ts'), 'utf8');
const preloadSource = readFileSync(join(root, 'electron/preload/index.ts'), 'utf8');

describe('Electron security policy', () => {
  it('serves only from app://dondoc, compared with the URL parser', () => {
    expect(isAppUrl('app://dondoc/index.html')).toBe(true);
    expect(isAppUrl('app://dondoc.attacker.com/')).toBe(false);
    expect(isAppUrl('https://dondoc/')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
    expect(isNavigationAllowed('https://example.com')).toBe(false);
    expect(isNavigationAllowed('file:///etc/passwd')).toBe(false);
  });

  it('opens externally only https and mailto links', () => {
    expect(isSafeExternalUrl('https://chinhphu.vn')).toBe(true);
    expect(isSafeExternalUrl('mailto:vanthu@example.vn')).toBe(true);
    for (const u of ['http://x.vn', 'file:///C:/Windows/system32/calc.exe', 'app://dondoc/', 'javascript:alert(1)', 'smb://share/x']) expect(isSafeExternalUrl(u)).toBe(false);
  });

  it('maps app:// requests inside the renderer folder only: GET, our host, no traversal', () => {
    const dir = '/opt/dondoc/renderer';
    expect(resolveAppRequest(dir, 'GET', 'app://dondoc/')).toBe('/opt/dondoc/renderer/index.html');
    expect(resolveAppRequest(dir, 'GET', 'app://dondoc/assets/index.js')).toBe('/opt/dondoc/renderer/assets/index.js');
    expect(resolveAppRequest(dir, 'GET', 'app://dondoc/../../etc/passwd')).toBe('/opt/dondoc/renderer/etc/passwd');
    // The URL parser folds dot segments, so these stay inside the folder.
    expect(resolveAppRequest(dir, 'GET', 'app://dondoc/%2e%2e/%2e%2e/etc/passwd')).toBe('/opt/dondoc/renderer/etc/passwd');
    // Encoded slashes survive the parser; decoding must not let them escape.
    expect(resolveAppRequest(dir, 'GET', 'app://dondoc/..%2F..%2F..%2Fetc%2Fpasswd')).toBeNull();
    expect(resolveAppRequest(dir, 'POST', 'app://dondoc/index.html')).toBeNull();
    expect(resolveAppRequest(dir, 'GET', 'app://other/index.html')).toBeNull();
    expect(resolveAppRequest(dir, 'GET', 'app://dondoc/a%00b')).toBeNull();
  });

  it('denies every permission request', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'unknown']) expect(decidePermission(p)).toBe(false);
  });

  it('uses a strict CSP: no remote scripts, no eval, nothing but self', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:|\*/);
    const html = readFileSync(join(root, 'renderer/index.html'), 'utf8');
    expect(html).toContain("script-src 'self'");
    expect(html).not.toMatch(/unsafe-eval/);
  });

  it('creates the window with isolation, sandbox and no Node, and blocks navigation, new windows and webviews', () => {
    for (const s of ['contextIsolation: true', 'sandbox: true', 'nodeIntegration: false', 'nodeIntegrationInWorker: false', 'nodeIntegrationInSubFrames: false', 'webSecurity: true']) {
      expect(mainSource).toContain(s);
    }
    expect(mainSource).toContain("contents.on('will-navigate'");
    expect(mainSource).toContain("contents.on('will-redirect'");
    expect(mainSource).toContain("contents.on('will-attach-webview', (event) => event.preventDefault())");
    expect(mainSource).toMatch(/setWindowOpenHandler\([\s\S]*?action: 'deny'/);
    expect(mainSource).toContain('setPermissionRequestHandler');
    expect(mainSource).toContain('setPermissionCheckHandler');
    expect(mainSource).toContain('requestSingleInstanceLock');
    expect(mainSource).toContain('saveWindowState');
    expect(mainSource).toMatch(/preload: join\(__dirname, '..\/preload\/index.cjs'\)/);
    expect(mainSource).not.toMatch(/bypassCSP/);
  });

  it('exposes only a channel-checked invoke in the preload, never ipcRenderer', () => {
    expect(preloadSource).toContain("contextBridge.exposeInMainWorld('api', { invoke: bridge.invoke })");
    expect(preloadSource).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer[^.]/);
  });

  it('disables DevTools in a packaged build', () => {
    expect(devToolsAllowed(true)).toBe(false);
    expect(devToolsAllowed(false)).toBe(true);
    expect(mainSource).toContain('devTools: devToolsAllowed(app.isPackaged)');
  });

  it('refuses to start a packaged app given a remote-debugging, inspector or V8-flags switch, with a Vietnamese message', () => {
    let lockRequests = 0;
    const start = (argv: string[], isPackaged = true, platform = 'win32') =>
      decideStartup({ isPackaged, argv, platform, requestLock: () => (lockRequests++, true) });
    for (const arg of ['--remote-debugging-port=9222', '--remote-debugging-pipe', '--inspect', '--inspect-brk=9229', '--inspect-port=1', '--js-flags=--allow-natives-syntax', '-remote-debugging-port=9222', '/Remote-Debugging-Port=9222', '--INSPECT']) {
      const d = start(['C:\\Program Files\\Đôn Đốc\\Đôn Đốc.exe', arg]);
      expect(d.action, arg).toBe('refuse');
      expect(d.action === 'refuse' && d.message).toMatch(/^Đôn Đốc không chạy khi được mở với tham số gỡ lỗi/);
    }
    // The refused process never takes the single-instance lock.
    expect(lockRequests).toBe(0);
    // A development build may be debugged; a plain launch or a file argument starts.
    expect(start(['electron', '.', '--inspect=9229'], false).action).toBe('start');
    expect(start(['Đôn Đốc.exe', 'D:\\USB\\goi-1.dondoc']).action).toBe('start');
    // On Linux "/" begins a path, not a switch; Chromium's switch names are case-sensitive there.
    expect(debugSwitchIn(['/home/vanthu/goi.dondoc', '--Inspect'], 'linux')).toBeNull();
    expect(debugSwitchIn(['--inspect'], 'linux')).toBe('--inspect');
    expect(debugSwitchIn(['--remote-debugging-port=9222'], 'linux')).toBe('--remote-debugging-port');
  });

  it('makes a second instance stop right after losing the single-instance lock, before any setup', () => {
    expect(decideStartup({ isPackaged: true, argv: ['Đôn Đốc.exe'], platform: 'win32', requestLock: () => false })).toEqual({ action: 'hand-off' });
    expect(decideStartup({ isPackaged: true, argv: ['Đôn Đốc.exe'], platform: 'win32', requestLock: () => true })).toEqual({ action: 'start' });
    // Every setup step (protocol, handlers, window) runs only on 'start'.
    const guarded = mainSource.slice(mainSource.indexOf("if (startup.action === 'start') {"));
    expect(guarded).toMatch(/^if \(startup\.action === 'start'\) \{\n {2}protocol\.registerSchemesAsPrivileged[\s\S]*?app\.whenReady\(\)\.then\(setup\);\n\} else \{/);
    expect(mainSource.match(/app\.whenReady\(\)/g)).toHaveLength(1);
    expect(mainSource.match(/registerSchemesAsPrivileged/g)).toHaveLength(1);
  });

  it("serves the app from a standard, secure scheme whose compiled code Chromium keeps between starts", () => {
    // A code cache for a custom scheme needs both privileges; bypassCSP and corsEnabled stay off.
    expect(APP_SCHEME_PRIVILEGES).toEqual({ standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true });
    expect(mainSource).toContain('{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }');
  });

  it('has a Vietnamese application menu', () => {
    const labels = JSON.stringify(buildMenuTemplate(false));
    for (const l of ['Tệp', 'Sửa', 'Xem', 'Cửa sổ', 'Sao chép', 'Dán', 'Thoát']) expect(labels).toContain(l);
    expect(labels).not.toMatch(/"label":"(File|Edit|View|Window)"/);
  });
});

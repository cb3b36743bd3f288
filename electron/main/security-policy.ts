/**
 * Security decisions as pure functions, so tests pin them without the Electron binary.
 * The app is served from one fixed origin for its whole life: IndexedDB belongs to the origin.
 */
import { normalize, resolve, sep } from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'dondoc';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * What the app's scheme may do. `codeCache` allows Chromium to keep compiled JavaScript for the
 * scheme between starts (by default only http(s) gets a code cache, and it needs `standard`).
 * Whether our ES-module chunks then skip compiling is unproven: bench/README.md, "Code cache,
 * tried", found Chromium compiling them anew on every load even when served from its cache.
 */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true } as const;

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  // Mantine injects style tags at run time.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Navigation inside the window is allowed only within our own origin. */
export function isNavigationAllowed(url: string): boolean {
  return isAppUrl(url);
}

/** Links the user clicks may open in the system browser only for these schemes. */
export function isSafeExternalUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'mailto:';
  } catch {
    return false;
  }
}

/**
 * Maps an app:// request to a file inside the renderer build, or null: GET only, our host
 * only, no path escaping the folder. Unknown paths fall back to index.html (client routing).
 */
export function resolveAppRequest(rendererDir: string, method: string, url: string): string | null {
  if (method !== 'GET') return null;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const root = resolve(rendererDir);
  const target = resolve(root, normalize(`.${pathname === '/' ? '/index.html' : pathname}`));
  if (target !== root && !target.startsWith(root + sep)) return null;
  return target;
}

export function mimeTypeOf(path: string): string {
  const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  const types: Record<string, string> = {
    html: 'text/html; charset=utf-8',
    js: 'text/javascript; charset=utf-8',
    mjs: 'text/javascript; charset=utf-8',
    css: 'text/css; charset=utf-8',
    json: 'application/json',
    svg: 'image/svg+xml',
    png: 'image/png',
    ico: 'image/x-icon',
    woff: 'font/woff',
    woff2: 'font/woff2',
    ttf: 'font/ttf',
  };
  return types[ext] ?? 'application/octet-stream';
}

/** Every permission request (camera, notifications from web APIs, geolocation…) is refused. */
export function decidePermission(_permission: string): boolean {
  return false;
}

/** DevTools open only in a development build; a packaged app never offers them. */
export function devToolsAllowed(isPackaged: boolean): boolean {
  return !isPackaged;
}

/**
 * Switches that would let another program drive or inspect a running app (Chromium's remote
 * debugging, Node's inspector, raw V8 flags). Chromium reads a switch after "--" or "-", and
 * on Windows also after "/", with the name in any case there.
 */
const DEBUG_SWITCHES = ['remote-debugging-port', 'remote-debugging-pipe', 'js-flags'];

export function debugSwitchIn(argv: readonly string[], platform: string): string | null {
  for (const arg of argv) {
    const m = /^(?:--?|\/)([^=]+)/.exec(arg);
    if (!m || (arg.startsWith('/') && platform !== 'win32')) continue;
    const name = platform === 'win32' ? m[1].toLowerCase() : m[1];
    if (DEBUG_SWITCHES.includes(name) || name.startsWith('inspect')) return arg.split('=')[0];
  }
  return null;
}

export type StartupDecision = { action: 'start' } | { action: 'hand-off' } | { action: 'refuse'; message: string };

/**
 * What a freshly launched process does, decided before any window, handler or protocol is set
 * up: a packaged app started with a debugging switch refuses (without taking the
 * single-instance lock); a second instance hands its arguments to the first and stops.
 */
export function decideStartup(input: { isPackaged: boolean; argv: readonly string[]; platform: string; requestLock: () => boolean }): StartupDecision {
  if (input.isPackaged) {
    const found = debugSwitchIn(input.argv.slice(1), input.platform);
    if (found) {
      return {
        action: 'refuse',
        message: `Đôn Đốc không chạy khi được mở với tham số gỡ lỗi (${found}). Hãy mở ứng dụng bằng biểu tượng trên màn hình hoặc trong menu Start.`,
      };
    }
  }
  return input.requestLock() ? { action: 'start' } : { action: 'hand-off' };
}

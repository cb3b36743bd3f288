/**
 * Electron entry: one hardened window serving the renderer from app://dondoc.
 * Everything decidable without Electron lives in security-policy.ts and is unit-tested.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, Notification, protocol, safeStorage, screen, session, shell, type WebContents } from 'electron';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MainDeps } from './deps';
import { createHandlers } from './handlers';
import { resolveDataDir } from './dataDir';
import { createElectronPrinter } from './print/electronPrinter';
import { createPinPrompt, createTimestampChoice } from './signing/pinDialog';
import { registerIpc } from './ipc/register';
import { buildMenuTemplate } from './menu';
import { createDialogFolderMemory } from './dialogPaths';
import { createOpenedFileInbox } from './openedFile';
import {
  APP_ORIGIN,
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  CONTENT_SECURITY_POLICY,
  decidePermission,
  decideStartup,
  devToolsAllowed,
  isNavigationAllowed,
  isSafeExternalUrl,
  mimeTypeOf,
  resolveAppRequest,
} from './security-policy';
import { fitsOnScreens, loadWindowState, saveWindowState, type WindowState } from './windowState';

// Decided before anything is set up: a packaged app started with a debugging switch refuses,
// a second instance hands its command line to the first (see 'second-instance') and stops.
const startup = decideStartup({ isPackaged: app.isPackaged, argv: process.argv, platform: process.platform, requestLock: () => app.requestSingleInstanceLock() });
let mainWindow: BrowserWindow | null = null;
const openedFiles = createOpenedFileInbox();
const dialogFolder = createDialogFolderMemory();

function dataDir(): string {
  // Tests point a development build at a scratch folder; users keep data beside the profile, outside it.
  return resolveDataDir({ isPackaged: app.isPackaged, env: process.env, userData: app.getPath('userData') });
}

function rendererDir(): string {
  return join(__dirname, '../renderer');
}

function hardenSessions(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, permission, callback) => callback(decidePermission(permission)));
  ses.setPermissionCheckHandler((_wc, permission) => decidePermission(permission));
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
}

function serveApp(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppRequest(rendererDir(), request.method, request.url);
    if (!file) return new Response('Không tìm thấy', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(body, {
        headers: { 'Content-Type': mimeTypeOf(file), 'Content-Security-Policy': CONTENT_SECURITY_POLICY },
      });
    } catch {
      // Client-side routes fall back to the app shell.
      const index = await readFile(join(rendererDir(), 'index.html'));
      return new Response(index, { headers: { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': CONTENT_SECURITY_POLICY } });
    }
  });
}

function hardenContents(_event: unknown, contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isNavigationAllowed(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isNavigationAllowed(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

async function createWindow(deps: MainDeps): Promise<void> {
  const saved = await loadWindowState(deps.dataDir);
  const onScreen = fitsOnScreens(saved, screen.getAllDisplays().map((d) => d.workArea));
  mainWindow = new BrowserWindow({
    width: saved.width,
    height: saved.height,
    ...(onScreen ? { x: saved.x, y: saved.y } : {}),
    minWidth: 1024,
    minHeight: 640,
    title: 'Đôn Đốc',
    show: false,
    webPreferences: {
      preload: join(__dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      spellcheck: false,
      devTools: devToolsAllowed(app.isPackaged),
    },
  });
  if (saved.maximized) mainWindow.maximize();
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  const remember = () => {
    if (!mainWindow || mainWindow.isDestroyed()) return;
    const b = mainWindow.getNormalBounds();
    const state: WindowState = { x: b.x, y: b.y, width: Math.max(800, b.width), height: Math.max(600, b.height), maximized: mainWindow.isMaximized() };
    void saveWindowState(deps.dataDir, state).catch(() => undefined);
  };
  mainWindow.on('close', remember);
  await mainWindow.loadURL(`${APP_ORIGIN}/index.html`);
}

function onSecondInstance(_event: unknown, argv: string[], workingDirectory: string): void {
  // A file double-clicked while the app is open: the renderer takes it when the window gains focus.
  void openedFiles.offerArgv(argv, workingDirectory, app.isPackaged);
  if (mainWindow) {
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  }
}

if (startup.action === 'start') {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES },
  ]);
  app.on('web-contents-created', hardenContents);
  app.on('second-instance', onSecondInstance);
  app.on('window-all-closed', () => app.quit());
  void app.whenReady().then(setup);
} else {
  if (startup.action === 'refuse') dialog.showErrorBox('Đôn Đốc', startup.message);
  app.exit(startup.action === 'refuse' ? 1 : 0);
}

async function setup(): Promise<void> {
  hardenSessions();
  serveApp();
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(process.platform === 'darwin')));
  const deps: MainDeps = {
    dataDir: dataDir(),
    appVersion: app.getVersion(),
    isElectron: true,
    now: () => new Date(),
    shell: {
      openPath: async (path) => {
        const error = await shell.openPath(path);
        if (error) throw new Error(error);
      },
      showInFolder: (path) => shell.showItemInFolder(path),
    },
    secretBox: {
      available: () => safeStorage.isEncryptionAvailable(),
      encrypt: (plain) => safeStorage.encryptString(plain.toString('base64')),
      decrypt: (sealed) => Buffer.from(safeStorage.decryptString(sealed), 'base64'),
    },
    dialogs: {
      // Electron 43+ opens dialogs in Downloads unless told otherwise: start where the last one ended.
      pickSavePath: async ({ title, defaultPath, filters }) => {
        const r = await dialog.showSaveDialog(mainWindow!, { title, defaultPath: dialogFolder.defaultPath(defaultPath), filters });
        const path = r.canceled || !r.filePath ? null : r.filePath;
        dialogFolder.remember(path);
        return path;
      },
      pickOpenPath: async ({ title, filters }) => {
        const r = await dialog.showOpenDialog(mainWindow!, { title, defaultPath: dialogFolder.defaultPath(), filters, properties: ['openFile'] });
        const path = r.canceled || r.filePaths.length === 0 ? null : r.filePaths[0];
        dialogFolder.remember(path);
        return path;
      },
      pickFolder: async ({ title, defaultPath }) => {
        const r = await dialog.showOpenDialog(mainWindow!, { title, defaultPath: dialogFolder.defaultPath(defaultPath), properties: ['openDirectory', 'createDirectory'] });
        const path = r.canceled || r.filePaths.length === 0 ? null : r.filePaths[0];
        dialogFolder.remember(path, true);
        return path;
      },
    },
  };
  registerIpc(
    ipcMain,
    await createHandlers(deps, {
      printer: createElectronPrinter(),
      askPin: createPinPrompt(() => mainWindow),
      chooseWithoutTimestamp: createTimestampChoice(() => mainWindow),
      notifier: { supported: () => Notification.isSupported(), show: ({ title, body }) => new Notification({ title, body }).show() },
      openedFiles,
    }),
  );
  // A file the app was launched with (double-click while closed).
  await openedFiles.offerArgv(process.argv, process.cwd(), app.isPackaged);
  await createWindow(deps);
}

/**
 * The Electron side of printing: the letter's HTML goes into a hidden, script-less window in its
 * own session that may load nothing but the one temporary file, then webContents.print /
 * printToPDF. Only electron/main/index.ts imports this (handlers take it as a dependency).
 */
import { BrowserWindow, session } from 'electron';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LetterPrinter } from '../handlers/print';

const PARTITION = 'dondoc-print';
/** Documents being printed right now; the print session loads nothing else. */
const allowedUrls = new Set<string>();
let guarded = false;

async function withLetterWindow<T>(html: string, fn: (win: BrowserWindow) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'dondoc-print-'));
  const file = join(dir, `van-ban-${randomBytes(4).toString('hex')}.html`);
  await writeFile(file, html, 'utf8');
  const allowed = pathToFileURL(file).href;
  const ses = session.fromPartition(PARTITION, { cache: false });
  if (!guarded) {
    // The letter is self-contained: block every request except the documents being printed.
    ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !allowedUrls.has(details.url) }));
    guarded = true;
  }
  allowedUrls.add(allowed);
  const win = new BrowserWindow({
    show: false,
    width: 794,
    height: 1123,
    webPreferences: { session: ses, javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true, images: true, spellcheck: false },
  });
  try {
    await win.loadURL(allowed);
    return await fn(win);
  } finally {
    allowedUrls.delete(allowed);
    if (!win.isDestroyed()) win.destroy();
    await rm(dir, { recursive: true, force: true });
  }
}

export function createElectronPrinter(): LetterPrinter {
  return {
    print: (html) =>
      withLetterWindow(
        html,
        (win) =>
          new Promise<void>((resolve, reject) => {
            win.webContents.print({ silent: false, printBackground: true, pageSize: 'A4' }, (success, reason) => {
              // Closing the dialog without printing is not an error for the user.
              if (success || reason === 'cancelled' || reason === 'Print job canceled') resolve();
              else reject(new Error(reason));
            });
          }),
      ),
    toPdf: (html) =>
      withLetterWindow(html, async (win) => {
        const pdf = await win.webContents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
        return Buffer.from(pdf);
      }),
  };
}

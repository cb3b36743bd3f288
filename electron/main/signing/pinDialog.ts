/**
 * The token PIN dialog, owned by main: a small modal window showing a plain HTML form (no
 * scripts, no preload, its own session that may load nothing). Submitting the form is a
 * navigation that main cancels and reads, so the PIN goes from the keyboard to main and nowhere
 * else: not to the app's renderer, not onto the network, not to disk.
 */
import { BrowserWindow, dialog, session } from 'electron';
import { escapeHtml } from '@shared/letters/html';
import type { PinPrompt, TimestampChoice } from '../handlers/signing';

const PARTITION = 'dondoc-pin';
const SUBMIT = 'https://dondoc.invalid/pin';
const CANCEL = 'https://dondoc.invalid/cancel';
let guarded = false;

function page(info: { subjectName: string; tokenLabel: string; purpose: string }): string {
  return `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Nhập mã PIN</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; form-action https://dondoc.invalid">
<style>body{font:14px system-ui,sans-serif;margin:16px}label{display:block;margin:12px 0 4px}input{font-size:16px;width:100%;box-sizing:border-box;padding:6px}
.row{display:flex;gap:8px;justify-content:flex-end;margin-top:14px}button{padding:6px 14px;font-size:14px}small{color:#555}</style></head><body>
<div><b>${escapeHtml(info.purpose)}</b></div>
<div>Người ký: ${escapeHtml(info.subjectName)}</div><small>Thiết bị: ${escapeHtml(info.tokenLabel)}</small>
<form method="get" action="${SUBMIT}" autocomplete="off">
<label for="pin">Mã PIN của thiết bị ký số</label>
<input id="pin" name="pin" type="password" autofocus required maxlength="64" inputmode="numeric">
<div class="row"><button type="submit" formaction="${CANCEL}" formnovalidate>Hủy</button><button type="submit">Ký số</button></div>
</form></body></html>`;
}

export function createPinPrompt(parent: () => BrowserWindow | null): PinPrompt {
  return (info) =>
    new Promise((resolve) => {
      const ses = session.fromPartition(PARTITION, { cache: false });
      if (!guarded) {
        ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !details.url.startsWith('data:') }));
        guarded = true;
      }
      const owner = parent();
      const win = new BrowserWindow({
        ...(owner ? { parent: owner, modal: true } : {}),
        width: 420,
        height: 250,
        resizable: false,
        minimizable: false,
        maximizable: false,
        title: 'Nhập mã PIN',
        autoHideMenuBar: true,
        webPreferences: { session: ses, javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true, spellcheck: false },
      });
      let settled = false;
      const finish = (pin: string | null) => {
        if (settled) return;
        settled = true;
        resolve(pin);
        if (!win.isDestroyed()) win.destroy();
      };
      win.webContents.on('will-navigate', (event, url) => {
        event.preventDefault();
        if (url.startsWith(`${SUBMIT}?`)) finish(new URL(url).searchParams.get('pin') ?? '');
        else finish(null);
      });
      win.on('closed', () => finish(null));
      void win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(page(info))}`);
    });
}

/** The timestamp authority gave no token: the clerk chooses to issue now with B-B or not to issue. */
export function createTimestampChoice(parent: () => BrowserWindow | null): TimestampChoice {
  return async (problem) => {
    const options = {
      type: 'warning' as const,
      title: 'Không lấy được dấu thời gian',
      message: 'Không lấy được dấu thời gian cho chữ ký số',
      detail: problem,
      buttons: ['Không phát hành', 'Phát hành không có dấu thời gian'],
      defaultId: 0,
      cancelId: 0,
      noLink: true,
    };
    const owner = parent();
    const r = owner ? await dialog.showMessageBox(owner, options) : await dialog.showMessageBox(options);
    return r.response === 1;
  };
}

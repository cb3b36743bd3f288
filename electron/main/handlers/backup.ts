import { randomBytes } from 'node:crypto';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { AppError } from '@shared/errors';
import { accountAuditEntrySchema, DEFAULT_SAFETY_SETTINGS, safetySettingsSchema, type BackupInfo, type SafetySettings } from '@shared/ipc/channels/backup';
import type { MainDeps } from '../deps';
import type { Handlers } from '../ipc/types';
import type { AccountStore } from '../auth/accounts';
import { readJson, writeJson } from '../fs/jsonStore';
import { classifyDisk, ensureFreeSpace, statfsProbe, type FreeSpaceProbe } from '../backup/disk';
import { BACKUP_EXTENSION, infoFromHeader, listBackups, pruneBackups, readBackupFile, verifyBackups, writeBackup } from '../backup/store';
import type { RotationPolicy } from '../backup/rotation';

export type BackupChannel =
  | 'backup:write'
  | 'backup:list'
  | 'backup:status'
  | 'backup:pickFolder'
  | 'backup:open'
  | 'backup:body'
  | 'backup:disk'
  | 'backup:verify'
  | 'safety:accountAudit'
  | 'safety:getSettings'
  | 'safety:setSettings';

export function backupsDir(deps: MainDeps): string {
  return join(deps.dataDir, 'backups');
}

export interface BackupHandlerOptions {
  probe?: FreeSpaceProbe;
  rotation?: RotationPolicy;
}

/** Keeps at most this many tokens; the oldest are forgotten first. */
const MAX_TOKENS = 50;

function remember<V>(map: Map<string, V>, value: V): string {
  const token = randomBytes(16).toString('hex');
  map.set(token, value);
  while (map.size > MAX_TOKENS) map.delete(map.keys().next().value as string);
  return token;
}

export function createBackupHandlers(deps: MainDeps, siteId: string, accounts: AccountStore, options: BackupHandlerOptions = {}): Handlers<BackupChannel> {
  const probe = options.probe ?? statfsProbe;
  const dir = backupsDir(deps);
  // The renderer never names a path: only folders the user picked and backups main opened.
  const folders = new Map<string, string>();
  const opened = new Map<string, { path: string; sha256: string }>();
  const settingsFile = join(deps.dataDir, 'safety-settings.json');
  const accountsAuditFile = join(deps.dataDir, 'accounts-audit.json');

  return {
    'backup:write': async (req) => {
      // A pre-migration backup runs before anyone has logged in; every other backup needs a session.
      if (req.reason !== 'pre-migration') accounts.requireSession();
      let target = dir;
      if (req.folder) {
        const picked = folders.get(req.folder);
        if (!picked) throw new AppError('not-found', 'Thư mục đã chọn không còn hiệu lực; hãy chọn lại thư mục.');
        target = picked;
      }
      const info = await writeBackup({
        dir: target,
        reason: req.reason,
        appVersion: deps.appVersion,
        siteId,
        schemaVersion: req.schemaVersion,
        counts: req.counts,
        body: req.json,
        createdAt: deps.now(),
        probe,
      });
      if (target === dir) await pruneBackups(dir, options.rotation);
      return info;
    },
    'backup:list': async () => {
      accounts.requireSession();
      return listBackups(dir);
    },
    'backup:status': async () => {
      accounts.requireSession();
      const list = await listBackups(dir);
      let disk;
      try {
        disk = classifyDisk(dir, await probe(dir));
      } catch {
        disk = {
          dir,
          freeBytes: 0,
          totalBytes: 0,
          level: 'ok' as const,
          message: 'Không đọc được dung lượng ổ đĩa.',
        };
      }
      return {
        dir,
        lastDailyAt: list.find((b) => b.reason === 'daily')?.createdAt ?? null,
        lastBackupAt: list[0]?.createdAt ?? null,
        count: list.length,
        disk,
      };
    },
    'backup:pickFolder': async () => {
      accounts.requireSession();
      const path = await deps.dialogs.pickFolder({
        title: 'Chọn thư mục lưu bản sao lưu (ví dụ ổ USB)',
      });
      if (!path) return { canceled: true, token: null, path: null };
      return { canceled: false, token: remember(folders, path), path };
    },
    'backup:open': async (req) => {
      accounts.requireSession(['admin']);
      let path: string;
      if (req.source === 'stored') {
        // Only a plain file name from our own folder: no path separators, no parent references.
        if (basename(req.fileName) !== req.fileName || !req.fileName.endsWith(`.${BACKUP_EXTENSION}`)) {
          throw new AppError('invalid-request', 'Tên tệp sao lưu không hợp lệ.');
        }
        path = join(dir, req.fileName);
      } else {
        const picked = await deps.dialogs.pickOpenPath({
          title: 'Chọn tệp sao lưu Đôn Đốc',
          filters: [{ name: 'Bản sao lưu Đôn Đốc', extensions: [BACKUP_EXTENSION] }],
        });
        if (!picked) return { canceled: true, token: null, info: null };
        path = picked;
      }
      const { header, bytes } = await readBackupFile(path);
      const info: BackupInfo = infoFromHeader(path, basename(path), bytes, header);
      return {
        canceled: false,
        token: remember(opened, { path, sha256: header.bodySha256 }),
        info,
      };
    },
    'backup:body': async (req) => {
      accounts.requireSession(['admin']);
      const entry = opened.get(req.token);
      if (!entry) throw new AppError('not-found', 'Bản sao lưu đã mở không còn hiệu lực; hãy mở lại.');
      const { header, body } = await readBackupFile(entry.path);
      // The file must still be the one the user looked at.
      if (header.bodySha256 !== entry.sha256) throw new AppError('invalid-file', 'Tệp sao lưu đã thay đổi sau khi mở; hãy mở lại.');
      return { json: body };
    },
    'backup:disk': async (req) => {
      accounts.requireSession();
      try {
        return classifyDisk(dir, await probe(dir), req.neededBytes);
      } catch {
        throw new AppError('storage', 'Không kiểm tra được dung lượng ổ đĩa.');
      }
    },
    'backup:verify': async () => {
      accounts.requireSession();
      return verifyBackups(dir);
    },
    'safety:accountAudit': async (req) => {
      accounts.requireSession(['admin']);
      const entries = await readJson(accountsAuditFile, z.array(accountAuditEntrySchema), []);
      return entries.slice(-req.limit).reverse();
    },
    'safety:getSettings': async () => {
      accounts.requireSession();
      return readSettings(settingsFile);
    },
    'safety:setSettings': async (req) => {
      accounts.requireSession(['admin']);
      const next: SafetySettings = {
        ...(await readSettings(settingsFile)),
        ...req,
      };
      await ensureFreeSpace(probe, deps.dataDir, 4096);
      await writeJson(settingsFile, next);
      return next;
    },
  };
}

async function readSettings(file: string): Promise<SafetySettings> {
  try {
    return await readJson(file, safetySettingsSchema, DEFAULT_SAFETY_SETTINGS);
  } catch {
    // A damaged settings file falls back to the defaults rather than locking everyone out.
    return DEFAULT_SAFETY_SETTINGS;
  }
}

export type BackupHandlers = ReturnType<typeof createBackupHandlers>;

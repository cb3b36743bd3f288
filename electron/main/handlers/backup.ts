import { randomBytes } from 'node:crypto';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { AppError } from '@shared/errors';
import {
  accountAuditEntrySchema,
  auditAnchorSchema,
  DEFAULT_SAFETY_SETTINGS,
  safetySettingsSchema,
  type AuditAnchor,
  type BackupAuthenticity,
  type BackupInfo,
  type SafetySettings,
} from '@shared/ipc/channels/backup';
import { SCHEMA_VERSION } from '@shared/data/schema';
import type { MainDeps } from '../deps';
import type { Handlers } from '../ipc/types';
import type { AccountStore } from '../auth/accounts';
import { readJson, writeJson } from '../fs/jsonStore';
import { classifyDisk, ensureFreeSpace, statfsProbe, type FreeSpaceProbe } from '../backup/disk';
import { BACKUP_EXTENSION, infoFromHeader, listBackups, pruneBackups, readBackupFile, verifyBackups, writeBackup, type BackupJudge } from '../backup/store';
import { sealedPart } from '../backup/backupFile';
import type { RotationPolicy } from '../backup/rotation';
import { createSealKey, type SealKey } from '../seal';

export type BackupChannel =
  | 'backup:write'
  | 'backup:list'
  | 'backup:status'
  | 'backup:pickFolder'
  | 'backup:open'
  | 'backup:body'
  | 'backup:disk'
  | 'backup:verify'
  | 'backup:databaseOpened'
  | 'backup:anchorAudit'
  | 'backup:auditAnchor'
  | 'safety:accountAudit'
  | 'safety:getSettings'
  | 'safety:setSettings';

export function backupsDir(deps: MainDeps): string {
  return join(deps.dataDir, 'backups');
}

export interface BackupHandlerOptions {
  probe?: FreeSpaceProbe;
  rotation?: RotationPolicy;
  seal?: SealKey;
}

/**
 * What main knows of the renderer's database without opening it: the highest schema it has
 * been opened at, and the pre-migration backups already written (one per schema upgraded from).
 */
const ledgerSchema = z.object({
  openedSchema: z.number().int().min(0),
  preMigration: z.record(z.string(), z.string()),
});

const storedAnchorSchema = auditAnchorSchema.extend({ mac: z.string() });

export const UNVERIFIED_BACKUP_WARNING =
  'Bản sao lưu này không mang dấu niêm phong của máy này (của đơn vị khác, được tạo trước khi có dấu niêm phong, hoặc đã bị sửa sau khi ghi). Nội dung có thể đã bị thay đổi. Chỉ quản trị viên mới được khôi phục, sau khi đã đọc cảnh báo và xác nhận.';

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
  const opened = new Map<string, { path: string; sha256: string; authenticity: BackupAuthenticity }>();
  const settingsFile = join(deps.dataDir, 'safety-settings.json');
  const accountsAuditFile = join(deps.dataDir, 'accounts-audit.json');
  const ledgerFile = join(deps.dataDir, 'schema-ledger.json');
  const anchorFile = join(deps.dataDir, 'audit-anchor.json');
  const seal = options.seal ?? createSealKey(deps);
  const judge: BackupJudge = async (header) => {
    if (header.siteId !== siteId) return 'other-site';
    return header.mac && (await seal.check('backup', sealedPart(header), header.mac)) ? 'this-site' : 'unverified';
  };
  const readLedger = () => readJson(ledgerFile, ledgerSchema, { openedSchema: 0, preMigration: {} });
  const anchorInput = (a: AuditAnchor) => JSON.stringify({ sequence: a.sequence, hash: a.hash, at: a.at });

  /**
   * A pre-migration backup is genuine only for an upgrade that can still be due: from a schema
   * older than this build's, not older than the database has already been opened at, and only
   * once per schema (asking again returns the backup already made). So nothing a page script
   * sends can add pre-migration backups beyond one per real upgrade, or push real ones out.
   */
  async function preMigrationAllowed(fromSchema: number): Promise<{ existing: BackupInfo | null }> {
    const ledger = await readLedger();
    if (fromSchema < 1 || fromSchema >= SCHEMA_VERSION || fromSchema < ledger.openedSchema) {
      throw new AppError('not-authorised', 'Yêu cầu sao lưu trước nâng cấp bị từ chối: cơ sở dữ liệu không cần nâng cấp từ phiên bản này.');
    }
    const fileName = ledger.preMigration[String(fromSchema)];
    if (!fileName) return { existing: null };
    const found = (await listBackups(dir, judge)).find((b) => b.fileName === fileName);
    if (found) return { existing: found };
    throw new AppError('conflict', 'Bản sao lưu trước nâng cấp cho phiên bản này đã được ghi trước đó nhưng không còn trong thư mục sao lưu.');
  }

  return {
    'backup:write': async (req) => {
      // The session is checked by the channel's access rule, except for pre-migration, checked here.
      if (req.reason === 'pre-migration') {
        if (req.folder) throw new AppError('invalid-request', 'Bản sao lưu trước nâng cấp chỉ ghi vào thư mục sao lưu của ứng dụng.');
        const { existing } = await preMigrationAllowed(req.schemaVersion);
        if (existing) return existing;
      }
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
        seal: (part) => seal.tag('backup', part),
        judge,
      });
      if (req.reason === 'pre-migration') {
        const ledger = await readLedger();
        await writeJson(ledgerFile, { ...ledger, preMigration: { ...ledger.preMigration, [String(req.schemaVersion)]: info.fileName } });
      }
      if (target === dir) await pruneBackups(dir, options.rotation);
      return info;
    },
    'backup:databaseOpened': async (req) => {
      const ledger = await readLedger();
      const openedSchema = Math.max(ledger.openedSchema, Math.min(req.schemaVersion, SCHEMA_VERSION));
      if (openedSchema !== ledger.openedSchema) await writeJson(ledgerFile, { ...ledger, openedSchema });
      return {};
    },
    'backup:anchorAudit': async (req) => {
      if (req.hash !== '' && !/^[0-9a-f]{64}$/.test(req.hash)) throw new AppError('invalid-request', 'Mã băm nhật ký không hợp lệ.');
      if ((req.sequence === 0) !== (req.hash === '')) throw new AppError('invalid-request', 'Đầu chuỗi nhật ký không hợp lệ.');
      const current = await readJson(anchorFile, storedAnchorSchema.nullable(), null);
      if (current && req.sequence < current.sequence) {
        // Only right after an administrator restored a backup may the chain be shorter than anchored.
        if (!req.afterRestore) throw new AppError('conflict', `Nhật ký thay đổi ngắn hơn mốc đã ghi (mục ${current.sequence}); không cập nhật mốc.`);
        accounts.requireSession(['admin']);
      }
      if (current && req.sequence === current.sequence && req.hash === current.hash) {
        return { sequence: current.sequence, hash: current.hash, at: current.at };
      }
      const anchor: AuditAnchor = { sequence: req.sequence, hash: req.hash, at: deps.now().toISOString() };
      await writeJson(anchorFile, { ...anchor, mac: await seal.tag('audit-anchor', anchorInput(anchor)) }, 0o600);
      return anchor;
    },
    'backup:auditAnchor': async () => {
      let stored;
      try {
        stored = await readJson(anchorFile, storedAnchorSchema.nullable(), null);
      } catch {
        return { anchor: null, sealed: false };
      }
      if (!stored) return { anchor: null, sealed: true };
      const anchor = { sequence: stored.sequence, hash: stored.hash, at: stored.at };
      return { anchor, sealed: await seal.check('audit-anchor', anchorInput(anchor), stored.mac) };
    },
    'backup:list': async () => listBackups(dir, judge),
    'backup:status': async () => {
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
      const path = await deps.dialogs.pickFolder({
        title: 'Chọn thư mục lưu bản sao lưu (ví dụ ổ USB)',
      });
      if (!path) return { canceled: true, token: null, path: null };
      return { canceled: false, token: remember(folders, path), path };
    },
    'backup:open': async (req) => {
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
      const authenticity = await judge(header);
      const info: BackupInfo = infoFromHeader(path, basename(path), bytes, header, authenticity);
      return {
        canceled: false,
        token: remember(opened, { path, sha256: header.bodySha256, authenticity }),
        info,
      };
    },
    'backup:body': async (req) => {
      const entry = opened.get(req.token);
      if (!entry) throw new AppError('not-found', 'Bản sao lưu đã mở không còn hiệu lực; hãy mở lại.');
      if (entry.authenticity !== 'this-site' && !req.acceptUnverified) throw new AppError('not-authorised', UNVERIFIED_BACKUP_WARNING);
      const { header, body } = await readBackupFile(entry.path);
      // The file must still be the one the user looked at.
      if (header.bodySha256 !== entry.sha256 || (await judge(header)) !== entry.authenticity) throw new AppError('invalid-file', 'Tệp sao lưu đã thay đổi sau khi mở; hãy mở lại.');
      return { json: body };
    },
    'backup:disk': async (req) => {
      try {
        return classifyDisk(dir, await probe(dir), req.neededBytes);
      } catch {
        throw new AppError('storage', 'Không kiểm tra được dung lượng ổ đĩa.');
      }
    },
    'backup:verify': async () => verifyBackups(dir, judge),
    'safety:accountAudit': async (req) => {
      const entries = await readJson(accountsAuditFile, z.array(accountAuditEntrySchema), []);
      return entries.slice(-req.limit).reverse();
    },
    'safety:getSettings': async () => readSettings(settingsFile),
    'safety:setSettings': async (req) => {
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

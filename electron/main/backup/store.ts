/**
 * The backup folder outside the Chromium profile: write (atomic, checksummed, after a disk
 * check), list by reading only each header, verify fully on demand, and prune by rotation.
 */
import { open, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '@shared/errors';
import { backupReasonSchema, type BackupAuthenticity, type BackupInfo, type BackupReason } from '@shared/ipc/channels/backup';
import { atomicWrite } from '../fs/atomicWrite';
import { backupHeaderSchema, decodeBackup, encodeBackup, type BackupHeader } from './backupFile';
import { ensureFreeSpace, type FreeSpaceProbe } from './disk';
import { planRotation, type RotationPolicy, DEFAULT_ROTATION } from './rotation';

export const BACKUP_EXTENSION = 'ddbak';
/** Nothing we write comes near this; a bigger file is refused before it is read into memory. */
export const MAX_BACKUP_BYTES = 1_600_000_000;

function stamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}-${String(d.getMilliseconds()).padStart(3, '0')}`;
}

export function backupFileName(createdAt: Date, reason: BackupReason): string {
  return `dondoc-${stamp(createdAt)}-${reason}.${BACKUP_EXTENSION}`;
}

/** Tells who made a backup from its header (handlers/backup.ts checks the seal). */
export type BackupJudge = (header: BackupHeader) => Promise<BackupAuthenticity>;
const noJudge: BackupJudge = async () => 'unverified';

export function infoFromHeader(path: string, fileName: string, bytes: number, header: BackupHeader, authenticity: BackupAuthenticity = 'unverified'): BackupInfo {
  const reason = backupReasonSchema.safeParse(header.reason);
  return {
    path,
    fileName,
    bytes,
    sha256: header.bodySha256,
    reason: reason.success ? reason.data : 'manual',
    createdAt: header.createdAt,
    appVersion: header.appVersion,
    siteId: header.siteId,
    schemaVersion: header.schemaVersion,
    counts: header.counts,
    authenticity,
  };
}

export interface WriteBackupInput {
  dir: string;
  reason: BackupReason;
  appVersion: string;
  siteId: string;
  schemaVersion: number;
  counts: Record<string, number>;
  body: string;
  createdAt: Date;
  probe: FreeSpaceProbe;
  /** Seals the header (HMAC under this installation's key). */
  seal?: (sealed: string) => Promise<string>;
  judge?: BackupJudge;
}

export async function writeBackup(input: WriteBackupInput): Promise<BackupInfo> {
  const bytes = await encodeBackup(
    {
      appVersion: input.appVersion,
      schemaVersion: input.schemaVersion,
      siteId: input.siteId,
      reason: input.reason,
      createdAt: input.createdAt.toISOString(),
      counts: input.counts,
    },
    input.body,
    input.seal,
  );
  await ensureFreeSpace(input.probe, input.dir, bytes.length);
  const fileName = backupFileName(input.createdAt, input.reason);
  const path = join(input.dir, fileName);
  try {
    await atomicWrite(path, bytes);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC') throw new AppError('storage', 'Ổ đĩa đã đầy, không ghi được bản sao lưu. Dữ liệu hiện tại không bị ảnh hưởng.');
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') throw new AppError('storage', `Không có quyền ghi vào thư mục ${input.dir}.`);
    throw new AppError('storage', `Không ghi được bản sao lưu vào thư mục ${input.dir}.`);
  }
  // Read back what landed on disk: a backup is only reported once it verifies.
  const { header } = decodeBackup(await readFile(path));
  return infoFromHeader(path, fileName, bytes.length, header, await (input.judge ?? noJudge)(header));
}

/** Reads only the header line and checks the file is as long as it says (cheap truncation check). */
export async function readBackupHeader(path: string): Promise<{ header: BackupHeader; bytes: number }> {
  const bad = new AppError('invalid-file', 'Tệp sao lưu bị hỏng hoặc không phải tệp sao lưu của Đôn Đốc.');
  const handle = await open(path, 'r').catch(() => {
    throw new AppError('not-found', 'Không mở được tệp sao lưu.');
  });
  try {
    const size = (await handle.stat()).size;
    const buf = Buffer.alloc(Math.min(size, 100_001));
    await handle.read(buf, 0, buf.length, 0);
    const nl = buf.indexOf(0x0a);
    if (nl <= 0) throw bad;
    let header: BackupHeader;
    try {
      header = backupHeaderSchema.parse(JSON.parse(buf.subarray(0, nl).toString('utf8')));
    } catch {
      throw bad;
    }
    if (size !== nl + 1 + header.bodyBytes) throw new AppError('invalid-file', 'Tệp sao lưu không đầy đủ (bị cắt ngắn hoặc bị sửa).');
    return { header, bytes: size };
  } finally {
    await handle.close();
  }
}

/** Full read and checksum verification. */
export async function readBackupFile(path: string): Promise<{ header: BackupHeader; body: string; bytes: number }> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    throw new AppError('not-found', 'Không tìm thấy tệp sao lưu.');
  }
  if (size > MAX_BACKUP_BYTES) throw new AppError('invalid-file', 'Tệp quá lớn, không phải tệp sao lưu của Đôn Đốc.');
  const bytes = await readFile(path);
  const { header, body } = decodeBackup(bytes);
  return { header, body, bytes: bytes.length };
}

async function backupNames(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((n) => n.endsWith(`.${BACKUP_EXTENSION}`) && !n.startsWith('.'));
  } catch {
    return [];
  }
}

/** Backups in the folder, newest first; files whose header cannot be read are left out. */
export async function listBackups(dir: string, judge: BackupJudge = noJudge): Promise<BackupInfo[]> {
  const out: BackupInfo[] = [];
  for (const name of await backupNames(dir)) {
    const path = join(dir, name);
    try {
      const { header, bytes } = await readBackupHeader(path);
      out.push(infoFromHeader(path, name, bytes, header, await judge(header)));
    } catch {
      // Damaged files are not offered for restore; backup:verify reports them.
    }
  }
  return out.sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || (a.fileName < b.fileName ? 1 : -1));
}

export interface VerifyResult {
  fileName: string;
  ok: boolean;
  message: string | null;
}

export async function verifyBackups(dir: string, judge: BackupJudge = noJudge): Promise<VerifyResult[]> {
  const out: VerifyResult[] = [];
  for (const name of (await backupNames(dir)).sort().reverse()) {
    try {
      const { header } = await readBackupFile(join(dir, name));
      const who = await judge(header);
      out.push(
        who === 'this-site'
          ? { fileName: name, ok: true, message: null }
          : { fileName: name, ok: false, message: who === 'other-site' ? `Bản sao lưu của đơn vị khác (mã ${header.siteId}).` : 'Dấu niêm phong không khớp: tệp không do ứng dụng trên máy này ghi, hoặc đã bị sửa sau khi ghi.' },
      );
    } catch (error) {
      out.push({
        fileName: name,
        ok: false,
        message: error instanceof AppError ? error.message : 'Không đọc được tệp.',
      });
    }
  }
  return out;
}

/** Deletes the backups the rotation rule no longer keeps; returns their names. */
export async function pruneBackups(dir: string, policy: RotationPolicy = DEFAULT_ROTATION): Promise<string[]> {
  const { remove } = planRotation(await listBackups(dir), policy);
  for (const e of remove) await rm(join(dir, e.fileName), { force: true });
  return remove.map((e) => e.fileName);
}

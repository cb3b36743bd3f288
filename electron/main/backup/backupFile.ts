/**
 * A backup is self-describing: one header line of JSON (app and schema version, office, date,
 * row counts, SHA-256 of the body, and the seal), then the body, the renderer's full dump of its
 * database. The SHA-256 only catches damage: anyone can recompute it. The seal (`mac`, an HMAC
 * of the rest of the header under this installation's sealing key, see ../seal.ts) is what
 * shows the backup was written by this office's app and not rewritten since.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '@shared/errors';

export const BACKUP_MAGIC = 'DONDOC-BACKUP';
export const BACKUP_FORMAT = 1;

export const backupHeaderSchema = z.object({
  magic: z.literal(BACKUP_MAGIC),
  format: z.number().int(),
  appVersion: z.string(),
  schemaVersion: z.number().int(),
  siteId: z.string(),
  reason: z.string(),
  createdAt: z.string(),
  counts: z.record(z.string(), z.number()),
  bodyBytes: z.number().int(),
  bodySha256: z.string().regex(/^[0-9a-f]{64}$/),
  mac: z.string().regex(/^[0-9a-f]{64}$/).optional(),
});
export type BackupHeader = z.infer<typeof backupHeaderSchema>;

/** The bytes the seal covers: every header field but the seal itself, in a fixed order. */
export function sealedPart(header: BackupHeader): string {
  const { magic, format, appVersion, schemaVersion, siteId, reason, createdAt, counts, bodyBytes, bodySha256 } = header;
  return JSON.stringify({ magic, format, appVersion, schemaVersion, siteId, reason, createdAt, counts, bodyBytes, bodySha256 });
}

export async function encodeBackup(
  header: Omit<BackupHeader, 'magic' | 'format' | 'bodyBytes' | 'bodySha256' | 'mac'>,
  body: string,
  seal?: (sealed: string) => Promise<string>,
): Promise<Buffer> {
  const bodyBuf = Buffer.from(body, 'utf8');
  const full: BackupHeader = {
    magic: BACKUP_MAGIC,
    format: BACKUP_FORMAT,
    ...header,
    bodyBytes: bodyBuf.length,
    bodySha256: createHash('sha256').update(bodyBuf).digest('hex'),
  };
  if (seal) full.mac = await seal(sealedPart(full));
  return Buffer.concat([Buffer.from(JSON.stringify(full) + '\n', 'utf8'), bodyBuf]);
}

export function decodeBackup(bytes: Buffer): { header: BackupHeader; body: string } {
  const nl = bytes.indexOf(0x0a);
  const bad = new AppError('invalid-file', 'Tệp sao lưu bị hỏng hoặc không phải tệp sao lưu của Đôn Đốc.');
  if (nl <= 0 || nl > 100_000) throw bad;
  let header: BackupHeader;
  try {
    header = backupHeaderSchema.parse(JSON.parse(bytes.subarray(0, nl).toString('utf8')));
  } catch {
    throw bad;
  }
  if (header.format > BACKUP_FORMAT) throw new AppError('invalid-file', 'Tệp sao lưu được tạo bởi phiên bản mới hơn; hãy cập nhật ứng dụng.');
  const body = bytes.subarray(nl + 1);
  if (body.length !== header.bodyBytes) throw new AppError('invalid-file', 'Tệp sao lưu không đầy đủ (bị cắt ngắn hoặc bị sửa).');
  if (createHash('sha256').update(body).digest('hex') !== header.bodySha256) {
    throw new AppError('invalid-file', 'Tệp sao lưu không khớp mã kiểm tra (bị hỏng hoặc bị sửa).');
  }
  return { header, body: body.toString('utf8') };
}

/**
 * Secrets in main's files (the sealing key, the site's signing key): base64, encrypted by the
 * OS secret store (Electron safeStorage) where it is available when they are written.
 */
import { AppError } from '../../shared/errors';
import type { SecretBox } from './deps';

export function sealSecret(box: SecretBox, plain: Buffer): { value: string; osEncrypted: boolean } {
  if (box.available()) return { value: box.encrypt(plain).toString('base64'), osEncrypted: true };
  return { value: plain.toString('base64'), osEncrypted: false };
}

/** The bytes of a secret written by sealSecret; `what` ("khóa ký", "khóa niêm phong") names it in the errors. */
export function openSecret(box: SecretBox, value: string, osEncrypted: boolean, what: string): Buffer {
  if (!osEncrypted) return Buffer.from(value, 'base64');
  if (!box.available()) throw new AppError('storage', `Không mở được ${what} của máy này: kho bí mật của hệ điều hành không sẵn sàng.`);
  try {
    return box.decrypt(Buffer.from(value, 'base64'));
  } catch {
    throw new AppError('storage', `Không giải mã được ${what} của máy này (tài khoản Windows khác hoặc dữ liệu hỏng).`);
  }
}

/**
 * The PKCS#11 token (USB ký số) in main: list the certificates on the tokens that the configured
 * library sees, and sign with the private key that belongs to a chosen certificate. The PIN is
 * passed in by main's own dialog and is never stored. Every failure becomes an AppError with a
 * Vietnamese message the signer can act on.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { existsSync } from 'node:fs';
import * as pkcs11Namespace from 'pkcs11js';
import type * as Pkcs11Types from 'pkcs11js';
import { AppError } from '@shared/errors';
import { certificateKeyType, type CmsSigner } from './cms';
import { integer, seq } from './der';

// pkcs11js is CommonJS whose constants are attached at run time: Node's ESM loader exposes them
// only on `default`, bundlers and vitest on the namespace itself.
const pkcs11js = ((pkcs11Namespace as unknown as { default?: typeof pkcs11Namespace }).default ?? pkcs11Namespace) as typeof Pkcs11Types;

/** Library file names of the token drivers common in Vietnamese offices, offered as suggestions. */
export const COMMON_TOKEN_LIBRARIES: readonly { label: string; windows: string; linux: string }[] = [
  { label: 'Ban Cơ yếu Chính phủ (CA chuyên dùng)', windows: 'C:\\Windows\\System32\\BkavCA.dll', linux: '/usr/lib/libbkavca.so' },
  { label: 'VNPT-CA', windows: 'C:\\Windows\\System32\\vnpt-ca_csp11.dll', linux: '/usr/lib/libshtoken.so' },
  { label: 'Viettel-CA', windows: 'C:\\Windows\\System32\\viettel-ca_v6.dll', linux: '/usr/lib/libviettelca.so' },
  { label: 'FPT-CA', windows: 'C:\\Windows\\System32\\fpt-ca.dll', linux: '/usr/lib/libfptca.so' },
  { label: 'SafeNet eToken', windows: 'C:\\Windows\\System32\\eTPKCS11.dll', linux: '/usr/lib/libeTPkcs11.so' },
  { label: 'OpenSC (thẻ chuẩn PKCS#15)', windows: 'C:\\Windows\\System32\\opensc-pkcs11.dll', linux: '/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so' },
];

export interface TokenCertificate {
  /** Stable reference for signing: token serial + CKA_ID + certificate hash. */
  ref: { tokenSerial: string; keyId: string; certSha256: string };
  tokenLabel: string;
  label: string;
  subjectName: string;
  issuerName: string;
  serialNumber: string;
  validFrom: string;
  validTo: string;
  der: Buffer;
}

function cn(dn: string): string {
  const line = dn.split('\n').find((l) => l.startsWith('CN='));
  return line ? line.slice(3) : dn.replace(/\n/g, ', ');
}

const trim = (s: string): string => s.replace(/\0/g, '').trim();

function pkcs11Code(error: unknown): string | null {
  const m = /(CKR_[A-Z_]+)/.exec(error instanceof Error ? error.message : String(error));
  return m ? m[1] : null;
}

function tokenError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  switch (pkcs11Code(error)) {
    case 'CKR_PIN_INCORRECT':
      return new AppError('auth-failed', 'Mã PIN không đúng. Văn bản chưa được ký và chưa phát hành. Lưu ý: nhập sai nhiều lần liên tiếp sẽ khóa thiết bị ký số.');
    case 'CKR_PIN_LOCKED':
      return new AppError('auth-failed', 'Thiết bị ký số đã bị khóa do nhập sai mã PIN quá số lần cho phép. Liên hệ tổ chức cung cấp chứng thư số để mở khóa.');
    case 'CKR_PIN_LEN_RANGE':
      return new AppError('auth-failed', 'Mã PIN không đúng độ dài. Văn bản chưa được ký.');
    case 'CKR_TOKEN_NOT_PRESENT':
    case 'CKR_DEVICE_REMOVED':
    case 'CKR_SLOT_ID_INVALID':
    case 'CKR_SESSION_HANDLE_INVALID':
    case 'CKR_TOKEN_NOT_RECOGNIZED':
      return removedToken();
    default:
      return new AppError('internal', 'Thiết bị ký số báo lỗi khi ký. Rút ra, cắm lại thiết bị rồi thử lại; văn bản chưa được phát hành.');
  }
}

function removedToken(): AppError {
  return new AppError('not-found', 'Không tìm thấy thiết bị ký số (USB token) đã chọn: thiết bị đã bị rút ra hoặc đổi sang thiết bị khác. Cắm lại thiết bị rồi ký lại; văn bản chưa được phát hành.');
}

/** Loads and initialises the library; Vietnamese errors for a missing or wrong file. */
function openLibrary(libraryPath: string): Pkcs11Types.PKCS11 {
  if (!libraryPath || !existsSync(libraryPath)) {
    throw new AppError('not-found', `Không tìm thấy thư viện PKCS#11 của thiết bị ký số tại "${libraryPath}". Quản trị viên cần chọn lại tệp thư viện (ví dụ tệp .dll do tổ chức cung cấp chứng thư số cài đặt).`);
  }
  const p = new pkcs11js.PKCS11();
  try {
    p.load(libraryPath);
  } catch {
    throw new AppError('invalid-input', `Tệp "${libraryPath}" không phải là thư viện PKCS#11 dùng được. Quản trị viên cần chọn đúng tệp thư viện của thiết bị ký số.`);
  }
  try {
    p.C_Initialize();
  } catch (error) {
    if (pkcs11Code(error) !== 'CKR_CRYPTOKI_ALREADY_INITIALIZED') {
      closeLibrary(p);
      throw tokenError(error);
    }
  }
  return p;
}

function closeLibrary(p: Pkcs11Types.PKCS11): void {
  try {
    p.C_Finalize();
  } catch {
    // not initialised, or the token is gone
  }
  try {
    p.close();
  } catch {
    // unloaded already
  }
}

/** Loads the library, runs `fn`, always finalises. */
function withLibrary<T>(libraryPath: string, fn: (p: Pkcs11Types.PKCS11) => T): T {
  const p = openLibrary(libraryPath);
  try {
    return fn(p);
  } finally {
    closeLibrary(p);
  }
}

function findObjects(p: Pkcs11Types.PKCS11, session: Buffer, template: Pkcs11Types.Template): Buffer[] {
  p.C_FindObjectsInit(session, template);
  try {
    return p.C_FindObjects(session, 100);
  } finally {
    p.C_FindObjectsFinal(session);
  }
}

function listOnSlot(p: Pkcs11Types.PKCS11, slot: Buffer): TokenCertificate[] {
  const info = p.C_GetTokenInfo(slot);
  // A blank token (never initialised by its issuer) holds nothing to sign with.
  if (!(info.flags & pkcs11js.CKF_TOKEN_INITIALIZED)) return [];
  const session = p.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION);
  try {
    const out: TokenCertificate[] = [];
    for (const h of findObjects(p, session, [{ type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_CERTIFICATE }])) {
      const [value, id, label] = p.C_GetAttributeValue(session, h, [{ type: pkcs11js.CKA_VALUE }, { type: pkcs11js.CKA_ID }, { type: pkcs11js.CKA_LABEL }]);
      if (!(value.value instanceof Buffer) || !(id.value instanceof Buffer) || id.value.length === 0) continue;
      let cert: X509Certificate;
      try {
        cert = new X509Certificate(value.value);
      } catch {
        continue;
      }
      out.push({
        ref: { tokenSerial: trim(info.serialNumber), keyId: id.value.toString('hex'), certSha256: createHash('sha256').update(cert.raw).digest('hex') },
        tokenLabel: trim(info.label),
        label: label.value instanceof Buffer ? label.value.toString('utf8') : '',
        subjectName: cn(cert.subject),
        issuerName: cn(cert.issuer),
        serialNumber: cert.serialNumber,
        validFrom: new Date(cert.validFrom).toISOString(),
        validTo: new Date(cert.validTo).toISOString(),
        der: Buffer.from(cert.raw),
      });
    }
    return out;
  } finally {
    p.C_CloseSession(session);
  }
}

/** Certificates (with a key id) on every token the library sees. */
export function listTokenCertificates(libraryPath: string): TokenCertificate[] {
  return withLibrary(libraryPath, (p) => {
    try {
      return p.C_GetSlotList(true).flatMap((slot) => listOnSlot(p, slot));
    } catch (error) {
      throw tokenError(error);
    }
  });
}

/** PKCS#11 ECDSA returns r‖s; CMS wants the DER Ecdsa-Sig-Value. */
function ecdsaRawToDer(raw: Buffer): Buffer {
  const half = raw.length / 2;
  const big = (b: Buffer) => BigInt(`0x${b.toString('hex') || '0'}`);
  return seq(integer(big(raw.subarray(0, half))), integer(big(raw.subarray(half))));
}

export interface TokenSignRequest {
  libraryPath: string;
  ref: TokenCertificate['ref'];
  /** Asks the PIN in a main-process dialog; null when the signer cancels. Called after the certificate checks. */
  askPin: (cert: TokenCertificate) => Promise<string | null>;
  /** Used to refuse a certificate that is not valid now. */
  now: Date;
}

/**
 * Finds the chosen certificate again (the token may have been swapped since listing), checks its
 * validity, logs in and returns the certificate and a CmsSigner. The signer runs C_Sign while the
 * session is open, inside `use`.
 */
export async function withTokenSigner<T>(req: TokenSignRequest, use: (certDer: Buffer, sign: CmsSigner) => Promise<T>): Promise<T> {
  const p = openLibrary(req.libraryPath);
  let session: Buffer | null = null;
  let loggedIn = false;
  try {
    let found: { slot: Buffer; cert: TokenCertificate } | null = null;
    try {
      for (const slot of p.C_GetSlotList(true)) {
        const cert = listOnSlot(p, slot).find((c) => c.ref.tokenSerial === req.ref.tokenSerial && c.ref.keyId === req.ref.keyId && c.ref.certSha256 === req.ref.certSha256);
        if (cert) {
          found = { slot, cert };
          break;
        }
      }
    } catch (error) {
      throw tokenError(error);
    }
    if (!found) throw removedToken();
    const x509 = new X509Certificate(found.cert.der);
    if (req.now > new Date(x509.validTo)) {
      throw new AppError('invalid-input', `Chứng thư số của ${found.cert.subjectName} đã hết hạn từ ${formatViDate(new Date(x509.validTo))}. Không ký được; văn bản chưa được phát hành. Liên hệ tổ chức cung cấp chứng thư số để gia hạn.`);
    }
    if (req.now < new Date(x509.validFrom)) {
      throw new AppError('invalid-input', `Chứng thư số của ${found.cert.subjectName} chỉ có hiệu lực từ ${formatViDate(new Date(x509.validFrom))}. Văn bản chưa được phát hành.`);
    }
    const keyType = certificateKeyType(x509);
    const pin = await req.askPin(found.cert);
    if (pin === null) throw new AppError('cancelled', 'Đã hủy ký số; văn bản chưa được phát hành.');
    try {
      session = p.C_OpenSession(found.slot, pkcs11js.CKF_SERIAL_SESSION);
      p.C_Login(session, pkcs11js.CKU_USER, pin);
      loggedIn = true;
    } catch (error) {
      throw tokenError(error);
    }
    const openSession = session;
    const keys = findObjects(p, openSession, [
      { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY },
      { type: pkcs11js.CKA_ID, value: Buffer.from(req.ref.keyId, 'hex') },
    ]);
    if (keys.length === 0) throw new AppError('not-found', 'Thiết bị ký số không có khóa bí mật đi kèm chứng thư số đã chọn. Chọn chứng thư số khác.');
    const key = keys[0];
    const sign: CmsSigner = async (data) => {
      try {
        if (keyType === 'rsa') {
          p.C_SignInit(openSession, { mechanism: pkcs11js.CKM_SHA256_RSA_PKCS }, key);
          return Buffer.from(p.C_Sign(openSession, data, Buffer.alloc(1024)));
        }
        p.C_SignInit(openSession, { mechanism: pkcs11js.CKM_ECDSA }, key);
        const digest = createHash('sha256').update(data).digest();
        return ecdsaRawToDer(Buffer.from(p.C_Sign(openSession, digest, Buffer.alloc(256))));
      } catch (error) {
        throw tokenError(error);
      }
    };
    return await use(found.cert.der, sign);
  } finally {
    if (session) {
      try {
        if (loggedIn) p.C_Logout(session);
        p.C_CloseSession(session);
      } catch {
        // token gone
      }
    }
    closeLibrary(p);
  }
}

export function formatViDate(d: Date): string {
  const local = new Date(d.getTime() + 7 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(local.getUTCDate())}/${p(local.getUTCMonth() + 1)}/${local.getUTCFullYear()}`;
}

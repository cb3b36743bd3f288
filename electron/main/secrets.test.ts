import { describe, expect, it } from 'vitest';
import type { SecretBox } from './deps';
import { openSecret, sealSecret } from './secrets';

const xor: SecretBox = { available: () => true, encrypt: (b) => Buffer.from(b.map((x) => x ^ 0x5a)), decrypt: (b) => Buffer.from(b.map((x) => x ^ 0x5a)) };
const none: SecretBox = { available: () => false, encrypt: (b) => b, decrypt: (b) => b };
const secret = Buffer.from('khóa bí mật 32 byte.............');

describe('secrets in main files', () => {
  it('encrypts with the OS store where it is available, keeps plain base64 where not, and opens both', () => {
    const sealed = sealSecret(xor, secret);
    expect(sealed.osEncrypted).toBe(true);
    expect(sealed.value).not.toBe(secret.toString('base64'));
    expect(openSecret(xor, sealed.value, true, 'khóa ký')).toEqual(secret);
    const plain = sealSecret(none, secret);
    expect(plain).toEqual({ value: secret.toString('base64'), osEncrypted: false });
    expect(openSecret(none, plain.value, false, 'khóa ký')).toEqual(secret);
  });

  it('says which key cannot be opened, and why', () => {
    const sealed = sealSecret(xor, secret);
    expect(() => openSecret(none, sealed.value, true, 'khóa niêm phong')).toThrow('Không mở được khóa niêm phong của máy này: kho bí mật của hệ điều hành không sẵn sàng.');
    const otherUser: SecretBox = { ...xor, decrypt: () => { throw new Error('bad'); } };
    expect(() => openSecret(otherUser, sealed.value, true, 'khóa ký')).toThrow('Không giải mã được khóa ký của máy này (tài khoản Windows khác hoặc dữ liệu hỏng).');
  });
});

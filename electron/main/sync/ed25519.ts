/** Ed25519 with Node crypto; keys cross module boundaries as raw 32-byte public keys (base64). */
import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

export function rawPublicKey(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  if (jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') throw new Error('not an Ed25519 key');
  return Buffer.from(jwk.x, 'base64url');
}

export function publicKeyBase64(key: KeyObject): string {
  return rawPublicKey(key).toString('base64');
}

export function publicKeyFromBase64(base64: string): KeyObject {
  const raw = Buffer.from(base64, 'base64');
  if (raw.length !== 32) throw new Error('Ed25519 public key must be 32 bytes');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
}

/** Signs context ‖ message; the context keeps a signature for one purpose from passing as another. */
export function signWithContext(context: string, message: Uint8Array, privateKey: KeyObject): Buffer {
  return sign(null, Buffer.concat([Buffer.from(context, 'utf8'), message]), privateKey);
}

export function verifyWithContext(context: string, message: Uint8Array, signature: Uint8Array, publicKey: string | KeyObject): boolean {
  if (signature.length !== 64) return false;
  try {
    const key = typeof publicKey === 'string' ? publicKeyFromBase64(publicKey) : publicKey;
    return verify(null, Buffer.concat([Buffer.from(context, 'utf8'), message]), key, signature);
  } catch {
    return false;
  }
}

export function sha256Hex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

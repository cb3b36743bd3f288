import { sha256 } from '@noble/hashes/sha2.js';
import { base64ToBytes, bytesToHex, isBase64 } from './encoding';

/** Raw Ed25519 public keys are 32 bytes; base64 of that is always 44 characters. */
export const PUBLIC_KEY_BYTES = 32;

/**
 * What two officials read to each other over the phone before trusting a key:
 * the first 8 bytes of SHA-256 of the raw 32-byte public key, as 4 groups of 4 hex characters.
 */
export function fingerprint(publicKey: Uint8Array | string): string {
  const raw = typeof publicKey === 'string' ? decodePublicKey(publicKey) : publicKey;
  if (raw.length !== PUBLIC_KEY_BYTES) throw new Error('Ed25519 public key must be 32 bytes');
  const hex = bytesToHex(sha256(raw).subarray(0, 8)).toUpperCase();
  return `${hex.slice(0, 4)} ${hex.slice(4, 8)} ${hex.slice(8, 12)} ${hex.slice(12, 16)}`;
}

export function isPublicKeyBase64(text: string): boolean {
  return text.length === 44 && isBase64(text) && base64ToBytes(text).length === PUBLIC_KEY_BYTES;
}

function decodePublicKey(text: string): Uint8Array {
  if (!isBase64(text)) throw new Error('public key is not base64');
  return base64ToBytes(text);
}

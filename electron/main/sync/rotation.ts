/** Key rotation: the old key vouches for the new one; the new key proves it is held. */
import type { KeyObject } from 'node:crypto';
import { canonicalJson } from '../../../shared/data/canonical';
import { SIGNING_CONTEXT, type KeyRotation, type KeyRotationBody, type LimitedKey } from '../../../shared/sync/package';
import { publicKeyBase64, signWithContext, verifyWithContext } from './ed25519';

function bodyBytes(body: KeyRotationBody): Buffer {
  const { siteId, oldPublicKey, newPublicKey, createdAt, lastSeq } = body;
  // Announcements made before lastSeq was recorded are signed without it and still verify.
  return Buffer.from(canonicalJson({ siteId, oldPublicKey, newPublicKey, createdAt, ...(lastSeq === undefined ? {} : { lastSeq }) }), 'utf8');
}

export function signKeyRotation(input: { siteId: string; oldKey: KeyObject; newKey: KeyObject; createdAt: string; lastSeq?: number }): KeyRotation {
  const body: KeyRotationBody = {
    siteId: input.siteId,
    oldPublicKey: publicKeyBase64(input.oldKey),
    newPublicKey: publicKeyBase64(input.newKey),
    createdAt: input.createdAt,
    ...(input.lastSeq === undefined ? {} : { lastSeq: input.lastSeq }),
  };
  const bytes = bodyBytes(body);
  return {
    ...body,
    signature: signWithContext(SIGNING_CONTEXT.keyRotation, bytes, input.oldKey).toString('base64'),
    proof: signWithContext(SIGNING_CONTEXT.keyRotationProof, bytes, input.newKey).toString('base64'),
  };
}

export function isValidKeyRotation(rotation: KeyRotation, siteId: string, trustedKey: string): boolean {
  if (rotation.siteId !== siteId || rotation.oldPublicKey !== trustedKey) return false;
  const bytes = bodyBytes(rotation);
  return (
    verifyWithContext(SIGNING_CONTEXT.keyRotation, bytes, Buffer.from(rotation.signature, 'base64'), trustedKey) &&
    verifyWithContext(SIGNING_CONTEXT.keyRotationProof, bytes, Buffer.from(rotation.proof, 'base64'), rotation.newPublicKey)
  );
}

/**
 * Follows the announcements from the key the verifier trusts to the sender's current key.
 * Announcements that start from a key already left behind are skipped; one that starts from
 * the trusted key but is not properly signed returns null (the caller refuses the package).
 */
export function followKeyRotations(siteId: string, trustedKey: string, rotations: readonly KeyRotation[] | undefined): string | null {
  return followKeyRotationPath(siteId, trustedKey, rotations)?.key ?? null;
}

/** The same walk, with the keys left behind on it and the last chain position each may prove. */
export function followKeyRotationPath(siteId: string, trustedKey: string, rotations: readonly KeyRotation[] | undefined): { key: string; replaced: LimitedKey[] } | null {
  let key = trustedKey;
  const replaced: LimitedKey[] = [];
  for (const rotation of rotations ?? []) {
    if (rotation.oldPublicKey !== key) continue;
    if (!isValidKeyRotation(rotation, siteId, key)) return null;
    replaced.push({ publicKey: key, ...(rotation.lastSeq === undefined ? {} : { lastSeq: rotation.lastSeq }) });
    key = rotation.newPublicKey;
  }
  return { key, replaced };
}

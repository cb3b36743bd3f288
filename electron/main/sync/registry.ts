/** Signing and reading the site registry file (format in shared/sync/registry.ts). */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { canonicalJson } from '../../../shared/data/canonical';
import { fingerprint } from '../../../shared/sync/fingerprint';
import { SIGNING_CONTEXT, type KeyRotation } from '../../../shared/sync/package';
import {
  MAX_IDENTITY_CARD_BYTES,
  identityCardFileSchema,
  identityCardMessages,
  identityCardSchema,
  type IdentityCard,
  MAX_REGISTRY_FILE_BYTES,
  REGISTRY_FORMAT,
  registryFileSchema,
  registryMessages as msg,
  registrySchema,
  type Registry,
  type RegistryFingerprint,
} from '../../../shared/sync/registry';
import { publicKeyBase64, signWithContext, verifyWithContext } from './ed25519';
import { followKeyRotations } from './rotation';

const viErrors = { error: z.locales.vi().localeError };

/**
 * The signed content of a registry or identity-card file, not yet checked against its signature:
 * UTF-8 JSON of the file's outer shape (else `wrongKind`), of the format this version writes
 * (`newerFormat` for a later one, `invalid` for an earlier one), whose content passes its schema
 * (else `invalid` with the first three problems).
 */
function readSignedFile<F extends { format: number }, C>(
  bytes: Uint8Array,
  fileSchema: z.ZodType<F>,
  contentOf: (file: F) => unknown,
  contentSchema: z.ZodType<C>,
  format: number,
  messages: { wrongKind: string; newerFormat: string; invalid: (detail: string) => string },
): { file: F; content: C } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new AppError('invalid-file', messages.wrongKind);
  }
  const file = fileSchema.safeParse(parsed);
  if (!file.success) throw new AppError('invalid-file', messages.wrongKind);
  if (file.data.format > format) throw new AppError('invalid-file', messages.newerFormat);
  const content = contentSchema.safeParse(contentOf(file.data), viErrors);
  if (!content.success || file.data.format !== format) {
    const detail = content.success ? 'phiên bản định dạng không hỗ trợ' : content.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new AppError('invalid-file', messages.invalid(detail));
  }
  return { file: file.data, content: content.data };
}

/** Signs a registry with the coordinator's key; the key must be the coordinator entry's key. */
export function signRegistry(registry: Registry, privateKey: KeyObject, keyRotations: KeyRotation[] = []): Buffer {
  const checked = registrySchema.safeParse(registry, viErrors);
  if (!checked.success) throw new AppError('invalid-input', msg.invalid(checked.error.issues.map((i) => i.message).join('; ')));
  const coordinator = checked.data.sites.find((s) => s.siteId === checked.data.coordinatorSiteId);
  if (!coordinator || coordinator.publicKey !== publicKeyBase64(createPublicKey(privateKey))) {
    throw new AppError('invalid-input', msg.notCoordinator);
  }
  const signature = signWithContext(SIGNING_CONTEXT.registry, Buffer.from(canonicalJson(checked.data), 'utf8'), privateKey);
  const file = {
    kind: 'dondoc-registry',
    format: REGISTRY_FORMAT,
    registry: checked.data,
    signature: signature.toString('base64'),
    ...(keyRotations.length ? { keyRotations } : {}),
  };
  return Buffer.from(JSON.stringify(file, null, 2), 'utf8');
}

export interface VerifiedRegistry {
  registry: Registry;
  /** Fingerprint of the key that signed it: read it aloud with the coordinator before trusting. */
  coordinatorFingerprint: string;
  fingerprints: RegistryFingerprint[];
  /** True when the signature chains to the coordinator key the caller already trusts. */
  signedByTrustedKey: boolean;
}

/**
 * Validates schema and signature. Without a trusted coordinator key the registry must be signed by
 * the coordinator key it lists (self-signed; the user then compares fingerprints by phone). With
 * one, the signer must be that key or a key it handed over to by rotation.
 */
export function verifyRegistry(bytes: Uint8Array, trustedCoordinatorKey: string | null = null): VerifiedRegistry {
  if (bytes.length === 0) throw new AppError('invalid-file', msg.notRegistry);
  if (bytes.length > MAX_REGISTRY_FILE_BYTES) throw new AppError('invalid-file', msg.tooLarge);
  const { file, content: registry } = readSignedFile(bytes, registryFileSchema, (f) => f.registry, registrySchema, REGISTRY_FORMAT, { wrongKind: msg.notRegistry, newerFormat: msg.newerFormat, invalid: msg.invalid });
  const coordinator = registry.sites.find((s) => s.siteId === registry.coordinatorSiteId);
  if (!coordinator) throw new AppError('invalid-file', msg.invalid('thiếu đơn vị điều phối'));

  const message = Buffer.from(canonicalJson(registry), 'utf8');
  const signature = Buffer.from(file.signature, 'base64');
  if (!verifyWithContext(SIGNING_CONTEXT.registry, message, signature, coordinator.publicKey)) {
    throw new AppError('invalid-file', msg.badSignature);
  }
  let signedByTrustedKey = false;
  if (trustedCoordinatorKey) {
    const current = followKeyRotations(registry.coordinatorSiteId, trustedCoordinatorKey, file.keyRotations);
    if (current !== coordinator.publicKey) throw new AppError('not-authorised', msg.notTrustedCoordinator);
    signedByTrustedKey = true;
  }
  return {
    registry,
    coordinatorFingerprint: fingerprint(coordinator.publicKey),
    fingerprints: registry.sites.map((s) => ({ siteId: s.siteId, name: s.name, role: s.role, fingerprint: fingerprint(s.publicKey) })),
    signedByTrustedKey,
  };
}

/** siteId → public key, as verifyPackage wants it. */
export function trustedKeysFromRegistry(registry: Registry): Record<string, string> {
  return Object.fromEntries(registry.sites.map((s) => [s.siteId, s.publicKey]));
}

/** A unit's self-signed identity card, for the coordinator to put into the registry. */
export function signIdentityCard(card: IdentityCard, privateKey: KeyObject): Buffer {
  const result = identityCardSchema.safeParse(card, viErrors);
  if (!result.success) throw new AppError('invalid-input', identityCardMessages.invalid(result.error.issues.map((i) => i.message).join('; ')));
  const checked = result.data;
  if (checked.publicKey !== publicKeyBase64(createPublicKey(privateKey))) throw new AppError('invalid-input', 'Khóa trong tệp khóa không phải khóa của máy này.');
  const signature = signWithContext(SIGNING_CONTEXT.identityCard, Buffer.from(canonicalJson(checked), 'utf8'), privateKey);
  return Buffer.from(JSON.stringify({ kind: 'dondoc-identity', format: 1, card: checked, signature: signature.toString('base64') }, null, 2), 'utf8');
}

export function verifyIdentityCard(bytes: Uint8Array): IdentityCard & { fingerprint: string } {
  const m = identityCardMessages;
  if (bytes.length === 0 || bytes.length > MAX_IDENTITY_CARD_BYTES) throw new AppError('invalid-file', m.notCard);
  const { file, content: card } = readSignedFile(bytes, identityCardFileSchema, (f) => f.card, identityCardSchema, 1, { wrongKind: m.notCard, newerFormat: m.newerFormat, invalid: m.invalid });
  const message = Buffer.from(canonicalJson(card), 'utf8');
  if (!verifyWithContext(SIGNING_CONTEXT.identityCard, message, Buffer.from(file.signature, 'base64'), card.publicKey)) {
    throw new AppError('invalid-file', m.badSignature);
  }
  return { ...card, fingerprint: fingerprint(card.publicKey) };
}

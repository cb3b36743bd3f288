/**
 * The site registry (danh bạ đơn vị): which installations exist, which units each acts for,
 * and their public keys. The coordinating office exports it signed with its own key; a site
 * pairs by importing it and comparing fingerprints by phone before trusting.
 *
 * File (`.dondoc-registry`, UTF-8 JSON, readable in a text editor):
 *   { "kind": "dondoc-registry", "format": 1, "registry": Registry,
 *     "signature": base64 Ed25519 by the coordinator over SIGNING_CONTEXT.registry + canonicalJson(registry),
 *     "keyRotations"?: KeyRotation[]  (the coordinator's, oldest first) }
 */
import { z } from 'zod';
import { keyRotationSchema, limitedKeySchema, publicKeySchema, siteIdSchema } from './package';
import type { AuthorKey } from './authorship';

export const REGISTRY_FORMAT = 1;
export const REGISTRY_EXTENSION = 'dondoc-registry';
export const MAX_REGISTRY_FILE_BYTES = 5 * 1024 * 1024;

export const siteRoleSchema = z.enum(['coordinator', 'unit']);
export type SiteRole = z.infer<typeof siteRoleSchema>;

export const registrySiteSchema = z.strictObject({
  siteId: siteIdSchema,
  name: z.string().trim().min(1, 'tên đơn vị trống').max(200, 'tên đơn vị quá dài'),
  /** Unit ids this installation acts for. */
  units: z.array(z.string().min(1).max(64)).max(500),
  publicKey: publicKeySchema,
  role: siteRoleSchema,
  /**
   * Keys this site signed with before its rotations, oldest first, with when each was replaced:
   * checkpoints they signed keep proving that site's earlier ops (shared/sync/authorship.ts).
   */
  previousKeys: z
    .array(z.strictObject({ ...limitedKeySchema.shape, replacedAt: z.iso.datetime({ offset: true }) }))
    .max(64)
    .optional(),
});
export type RegistrySite = z.infer<typeof registrySiteSchema>;

export const registrySchema = z
  .strictObject({
    format: z.literal(REGISTRY_FORMAT),
    createdAt: z.iso.datetime({ offset: true }),
    coordinatorSiteId: siteIdSchema,
    sites: z.array(registrySiteSchema).min(1).max(2000),
  })
  .superRefine((registry, ctx) => {
    const seen = new Set<string>();
    for (const site of registry.sites) {
      if (seen.has(site.siteId)) ctx.addIssue({ code: 'custom', message: `mã đơn vị ${site.siteId} bị trùng`, path: ['sites'] });
      seen.add(site.siteId);
    }
    const coordinators = registry.sites.filter((s) => s.role === 'coordinator');
    if (coordinators.length !== 1 || coordinators[0].siteId !== registry.coordinatorSiteId) {
      ctx.addIssue({ code: 'custom', message: 'danh bạ phải có đúng một đơn vị điều phối, trùng với coordinatorSiteId', path: ['sites'] });
    }
  });
export type Registry = z.infer<typeof registrySchema>;

/**
 * Every key a registry site's checkpoints may be signed with: the current one, and its earlier
 * ones limited to where each stopped when the registry knows it.
 */
export function siteKeys(site: Pick<RegistrySite, 'publicKey' | 'previousKeys'>): AuthorKey[] {
  return [site.publicKey, ...(site.previousKeys ?? []).map((k) => (k.lastSeq === undefined ? k.publicKey : { publicKey: k.publicKey, lastSeq: k.lastSeq }))];
}

/** What the coordinator's renderer supplies; main adds format, createdAt and its own site and key. */
export const registryDraftSchema = z.object({
  sites: z.array(registrySiteSchema.extend({ publicKey: publicKeySchema.nullable() })).max(2000),
});
export type RegistryDraft = z.infer<typeof registryDraftSchema>;

export const registryFileSchema = z.strictObject({
  kind: z.literal('dondoc-registry'),
  format: z.number().int(),
  registry: z.unknown(),
  signature: z.string().max(200),
  keyRotations: z.array(keyRotationSchema).max(16).optional(),
});

export interface RegistryFingerprint {
  siteId: string;
  name: string;
  role: SiteRole;
  fingerprint: string;
}

export const registryMessages = {
  notRegistry: 'Tệp này không phải danh bạ đơn vị Đôn Đốc.',
  tooLarge: 'Tệp danh bạ quá lớn.',
  newerFormat: 'Danh bạ được tạo bởi phiên bản mới hơn, hãy cập nhật ứng dụng.',
  invalid: (detail: string) => `Danh bạ đơn vị không hợp lệ: ${detail}.`,
  badSignature: 'Chữ ký của danh bạ không hợp lệ: danh bạ không phải do đơn vị điều phối ký hoặc đã bị sửa.',
  notTrustedCoordinator: 'Danh bạ không được ký bằng khóa của đơn vị điều phối đang tin cậy.',
  notCoordinator: 'Chỉ máy của đơn vị điều phối mới xuất được danh bạ đơn vị.',
} as const;

/**
 * Identity card (`.dondoc-key`): how a unit site hands its public key to the coordinator so it
 * can be put in the registry. Self-signed (proves the sender holds the key); the coordinator
 * still compares the fingerprint by phone before adding it.
 *   { "kind": "dondoc-identity", "format": 1, "card": IdentityCard,
 *     "signature": base64 Ed25519 over SIGNING_CONTEXT.identityCard + canonicalJson(card) }
 */
export const IDENTITY_CARD_EXTENSION = 'dondoc-key';
export const MAX_IDENTITY_CARD_BYTES = 64 * 1024;

export const identityCardSchema = z.strictObject({
  siteId: siteIdSchema,
  name: z.string().trim().min(1, 'tên đơn vị trống').max(200, 'tên đơn vị quá dài'),
  units: z.array(z.string().min(1).max(64)).max(500),
  publicKey: publicKeySchema,
  createdAt: z.iso.datetime({ offset: true }),
});
export type IdentityCard = z.infer<typeof identityCardSchema>;

export const identityCardFileSchema = z.strictObject({
  kind: z.literal('dondoc-identity'),
  format: z.number().int(),
  card: z.unknown(),
  signature: z.string().max(200),
});

export const identityCardMessages = {
  notCard: 'Tệp này không phải tệp khóa đơn vị Đôn Đốc (.dondoc-key).',
  newerFormat: 'Tệp khóa được tạo bởi phiên bản mới hơn, hãy cập nhật ứng dụng.',
  invalid: (detail: string) => `Tệp khóa đơn vị không hợp lệ: ${detail}.`,
  badSignature: 'Chữ ký của tệp khóa không hợp lệ: tệp đã bị sửa.',
} as const;

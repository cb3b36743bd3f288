/**
 * Sync by exchanged file, main-process half: this site's key, signed `.dondoc` packages and the
 * site registry. The renderer chooses which ops to send and decides trust; main signs, verifies
 * and touches files. Errors arrive as AppError ('invalid-file' | 'not-authorised' | ...).
 */
import { z } from 'zod';
import { channel } from '../channel';
import { opSchema } from '../../data/ops';
import {
  checkpointSchema,
  defaultPackageLimits,
  MAX_CHECKPOINTS,
  keyRotationSchema,
  manifestSchema,
  limitedKeySchema,
  publicKeySchema,
  sha256HexSchema,
  siteIdSchema,
  versionVectorSchema,
} from '../../sync/package';
import { registrySchema, registrySiteSchema, siteRoleSchema } from '../../sync/registry';

export const siteIdentitySchema = z.object({
  siteId: z.string(),
  publicKey: z.string(),
  /** "3FA2 91C0 7D4B 0E18": read aloud to compare keys by phone. */
  fingerprint: z.string(),
  /** False when the private key is protected only by file permissions (no OS secret store). */
  osEncrypted: z.boolean(),
  createdAt: z.string(),
  /** Announcements of this site's earlier keys handing over to the current one (attached to every package). */
  rotations: z.array(keyRotationSchema),
});
export type SiteIdentityData = z.infer<typeof siteIdentitySchema>;

export const packageDataSchema = z.object({
  manifest: manifestSchema,
  ops: z.array(opSchema),
  /** SHA-256 of the whole file: dedup key ("already imported") and the next package's prevPackageHash. */
  packageHash: sha256HexSchema,
  signerPublicKey: z.string(),
  /** Non-null when the sender rotated to a key you did not trust yet, vouched for by the trusted one: record it. */
  newSignerKey: z.object({ publicKey: z.string(), fingerprint: z.string(), replaced: z.array(limitedKeySchema).max(16) }).nullable(),
  /** Main's check of each op's author (shared/sync/authorship.ts): ops not proven, and the checkpoints that verified. */
  authorship: z.object({
    refused: z.array(z.object({ index: z.number().int().min(0), reason: z.string() })),
    checkpoints: z.array(checkpointSchema).max(MAX_CHECKPOINTS),
  }),
});
export type PackageDataMsg = z.infer<typeof packageDataSchema>;

export const registryFingerprintSchema = z.object({ siteId: z.string(), name: z.string(), role: siteRoleSchema, fingerprint: z.string() });

export const syncChannels = {
  /** This site's public key and fingerprint; creates the key pair on first call. */
  'sync:identity': channel(z.object({}), siteIdentitySchema),
  /** Replaces the key pair; the old key signs an announcement that travels in every later package. */
  'sync:rotateKey': channel(z.object({}), siteIdentitySchema),
  /** Signs the ops into a package for `to` and saves it where the user picks. Main assigns seq and prevPackageHash. */
  'sync:exportPackage': channel(
    z.object({
      to: z.union([siteIdSchema, z.literal('*')]),
      /** Used in the suggested file name only. */
      peerName: z.string().max(200).optional(),
      schemaVersion: z.number().int().min(0).max(1_000_000),
      /** This site's acknowledgement: siteId → highest hlc held from that site. */
      versionVector: versionVectorSchema,
      ops: z.array(opSchema).max(defaultPackageLimits.maxOps),
      /** Other authors' checkpoints covering their ops in `ops`, relayed unchanged; main adds this site's own. */
      checkpoints: z.array(checkpointSchema).max(MAX_CHECKPOINTS).optional(),
    }),
    z.object({
      canceled: z.boolean(),
      path: z.string().nullable(),
      seq: z.number().int().nullable(),
      packageHash: sha256HexSchema.nullable(),
      prevPackageHash: sha256HexSchema.nullable(),
      opCount: z.number().int(),
      bytes: z.number().int(),
    }),
  ),
  /** Lets the user pick a `.dondoc`, verifies it against the keys the renderer trusts (siteId → base64 key). */
  'sync:readPackage': channel(
    z.object({
      trustedKeys: z.record(siteIdSchema, publicKeySchema).refine((keys) => Object.keys(keys).length <= 5000, 'quá nhiều khóa'),
      /** Earlier keys of trusted sites (after rotations): checkpoints they signed stay verifiable. */
      previousKeys: z
        .record(siteIdSchema, z.array(z.union([publicKeySchema, limitedKeySchema])).max(64))
        .refine((keys) => Object.keys(keys).length <= 5000, 'quá nhiều khóa')
        .optional(),
    }),
    z.object({ canceled: z.boolean(), fileName: z.string().nullable(), package: packageDataSchema.nullable() }),
  ),
  /** Saves this site's self-signed identity card (site id, name, units, public key) for the coordinator. */
  'sync:exportIdentityCard': channel(
    z.object({ name: z.string().trim().min(1).max(200), units: z.array(z.string().min(1).max(64)).max(500) }),
    z.object({ canceled: z.boolean(), path: z.string().nullable(), fingerprint: z.string() }),
  ),
  /** Coordinator: reads a unit's identity card; compare `fingerprint` by phone before adding it to the registry. */
  'sync:readIdentityCard': channel(
    z.object({}),
    z.object({
      canceled: z.boolean(),
      fileName: z.string().nullable(),
      card: z
        .object({ siteId: z.string(), name: z.string(), units: z.array(z.string()), publicKey: z.string(), createdAt: z.string(), fingerprint: z.string() })
        .nullable(),
    }),
  ),
  /** Coordinator only: signs the registry with this site's key and saves it. This site's own publicKey may be null (main fills it). */
  'sync:exportRegistry': channel(
    z.object({ sites: z.array(registrySiteSchema.extend({ publicKey: publicKeySchema.nullable() })).min(1).max(2000) }),
    z.object({ canceled: z.boolean(), path: z.string().nullable(), coordinatorFingerprint: z.string() }),
  ),
  /** Lets the user pick a registry file; checks schema and signature, returns it with fingerprints to compare by phone. */
  'sync:readRegistry': channel(
    z.object({ trustedCoordinatorKey: publicKeySchema.nullable() }),
    z.object({
      canceled: z.boolean(),
      fileName: z.string().nullable(),
      result: z
        .object({
          registry: registrySchema,
          coordinatorFingerprint: z.string(),
          fingerprints: z.array(registryFingerprintSchema),
          signedByTrustedKey: z.boolean(),
        })
        .nullable(),
    }),
  ),
};
export type SyncChannel = keyof typeof syncChannels;

/**
 * The `.dondoc` sync package: what is in it and what a verified one looks like.
 * Container layout (all integers big-endian), written and read by electron/main/sync/pack.ts:
 *
 *   offset 0   8 bytes  magic "DONDOCPK"
 *   offset 8   2 bytes  container format (uint16) — equals manifest.format
 *   offset 10  4 bytes  manifest length M (uint32)
 *   offset 14  M bytes  manifest: canonical JSON, UTF-8, uncompressed (readable without inflating)
 *   then      64 bytes  Ed25519 signature over SIGNING_CONTEXT.package + manifest bytes
 *   then      the rest  payload: raw DEFLATE of NDJSON, one op per line (each line JSON of an Op)
 *
 * manifest.payloadSha256 is SHA-256 of the payload bytes exactly as stored (compressed), so the
 * signature covers the payload and tampering is caught before anything is inflated;
 * manifest.payloadBytes is its inflated size, which bounds the inflate.
 */
import { z } from 'zod';
import { isHlc } from '../data/hlc';
import type { Op } from '../data/ops';
import { isPublicKeyBase64 } from './fingerprint';

export const PACKAGE_MAGIC = 'DONDOCPK';
/** 2: ops carry their author's chain position and the manifest carries the authors' checkpoints. */
export const PACKAGE_FORMAT = 2;
export const PACKAGE_EXTENSION = 'dondoc';
export const HEADER_BYTES = 14;
export const SIGNATURE_BYTES = 64;

/** Domain separation: a signature made for one purpose can never be replayed as another. */
export const SIGNING_CONTEXT = {
  package: 'DONDOC-PACKAGE-MANIFEST-v1\0',
  registry: 'DONDOC-REGISTRY-v1\0',
  keyRotation: 'DONDOC-KEY-ROTATION-v1\0',
  keyRotationProof: 'DONDOC-KEY-ROTATION-PROOF-v1\0',
  identityCard: 'DONDOC-IDENTITY-CARD-v1\0',
  checkpoint: 'DONDOC-CHECKPOINT-v1\0',
} as const;
export const CHECKPOINT_CONTEXT = SIGNING_CONTEXT.checkpoint;

export interface PackageLimits {
  /** Whole file on disk. */
  maxFileBytes: number;
  /** Manifest JSON. */
  maxManifestBytes: number;
  /** Inflated payload; inflating stops here, so a decompression bomb is never expanded. */
  maxPayloadBytes: number;
  maxOps: number;
  /** One op's JSON line. Field lengths inside an op are bounded by opSchema. */
  maxOpBytes: number;
}

export const defaultPackageLimits: PackageLimits = {
  maxFileBytes: 256 * 1024 * 1024,
  maxManifestBytes: 4 * 1024 * 1024,
  maxPayloadBytes: 512 * 1024 * 1024,
  maxOps: 500_000,
  maxOpBytes: 1024 * 1024,
};

export const siteIdSchema = z
  .string()
  .min(1, 'mã đơn vị trống')
  .max(64, 'mã đơn vị quá dài')
  .regex(/^[A-Za-z0-9._:-]+$/, 'mã đơn vị chứa ký tự không hợp lệ');
export const publicKeySchema = z.string().refine(isPublicKeyBase64, 'khóa công khai không phải khóa Ed25519 (32 byte, base64)');
export const sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/, 'mã băm SHA-256 không hợp lệ');
export const hlcStringSchema = z.string().max(120).refine(isHlc, 'dấu thời gian (HLC) không hợp lệ');
const signatureSchema = z.string().regex(/^[A-Za-z0-9+/]{86}==$/, 'chữ ký không hợp lệ');
const isoDateTimeSchema = z.iso.datetime({ offset: true });

/** What a site's old key says when it hands over to a new one. */
export const keyRotationBodySchema = z.strictObject({
  siteId: siteIdSchema,
  oldPublicKey: publicKeySchema,
  newPublicKey: publicKeySchema,
  createdAt: isoDateTimeSchema,
  /**
   * The last position of the site's own op chain that the old key signed a checkpoint for (0:
   * none). Checkpoints by the old key beyond it are refused, so a key stolen after it was
   * replaced cannot extend the chain. Absent in announcements made before this was recorded.
   */
  lastSeq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
});
export type KeyRotationBody = z.infer<typeof keyRotationBodySchema>;

/**
 * A key a site signed with before a rotation and the last position of its op chain that key may
 * prove (shared/sync/authorship.ts); without `lastSeq` (older records) the key is not limited.
 */
export const limitedKeySchema = z.strictObject({ publicKey: publicKeySchema, lastSeq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional() });
export type LimitedKey = z.infer<typeof limitedKeySchema>;

/**
 * A key rotation announcement: `signature` by the old key (what makes peers accept it) and
 * `proof` by the new key (the announcer really holds it), both over the canonical body.
 */
export const keyRotationSchema = keyRotationBodySchema.extend({ signature: signatureSchema, proof: signatureSchema });
export type KeyRotation = z.infer<typeof keyRotationSchema>;

/** An author's signed statement "my op number seq has chain hash head" (shared/sync/authorship.ts). */
export const checkpointBodySchema = z.strictObject({
  site: siteIdSchema,
  seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  head: sha256HexSchema,
  /** The public key (base64) that signs it: one of the site's current or earlier keys. */
  key: publicKeySchema,
});
export type CheckpointBody = z.infer<typeof checkpointBodySchema>;
export const checkpointSchema = checkpointBodySchema.extend({ signature: signatureSchema });
export type Checkpoint = z.infer<typeof checkpointSchema>;
export const MAX_CHECKPOINTS = 10_000;

export const versionVectorSchema = z
  .record(siteIdSchema, hlcStringSchema)
  .refine((v) => Object.keys(v).length <= 5000, 'vector phiên bản có quá nhiều đơn vị');
export type VersionVector = z.infer<typeof versionVectorSchema>;

export const manifestSchema = z.strictObject({
  format: z.literal(PACKAGE_FORMAT),
  /** Sender's database schema version; a newer one than the app knows is the renderer's call. */
  schemaVersion: z.number().int().min(0).max(1_000_000),
  from: siteIdSchema,
  /** A site id, or '*' for a package any site may import. */
  to: z.union([siteIdSchema, z.literal('*')]),
  /** 1, 2, 3… per (sender, recipient) stream, so a recipient can see which package it missed. */
  seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  /** SHA-256 of the whole previous package file of the same stream; null for the first. */
  prevPackageHash: sha256HexSchema.nullable(),
  createdAt: isoDateTimeSchema,
  opCount: z.number().int().min(0),
  payloadBytes: z.number().int().min(0),
  payloadSha256: sha256HexSchema,
  /** Sender's acknowledgement: for each site, the highest hlc it holds from that site. */
  versionVector: versionVectorSchema,
  appVersion: z.string().max(40).optional(),
  /** Oldest first; lets a peer that still trusts an old key follow the chain to the signer's current key. */
  keyRotations: z.array(keyRotationSchema).max(16).optional(),
  /** Per author of ops in the package, the author's signed checkpoint at its last op here (relayed unchanged). */
  checkpoints: z.array(checkpointSchema).max(MAX_CHECKPOINTS),
});
export type Manifest = z.infer<typeof manifestSchema>;

/** What the exporter chooses; main fills in format, seq, hashes, counts and rotations. */
export const manifestFieldsSchema = manifestSchema.pick({
  schemaVersion: true,
  from: true,
  to: true,
  seq: true,
  prevPackageHash: true,
  createdAt: true,
  versionVector: true,
  appVersion: true,
  keyRotations: true,
  checkpoints: true,
});
export type ManifestFields = z.input<typeof manifestFieldsSchema>;

/** A site id → its trusted public key (base64 of the raw 32 bytes). */
export type TrustedKeys = Readonly<Record<string, string>>;

declare const verifiedBrand: unique symbol;

/** A package as plain data, e.g. after crossing IPC (the brand does not survive). */
export interface PackageData {
  manifest: Manifest;
  ops: Op[];
  /** SHA-256 (hex) of the whole file: the dedup key and the next package's prevPackageHash. */
  packageHash: string;
  /** The key that signed it (after following any key rotation). */
  signerPublicKey: string;
  /**
   * Set when the package moved the sender to a key the verifier did not yet trust; `replaced`
   * lists the keys left behind on the way, each with the last chain position it may prove.
   */
  newSignerKey: { publicKey: string; fingerprint: string; replaced: LimitedKey[] } | null;
  /** Authorship of each op (shared/sync/authorship.ts): the ops not proven, and the checkpoints that verified. */
  authorship: PackageAuthorship;
}

export interface PackageAuthorship {
  /** Index into `ops` and the Vietnamese reason, for every op whose author is not proven. */
  refused: { index: number; reason: string }[];
  checkpoints: Checkpoint[];
}

/** Only verifyPackage makes one: size, format, schema, hash, signature and recipient all checked. */
export type VerifiedPackage = PackageData & { readonly [verifiedBrand]: true };

/** Structurally valid (and hash-checked) but whose signature has not been checked: for inspection only. */
export type UnverifiedPackage = Omit<PackageData, 'signerPublicKey' | 'newSignerKey' | 'authorship'> & { signature: string; readonly [verifiedBrand]?: never };

export const packageMessages = {
  empty: 'Tệp rỗng, không phải gói dữ liệu Đôn Đốc.',
  notPackage: 'Tệp này không phải gói dữ liệu Đôn Đốc (.dondoc).',
  tooLarge: (bytes: number, max: number) => `Tệp quá lớn (${mb(bytes)}); giới hạn là ${mb(max)}.`,
  newerFormat: 'Gói được tạo bởi phiên bản mới hơn, hãy cập nhật ứng dụng.',
  unknownFormat: (format: number) => `Gói có định dạng không được hỗ trợ (phiên bản ${format}).`,
  truncated: 'Gói dữ liệu bị cắt cụt hoặc hỏng (thiếu phần đầu, mô tả hoặc chữ ký).',
  manifestTooLarge: 'Phần mô tả của gói quá lớn; gói bị hỏng hoặc bị sửa.',
  manifestUnreadable: 'Phần mô tả của gói bị hỏng (không đọc được).',
  manifestNotCanonical: 'Phần mô tả của gói đã bị sửa (không đúng dạng chuẩn).',
  manifestInvalid: (detail: string) => `Phần mô tả của gói không hợp lệ: ${detail}.`,
  payloadHash: 'Nội dung gói đã bị thay đổi hoặc hỏng (mã băm không khớp).',
  payloadTooLarge: (bytes: number, max: number) => `Nội dung gói sau giải nén quá lớn (${mb(bytes)}); giới hạn là ${mb(max)}.`,
  payloadInflate: 'Nội dung gói không giải nén được hoặc lớn hơn kích thước đã khai báo.',
  payloadSize: 'Kích thước nội dung gói sau giải nén không khớp với phần mô tả.',
  tooManyOps: (count: number, max: number) => `Gói có quá nhiều thao tác (${count.toLocaleString('vi-VN')}); giới hạn là ${max.toLocaleString('vi-VN')}.`,
  opCountMismatch: (declared: number, actual: number) => `Số thao tác trong gói (${actual}) không khớp với phần mô tả (${declared}).`,
  opTooLong: (index: number, max: number) => `Thao tác thứ ${index} quá dài (hơn ${mb(max)}).`,
  opUnreadable: (index: number) => `Thao tác thứ ${index} bị hỏng (không đọc được).`,
  opInvalid: (index: number, detail: string) => `Thao tác thứ ${index} không hợp lệ: ${detail}.`,
  untrustedSender: (siteId: string) => `Gói đến từ đơn vị chưa được tin cậy (${siteId}); hãy nhập danh bạ đơn vị và đối chiếu dấu vân tay khóa trước.`,
  badSignature: (siteId: string) => `Chữ ký số của gói không hợp lệ: gói không phải do đơn vị ${siteId} ký hoặc đã bị sửa.`,
  badRotation: (siteId: string) => `Thông báo đổi khóa của đơn vị ${siteId} không hợp lệ (không được ký bằng khóa đang tin cậy).`,
  wrongRecipient: (to: string, me: string) => `Gói này gửi cho đơn vị khác (${to}), không phải đơn vị này (${me}).`,
  fromSelf: 'Gói này do chính máy này tạo ra; không cần nhập.',
} as const;

function mb(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

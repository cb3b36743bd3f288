/**
 * Packs and verifies `.dondoc` sync packages (layout in shared/sync/package.ts).
 * Verification refuses as early and as cheaply as possible: sizes and header first, then the
 * small manifest, then the signature (so an untrusted file is never inflated), then the payload
 * hash, then a bounded inflate, then every op.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { KeyObject } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { opSchema, type Op } from '../../../shared/data/ops';
import { canonicalJson } from '../../../shared/data/canonical';
import { fingerprint } from '../../../shared/sync/fingerprint';
import {
  HEADER_BYTES,
  PACKAGE_FORMAT,
  PACKAGE_MAGIC,
  SIGNATURE_BYTES,
  SIGNING_CONTEXT,
  defaultPackageLimits,
  manifestFieldsSchema,
  manifestSchema,
  packageMessages as msg,
  type Manifest,
  type LimitedKey,
  type ManifestFields,
  type PackageLimits,
  type TrustedKeys,
  type UnverifiedPackage,
  type VerifiedPackage,
} from '../../../shared/sync/package';
import { sha256Hex, signWithContext, verifyWithContext } from './ed25519';
import { followKeyRotationPath } from './rotation';
import { proveOps } from './authorship';
import { authorKeyText, type AuthorKey } from '../../../shared/sync/authorship';

const MAGIC = Buffer.from(PACKAGE_MAGIC, 'latin1');
const NEWLINE = 0x0a;
const viErrors = { error: z.locales.vi().localeError };
const utf8 = new TextDecoder('utf-8', { fatal: true });

export interface PackInput {
  manifestFields: ManifestFields;
  ops: readonly Op[];
  privateKey: KeyObject;
}

/** Builds and signs a package. Refuses (invalid-input) fields or ops that a verifier would refuse. */
export function packPackage(input: PackInput): Buffer {
  const fields = manifestFieldsSchema.safeParse(input.manifestFields, viErrors);
  if (!fields.success) throw new AppError('invalid-input', `Không tạo được gói: ${describeIssues(fields.error)}.`);
  for (let i = 0; i < input.ops.length; i++) {
    const op = opSchema.safeParse(input.ops[i], viErrors);
    if (!op.success) throw new AppError('invalid-input', `Không tạo được gói: thao tác thứ ${i + 1} không hợp lệ: ${describeIssues(op.error)}.`);
  }
  const payloadText = Buffer.from(input.ops.map((op) => JSON.stringify(op)).join('\n'), 'utf8');
  const payload = deflateRawSync(payloadText);
  const manifest: Manifest = {
    ...fields.data,
    format: PACKAGE_FORMAT,
    opCount: input.ops.length,
    payloadBytes: payloadText.length,
    payloadSha256: sha256Hex(payload),
  };
  return encodePackage(manifest, payload, input.privateKey);
}

/** Low level: signs the canonical manifest and lays out the container. Used by packPackage and by tests. */
export function encodePackage(manifest: unknown, payload: Uint8Array, privateKey: KeyObject, containerFormat = PACKAGE_FORMAT): Buffer {
  const manifestBytes = Buffer.from(canonicalJson(manifest), 'utf8');
  const signature = signWithContext(SIGNING_CONTEXT.package, manifestBytes, privateKey);
  const header = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(header, 0);
  header.writeUInt16BE(containerFormat, 8);
  header.writeUInt32BE(manifestBytes.length, 10);
  return Buffer.concat([header, manifestBytes, signature, payload]);
}

/** The container taken apart and the manifest checked; nothing inflated, signature not yet checked. */
export interface PackageEnvelope {
  manifest: Manifest;
  manifestBytes: Buffer;
  signature: Buffer;
  payload: Buffer;
  packageHash: string;
}

export function readEnvelope(input: Uint8Array, limits: PackageLimits = defaultPackageLimits): PackageEnvelope {
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (bytes.length === 0) throw invalid(msg.empty);
  if (bytes.length > limits.maxFileBytes) throw invalid(msg.tooLarge(bytes.length, limits.maxFileBytes));
  const prefix = Math.min(bytes.length, MAGIC.length);
  if (!bytes.subarray(0, prefix).equals(MAGIC.subarray(0, prefix))) throw invalid(msg.notPackage);
  if (bytes.length < HEADER_BYTES) throw invalid(msg.truncated);
  const format = bytes.readUInt16BE(8);
  checkFormat(format);
  const manifestLength = bytes.readUInt32BE(10);
  if (manifestLength > limits.maxManifestBytes) throw invalid(msg.manifestTooLarge);
  const signatureStart = HEADER_BYTES + manifestLength;
  const payloadStart = signatureStart + SIGNATURE_BYTES;
  if (payloadStart > bytes.length) throw invalid(msg.truncated);

  const manifestBytes = bytes.subarray(HEADER_BYTES, signatureStart);
  let text: string;
  let parsed: unknown;
  try {
    text = utf8.decode(manifestBytes);
    parsed = JSON.parse(text);
  } catch {
    throw invalid(msg.manifestUnreadable);
  }
  if (parsed && typeof parsed === 'object' && 'format' in parsed && typeof parsed.format === 'number') checkFormat(parsed.format);
  if (canonicalJson(parsed) !== text) throw invalid(msg.manifestNotCanonical);
  const result = manifestSchema.safeParse(parsed, viErrors);
  if (!result.success) throw invalid(msg.manifestInvalid(describeIssues(result.error)));
  const manifest = result.data;
  if (manifest.format !== format) throw invalid(msg.manifestInvalid('phiên bản định dạng không khớp với phần đầu tệp'));
  if (manifest.payloadBytes > limits.maxPayloadBytes) throw invalid(msg.payloadTooLarge(manifest.payloadBytes, limits.maxPayloadBytes));
  if (manifest.opCount > limits.maxOps) throw invalid(msg.tooManyOps(manifest.opCount, limits.maxOps));

  return {
    manifest,
    manifestBytes,
    signature: bytes.subarray(signatureStart, payloadStart),
    payload: bytes.subarray(payloadStart),
    packageHash: sha256Hex(bytes),
  };
}

function checkFormat(format: number): void {
  if (format > PACKAGE_FORMAT) throw invalid(msg.newerFormat);
  if (format !== PACKAGE_FORMAT) throw invalid(msg.unknownFormat(format));
}

export interface SignatureCheck {
  /** The key that verified the signature (the sender's current key). */
  signerPublicKey: string;
  /** Non-null when a key rotation moved the sender to a key the caller did not trust yet. */
  newSignerKey: { publicKey: string; fingerprint: string; replaced: LimitedKey[] } | null;
}

/** Checks the manifest signature against the sender's trusted key (following key rotations). */
export function checkSignature(envelope: PackageEnvelope, trustedKeys: TrustedKeys): SignatureCheck {
  const { from } = envelope.manifest;
  const trusted = Object.prototype.hasOwnProperty.call(trustedKeys, from) ? trustedKeys[from] : undefined;
  if (!trusted) throw new AppError('not-authorised', msg.untrustedSender(from));
  const path = followKeyRotationPath(from, trusted, envelope.manifest.keyRotations);
  if (!path) throw new AppError('not-authorised', msg.badRotation(from));
  const signer = path.key;
  if (!verifyWithContext(SIGNING_CONTEXT.package, envelope.manifestBytes, envelope.signature, signer)) {
    throw invalid(msg.badSignature(from));
  }
  return { signerPublicKey: signer, newSignerKey: signer === trusted ? null : { publicKey: signer, fingerprint: fingerprint(signer), replaced: path.replaced } };
}

/** Hash check, bounded inflate and op validation. Call only after checkSignature (or for inspection). */
export function readOps(envelope: PackageEnvelope, limits: PackageLimits = defaultPackageLimits): Op[] {
  const { manifest } = envelope;
  if (sha256Hex(envelope.payload) !== manifest.payloadSha256) throw invalid(msg.payloadHash);
  let text: Buffer;
  try {
    // Inflation stops at the declared size: a bomb costs at most that much, never its full expansion.
    text = inflateRawSync(envelope.payload, { maxOutputLength: Math.max(1, Math.min(manifest.payloadBytes, limits.maxPayloadBytes)) });
  } catch {
    throw invalid(msg.payloadInflate);
  }
  if (text.length !== manifest.payloadBytes) throw invalid(msg.payloadSize);

  let lines = text.length === 0 ? 0 : 1;
  for (let at = text.indexOf(NEWLINE); at !== -1; at = text.indexOf(NEWLINE, at + 1)) {
    lines++;
    if (lines > limits.maxOps) throw invalid(msg.tooManyOps(lines, limits.maxOps));
  }
  if (lines !== manifest.opCount) throw invalid(msg.opCountMismatch(manifest.opCount, lines));

  const ops: Op[] = new Array<Op>(lines);
  let start = 0;
  for (let i = 0; i < lines; i++) {
    const end = i === lines - 1 ? text.length : text.indexOf(NEWLINE, start);
    if (end - start > limits.maxOpBytes) throw invalid(msg.opTooLong(i + 1, limits.maxOpBytes));
    let value: unknown;
    try {
      value = JSON.parse(utf8.decode(text.subarray(start, end)));
    } catch {
      throw invalid(msg.opUnreadable(i + 1));
    }
    const op = opSchema.safeParse(value, viErrors);
    if (!op.success) throw invalid(msg.opInvalid(i + 1, describeIssues(op.error)));
    ops[i] = op.data;
    start = end + 1;
  }
  return ops;
}

export interface VerifyOptions {
  trustedKeys: TrustedKeys;
  mySiteId: string;
  limits?: Partial<PackageLimits>;
  /**
   * Every key a site's checkpoints may be signed with (current and earlier). Defaults to the
   * trusted key of each site. This site's own keys must come from main, never from the renderer.
   */
  authorKeys?: (site: string) => readonly AuthorKey[];
}

/** The one way to get a VerifiedPackage. Throws AppError ('invalid-file' | 'not-authorised'). */
export function verifyPackage(bytes: Uint8Array, options: VerifyOptions): VerifiedPackage {
  const limits = { ...defaultPackageLimits, ...options.limits };
  const envelope = readEnvelope(bytes, limits);
  const signature = checkSignature(envelope, options.trustedKeys);
  const { to, from } = envelope.manifest;
  if (from === options.mySiteId) throw invalid(msg.fromSelf);
  if (to !== '*' && to !== options.mySiteId) throw new AppError('not-authorised', msg.wrongRecipient(to, options.mySiteId));
  const ops = readOps(envelope, limits);
  const base = options.authorKeys ?? ((site: string) => (Object.prototype.hasOwnProperty.call(options.trustedKeys, site) ? [options.trustedKeys[site]] : []));
  // The sender's key after a rotation this package announced signs its own checkpoints too, and
  // the keys it left behind prove only up to where they stopped.
  const keysOf = (site: string): readonly AuthorKey[] => (site === from && signature.newSignerKey ? afterRotation(base(site), signature.newSignerKey) : base(site));
  const proof = proveOps(ops, envelope.manifest.checkpoints, keysOf);
  const authorship = { refused: [...proof.refused].map(([index, reason]) => ({ index, reason })), checkpoints: proof.checkpoints };
  return { manifest: envelope.manifest, ops, packageHash: envelope.packageHash, ...signature, authorship } as VerifiedPackage;
}

/**
 * A sender's checkpoint keys once the rotations its package announced are followed: each key left
 * behind limited to the last position it signed (the stricter limit when both sides know one),
 * and the new key without limit.
 */
function afterRotation(keys: readonly AuthorKey[], next: { publicKey: string; replaced: readonly LimitedKey[] }): AuthorKey[] {
  const out = new Map<string, AuthorKey>(keys.map((k) => [authorKeyText(k), k]));
  for (const r of next.replaced) {
    const known = out.get(r.publicKey);
    const limits = [r.lastSeq, typeof known === 'object' ? known.lastSeq : undefined].filter((n): n is number => n !== undefined);
    out.set(r.publicKey, limits.length ? { publicKey: r.publicKey, lastSeq: Math.min(...limits) } : r.publicKey);
  }
  out.set(next.publicKey, next.publicKey);
  return [...out.values()];
}

/** Structure, hash and ops checked, signature NOT checked: for the inspector and diagnostics only. */
export function inspectPackage(bytes: Uint8Array, limits: Partial<PackageLimits> = {}): UnverifiedPackage & { envelope: PackageEnvelope } {
  const full = { ...defaultPackageLimits, ...limits };
  const envelope = readEnvelope(bytes, full);
  const ops = readOps(envelope, full);
  return { manifest: envelope.manifest, ops, packageHash: envelope.packageHash, signature: envelope.signature.toString('base64'), envelope };
}

function invalid(message: string): AppError {
  return new AppError('invalid-file', message);
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => (issue.path.length ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

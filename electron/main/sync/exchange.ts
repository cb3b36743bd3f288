/**
 * Exchange folders, file side: writing a package so the other side never sees half of it,
 * reading an inbox with the real verify functions (pack.ts), moving refused files aside with
 * their reason, and listing this site's packages in an outbox. Decisions are in
 * shared/sync/exchange.ts.
 */
import { constants } from 'node:fs';
import { access, mkdir, open, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors';
import { BAD_DIR, BAD_REASON_SUFFIX, isPackageName, type BadFile, type InboxEntry, type OutboxEntry } from '../../../shared/sync/exchange';
import { defaultPackageLimits, packageMessages, type PackageLimits, type TrustedKeys } from '../../../shared/sync/package';
import { readEnvelope, verifyPackage, type PackageEnvelope } from './pack';
import { replaceFile } from '../fs/atomicWrite';
import { sha256Hex } from './ed25519';

export { sha256Hex };

/**
 * Writes `name` into `dir` (which must exist: a missing exchange folder is an error, not a new
 * local folder) through a temporary name, then fsyncs the folder: the final name only ever
 * points to a complete file.
 */
export async function writePackageFile(dir: string, name: string, bytes: Uint8Array): Promise<string> {
  const final = join(dir, name);
  await replaceFile(final, bytes);
  await syncDir(dir);
  return final;
}

async function syncDir(dir: string): Promise<void> {
  // Makes the rename durable where the OS allows fsync on a folder (not on Windows).
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Not supported here: the rename is still atomic, only its durability is up to the OS.
  } finally {
    await handle?.close();
  }
}

/** Package-looking files of a folder (no temporaries, no subfolders). */
export async function packageNames(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && isPackageName(e.name))
    .map((e) => e.name)
    .sort();
}

/** Messages of pack.ts that a file still being copied produces (short, or payload not yet all there). */
const INCOMPLETE_MESSAGES: ReadonlySet<string> = new Set([packageMessages.empty, packageMessages.truncated, packageMessages.payloadHash]);

export interface InboxScanOptions {
  trustedKeys: TrustedKeys;
  mySiteId: string;
  limits?: Partial<PackageLimits>;
  /** Hashes already verified with the same trusted keys: not verified again (content-addressed). */
  verified?: Map<string, Extract<InboxEntry, { kind: 'package' }>>;
}

/** Reads and classifies one inbox file with the real envelope and package checks. */
export async function inspectInboxFile(dir: string, name: string, options: InboxScanOptions): Promise<InboxEntry> {
  const limits = { ...defaultPackageLimits, ...options.limits };
  const path = join(dir, name);
  const size = (await stat(path)).size;
  if (size > limits.maxFileBytes)
    return {
      name,
      kind: 'bad',
      size,
      reason: packageMessages.tooLarge(size, limits.maxFileBytes),
    };
  const bytes = await readFile(path);
  const hash = sha256Hex(bytes);
  let envelope: PackageEnvelope;
  try {
    envelope = readEnvelope(bytes, limits);
  } catch (error) {
    return failed(name, bytes.length, hash, error);
  }
  const from = envelope.manifest.from;
  const trusted = Object.prototype.hasOwnProperty.call(options.trustedKeys, from) ? options.trustedKeys[from] : undefined;
  if (!trusted && from !== options.mySiteId) {
    return {
      name,
      kind: 'untrusted',
      size: bytes.length,
      from,
      reason: packageMessages.untrustedSender(from),
    };
  }
  // Content-addressed: the same bytes under the same trusted key verify the same way.
  const cacheKey = `${hash}|${trusted ?? ''}`;
  const cached = options.verified?.get(cacheKey);
  if (cached) return { ...cached, name, size: bytes.length };
  try {
    const pkg = verifyPackage(bytes, {
      trustedKeys: options.trustedKeys,
      mySiteId: options.mySiteId,
      limits,
    });
    const entry = {
      name,
      kind: 'package' as const,
      size: bytes.length,
      packageHash: pkg.packageHash,
      from: pkg.manifest.from,
      to: pkg.manifest.to,
      seq: pkg.manifest.seq,
      opCount: pkg.manifest.opCount,
    };
    options.verified?.set(cacheKey, entry);
    return entry;
  } catch (error) {
    return failed(name, bytes.length, hash, error);
  }
}

function failed(name: string, size: number, digest: string, error: unknown): InboxEntry {
  if (!(error instanceof AppError)) throw error;
  if (INCOMPLETE_MESSAGES.has(error.message)) return { name, kind: 'incomplete', size, digest, reason: error.message };
  return { name, kind: 'bad', size, reason: error.message };
}

/** Moves a refused file into `bad/` (never overwriting) with a text file giving the reason. */
export async function moveAside(dir: string, name: string, reason: string, at: Date): Promise<string> {
  const badDir = join(dir, BAD_DIR);
  await mkdir(badDir, { recursive: true });
  let target = name;
  for (let i = 1; await exists(join(badDir, target)); i++) target = `${name}.${i}`;
  await rename(join(dir, name), join(badDir, target));
  await writeFile(join(badDir, `${target}${BAD_REASON_SUFFIX}`), `${at.toISOString()}\n${reason}\n`, 'utf8');
  return target;
}

/** Files moved aside, newest first, with the reason written beside each. */
export async function listBad(dir: string, max = 20): Promise<BadFile[]> {
  const badDir = join(dir, BAD_DIR);
  let names: string[];
  try {
    names = (await readdir(badDir)).filter((n) => n.endsWith(BAD_REASON_SUFFIX));
  } catch {
    return [];
  }
  const out: BadFile[] = [];
  for (const reasonName of names) {
    const text = await readFile(join(badDir, reasonName), 'utf8').catch(() => '');
    const [movedAt, ...rest] = text.split('\n');
    out.push({
      name: reasonName.slice(0, -BAD_REASON_SUFFIX.length),
      reason: rest.join(' ').trim(),
      movedAt: /^\d{4}-/.test(movedAt) ? movedAt : null,
    });
  }
  return out.sort((a, b) => (b.movedAt ?? '').localeCompare(a.movedAt ?? '')).slice(0, max);
}

/** This site's packages lying in an outbox (others' files and unreadable ones are left alone). */
export async function outboxEntries(dir: string, mySiteId: string): Promise<OutboxEntry[]> {
  const out: OutboxEntry[] = [];
  for (const name of await packageNames(dir)) {
    try {
      const bytes = await readFile(join(dir, name));
      const envelope = readEnvelope(bytes);
      if (envelope.manifest.from === mySiteId)
        out.push({
          name,
          packageHash: envelope.packageHash,
          seq: envelope.manifest.seq,
        });
    } catch {
      // Not ours or not readable: never deleted.
    }
  }
  return out;
}

export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** A folder an administrator may choose: absolute, existing, a directory, readable and writable. */
export async function checkFolder(path: string, label: string): Promise<void> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new AppError('invalid-input', `${label}: thư mục không tồn tại (${path}).`);
  }
  if (!info.isDirectory()) throw new AppError('invalid-input', `${label}: đây không phải thư mục (${path}).`);
  try {
    await access(path, constants.R_OK | constants.W_OK);
  } catch {
    throw new AppError('invalid-input', `${label}: máy này không có quyền đọc và ghi thư mục (${path}).`);
  }
}

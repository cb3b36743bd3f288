/**
 * Exchange folders: per peer an outbox (this site writes packages there) and an inbox (it
 * reads the peer's packages there), carried by whatever moves files between the two
 * machines — Syncthing, a network share, a USB stick. The package format, its checks and its
 * acknowledgements are the ones of shared/sync/package.ts; this module only decides, purely:
 * which names are still being written, which inbox files to import and in which order, when a
 * file that never completes is given up on, and which outbox files may be cleaned.
 *
 * Packages are identified by content hash and (sender, stream, seq), never by file name or
 * file time: a carrier may rename, copy twice or deliver out of order, and file times are
 * set by whoever copied the file last.
 */
import { z } from 'zod';
import { PACKAGE_EXTENSION } from './package';

/** Subfolder of an inbox where refused files are moved, each with a `<name>.ly-do.txt` beside it. */
export const BAD_DIR = 'bad';
export const BAD_REASON_SUFFIX = '.ly-do.txt';

/**
 * A name that is being written and must not be read: Syncthing's temporary files
 * (`.syncthing.NAME.tmp`, `~syncthing~NAME.tmp` on Windows), this app's own (`.NAME.*.tmp`),
 * browser/OS partials, and any hidden file.
 */
export function isTemporaryName(name: string): boolean {
  const lower = name.toLowerCase();
  return (
    lower.startsWith('.') ||
    lower.startsWith('~') ||
    lower.includes('.syncthing.') ||
    lower.includes('~syncthing~') ||
    lower.endsWith('.tmp') ||
    lower.endsWith('.part') ||
    lower.endsWith('.partial') ||
    lower.endsWith('.crdownload')
  );
}

/** A complete-looking package file name (`*.dondoc`, not temporary). */
export function isPackageName(name: string): boolean {
  return name.toLowerCase().endsWith(`.${PACKAGE_EXTENSION}`) && !isTemporaryName(name) && !name.includes('/') && !name.includes('\\');
}

/** What one scan learned about one inbox file (main reads it with the real verify functions). */
export type InboxEntry =
  /** Verified: complete, signed by the trusted sender, for this site. */
  | {
      name: string;
      kind: 'package';
      size: number;
      packageHash: string;
      from: string;
      to: string;
      seq: number;
      opCount: number;
    }
  /** Short or not matching its hash: maybe still being copied. `digest` is a hash of the bytes seen. */
  | {
      name: string;
      kind: 'incomplete';
      size: number;
      digest: string;
      reason: string;
    }
  /** The sender's key is not trusted here yet: left in place until pairing is done. */
  | {
      name: string;
      kind: 'untrusted';
      size: number;
      from: string;
      reason: string;
    }
  /** Definitively refused (bad signature, for another site, corrupt manifest, not a package). */
  | { name: string; kind: 'bad'; size: number; reason: string };

export type PackageEntry = Extract<InboxEntry, { kind: 'package' }>;

/** Inbox files seen incomplete, to tell a slow copy from a file that will never complete. */
export type SettleState = Readonly<Record<string, { digest: string; firstSeenAt: number; scans: number }>>;

export interface SettlePolicy {
  /** Scans a file must be seen unchanged (same bytes) before it is judged corrupt. */
  minScans: number;
  /** …and for at least this long, measured by this app's clock between its own scans. */
  minMs: number;
}

export const DEFAULT_SETTLE: SettlePolicy = {
  minScans: 3,
  minMs: 10 * 60 * 1000,
};

/**
 * Incomplete files wait; one that stayed byte-for-byte the same for `minScans` scans spanning
 * `minMs` is given up on (moved aside as corrupt). A file that changed starts its wait again.
 */
export function settleIncomplete(
  previous: SettleState,
  entries: readonly InboxEntry[],
  now: number,
  policy: SettlePolicy = DEFAULT_SETTLE,
): {
  next: Record<string, { digest: string; firstSeenAt: number; scans: number }>;
  giveUp: { name: string; reason: string }[];
} {
  const next: Record<string, { digest: string; firstSeenAt: number; scans: number }> = {};
  const giveUp: { name: string; reason: string }[] = [];
  for (const e of entries) {
    if (e.kind !== 'incomplete') continue;
    const before = Object.prototype.hasOwnProperty.call(previous, e.name) ? previous[e.name] : undefined;
    const seen = before && before.digest === e.digest ? { ...before, scans: before.scans + 1 } : { digest: e.digest, firstSeenAt: now, scans: 1 };
    if (seen.scans >= policy.minScans && now - seen.firstSeenAt >= policy.minMs) giveUp.push({ name: e.name, reason: e.reason });
    else next[e.name] = seen;
  }
  return { next, giveUp };
}

export interface ImportPlan {
  /** New packages, in per-sender stream and sequence order: import them one by one in this order. */
  toImport: PackageEntry[];
  /** Files whose content was imported already (or appears twice in this scan): nothing to do. */
  duplicates: PackageEntry[];
}

/**
 * Which verified inbox packages to import, and in which order. `done` says whether a package
 * hash was imported completely before. Identical content under two names is one package.
 * Order: sender, then stream (`to`), then seq — so a sender's package 5 is applied before its
 * 6 even when 6 arrived first; a seq missing in between does not block (every package carries
 * all the sender's unacknowledged ops, so a lost one is covered by the next).
 */
export function planImports(entries: readonly InboxEntry[], done: (packageHash: string) => boolean): ImportPlan {
  const packages = entries.filter((e): e is PackageEntry => e.kind === 'package');
  const byName = [...packages].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const seen = new Set<string>();
  const toImport: PackageEntry[] = [];
  const duplicates: PackageEntry[] = [];
  for (const p of byName) {
    if (seen.has(p.packageHash) || done(p.packageHash)) duplicates.push(p);
    else toImport.push(p);
    seen.add(p.packageHash);
  }
  toImport.sort((a, b) => cmp(a.from, b.from) || cmp(a.to, b.to) || a.seq - b.seq || cmp(a.packageHash, b.packageHash));
  return { toImport, duplicates };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** One of this site's packages lying in an outbox. */
export interface OutboxEntry {
  name: string;
  packageHash: string;
  seq: number;
}

/**
 * Outbox files that may be deleted: those whose content the peer acknowledges, except the
 * newest package — it carries this site's latest acknowledgement, which the peer needs even
 * when it holds every op already. Files this site did not write (unknown hashes) stay.
 */
export function outboxToClean(entries: readonly OutboxEntry[], acknowledged: ReadonlySet<string>): OutboxEntry[] {
  if (entries.length === 0) return [];
  const newest = entries.reduce((m, e) => (e.seq > m.seq ? e : m));
  return entries.filter((e) => e !== newest && e.seq < newest.seq && acknowledged.has(e.packageHash));
}

/**
 * Whether an export is worth a new file: not when it would carry exactly what the last one
 * carried (same ops, same acknowledgement) and that file is still waiting in the outbox.
 */
export function shouldWriteExport(digest: string, last: { digest: string; present: boolean } | null): boolean {
  return !last || !last.present || last.digest !== digest;
}

// ─── Configuration (kept by main, edited by an administrator) ─────────────────────────────

export const folderPathSchema = z.string().trim().min(1, 'Chưa chọn thư mục').max(1024, 'Đường dẫn thư mục quá dài');

export const peerFoldersSchema = z.strictObject({
  /** Where this site writes packages for the peer. */
  outbox: folderPathSchema,
  /** Where the peer's packages arrive. */
  inbox: folderPathSchema,
});
export type PeerFolders = z.infer<typeof peerFoldersSchema>;

/** Syncthing's local REST API: loopback only, so the key never leaves the machine. */
export const syncthingAddressSchema = z
  .string()
  .trim()
  .max(200)
  .refine((value) => isLoopbackHttpUrl(value), 'Địa chỉ Syncthing phải là http://127.0.0.1:PORT (hoặc localhost) trên chính máy này');

export function isLoopbackHttpUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (url.username || url.password || (url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) return false;
  return url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
}

export const syncthingApiKeySchema = z
  .string()
  .trim()
  .min(8, 'Khóa API Syncthing quá ngắn')
  .max(200, 'Khóa API Syncthing quá dài')
  .regex(/^[A-Za-z0-9._~-]+$/, 'Khóa API Syncthing chứa ký tự không hợp lệ');

// ─── Carrier state (what the status screen shows beside "last sent / last received") ─────

export const badFileSchema = z.object({
  name: z.string(),
  reason: z.string(),
  movedAt: z.string().nullable(),
});
export type BadFile = z.infer<typeof badFileSchema>;

export const syncthingFolderStateSchema = z.object({
  folderId: z.string(),
  /** 'inbox' | 'outbox' */
  role: z.enum(['inbox', 'outbox']),
  /** Local completion of the folder (0–100), from GET /rest/db/completion. */
  completion: z.number().nullable(),
  needItems: z.number().int().nullable(),
  /** Syncthing's folder state (idle, scanning, syncing, error…), from GET /rest/db/status. */
  state: z.string().nullable(),
  /** First of the folder's errors (GET /rest/folder/errors), or its status error. */
  lastError: z.string().nullable(),
});
export type SyncthingFolderState = z.infer<typeof syncthingFolderStateSchema>;

export const carrierStateSchema = z.object({
  siteId: z.string(),
  outbox: z.string(),
  inbox: z.string(),
  /** Both folders exist and are usable. */
  reachable: z.boolean(),
  lastScanAt: z.string().nullable(),
  lastWriteAt: z.string().nullable(),
  /** Inbox files not imported yet: still being copied, from an untrusted key, or waiting their turn. */
  waiting: z.number().int(),
  /** Our packages still in the outbox. */
  outboxFiles: z.number().int(),
  lastError: z.string().nullable(),
  bad: z.array(badFileSchema),
  /** Null when no Syncthing API is configured or the folders are not Syncthing folders. */
  syncthing: z.array(syncthingFolderStateSchema).nullable(),
});
export type CarrierState = z.infer<typeof carrierStateSchema>;

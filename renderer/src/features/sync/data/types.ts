/**
 * LOCAL sync bookkeeping rows (schema v6). None of these tables is synced: they record what
 * this installation trusts, sent, received, held back and found in conflict.
 */
import type { Op } from '@shared/data/ops';
import type { ConflictRecord } from '@shared/sync/apply';
import type { RejectCode } from '@shared/sync/authorize';
import type { SiteRole } from '@shared/sync/registry';

/** Another installation, from the site registry (or an identity card at the coordinator). */
export interface PeerRow {
  siteId: string;
  name: string;
  units: string[];
  role: SiteRole;
  publicKey: string;
  fingerprint: string;
  /** ISO time the key was confirmed (fingerprint compared by phone), and by whom. */
  trustedAt: string;
  trustedBy: string;
  /** Keys this peer used before a rotation, newest last. */
  /** Keys the site signed with before, each with the last chain position it may prove (when known). */
  previousKeys: { publicKey: string; fingerprint: string; replacedAt: string; lastSeq?: number }[];
  /** The peer's acknowledgement: per author site, the highest hlc it holds (from its packages). */
  ack: Record<string, string>;
  lastReceivedAt: string | null;
  lastSentAt: string | null;
}

export interface ImportCounts {
  applied: number;
  alreadyHad: number;
  rejected: number;
  pending: number;
  conflicts: number;
  /** Ops held back by earlier imports that this import let through. */
  released: number;
}

export interface ImportRow {
  /** SHA-256 of the file: importing the same file again is recognised by it. */
  packageHash: string;
  from: string;
  to: string;
  seq: number;
  prevPackageHash: string | null;
  createdAt: string;
  fileName: string;
  status: 'partial' | 'done';
  totalOps: number;
  chunkSize: number;
  chunksDone: number;
  counts: ImportCounts;
  startedAt: string;
  completedAt: string | null;
  by: string;
}

export interface ExportRow {
  /** `${to}:${seq}` */
  id: string;
  to: string;
  seq: number;
  packageHash: string;
  prevPackageHash: string | null;
  createdAt: string;
  opCount: number;
  bytes: number;
  /** Per author site, the highest hlc in the package: acknowledged once the peer's ack covers it. */
  sent: Record<string, string>;
  fileName: string;
  by: string;
}

/** A received op that was not applied: refused, or waiting for the record it refers to. */
export interface RejectionRow {
  opId: string;
  site: string;
  hlc: string;
  op: Op;
  status: 'rejected' | 'pending';
  code: RejectCode | null;
  reason: string;
  /** The package that brought it first, and its sender. */
  importHash: string;
  from: string;
  firstSeenAt: string;
  lastCheckedAt: string;
}

export interface ConflictRow extends ConflictRecord {
  status: 'open' | 'resolved' | 'dismissed';
  detectedAt: string;
  importHash: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
}

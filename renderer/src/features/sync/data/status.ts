/**
 * Where each peer stands: packages sent and received, what the peer has acknowledged, gaps
 * in its stream, days without contact. silentPeers is what the dashboard warns with.
 */
import { daysBetween } from '@shared/calendar';
import { covers, missingSeqs } from '@shared/sync/apply';
import type { DondocDb } from '../../../data/db';
import { todayVn } from '../../../ui/format';
import type { ExportRow, ImportRow, PeerRow } from './types';

export interface PeerStatus {
  peer: PeerRow;
  lastSent: ExportRow | null;
  lastReceived: ImportRow | null;
  /** Highest of our packages (to this peer or to all) whose content the peer acknowledges. */
  acknowledgedSeq: number | null;
  /** Our packages to this peer the peer has not acknowledged yet ("chưa nhận gói số 17"). */
  unacknowledged: ExportRow[];
  /** Its packages to us that never arrived, below the highest one received. */
  missingFromPeer: number[];
  /** Imports of this peer's packages that were interrupted (import the file again to finish). */
  partial: ImportRow[];
  /** Vietnam date of the last package received, or null. */
  lastContactOn: string | null;
  /** Days since the last package received; since pairing when none arrived yet. */
  daysSilent: number;
}

/** Vietnam calendar date of an ISO instant. */
export function vnDate(iso: string): string {
  return todayVn(new Date(iso));
}

export function statusOf(peer: PeerRow, exports: readonly ExportRow[], imports: readonly ImportRow[], asOf: string): PeerStatus {
  const mineTo = exports.filter((e) => e.to === peer.siteId || e.to === '*').sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const fromPeer = imports.filter((i) => i.from === peer.siteId);
  const done = fromPeer.filter((i) => i.status === 'done');
  const acked = mineTo.filter((e) => covers(peer.ack, e.sent));
  const direct = mineTo.filter((e) => e.to === peer.siteId);
  const lastReceived = done.sort((a, b) => (a.completedAt ?? '').localeCompare(b.completedAt ?? '')).at(-1) ?? null;
  const missing = [...new Set(done.map((i) => i.to))].flatMap((stream) => missingSeqs(done.filter((i) => i.to === stream).map((i) => i.seq)));
  const lastContactOn = peer.lastReceivedAt ? vnDate(peer.lastReceivedAt) : null;
  return {
    peer,
    lastSent: mineTo.at(-1) ?? null,
    lastReceived,
    acknowledgedSeq: direct.filter((e) => covers(peer.ack, e.sent)).reduce<number | null>((m, e) => (m === null || e.seq > m ? e.seq : m), null),
    unacknowledged: mineTo.filter((e) => !acked.includes(e) && e.opCount > 0),
    missingFromPeer: [...new Set(missing)].sort((a, b) => a - b),
    partial: fromPeer.filter((i) => i.status === 'partial'),
    lastContactOn,
    daysSilent: Math.max(0, daysBetween(lastContactOn ?? vnDate(peer.trustedAt), asOf)),
  };
}

/** Every package read from a peer, in storage order. */
export async function loadImports(db: DondocDb): Promise<ImportRow[]> {
  return db.syncImports.toArray();
}

/** The latest packages written by this site, newest first. */
export async function loadRecentExports(db: DondocDb, limit: number): Promise<ExportRow[]> {
  return db.syncExports.orderBy('createdAt').reverse().limit(limit).toArray();
}

export async function peerStatuses(db: DondocDb, asOf: string): Promise<PeerStatus[]> {
  const [peers, exports, imports] = await Promise.all([db.peers.toArray(), db.syncExports.toArray(), db.syncImports.toArray()]);
  return peers.map((p) => statusOf(p, exports, imports, asOf)).sort((a, b) => b.daysSilent - a.daysSilent || a.peer.name.localeCompare(b.peer.name, 'vi'));
}

export interface SilentPeer {
  siteId: string;
  name: string;
  lastContactOn: string | null;
  days: number;
}

/** Peers nothing has been received from for at least thresholdDays as of asOf ("Phòng Tài chính: 9 ngày"). */
export async function silentPeers(db: DondocDb, asOf: string, thresholdDays: number): Promise<SilentPeer[]> {
  return (await peerStatuses(db, asOf))
    .filter((s) => s.daysSilent >= thresholdDays)
    .map((s) => ({ siteId: s.peer.siteId, name: s.peer.name, lastContactOn: s.lastContactOn, days: s.daysSilent }));
}

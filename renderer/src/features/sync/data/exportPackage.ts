/**
 * Export: every op a peer has not acknowledged, as one signed file (main signs and saves).
 * "Acknowledged" compares each op's hlc with the peer's last version vector for the op's
 * author site, so ops relayed from third sites travel too, each author's with that author's
 * checkpoint (shared/sync/authorship.ts). Received ops held back here for authority are
 * relayed as well (see shared/sync/apply.ts for why); ops whose author was not proven never are.
 */
import { minVector, vectorOf } from '@shared/sync/apply';
import { vectorOfHeads, type Checkpoint } from '@shared/sync/authorship';
import { allHeads, heldChains, upgradeForAuthorship } from '../../../data/chain';
import { versionOf, type Op } from '@shared/data/ops';
import type { VersionVector } from '@shared/sync/package';
import type { SyncChannel, syncChannels } from '@shared/ipc/channels/sync';
import type { z } from 'zod';
import type { DondocDb } from '../../../data/db';
import { SYNC_DATA_VERSION } from '@shared/data/schema';
import type { WriteContext } from '../../../data/repository';
import { refuseDemoDatabase } from './demoGuard';
import { opsOfAuthor } from '../../../data/opLog';
import type { ExportRow } from './types';

type Req<K extends SyncChannel> = z.input<(typeof syncChannels)[K]['req']>;
type Res<K extends SyncChannel> = z.output<(typeof syncChannels)[K]['res']>;
export type ExportCall = (req: Req<'sync:exportPackage'>) => Promise<Res<'sync:exportPackage'>>;

/**
 * This site's acknowledgement: per author site, the hlc at the head of the proven chain held
 * here (its own chain included). Ops refused here, or not yet linked to what is held, never count.
 */
export async function localVector(db: DondocDb, site: string): Promise<Record<string, string>> {
  return vectorOfHeads(await allHeads(db, site));
}

/** Ops in compareOps order, each sort key built once (compareOps would build two per comparison). */
function sortOps(ops: Op[]): Op[] {
  const keyed = ops.map((op) => ({ v: versionOf(op), op }));
  keyed.sort((a, b) => (a.v < b.v ? -1 : a.v > b.v ? 1 : a.op.id < b.op.id ? -1 : a.op.id > b.op.id ? 1 : 0));
  return keyed.map((k) => k.op);
}

/**
 * The ops a peer with acknowledgement `ack` lacks, oldest first: per author, the chain held here
 * from just above the peer's acknowledgement up to the head, a contiguous run the author's
 * checkpoint at the head proves (held-back ops included: they are part of the chain).
 */
export async function opsNotAcknowledged(db: DondocDb, ack: VersionVector, site: string): Promise<Op[]> {
  const heads = await allHeads(db, site);
  // One range read per site and table (a few op-log segments, not one record per op), all in flight together.
  const parts = await Promise.all(
    [...heads].map(async ([author, head]) => {
      const from = ack[author] ?? '';
      if (head.seq === 0 || from >= head.hlc) return [];
      const lower: [string, string] = [author, from];
      const upper: [string, string] = [author, head.hlc];
      const [accepted, held] = await Promise.all([
        opsOfAuthor(db, author, from, head.hlc),
        db.syncRejections.where('[site+hlc]').between(lower, upper, false, true).toArray(),
      ]);
      for (const h of held) if (h.code !== 'invalid' && h.code !== 'unproven') accepted.push(h.op);
      return accepted.filter((op) => op.seq !== undefined && op.seq <= head.seq);
    }),
  );
  const out: Op[] = [];
  for (const part of parts) for (const op of part) out.push(op);
  return sortOps(out);
}

/** The checkpoints other authors signed at the heads held here, for the authors among `ops`. */
export async function relayedCheckpoints(db: DondocDb, ops: readonly Op[], site: string): Promise<Checkpoint[]> {
  const authors = new Set(ops.map((o) => o.site));
  authors.delete(site);
  const held = await heldChains(db);
  return [...authors].flatMap((a) => (held[a] ? [held[a].checkpoint] : []));
}

export interface ExportTarget {
  /** A peer's site id, or '*' for a package every peer may import. */
  to: string;
  name: string;
}

/** The acknowledgement an export is computed against: one peer's, or the least of all peers'. */
export async function ackFor(db: DondocDb, to: string): Promise<VersionVector> {
  if (to !== '*') return (await db.peers.get(to))?.ack ?? {};
  return minVector((await db.peers.toArray()).map((p) => p.ack));
}

export interface ExportOutcome {
  canceled: boolean;
  seq: number | null;
  opCount: number;
  bytes: number;
  path: string | null;
}

export async function exportPackage(db: DondocDb, ctx: WriteContext, target: ExportTarget, call: ExportCall): Promise<ExportOutcome> {
  await refuseDemoDatabase(db);
  await upgradeForAuthorship(db, ctx.site);
  const [ops, versionVector] = await Promise.all([ackFor(db, target.to).then((ack) => opsNotAcknowledged(db, ack, ctx.site)), localVector(db, ctx.site)]);
  const checkpoints = await relayedCheckpoints(db, ops, ctx.site);
  const res = await call({ to: target.to, peerName: target.name, schemaVersion: SYNC_DATA_VERSION, versionVector, ops, checkpoints });
  if (res.canceled || res.seq === null || res.packageHash === null) return { canceled: true, seq: null, opCount: ops.length, bytes: 0, path: null };
  const at = (ctx.now ? ctx.now() : new Date()).toISOString();
  const row: ExportRow = {
    id: `${target.to}:${res.seq}`,
    to: target.to,
    seq: res.seq,
    packageHash: res.packageHash,
    prevPackageHash: res.prevPackageHash,
    createdAt: at,
    opCount: res.opCount,
    bytes: res.bytes,
    sent: vectorOf(ops),
    fileName: (res.path ?? '').split(/[\\/]/).pop() ?? '',
    by: ctx.actor,
  };
  await db.transaction('rw', [db.syncExports, db.peers], async () => {
    await db.syncExports.put(row);
    const recipients = target.to === '*' ? await db.peers.toArray() : [await db.peers.get(target.to)].filter((p) => p !== undefined);
    for (const p of recipients) await db.peers.update(p.siteId, { lastSentAt: at });
  });
  return { canceled: false, seq: res.seq, opCount: res.opCount, bytes: res.bytes, path: res.path };
}

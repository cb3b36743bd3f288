/**
 * Export: every op a peer has not acknowledged, as one signed file (main signs and saves).
 * "Acknowledged" compares each op's hlc with the peer's last version vector for the op's
 * author site, so ops relayed from third sites travel too. Received ops that were held back
 * or refused here are relayed as well (see shared/sync/apply.ts for why).
 */
import Dexie, { type Table } from 'dexie';
import { minVector, vectorOf } from '@shared/sync/apply';
import { isLocalOnlyOp } from '@shared/sync/authorize';
import { versionOf, type Op } from '@shared/data/ops';
import type { VersionVector } from '@shared/sync/package';
import type { SyncChannel, syncChannels } from '@shared/ipc/channels/sync';
import type { z } from 'zod';
import { SCHEMA_VERSION, type DondocDb } from '../../../data/db';
import type { WriteContext } from '../../../data/repository';
import { refuseDemoDatabase } from './demoGuard';
import type { ExportRow } from './types';

type Req<K extends SyncChannel> = z.input<(typeof syncChannels)[K]['req']>;
type Res<K extends SyncChannel> = z.output<(typeof syncChannels)[K]['res']>;
export type ExportCall = (req: Req<'sync:exportPackage'>) => Promise<Res<'sync:exportPackage'>>;

/** Every author site this replica holds ops from (one index probe per site and table). */
async function originSites(db: DondocDb): Promise<string[]> {
  const probe = async (table: Table<{ site: string }, string>) => {
    const out: string[] = [];
    let next = await table.orderBy('[site+hlc]').first();
    while (next) {
      out.push(next.site);
      next = await table.where('[site+hlc]').above([next.site, Dexie.maxKey]).first();
    }
    return out;
  };
  const [a, b] = await Promise.all([probe(db.ops as unknown as Table<{ site: string }, string>), probe(db.syncRejections as unknown as Table<{ site: string }, string>)]);
  return [...new Set([...a, ...b])].filter((s) => s.length > 0).sort();
}

/** This site's acknowledgement: per author site, the highest hlc received or written here. */
export async function localVector(db: DondocDb): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  // Every probe goes out at once: in Chromium a request waits on the browser process, not on us.
  const highest = await Promise.all(
    (await originSites(db)).map(async (site) => {
      const [a, b] = await Promise.all([
        db.ops.where('[site+hlc]').between([site, Dexie.minKey], [site, Dexie.maxKey]).last(),
        db.syncRejections.where('[site+hlc]').between([site, Dexie.minKey], [site, Dexie.maxKey]).filter((r) => r.code !== 'invalid').last(),
      ]);
      return [site, [a?.hlc ?? '', b?.hlc ?? ''].sort().pop() ?? ''] as const;
    }),
  );
  for (const [site, hlc] of highest) if (hlc) out[site] = hlc;
  return out;
}

/** Ops in compareOps order, each sort key built once (compareOps would build two per comparison). */
function sortOps(ops: Op[]): Op[] {
  const keyed = ops.map((op) => ({ v: versionOf(op), op }));
  keyed.sort((a, b) => (a.v < b.v ? -1 : a.v > b.v ? 1 : a.op.id < b.op.id ? -1 : a.op.id > b.op.id ? 1 : 0));
  return keyed.map((k) => k.op);
}

/** The ops a peer with acknowledgement `ack` lacks, oldest first. */
export async function opsNotAcknowledged(db: DondocDb, ack: VersionVector): Promise<Op[]> {
  // One range read per site and table, all in flight together.
  const parts = await Promise.all(
    (await originSites(db)).map(async (site) => {
      const lower: [string, string] = [site, ack[site] ?? ''];
      const upper: [string, unknown] = [site, Dexie.maxKey];
      const [accepted, held] = await Promise.all([
        db.ops.where('[site+hlc]').between(lower, upper, false, true).toArray(),
        db.syncRejections.where('[site+hlc]').between(lower, upper, false, true).toArray(),
      ]);
      for (const h of held) if (h.code !== 'invalid') accepted.push(h.op);
      return accepted;
    }),
  );
  const out: Op[] = [];
  for (const part of parts) for (const op of part) if (!isLocalOnlyOp(op)) out.push(op);
  return sortOps(out);
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
  const [ops, versionVector] = await Promise.all([ackFor(db, target.to).then((ack) => opsNotAcknowledged(db, ack)), localVector(db)]);
  const res = await call({ to: target.to, peerName: target.name, schemaVersion: SCHEMA_VERSION, versionVector, ops });
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

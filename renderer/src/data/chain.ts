/**
 * This site's own op chain, in the renderer (model in shared/sync/authorship.ts): every op a
 * local write makes gets the next seq and the chain hash of the previous own op, in the same
 * transaction as the op. Ops written before chains existed are chained, in hlc order, the first
 * time a transaction needs the head (nothing else about them changes; peers that held them
 * unproven receive them again, proven, and recognise them by id).
 */
import Dexie from 'dexie';
import { sha256Hex } from '@shared/data/canonical';
import type { Op } from '@shared/data/ops';
import { chainOps, EMPTY_HEAD, type ChainHasher, type ChainHead, type Checkpoint } from '@shared/sync/authorship';
import { isLocalOnlyOp } from '@shared/sync/authorize';
import type { DondocDb } from './db';
import { makeSegment } from './opLog';

export const OWN_CHAIN_KEY = 'chain';
/** Other authors' chains held here: site → head and the author's checkpoint at it. */
export const CHAIN_HEADS_KEY = 'chainHeads';

export type HeldChains = Record<string, { head: ChainHead; checkpoint: Checkpoint }>;

export const rendererHasher: ChainHasher = { sha256Hex };

/** Ops that never leave this site (its organisation and letterhead) stay out of the chain. */
export function chainable(op: Op): boolean {
  return !isLocalOnlyOp(op);
}

/**
 * The head of this site's chain, chaining existing own ops first when there is none yet.
 * Must run inside a read-write transaction covering opSegments and meta. Chaining rewrites the
 * segments that hold the newly chained ops (the only time a segment is rewritten).
 */
export async function ownHead(db: DondocDb, site: string): Promise<ChainHead> {
  const row = await db.meta.get(OWN_CHAIN_KEY);
  if (row) return row.value as ChainHead;
  const segments = await db.opSegments.where('[site+lastHlc]').between([site, Dexie.minKey], [site, Dexie.maxKey]).toArray();
  const existing: Op[] = [];
  for (const seg of segments) for (const op of seg.ops) if (op.seq === undefined && chainable(op)) existing.push(op);
  existing.sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const { ops, head } = chainOps(existing, EMPTY_HEAD, rendererHasher);
  if (ops.length) {
    const chained = new Map(ops.map((op) => [op.id, op]));
    const changed = segments.filter((seg) => seg.ops.some((op) => chained.has(op.id)));
    await db.opSegments.bulkPut(changed.map((seg) => makeSegment(seg.site, seg.ops.map((op) => chained.get(op.id) ?? op), seg.id)));
  }
  await db.meta.put({ key: OWN_CHAIN_KEY, value: head });
  return head;
}

/** Chains `ops` (new own ops, in writing order) from `head`; returns them and the new head. */
export function stampChain(ops: readonly Op[], head: ChainHead): { ops: Op[]; head: ChainHead } {
  const out: Op[] = [];
  let current = head;
  for (const op of ops) {
    if (!chainable(op)) {
      out.push(op);
      continue;
    }
    const r = chainOps([op], current, rendererHasher);
    current = r.head;
    out.push(r.ops[0]);
  }
  return { ops: out, head: current };
}

export async function heldChains(db: DondocDb): Promise<HeldChains> {
  return ((await db.meta.get(CHAIN_HEADS_KEY))?.value as HeldChains | undefined) ?? {};
}

/** Every chain head this site holds, its own included. */
export async function allHeads(db: DondocDb, site: string): Promise<Map<string, ChainHead>> {
  const [own, held] = await Promise.all([db.meta.get(OWN_CHAIN_KEY), heldChains(db)]);
  const out = new Map<string, ChainHead>(Object.entries(held).map(([s, h]) => [s, h.head]));
  out.set(site, (own?.value as ChainHead | undefined) ?? EMPTY_HEAD);
  return out;
}

const UPGRADE_KEY = 'authorshipUpgrade';

/**
 * Once per database: chains this site's own earlier ops, forgets every peer's acknowledgement
 * (acknowledgements used to count unproven ops; the next package to each peer carries
 * everything again, proven, and ops it already holds are recognised by id), and drops received
 * ops that were held back without proof.
 */
export async function upgradeForAuthorship(db: DondocDb, site: string): Promise<void> {
  if (await db.meta.get(UPGRADE_KEY)) return;
  await db.transaction('rw', [db.opSegments, db.meta, db.peers, db.syncRejections], async () => {
    if (await db.meta.get(UPGRADE_KEY)) return;
    await ownHead(db, site);
    await db.peers.toCollection().modify({ ack: {} });
    // Ops held back before proofs existed are unproven: dropped, never released by a retry.
    // Their authors send them again, proven; the refusal of a structurally invalid op stays listed.
    await db.syncRejections.filter((r) => r.code !== 'invalid' && r.op.seq === undefined).delete();
    await db.meta.put({ key: UPGRADE_KEY, value: true });
  });
}

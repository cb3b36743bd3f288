/**
 * Automatic exchange through folders: one cycle imports every complete, new package from each
 * peer's inbox (through importPackage, in per-sender sequence order), exports what each peer
 * lacks into its outbox (through exportPackage), and lets main clean the outbox of packages the
 * peer acknowledges. Main reads, writes and verifies the files; this side decides trust and
 * applies, exactly as for a hand-carried package.
 */
import type { DondocApi } from '@shared/ipc/api';
import { covers } from '@shared/sync/apply';
import { planImports } from '@shared/sync/exchange';
import type { DondocDb } from '../../../data/db';
import type { WriteContext } from '../../../data/repository';
import { AppError } from '@shared/errors';
import { exportPackage } from './exportPackage';
import { importPackage, type ImportReport } from './importPackage';
import { previousKeys, trustedKeys } from './peers';

export type ExchangeCall = DondocApi['call'];

export interface PeerCycle {
  siteId: string;
  imported: ImportReport[];
  /** Inbox files refused while reading (moved aside by main), with their reason. */
  refused: { name: string; reason: string }[];
  /** Seq of the package written to the outbox, or null when there was nothing new. */
  exportedSeq: number | null;
  cleaned: string[];
  errors: string[];
}

export interface CycleOptions {
  /** Export too (after a local change or on schedule); imports and cleaning always run. */
  exportToo?: boolean;
}

/** One pass over every peer with exchange folders. Never throws for one peer's trouble: it is in `errors`. */
export async function runExchangeCycle(db: DondocDb, ctx: WriteContext, call: ExchangeCall, options: CycleOptions = {}): Promise<PeerCycle[]> {
  const config = await call('exchange:config', {});
  const peers = new Map((await db.peers.toArray()).map((p) => [p.siteId, p]));
  const configured = config.peers.filter((p) => peers.has(p.siteId));
  if (configured.length === 0) return [];
  const out = new Map<string, PeerCycle>(
    configured.map((p) => [
      p.siteId,
      {
        siteId: p.siteId,
        imported: [],
        refused: [],
        exportedSeq: null,
        cleaned: [],
        errors: [],
      },
    ]),
  );
  const pending = new Map<string, number>();

  // 1. Import: what arrived, in order, each package once.
  const scan = await call('exchange:scan', {
    trustedKeys: await trustedKeys(db),
  });
  for (const { siteId, packages } of scan.peers) {
    const cycle = out.get(siteId);
    if (!cycle) continue;
    const hashes = packages.map((p) => p.packageHash);
    const rows = await db.syncImports.bulkGet(hashes);
    const done = new Set(rows.filter((r) => r?.status === 'done').map((r) => r!.packageHash));
    const plan = planImports(packages, (h) => done.has(h));
    let left = plan.toImport.length;
    for (const entry of plan.toImport) {
      try {
        // Trust is re-read per package: an import may have recorded a rotated key.
        const read = await call('exchange:read', {
          siteId,
          name: entry.name,
          packageHash: entry.packageHash,
          trustedKeys: await trustedKeys(db),
          previousKeys: await previousKeys(db),
        });
        if (read.status === 'bad') cycle.refused.push({ name: entry.name, reason: read.reason ?? '' });
        if (read.status !== 'ok' || !read.package) continue;
        cycle.imported.push(await importPackage(db, ctx, read.package, entry.name));
        left--;
      } catch (error) {
        cycle.errors.push(`${entry.name}: ${errorMessage(error)}`);
      }
    }
    pending.set(siteId, left);
  }

  // 2. Export: what each peer lacks (main skips writing when it would repeat the last package).
  if (options.exportToo) {
    for (const p of configured) {
      const cycle = out.get(p.siteId)!;
      try {
        const res = await exportPackage(db, ctx, { to: p.siteId, name: peers.get(p.siteId)!.name }, async (req) => call('exchange:export', req));
        cycle.exportedSeq = res.canceled ? null : res.seq;
      } catch (error) {
        cycle.errors.push(errorMessage(error));
      }
    }
  }

  // 3. Clean: packages whose content the peer acknowledges (main always keeps the newest).
  const exports = await db.syncExports.toArray();
  for (const p of configured) {
    const cycle = out.get(p.siteId)!;
    const peer = (await db.peers.get(p.siteId)) ?? peers.get(p.siteId)!;
    const acknowledged = exports.filter((e) => e.to === p.siteId && covers(peer.ack, e.sent)).map((e) => e.packageHash);
    try {
      const lastError = cycle.errors.at(-1)?.slice(0, 2000) ?? null;
      cycle.cleaned = (await call('exchange:clean', { siteId: p.siteId, acknowledged, pendingPackages: pending.get(p.siteId) ?? 0, lastError })).removed;
    } catch (error) {
      cycle.errors.push(errorMessage(error));
    }
  }
  return [...out.values()];
}

function errorMessage(error: unknown): string {
  if (error instanceof AppError) return error.message;
  return error instanceof Error ? `Lỗi không mong muốn: ${error.message}` : 'Lỗi không mong muốn.';
}

/**
 * Runs cycles one at a time: a call made while one runs is folded into a single follow-up
 * (with export if any caller asked for it).
 */
export function serialCycles(run: (options: CycleOptions) => Promise<unknown>): (options?: CycleOptions) => Promise<void> {
  let running: Promise<void> | null = null;
  let queued: CycleOptions | null = null;
  const loop = async (first: CycleOptions) => {
    let next: CycleOptions | null = first;
    while (next) {
      queued = null;
      try {
        await run(next);
      } catch {
        // One failed cycle (main unreachable a moment, a locked session) must not stop the next.
      }
      next = queued;
    }
    running = null;
  };
  return (options = {}) => {
    if (running) {
      queued = { exportToo: Boolean(queued?.exportToo || options.exportToo) };
      return running;
    }
    running = loop(options);
    return running;
  };
}

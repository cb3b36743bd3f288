/** Deterministic ops and keys for sync tests and benchmarks (not used by the app). */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { formatHlc } from '../../../shared/data/hlc';
import { entityNames, type Op } from '../../../shared/data/ops';
import type { Checkpoint, ManifestFields } from '../../../shared/sync/package';
import { chainOps, EMPTY_HEAD, opChainHash } from '../../../shared/sync/authorship';
import { publicKeyBase64 } from './ed25519';
import { nodeChainCrypto, signCheckpoint } from './authorship';

/** mulberry32: small seeded PRNG so "random" tests repeat exactly. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const words = ['Báo cáo', 'tiến độ', 'giải phóng mặt bằng', 'Ủy ban nhân dân', 'xã', 'đôn đốc', 'hạn chót', 'Phòng Tài chính', 'kế hoạch'];

export function makeOps(count: number, site = 'site-a', seed = 1): Op[] {
  const random = seededRandom(seed);
  const ops: Op[] = [];
  const base = 1_750_000_000_000;
  for (let i = 0; i < count; i++) {
    const entity = entityNames[Math.floor(random() * entityNames.length)];
    const title = Array.from({ length: 3 + Math.floor(random() * 6) }, () => words[Math.floor(random() * words.length)]).join(' ');
    ops.push({
      id: `op-${site}-${i.toString(36).padStart(8, '0')}`,
      site,
      hlc: formatHlc({ millis: base + i, counter: i % 4, node: site }),
      entity,
      rowId: `row-${Math.floor(random() * count * 0.3).toString(36)}`,
      kind: random() < 0.7 ? 'set' : 'insert',
      values: { title, dueOn: '2025-07-15', done: random() < 0.5, count: Math.floor(random() * 100) },
      actor: 'can-bo-1',
    });
  }
  return chainOps(ops, EMPTY_HEAD, nodeChainCrypto).ops;
}

/** The author's checkpoint at the last of its chained ops (as main signs it). */
export function checkpointOf(site: TestSite, ops: readonly Op[]): Checkpoint {
  const own = ops.filter((o) => o.site === site.siteId);
  const top = own.reduce((a, b) => (a.seq! > b.seq! ? a : b));
  const head = opChainHash(top, nodeChainCrypto);
  return signCheckpoint({ site: site.siteId, seq: top.seq!, head }, site.privateKey);
}

export interface TestSite {
  siteId: string;
  privateKey: KeyObject;
  publicKey: string;
}

export function makeSite(siteId: string): TestSite {
  const pair = generateKeyPairSync('ed25519');
  return { siteId, privateKey: pair.privateKey, publicKey: publicKeyBase64(pair.publicKey) };
}

export function manifestFieldsFor(from: string, to: string, seq = 1, extra: Partial<ManifestFields> = {}): ManifestFields {
  return {
    schemaVersion: 1,
    from,
    to,
    seq,
    prevPackageHash: null,
    createdAt: '2025-07-01T08:00:00.000Z',
    versionVector: { [from]: formatHlc({ millis: 1_750_000_000_000, counter: 0, node: from }) },
    checkpoints: [],
    ...extra,
  };
}

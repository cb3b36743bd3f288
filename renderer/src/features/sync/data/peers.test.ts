/**
 * Earlier keys of trusted sites and where each stopped: learned from a rotation a package
 * announced and from the coordinator's registry, merged so the lower position holds, and handed
 * to main as limited keys (a checkpoint a replaced key signs further along proves nothing).
 */
import { describe, expect, it } from 'vitest';
import { DondocDb } from '../../../data/db';
import type { WriteContext } from '../../../data/repository';
import { previousKeys, recordPeerKey, trustRegistry } from './peers';
import type { PeerRow } from './types';
import { REGISTRY_FORMAT, registrySchema } from '@shared/sync/registry';
import { siteKey } from '../../../../../tests/unit/syncMain';

const ctx: WriteContext = { site: 'xa-a', actor: 'admin', now: () => new Date('2026-06-01T02:00:00Z') };
const [k1, k2, k3] = ['k1', 'k2', 'k3'].map((s) => siteKey(s).publicKey);

function peer(publicKey: string): PeerRow {
  return {
    siteId: 'vp',
    name: 'Văn phòng UBND',
    units: ['u-vp'],
    role: 'coordinator',
    publicKey,
    fingerprint: 'F',
    trustedAt: '2026-05-01T00:00:00Z',
    trustedBy: 'admin',
    previousKeys: [],
    ack: {},
    lastReceivedAt: null,
    lastSentAt: null,
  };
}

let databases = 0;

describe('earlier keys with the position where each stopped', () => {
  it('a rotation announced in a package: every key left behind is kept with its limit, the new key is current', async () => {
    const db = new DondocDb(`peers-${++databases}`);
    await db.peers.put(peer(k1));
    await recordPeerKey(db, 'vp', { publicKey: k3, replaced: [{ publicKey: k1, lastSeq: 40 }, { publicKey: k2, lastSeq: 55 }] }, '2026-06-01T02:00:00.000Z');
    const row = (await db.peers.get('vp'))!;
    expect(row.publicKey).toBe(k3);
    expect(row.previousKeys.map((k) => [k.publicKey, k.lastSeq])).toEqual([
      [k1, 40],
      [k2, 55],
    ]);
    expect(await previousKeys(db)).toEqual({ vp: [{ publicKey: k1, lastSeq: 40 }, { publicKey: k2, lastSeq: 55 }] });
  });

  it('a registry that knows a lower position than this site wins; an unknown position leaves a key unlimited', async () => {
    const db = new DondocDb(`peers-${++databases}`);
    await db.peers.put({ ...peer(k2), previousKeys: [{ publicKey: k1, fingerprint: 'F1', replacedAt: '2026-05-20T00:00:00.000Z', lastSeq: 40 }] });
    const registry = registrySchema.parse({
      format: REGISTRY_FORMAT,
      coordinatorSiteId: 'vp',
      createdAt: '2026-06-01T00:00:00.000Z',
      sites: [
        {
          siteId: 'vp',
          name: 'Văn phòng UBND',
          units: ['u-vp'],
          role: 'coordinator',
          publicKey: k3,
          previousKeys: [
            { publicKey: k1, replacedAt: '2026-05-20T00:00:00.000Z', lastSeq: 12 },
            { publicKey: k2, replacedAt: '2026-05-30T00:00:00.000Z' },
          ],
        },
      ],
    });
    await trustRegistry(db, ctx, registry);
    expect(await previousKeys(db)).toEqual({ vp: [{ publicKey: k1, lastSeq: 12 }, k2] });
  });
});

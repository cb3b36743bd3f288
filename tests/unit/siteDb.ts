/**
 * One site of a test province as the sync, index and security tests need it: a fresh database
 * with its organisation written through the real write path, and every other site trusted with
 * its test key (tests/unit/syncMain.ts).
 */
import type { JsonValue } from '../../shared/data/ops';
import { ORGANISATION_SETTINGS_ID, type Organisation } from '../../shared/registries/organisation';
import { DondocDb } from '../../renderer/src/data/db';
import { withWrites, type WriteContext } from '../../renderer/src/data/repository';
import type { PeerRow } from '../../renderer/src/features/sync/data/types';
import { siteKey } from './syncMain';

export interface TestSiteSpec {
  site: string;
  role: 'coordinator' | 'unit';
  units: string[];
  name: string;
}

// Database names must differ between replicas of one test file; a counter keeps runs identical.
let opened = 0;

export async function openSiteDb(
  prefix: string,
  me: TestSiteSpec,
  sites: readonly TestSiteSpec[],
  now: () => Date,
  trustedAt = '2026-05-01T00:00:00Z',
): Promise<{ db: DondocDb; ctx: WriteContext }> {
  const db = new DondocDb(`${prefix}-${me.site}-${++opened}`);
  const ctx: WriteContext = { site: me.site, actor: `admin (${me.name})`, now };
  const org: Organisation = {
    authorityName: me.name,
    parentName: '',
    placeName: 'Cao Bằng',
    authoritySymbol: 'UBND',
    siteRole: me.role,
    actsForUnitIds: me.units,
    authorityUnitId: me.units[0],
  };
  await withWrites(db, ctx, ['settings'], (w) => w.set('settings', ORGANISATION_SETTINGS_ID, org as unknown as Record<string, JsonValue>, 'Thiết lập', me.name));
  const peers: PeerRow[] = sites
    .filter((s) => s.site !== me.site)
    .map((s) => ({
      siteId: s.site,
      name: s.name,
      units: s.units,
      role: s.role,
      publicKey: siteKey(s.site).publicKey,
      fingerprint: 'F',
      trustedAt,
      trustedBy: 'admin',
      previousKeys: [],
      ack: {},
      lastReceivedAt: null,
      lastSentAt: null,
    }));
  await db.peers.bulkPut(peers);
  return { db, ctx };
}

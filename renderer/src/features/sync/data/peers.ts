/**
 * Trust: which installations this one exchanges packages with, their keys and scopes.
 * A coordinator adds units from their identity cards; a unit office takes the whole signed
 * site registry from the coordinator. Trust is only ever given after the fingerprint was
 * compared by phone (the screens ask for that confirmation).
 */
import { AppError } from '@shared/errors';
import { fingerprint } from '@shared/sync/fingerprint';
import type { SyncSite } from '@shared/sync/authorize';
import type { Registry } from '@shared/sync/registry';
import type { AuthorKey } from '@shared/sync/authorship';
import type { LimitedKey } from '@shared/sync/package';
import { ORGANISATION_SETTINGS_ID, type Organisation } from '@shared/registries/organisation';
import type { JsonValue } from '@shared/data/ops';
import type { DondocDb } from '../../../data/db';
import { withWrites, type WriteContext } from '../../../data/repository';
import { loadOrganisation } from '../../registries/queries';
import type { PeerRow } from './types';

export const REGISTRY_META_KEY = 'sync.registry';

export interface RegistryMeta {
  coordinatorSiteId: string;
  createdAt: string;
  importedAt: string;
}

function nowIso(ctx: WriteContext): string {
  return (ctx.now ? ctx.now() : new Date()).toISOString();
}

export async function loadPeers(db: DondocDb): Promise<PeerRow[]> {
  return (await db.peers.toArray()).sort((a, b) => (a.role === b.role ? a.name.localeCompare(b.name, 'vi') : a.role === 'coordinator' ? -1 : 1));
}

/** siteId → public key of every trusted peer: what main verifies package signatures against. */
export async function trustedKeys(db: DondocDb): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const p of await db.peers.toArray()) out[p.siteId] = p.publicKey;
  return out;
}

/**
 * siteId → the keys each trusted peer used before its rotations, each limited to the last chain
 * position it signed when that is known: its old checkpoints stay provable, later ones do not.
 */
export async function previousKeys(db: DondocDb): Promise<Record<string, AuthorKey[]>> {
  const out: Record<string, AuthorKey[]> = {};
  for (const p of await db.peers.toArray()) {
    if (p.previousKeys.length) out[p.siteId] = p.previousKeys.map((k) => (k.lastSeq === undefined ? k.publicKey : { publicKey: k.publicKey, lastSeq: k.lastSeq }));
  }
  return out;
}

/** The registry as the authorizer reads it: every peer plus this site (from its organisation). */
export async function loadSyncSites(db: DondocDb, mySiteId: string): Promise<Map<string, SyncSite>> {
  const out = new Map<string, SyncSite>();
  for (const p of await db.peers.toArray()) out.set(p.siteId, { siteId: p.siteId, role: p.role, units: p.units });
  const org = await loadOrganisation(db);
  if (org && !out.has(mySiteId)) out.set(mySiteId, { siteId: mySiteId, role: org.siteRole, units: org.actsForUnitIds });
  return out;
}

export async function loadRegistryMeta(db: DondocDb): Promise<RegistryMeta | null> {
  const row = await db.meta.get(REGISTRY_META_KEY);
  return (row?.value as RegistryMeta | undefined) ?? null;
}

/** Coordinator: trusts a unit's key read from its identity card, acting for the chosen units. */
export async function trustIdentityCard(
  db: DondocDb,
  ctx: WriteContext,
  card: { siteId: string; name: string; publicKey: string },
  units: readonly string[],
): Promise<PeerRow> {
  if (card.siteId === ctx.site) throw new AppError('invalid-input', 'Đây là tệp khóa của chính máy này.');
  if (units.length === 0) throw new AppError('invalid-input', 'Chọn ít nhất một đơn vị mà máy này làm việc cho.');
  return db.transaction('rw', db.peers, async () => {
    const existing = await db.peers.get(card.siteId);
    const at = nowIso(ctx);
    const previousKeys = existing && existing.publicKey !== card.publicKey ? [...existing.previousKeys, { publicKey: existing.publicKey, fingerprint: existing.fingerprint, replacedAt: at }] : (existing?.previousKeys ?? []);
    const row: PeerRow = {
      siteId: card.siteId,
      name: card.name,
      units: [...new Set(units)],
      role: 'unit',
      publicKey: card.publicKey,
      fingerprint: fingerprint(card.publicKey),
      trustedAt: at,
      trustedBy: ctx.actor,
      previousKeys,
      ack: existing?.ack ?? {},
      lastReceivedAt: existing?.lastReceivedAt ?? null,
      lastSentAt: existing?.lastSentAt ?? null,
    };
    await db.peers.put(row);
    return row;
  });
}

/** Coordinator: changes which units a trusted site acts for (takes effect in the next registry). */
export async function setPeerUnits(db: DondocDb, siteId: string, units: readonly string[]): Promise<void> {
  if (units.length === 0) throw new AppError('invalid-input', 'Chọn ít nhất một đơn vị.');
  const n = await db.peers.update(siteId, { units: [...new Set(units)] });
  if (!n) throw new AppError('not-found', 'Không tìm thấy đơn vị đã ghép nối.');
}

export async function removePeer(db: DondocDb, siteId: string): Promise<void> {
  await db.peers.delete(siteId);
}

export interface RegistryTrustResult {
  peers: number;
  /** The units the registry says this site acts for, when they differ from the organisation's. */
  unitsChanged: { before: string[]; after: string[] } | null;
}

/**
 * Unit office: trusts the coordinator's registry (after the fingerprints were compared).
 * Every other site in it becomes a peer; sites no longer listed are dropped. When the
 * registry assigns this site different units, the organisation follows it (the registry is
 * the coordinator's decision), so local checks and the peers' checks agree.
 */
export async function trustRegistry(db: DondocDb, ctx: WriteContext, registry: Registry): Promise<RegistryTrustResult> {
  const me = registry.sites.find((s) => s.siteId === ctx.site);
  if (registry.coordinatorSiteId === ctx.site) throw new AppError('invalid-input', 'Danh bạ này do chính máy này xuất; không cần nhập lại.');
  const at = nowIso(ctx);
  const org = await loadOrganisation(db);
  const result = await db.transaction('rw', [db.peers, db.meta], async () => {
    const existing = new Map((await db.peers.toArray()).map((p) => [p.siteId, p]));
    const rows: PeerRow[] = registry.sites
      .filter((s) => s.siteId !== ctx.site)
      .map((s) => {
        const old = existing.get(s.siteId);
        const keyChanged = old && old.publicKey !== s.publicKey;
        return {
          siteId: s.siteId,
          name: s.name,
          units: s.units,
          role: s.role,
          publicKey: s.publicKey,
          fingerprint: fingerprint(s.publicKey),
          trustedAt: keyChanged || !old ? at : old.trustedAt,
          trustedBy: keyChanged || !old ? ctx.actor : old.trustedBy,
          previousKeys: mergeKeys(
            old ? (keyChanged ? [...old.previousKeys, { publicKey: old.publicKey, fingerprint: old.fingerprint, replacedAt: at }] : old.previousKeys) : [],
            (s.previousKeys ?? []).map((k) => ({ publicKey: k.publicKey, fingerprint: fingerprint(k.publicKey), replacedAt: k.replacedAt, ...(k.lastSeq === undefined ? {} : { lastSeq: k.lastSeq }) })),
            s.publicKey,
          ),
          ack: old?.ack ?? {},
          lastReceivedAt: old?.lastReceivedAt ?? null,
          lastSentAt: old?.lastSentAt ?? null,
        };
      });
    const keep = new Set(rows.map((r) => r.siteId));
    await db.peers.bulkDelete([...existing.keys()].filter((id) => !keep.has(id)));
    await db.peers.bulkPut(rows);
    const meta: RegistryMeta = { coordinatorSiteId: registry.coordinatorSiteId, createdAt: registry.createdAt, importedAt: at };
    await db.meta.put({ key: REGISTRY_META_KEY, value: meta });
    return rows.length;
  });
  let unitsChanged: RegistryTrustResult['unitsChanged'] = null;
  if (me && org && !sameSet(me.units, org.actsForUnitIds)) {
    const next: Organisation = { ...org, siteRole: me.role, actsForUnitIds: me.units };
    await withWrites(db, ctx, ['settings'], (w) =>
      w.set('settings', ORGANISATION_SETTINGS_ID, JSON.parse(JSON.stringify(next)) as Record<string, JsonValue>, 'Nhận danh bạ đơn vị', 'Cập nhật các đơn vị máy này làm việc cho theo danh bạ của Văn phòng điều phối'),
    );
    unitsChanged = { before: org.actsForUnitIds, after: me.units };
  }
  return { peers: result, unitsChanged };
}

/**
 * Earlier keys known here and listed elsewhere (a registry, a rotation), once each, never the
 * current key; when both know where a key stopped, the lower position holds.
 */
function mergeKeys(mine: PeerRow['previousKeys'], listed: PeerRow['previousKeys'], current: string): PeerRow['previousKeys'] {
  const out = new Map<string, PeerRow['previousKeys'][number]>();
  for (const k of [...listed, ...mine]) {
    if (k.publicKey === current) continue;
    const known = out.get(k.publicKey);
    if (!known) out.set(k.publicKey, k);
    else if (k.lastSeq !== undefined && (known.lastSeq === undefined || k.lastSeq < known.lastSeq)) out.set(k.publicKey, { ...known, lastSeq: k.lastSeq });
  }
  return [...out.values()].sort((a, b) => (a.replacedAt < b.replacedAt ? -1 : a.replacedAt > b.replacedAt ? 1 : 0));
}

/**
 * A package's signer moved to a new key vouched for by the trusted one: remember it, and the keys
 * it left behind with the last chain position each signed.
 */
export async function recordPeerKey(db: DondocDb, siteId: string, next: { publicKey: string; replaced: readonly LimitedKey[] }, at: string): Promise<void> {
  await db.transaction('rw', db.peers, async () => {
    const peer = await db.peers.get(siteId);
    if (!peer || peer.publicKey === next.publicKey) return;
    const limitOf = (key: string) => next.replaced.find((r) => r.publicKey === key)?.lastSeq;
    const left = [peer.publicKey, ...next.replaced.map((r) => r.publicKey)].map((publicKey) => {
      const lastSeq = limitOf(publicKey);
      return { publicKey, fingerprint: fingerprint(publicKey), replacedAt: at, ...(lastSeq === undefined ? {} : { lastSeq }) };
    });
    await db.peers.put({
      ...peer,
      previousKeys: mergeKeys(peer.previousKeys, left, next.publicKey),
      publicKey: next.publicKey,
      fingerprint: fingerprint(next.publicKey),
    });
  });
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const s = new Set(a);
  return s.size === new Set(b).size && b.every((x) => s.has(x));
}

import { useLiveQuery } from 'dexie-react-hooks';
import type { Unit } from '@shared/registries/units';
import type { Official, Post } from '@shared/registries/officials';
import { ORGANISATION_SETTINGS_ID, resolveOrganisation, type Organisation } from '@shared/registries/organisation';
import { visible } from '../../data/repository';
import { useAppState } from '../../state/app';
import type { DondocDb } from '../../data/db';

export async function loadUnits(db: DondocDb): Promise<Unit[]> {
  return visible<Unit>(await db.units.toArray());
}
export async function loadOfficials(db: DondocDb): Promise<Official[]> {
  return visible<Official>(await db.officials.toArray());
}
export async function loadPosts(db: DondocDb): Promise<Post[]> {
  return visible<Post>(await db.posts.toArray());
}
export async function loadOrganisation(db: DondocDb): Promise<Organisation | null> {
  const row = await db.settings.get(ORGANISATION_SETTINGS_ID);
  if (!row || row._deleted === 1) return null;
  const org = visible<Organisation>([row])[0];
  return org.siteRole === 'unit' ? resolveOrganisation(org, await loadUnits(db)) : org;
}

export function useUnits(): Unit[] | undefined {
  const db = useAppState((s) => s.db);
  return useLiveQuery(() => (db ? loadUnits(db) : []), [db]);
}
export function useOfficials(): Official[] | undefined {
  const db = useAppState((s) => s.db);
  return useLiveQuery(() => (db ? loadOfficials(db) : []), [db]);
}
export function usePosts(): Post[] | undefined {
  const db = useAppState((s) => s.db);
  return useLiveQuery(() => (db ? loadPosts(db) : []), [db]);
}
export function useOrganisation(): Organisation | null | undefined {
  const db = useAppState((s) => s.db);
  return useLiveQuery(() => (db ? loadOrganisation(db) : null), [db]);
}

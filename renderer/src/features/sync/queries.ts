import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import type { SiteIdentityData } from '@shared/ipc/channels/sync';
import { api } from '../../api';
import { useAppState } from '../../state/app';
import { notifyError } from '../../ui/notify';
import { loadConflictItems, type ConflictItem } from './data/conflicts';
import { importRejections, rejectionRecordName } from './data/importPackage';
import { loadPeers, loadRegistryMeta } from './data/peers';
import { loadImports, loadRecentExports, peerStatuses, type PeerStatus } from './data/status';
import type { ExportRow, ImportRow, PeerRow, RejectionRow } from './data/types';

export function usePeers(): PeerRow[] | undefined {
  const db = useAppState((s) => s.db);
  return useLiveQuery(() => (db ? loadPeers(db) : []), [db]);
}

export function useRegistryMeta() {
  const db = useAppState((s) => s.db);
  return useLiveQuery(() => (db ? loadRegistryMeta(db) : null), [db]);
}

/** Every package read from a peer ([] before the database opens). */
export function useImports(): ImportRow[] | undefined {
  const db = useAppState((s) => s.db);
  return useLiveQuery(() => (db ? loadImports(db) : []), [db]);
}

/** The 15 latest packages written by this site, newest first ([] before the database opens). */
export function useRecentExports(): ExportRow[] | undefined {
  const db = useAppState((s) => s.db);
  return useLiveQuery(() => (db ? loadRecentExports(db, 15) : []), [db]);
}

/** Where each peer stands as of a day ([] before the database opens). */
export function usePeerStatuses(asOf: string): PeerStatus[] | undefined {
  const db = useAppState((s) => s.db);
  return useLiveQuery(() => (db ? peerStatuses(db, asOf) : []), [db, asOf]);
}

/** Open or closed conflicts, ready to show ([] before the database opens). */
export function useConflictItems(tab: 'open' | 'closed'): ConflictItem[] | undefined {
  const db = useAppState((s) => s.db);
  return useLiveQuery(async () => (db ? loadConflictItems(db, tab) : []), [db, tab]);
}

/**
 * One import's refused and held-back ops, refused first then by time, each with the name of the
 * record it touched; null before the database opens, undefined while loading.
 */
export function useImportRejections(packageHash: string): { rows: RejectionRow[]; names: Map<string, string> } | null | undefined {
  const db = useAppState((s) => s.db);
  return useLiveQuery(async () => {
    if (!db) return null;
    const rows = await importRejections(db, packageHash);
    rows.sort((a, b) => (a.status === b.status ? a.hlc.localeCompare(b.hlc) : a.status === 'rejected' ? -1 : 1));
    const names = new Map<string, string>();
    for (const r of rows) names.set(r.opId, await rejectionRecordName(db, r));
    return { rows, names };
  }, [db, packageHash]);
}

/** siteId → display name, this site included. */
export function useSiteNames(ownName: string): (siteId: string) => string {
  const peers = usePeers();
  const siteId = useAppState((s) => s.siteId);
  return (id: string) => (id === siteId ? `${ownName} (máy này)` : (peers?.find((p) => p.siteId === id)?.name ?? `Máy ${id}`));
}

/** This site's key and fingerprint from main (created on first call). */
export function useIdentity(): [SiteIdentityData | null, (next: SiteIdentityData) => void] {
  const [identity, setIdentity] = useState<SiteIdentityData | null>(null);
  useEffect(() => {
    api()
      .call('sync:identity', {})
      .then(setIdentity)
      .catch((e: unknown) => notifyError(e, 'Không đọc được khóa của máy'));
  }, []);
  return [identity, setIdentity];
}

import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import type { SiteIdentityData } from '@shared/ipc/channels/sync';
import { api } from '../../api';
import { useAppState } from '../../state/app';
import { notifyError } from '../../ui/notify';
import { loadPeers, loadRegistryMeta } from './data/peers';
import type { PeerRow } from './data/types';

export function usePeers(): PeerRow[] | undefined {
  const db = useAppState((s) => s.db);
  return useLiveQuery(() => (db ? loadPeers(db) : []), [db]);
}

export function useRegistryMeta() {
  const db = useAppState((s) => s.db);
  return useLiveQuery(() => (db ? loadRegistryMeta(db) : null), [db]);
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
